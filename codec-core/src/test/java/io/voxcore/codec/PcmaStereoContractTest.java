package io.voxcore.codec;

/** The {@link AudioCodec} contract for PCMA stereo (interleaved; G.711 codes each sample alone), anchored to {@link G711}'s A-law primitives. */
class PcmaStereoContractTest extends AbstractSampleCodecContractTest {

    @Override
    AudioCodec newCodec() {
        return CodecFactory.create(CodecConfig.of(CodecType.PCMA).withChannels(2));
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
        out[at] = G711.linearToAlaw(sample);
    }

    @Override
    short referenceDecode(byte[] data, int at) {
        return G711.alawToLinear(data[at]);
    }
}
