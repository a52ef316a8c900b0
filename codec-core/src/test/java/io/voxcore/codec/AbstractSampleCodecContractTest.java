package io.voxcore.codec;

/**
 * The {@link AudioCodec} contract for stateless codecs that code each sample on its own into a
 * fixed number of bytes (G.711, L16): the reference is a single-sample function that the
 * subclass takes from an independent source, applied sample by sample.
 */
abstract class AbstractSampleCodecContractTest extends AbstractAudioCodecContractTest {

    /** Encoded bytes per sample. */
    abstract int bytesPerSample();

    /** Reference encoding of one sample into {@code bytesPerSample()} bytes at {@code out[at]}. */
    abstract void referenceEncode(short sample, byte[] out, int at);

    /** Reference decoding of the {@code bytesPerSample()} bytes at {@code data[at]}. */
    abstract short referenceDecode(byte[] data, int at);

    @Override
    final int frameSamples() {
        return channels();
    }

    @Override
    final int frameBytes() {
        return channels() * bytesPerSample();
    }

    @Override
    final String frameWord() {
        return channels() + "-channel";
    }

    @Override
    final byte[] referenceEncode(short[] pcm) {
        byte[] out = new byte[pcm.length * bytesPerSample()];
        for (int i = 0; i < pcm.length; i++) {
            referenceEncode(pcm[i], out, i * bytesPerSample());
        }
        return out;
    }

    @Override
    final short[] referenceDecode(byte[] data) {
        short[] pcm = new short[data.length / bytesPerSample()];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = referenceDecode(data, i * bytesPerSample());
        }
        return pcm;
    }
}
