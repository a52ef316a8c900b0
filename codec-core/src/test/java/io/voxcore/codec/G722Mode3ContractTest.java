package io.voxcore.codec;

/** The {@link AudioCodec} contract for G.722 at 48 kbit/s (ITU mode 3), against {@code outsp3.bin}. */
class G722Mode3ContractTest extends AbstractG722ContractTest {

    @Override
    int bitrate() {
        return 48000;
    }

    @Override
    String referenceOutput() {
        return "outsp3.bin";
    }
}
