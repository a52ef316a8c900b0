package io.voxcore.codec;

/** The {@link AudioCodec} contract for PCMA mono, anchored to {@link G711}'s A-law primitives. */
class PcmaMonoContractTest extends AbstractSampleCodecContractTest {

    @Override
    AudioCodec newCodec() {
        return CodecFactory.createByPayloadType(8);
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
        out[at] = G711.linearToAlaw(sample);
    }

    @Override
    short referenceDecode(byte[] data, int at) {
        return G711.alawToLinear(data[at]);
    }
}
