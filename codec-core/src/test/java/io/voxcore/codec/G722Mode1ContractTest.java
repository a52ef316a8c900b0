package io.voxcore.codec;

/** The {@link AudioCodec} contract for G.722 at 64 kbit/s (ITU mode 1), against {@code outsp1.bin}. */
class G722Mode1ContractTest extends AbstractG722ContractTest {

    @Override
    int bitrate() {
        return 64000;
    }

    @Override
    String referenceOutput() {
        return "outsp1.bin";
    }
}
