package io.voxcore.codec;

/** The {@link AudioCodec} contract for PCMU mono, anchored to {@link G711}'s mu-law primitives. */
class PcmuMonoContractTest extends AbstractSampleCodecContractTest {

    @Override
    AudioCodec newCodec() {
        return CodecFactory.createByPayloadType(0);
    }

    @Override
    int channels() {
        return 1;
    }

    @Override
    int bytesPerSample() {
        return 1;
    }

    @Override
    void referenceEncode(short sample, byte[] out, int at) {
        out[at] = G711.linearToUlaw(sample);
    }

    @Override
    short referenceDecode(byte[] data, int at) {
        return G711.ulawToLinear(data[at]);
    }
}
