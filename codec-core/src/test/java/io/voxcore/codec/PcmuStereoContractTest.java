package io.voxcore.codec;

/** The {@link AudioCodec} contract for PCMU stereo (interleaved; G.711 codes each sample alone), anchored to {@link G711}'s mu-law primitives. */
class PcmuStereoContractTest extends AbstractSampleCodecContractTest {

    @Override
    AudioCodec newCodec() {
        return CodecFactory.create(CodecConfig.of(CodecType.PCMU).withChannels(2));
    }

    @Override
    int channels() {
        return 2;
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
