package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The compound-packet writer, checked byte for byte against the hand-assembled RFC 3550 layouts. */
class RtcpWriterTest {

    private static final byte[] CNAME = "user@host".getBytes(StandardCharsets.UTF_8);

    private static String hexOf(ByteBuffer buf, int offset, int length) {
        byte[] out = new byte[length];
        buf.get(offset, out, 0, length);
        return HexFormat.of().formatHex(out);
    }

    private static String expected(String... parts) {
        return String.join("", parts).replace(" ", "").toLowerCase();
    }

    @Test
    void writesTheSameBytesAsTheHandAssembledSenderReportSdesAndBye() {
        ByteBuffer buf = ByteBuffer.allocate(200);
        int length = new RtcpWriter().wrap(buf, 3, 197)
                .senderReport(0x11223344L, 0xDA3D5D2C_80000000L, 123456, 100, 16000)
                .reportBlock(0x55667788L, 64, -2, 0x0001FFFFL, 32, 0xB7052000L, 0x00054000L)
                .sourceDescription(0x11223344L, CNAME)
                .bye(0x11223344L, "bye".getBytes(StandardCharsets.US_ASCII))
                .length();
        assertThat(hexOf(buf, 3, length)).isEqualTo(
                expected(RtcpPacketTest.SR_ONE_BLOCK, RtcpPacketTest.SDES_CNAME, RtcpPacketTest.BYE_REASON));
        assertThat(buf.get(2)).isZero();
        assertThat(buf.get(3 + length)).isZero();
        assertThat(buf.position()).isZero();
    }

    @Test
    void writesAnEmptyReceiverReportWithItsSdes() {
        ByteBuffer buf = ByteBuffer.allocateDirect(64);
        int length = new RtcpWriter().wrap(buf, 0, 64).receiverReport(0x11223344L)
                .sourceDescription(0x11223344L, CNAME).length();
        assertThat(hexOf(buf, 0, length)).isEqualTo(expected(RtcpPacketTest.EMPTY_RR, RtcpPacketTest.SDES_CNAME));
    }

    @Test
    void sdesAndByePadToTheNextWordWithNulls() {
        ByteBuffer buf = ByteBuffer.allocate(64);
        // CNAME "abcd": 4 + 4 + 2 + 4 = 14, then 2 nulls to 16; BYE with reason "ab": 8 + 3, then 1 null to 12
        int length = new RtcpWriter().wrap(buf, 0, 64).receiverReport(1)
                .sourceDescription(1, "abcd".getBytes(StandardCharsets.US_ASCII))
                .bye(1, "ab".getBytes(StandardCharsets.US_ASCII)).length();
        assertThat(hexOf(buf, 0, length)).isEqualTo(expected(
                "80 C9 0001 00000001",
                "81 CA 0003 00000001 01 04 61626364 0000",
                "81 CB 0002 00000001 02 6162 00"));
    }

    @Test
    void writerOutputParsesBackIncludingThirtyOneBlocksAndClampedLoss() {
        ByteBuffer buf = ByteBuffer.allocateDirect(1500);
        RtcpWriter writer = new RtcpWriter().wrap(buf, 10, 1490).receiverReport(0xFEEDF00DL);
        for (int i = 0; i < RtcpReport.MAX_BLOCKS; i++) {
            writer.reportBlock(1000 + i, i, i % 2 == 0 ? -10_000_000 : 10_000_000_000L, 70_000 + i, 5 * i, 0, 0);
        }
        int length = writer.sourceDescription(0xFEEDF00DL, CNAME).bye(0xFEEDF00DL, null).length();
        assertThat(length).isEqualTo(8 + 31 * 24 + 20 + 8);

        RtcpPacket rtcp = new RtcpPacket().wrap(buf, 10, length);
        assertThat(rtcp.validate()).isEqualTo(RtcpValidation.VALID);
        RtcpReport rr = new RtcpReport().wrap(rtcp);
        assertThat(rr.ssrc()).isEqualTo(0xFEEDF00DL);
        assertThat(rr.blockCount()).isEqualTo(31);
        for (int i = 0; i < 31; i++) {
            assertThat(rr.blockSsrc(i)).isEqualTo(1000 + i);
            assertThat(rr.fractionLost(i)).isEqualTo(i);
            assertThat(rr.cumulativeLost(i)).isEqualTo(i % 2 == 0 ? -0x800000 : 0x7FFFFF); // RFC 3550 A.3 clamp
            assertThat(rr.extendedHighestSequence(i)).isEqualTo(70_000 + i);
            assertThat(rr.jitter(i)).isEqualTo(5 * i);
        }
        assertThat(rr.blockIndexOf(1030)).isEqualTo(30);
        assertThat(rr.blockIndexOf(1000)).isZero();
        assertThat(rr.blockIndexOf(999)).isEqualTo(-1);
        assertThat(rtcp.next()).isTrue();
        RtcpSdes sdes = new RtcpSdes().wrap(rtcp);
        assertThat(sdes.nextChunk() && sdes.findItem(RtcpSdes.CNAME)).isTrue();
        assertThat(sdes.itemText()).isEqualTo("user@host");
        assertThat(rtcp.next()).isTrue();
        RtcpBye bye = new RtcpBye().wrap(rtcp);
        assertThat(bye.ssrc(0)).isEqualTo(0xFEEDF00DL);
        assertThat(bye.reasonOffset()).isEqualTo(-1);
        assertThat(bye.reasonLength()).isZero();
        assertThat(rtcp.next()).isFalse();
    }

    @Test
    void misuseThrowsWithTheValuesInvolved() {
        ByteBuffer buf = ByteBuffer.allocate(64);
        assertThatThrownBy(() -> new RtcpWriter().wrap(buf, 0, 64).sourceDescription(1, CNAME))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EMPTY");
        assertThatThrownBy(() -> new RtcpWriter().wrap(buf, 0, 64).receiverReport(1).receiverReport(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("first");
        assertThatThrownBy(() -> new RtcpWriter().wrap(buf, 0, 64).receiverReport(1).sourceDescription(1, CNAME)
                .reportBlock(1, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DESCRIBED");
        assertThatThrownBy(() -> new RtcpWriter().wrap(buf, 0, 64).receiverReport(1).sourceDescription(1, new byte[256]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> new RtcpWriter().wrap(buf, 0, 64).receiverReport(1).sourceDescription(1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is 0");
        assertThatThrownBy(() -> new RtcpWriter().wrap(buf, 0, 30).senderReport(1, 0, 0, 0, 0).reportBlock(1, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs 24 bytes at offset 28 but only 2 remain");
        ByteBuffer big = ByteBuffer.allocate(1000);
        RtcpWriter full = new RtcpWriter().wrap(big, 0, 1000).receiverReport(1);
        for (int i = 0; i < 31; i++) {
            full.reportBlock(i, 0, 0, 0, 0, 0, 0);
        }
        assertThatThrownBy(() -> full.reportBlock(31, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("31");
        assertThatThrownBy(() -> new RtcpWriter().receiverReport(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writingAndParsingACompoundPacketAllocatesNothing() {
        ByteBuffer buf = ByteBuffer.allocateDirect(512);
        RtcpWriter writer = new RtcpWriter();
        RtcpPacket rtcp = new RtcpPacket();
        RtcpReport report = new RtcpReport();
        RtcpSdes sdes = new RtcpSdes();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += roundTrip(buf, writer, rtcp, report, sdes, i); // warm up: let the JIT settle
        }
        long before = Allocations.currentThread();
        for (int i = 0; i < 20_000; i++) {
            sink += roundTrip(buf, writer, rtcp, report, sdes, i);
        }
        long allocated = Allocations.currentThread() - before;
        assertThat(sink).isNotZero();
        assertThat(allocated).as("bytes allocated by 20,000 write+validate+parse rounds").isLessThan(20_000);
    }

    private static long roundTrip(ByteBuffer buf, RtcpWriter writer, RtcpPacket rtcp, RtcpReport report,
                                  RtcpSdes sdes, int i) {
        int length = writer.wrap(buf, 0, 512).senderReport(7, NtpTime.fromEpochMillis(i), i, i, i)
                .reportBlock(9, 1, i, i, i, NtpTime.middle32(i), 0).sourceDescription(7, CNAME).length();
        long sum = 0;
        if (rtcp.wrap(buf, 0, length).validate() == RtcpValidation.VALID) {
            do {
                if (rtcp.packetType() == RtcpPacket.SR) {
                    report.wrap(rtcp);
                    sum += report.cumulativeLost(0) + report.ssrc();
                } else if (rtcp.packetType() == RtcpPacket.SDES) {
                    sdes.wrap(rtcp);
                    if (sdes.nextChunk() && sdes.findItem(RtcpSdes.CNAME)) {
                        sum += sdes.itemLength();
                    }
                }
            } while (rtcp.next());
        }
        return sum;
    }
}
