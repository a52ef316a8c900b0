package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The {@link AudioCodec} contract for the test-scope L16 codec (RFC 3551: 16-bit signed,
 * big-endian), reached through the factory, anchored to the JDK's big-endian
 * {@link ByteBuffer#putShort(int, short)}.
 */
class L16ContractTest extends AbstractSampleCodecContractTest {

    @Override
    AudioCodec newCodec() {
        return CodecFactory.createByPayloadType(11);
    }

    @Override
    int channels() {
        return 1;
    }

    @Override
    int bytesPerSample() {
        return 2;
    }

    @Override
    void referenceEncode(short sample, byte[] out, int at) {
        ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN).putShort(at, sample);
    }

    @Override
    short referenceDecode(byte[] data, int at) {
        return ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).getShort(at);
    }

    @Test
    void networkByteOrderConstants() {
        AudioCodec codec = newCodec();
        assertThat(codec.encode(new short[] {0x1234, -2, Short.MIN_VALUE, Short.MAX_VALUE}))
                .containsExactly(0x12, 0x34, 0xFF, 0xFE, 0x80, 0x00, 0x7F, 0xFF);
        assertThat(codec.decode(new byte[] {0x12, 0x34, (byte) 0xFF, (byte) 0xFE}))
                .containsExactly((short) 0x1234, (short) -2);
    }

    @Test
    void maxEncodedSizeRefusesOverflow() {
        int tooMany = Integer.MAX_VALUE / 2 + 1;
        assertThatThrownBy(() -> newCodec().maxEncodedSize(tooMany))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining(Integer.toString(tooMany));
        assertThat(newCodec().maxDecodedSize(7)).isEqualTo(3);
    }
}
