package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private static ByteBuffer hex(String text) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(text.replace(" ", "")));
    }

    @Test
    void readsAHandAssembledHeader() {
        // V=2 P=0 X=0 CC=1, M=1 PT=8, seq 0xABCD, ts 0x01020304, ssrc 0xDEADBEEF, csrc 0x11223344, payload 3 bytes
        ByteBuffer buf = hex("81 88 ABCD 01020304 DEADBEEF 11223344 D5 D5 D5");
        RtpPacket p = new RtpPacket().wrap(buf, 0, buf.capacity());
        assertThat(p.validate()).isEqualTo(RtpValidation.VALID);
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(8);
        assertThat(p.sequenceNumber()).isEqualTo(0xABCD);
        assertThat(p.timestamp()).isEqualTo(0x01020304L);
        assertThat(p.ssrc()).isEqualTo(0xDEADBEEFL);
        assertThat(p.csrcCount()).isEqualTo(1);
        assertThat(p.csrc(0)).isEqualTo(0x11223344L);
        assertThat(p.payloadOffset()).isEqualTo(16);
        assertThat(p.payloadLength()).isEqualTo(3);
    }

    @Test
    void writeThenReadGivesTheFieldsBackAtAnOffsetInADirectBuffer() {
        ByteBuffer buf = ByteBuffer.allocateDirect(64);
        int n = RtpPacket.writeHeader(buf, 7, true, 0, 65535, 0xFFFF_FFFFL, 0x8000_0001L);
        RtpPacket p = new RtpPacket().wrap(buf, 7, n + 20);
        assertThat(p.validate()).isEqualTo(RtpValidation.VALID);
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isZero();
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(0xFFFF_FFFFL);
        assertThat(p.ssrc()).isEqualTo(0x8000_0001L);
        assertThat(p.payloadOffset()).isEqualTo(19);
        assertThat(p.payloadLength()).isEqualTo(20);
        assertThat(buf.position()).isZero();
    }

    @Test
    void oneByteExtensionElementsAreFoundAndPaddingHonoured() {
        // X=1, P=1: ext profile BEDE length 1 word: id 1 len 2 (L=1) data AABB, then 1 padding byte 00
        // payload 2 bytes, then padding of 2 bytes (last byte = count 2)
        ByteBuffer buf = hex("B0 00 0001 00000000 00000001 BEDE 0001 11 AABB 00 CAFE 00 02");
        RtpPacket p = new RtpPacket().wrap(buf, 0, buf.capacity());
        assertThat(p.validate()).isEqualTo(RtpValidation.VALID);
        assertThat(p.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(p.extensionElementOffset(1)).isEqualTo(17);
        assertThat(p.extensionElementLength(1)).isEqualTo(2);
        assertThat(p.extensionElementOffset(2)).isEqualTo(-1);
        assertThat(p.payloadOffset()).isEqualTo(20);
        assertThat(p.payloadLength()).isEqualTo(2);
        assertThat(p.paddingLength()).isEqualTo(2);
    }

    @Test
    void malformedPacketsGiveAReason() {
        assertThat(validate("80 00 0001 00000000")).isEqualTo(RtpValidation.TRUNCATED);
        assertThat(validate("40 00 0001 00000000 00000001")).isEqualTo(RtpValidation.BAD_VERSION);
        assertThat(validate("82 00 0001 00000000 00000001 11111111")).isEqualTo(RtpValidation.CSRC_OVERRUN);
        assertThat(validate("90 00 0001 00000000 00000001 BEDE 0002 00000000")).isEqualTo(RtpValidation.EXTENSION_OVERRUN);
        assertThat(validate("90 00 0001 00000000 00000001 BEDE 0001 3F 0000 00")).isEqualTo(RtpValidation.EXTENSION_OVERRUN);
        assertThat(validate("A0 00 0001 00000000 00000001 AA 05")).isEqualTo(RtpValidation.BAD_PADDING);
        assertThat(validate("A0 00 0001 00000000 00000001 AA 00")).isEqualTo(RtpValidation.BAD_PADDING);
    }

    private static RtpValidation validate(String text) {
        ByteBuffer buf = hex(text);
        return new RtpPacket().wrap(buf, 0, buf.capacity()).validate();
    }
}
