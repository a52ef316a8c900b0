package io.voxcore.codec;

/** The {@link AudioCodec} contract for G.722 at 56 kbit/s (ITU mode 2), against {@code outsp2.bin}. */
class G722Mode2ContractTest extends AbstractG722ContractTest {

    @Override
    int bitrate() {
        return 56000;
    }

    @Override
    String referenceOutput() {
        return "outsp2.bin";
    }
}
