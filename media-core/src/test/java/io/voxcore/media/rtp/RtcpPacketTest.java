package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RTCP parsing against compound packets assembled by hand from the RFC 3550 section 6 layouts. */
class RtcpPacketTest {

    // SR (RFC 3550 6.4.1): V=2 P=0 RC=1 PT=200 length=12 words-1
    static final String SR_ONE_BLOCK = "81 C8 000C"
            + " 11223344"            // SSRC of sender
            + " DA3D5D2C 80000000"   // NTP timestamp
            + " 0001E240"            // RTP timestamp 123456
            + " 00000064"            // sender's packet count 100
            + " 00003E80"            // sender's octet count 16000
            + " 55667788"            // block 1: SSRC_1
            + " 40 FFFFFE"           //   fraction lost 64/256, cumulative lost -2
            + " 0001FFFF"            //   extended highest sequence: 1 cycle, seq 65535
            + " 00000020"            //   jitter 32
            + " B7052000"            //   LSR
            + " 00054000";           //   DLSR 5.25 s
    // SDES (6.5): SC=1 PT=202 length=4: chunk SSRC, CNAME=1 len 9 "user@host", END, (no more padding needed)
    static final String SDES_CNAME = "81 CA 0004 11223344 01 09 757365724068 6F7374 00";
    // APP (6.7): subtype 0, PT=204, length=3: SSRC, name "TEST", 4 bytes of data
    static final String APP = "80 CC 0003 11223344 54455354 01020304";
    // BYE (6.6): SC=1 PT=203 length=2: SSRC, reason length 3 "bye"
    static final String BYE_REASON = "81 CB 0002 11223344 03 627965";
    // RR (6.4.2): RC=0, PT=201, length=1: SSRC only
    static final String EMPTY_RR = "80 C9 0001 11223344";

    static ByteBuffer hex(String text) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(text.replace(" ", "")));
    }

    private static RtcpValidation validate(String text) {
        ByteBuffer buf = hex(text);
        return new RtcpPacket().wrap(buf, 0, buf.capacity()).validate();
    }

    @Test
    void walksAHandAssembledCompoundPacketAndReadsEveryField() {
        ByteBuffer buf = hex(SR_ONE_BLOCK + SDES_CNAME + APP + BYE_REASON);
        RtcpPacket rtcp = new RtcpPacket().wrap(buf, 0, buf.capacity());
        assertThat(rtcp.validate()).isEqualTo(RtcpValidation.VALID);

        assertThat(rtcp.packetType()).isEqualTo(RtcpPacket.SR);
        assertThat(rtcp.packetOffset()).isZero();
        assertThat(rtcp.packetLength()).isEqualTo(52);
        assertThat(rtcp.count()).isEqualTo(1);
        assertThat(rtcp.ssrc()).isEqualTo(0x11223344L);
        RtcpReport sr = new RtcpReport().wrap(rtcp);
        assertThat(sr.isSenderReport()).isTrue();
        assertThat(sr.ssrc()).isEqualTo(0x11223344L);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xDA3D5D2C_80000000L);
        assertThat(sr.rtpTimestamp()).isEqualTo(123456L);
        assertThat(sr.packetCount()).isEqualTo(100L);
        assertThat(sr.octetCount()).isEqualTo(16000L);
        assertThat(sr.blockCount()).isEqualTo(1);
        assertThat(sr.blockOffset(0)).isEqualTo(28);
        assertThat(sr.blockSsrc(0)).isEqualTo(0x55667788L);
        assertThat(sr.fractionLost(0)).isEqualTo(64);
        assertThat(sr.cumulativeLost(0)).isEqualTo(-2);
        assertThat(sr.extendedHighestSequence(0)).isEqualTo(0x0001FFFFL);
        assertThat(sr.jitter(0)).isEqualTo(32L);
        assertThat(sr.lastSenderReport(0)).isEqualTo(0xB7052000L);
        assertThat(sr.delaySinceLastSenderReport(0)).isEqualTo(0x00054000L);
        assertThatThrownBy(() -> sr.blockSsrc(1)).isInstanceOf(IndexOutOfBoundsException.class);

        assertThat(rtcp.next()).isTrue();
        assertThat(rtcp.packetType()).isEqualTo(RtcpPacket.SDES);
        assertThat(rtcp.packetOffset()).isEqualTo(52);
        RtcpSdes sdes = new RtcpSdes().wrap(rtcp);
        assertThat(sdes.chunkCount()).isEqualTo(1);
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(0x11223344L);
        assertThat(sdes.findItem(RtcpSdes.CNAME)).isTrue();
        assertThat(sdes.itemOffset()).isEqualTo(52 + 10);
        assertThat(sdes.itemLength()).isEqualTo(9);
        assertThat(sdes.itemText()).isEqualTo("user@host");
        assertThat(sdes.findItem(RtcpSdes.NAME)).isFalse();
        assertThat(sdes.nextChunk()).isFalse();

        assertThat(rtcp.next()).isTrue();
        assertThat(rtcp.packetType()).isEqualTo(RtcpPacket.APP); // unknown to the flyweights: skipped by length
        assertThat(rtcp.packetLength()).isEqualTo(16);

        assertThat(rtcp.next()).isTrue();
        assertThat(rtcp.packetType()).isEqualTo(RtcpPacket.BYE);
        RtcpBye bye = new RtcpBye().wrap(rtcp);
        assertThat(bye.sourceCount()).isEqualTo(1);
        assertThat(bye.ssrc(0)).isEqualTo(0x11223344L);
        assertThat(bye.reasonLength()).isEqualTo(3);
        assertThat(bye.reasonOffset()).isEqualTo(52 + 20 + 16 + 9);
        assertThat(buf.get(bye.reasonOffset())).isEqualTo((byte) 'b');

        assertThat(rtcp.next()).isFalse();
        assertThat(rtcp.nextOffset()).isEqualTo(buf.capacity());
        assertThat(rtcp.rewind().packetType()).isEqualTo(RtcpPacket.SR);
        assertThat(buf.position()).isZero();
    }

    @Test
    void readsAReceiverReportAndSdesWithSeveralChunksAndItemsAtAnOffsetInADirectBuffer() {
        // RR with RC=0; SDES SC=2: chunk 1 = CNAME "a" + TOOL "vx" + END (ends on a word boundary);
        // chunk 2 = NAME "" + END + 1 null of padding
        String compound = EMPTY_RR + " 82 CA 0005 11223344 01 01 61 06 02 7678 00  AABBCCDD 02 00 00 00";
        byte[] bytes = HexFormat.of().parseHex(compound.replace(" ", ""));
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length + 7);
        buf.put(7, bytes, 0, bytes.length);
        RtcpPacket rtcp = new RtcpPacket().wrap(buf, 7, bytes.length);
        assertThat(rtcp.validate()).isEqualTo(RtcpValidation.VALID);
        RtcpReport rr = new RtcpReport().wrap(rtcp);
        assertThat(rr.isSenderReport()).isFalse();
        assertThat(rr.ssrc()).isEqualTo(0x11223344L);
        assertThat(rr.blockCount()).isZero();

        assertThat(rtcp.next()).isTrue();
        RtcpSdes sdes = new RtcpSdes().wrap(rtcp);
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.nextItem()).isTrue();
        assertThat(sdes.itemType()).isEqualTo(RtcpSdes.CNAME);
        assertThat(sdes.itemText()).isEqualTo("a");
        assertThat(sdes.nextItem()).isTrue();
        assertThat(sdes.itemType()).isEqualTo(RtcpSdes.TOOL);
        assertThat(sdes.itemText()).isEqualTo("vx");
        assertThat(sdes.nextItem()).isFalse();
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(0xAABBCCDDL);
        assertThat(sdes.findItem(RtcpSdes.NAME)).isTrue();
        assertThat(sdes.itemLength()).isZero();
        assertThat(sdes.findItem(RtcpSdes.CNAME)).isFalse();
        assertThat(sdes.nextChunk()).isFalse();
        assertThat(rtcp.next()).isFalse();
    }

    @Test
    void theNextChunkStartsAfterTheNullPaddingToA32BitBoundary() {
        // chunk 1: CNAME "ab", END, 3 nulls of padding; chunk 2: CNAME "c", END
        ByteBuffer buf = hex(EMPTY_RR + " 82 CA 0005 11223344 01 02 6162 00 000000 AABBCCDD 01 01 63 00");
        RtcpPacket rtcp = new RtcpPacket().wrap(buf, 0, buf.capacity());
        assertThat(rtcp.validate()).isEqualTo(RtcpValidation.VALID);
        assertThat(rtcp.next()).isTrue();
        RtcpSdes sdes = new RtcpSdes().wrap(rtcp);
        assertThat(sdes.nextChunk() && sdes.findItem(RtcpSdes.CNAME)).isTrue();
        assertThat(sdes.itemText()).isEqualTo("ab");
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(0xAABBCCDDL);
        assertThat(sdes.findItem(RtcpSdes.CNAME)).isTrue();
        assertThat(sdes.itemOffset()).isEqualTo(8 + 22);
        assertThat(sdes.itemText()).isEqualTo("c");
    }

    @Test
    void feedbackAndExtendedReportsAreSkippedByTheirLength() {
        // PSFB (206) PLI, FMT=1, length 2: sender SSRC, media SSRC; XR (207) length 1: SSRC only
        ByteBuffer buf = hex(EMPTY_RR + " 81 CE 0002 11223344 55667788" + " 80 CF 0001 11223344" + SDES_CNAME);
        RtcpPacket rtcp = new RtcpPacket().wrap(buf, 0, buf.capacity());
        assertThat(rtcp.validate()).isEqualTo(RtcpValidation.VALID);
        int[] types = new int[4];
        int n = 0;
        do {
            types[n++] = rtcp.packetType();
        } while (rtcp.next());
        assertThat(types).containsExactly(RtcpPacket.RR, RtcpPacket.PSFB, RtcpPacket.XR, RtcpPacket.SDES);
    }

    @Test
    void paddingOnTheLastPacketIsAccepted() {
        // RR with P=1, length 2: SSRC, then 4 bytes of padding ending in count 4
        assertThat(validate("A0 C9 0002 11223344 00000004")).isEqualTo(RtcpValidation.VALID);
        assertThat(validate(EMPTY_RR + " A1 CB 0002 11223344 00000004")).isEqualTo(RtcpValidation.VALID);
    }

    @Test
    void everyValidationReason() {
        expect(SR_ONE_BLOCK + SDES_CNAME, RtcpValidation.VALID);
        expect("", RtcpValidation.TRUNCATED);
        expect("80 C9", RtcpValidation.TRUNCATED);
        expect("80 C8 0001 11223344", RtcpValidation.TRUNCATED); // SR without sender info
        expect("80 C9 0000", RtcpValidation.TRUNCATED); // RR without SSRC

        expect("40 C9 0001 11223344", RtcpValidation.BAD_VERSION);
        expect(EMPTY_RR + " C1 CA 0004 11223344 01 09 757365724068 6F7374 00", RtcpValidation.BAD_VERSION);

        expect(SDES_CNAME, RtcpValidation.FIRST_NOT_REPORT);
        expect(BYE_REASON, RtcpValidation.FIRST_NOT_REPORT);
        expect(APP, RtcpValidation.FIRST_NOT_REPORT);

        expect("80 C9 0002 11223344", RtcpValidation.BAD_LENGTH); // says 12, has 8
        expect(EMPTY_RR + " 00 00", RtcpValidation.BAD_LENGTH); // 2 bytes left over
        expect(EMPTY_RR + " 81 CA 0009 11223344", RtcpValidation.BAD_LENGTH);

        expect("A0 C9 0001 11223344" + SDES_CNAME, RtcpValidation.BAD_PADDING); // not last
        expect("A0 C9 0002 11223344 00000000", RtcpValidation.BAD_PADDING); // count 0
        expect("A0 C9 0002 11223344 00000009", RtcpValidation.BAD_PADDING); // count > body

        expect("81 C9 0001 11223344", RtcpValidation.BAD_REPORT_COUNT);
        expect(SR_ONE_BLOCK.replaceFirst("^81", "82"), RtcpValidation.BAD_REPORT_COUNT);

        // item length 9 with 2 bytes of text left
        expect(EMPTY_RR + " 81 CA 0002 11223344 01 09 7573", RtcpValidation.BAD_SDES);
        // two items and no null terminator
        expect(EMPTY_RR + " 81 CA 0003 11223344 01 02 4142 01 02 4344", RtcpValidation.BAD_SDES);
        // the second chunk starts unaligned, right after the first chunk's null: it must start on the next word
        expect(EMPTY_RR + " 82 CA 0004 11223344 01 02 6162 00 AABBCCDD 00 0000", RtcpValidation.BAD_SDES);
        // SC=2 but one chunk
        expect(EMPTY_RR + " 82 CA 0002 11223344 00 000000", RtcpValidation.BAD_SDES);

        expect(EMPTY_RR + " 82 CB 0001 11223344", RtcpValidation.BAD_BYE); // SC=2, one SSRC
        expect(EMPTY_RR + " 81 CB 0002 11223344 05 627965", RtcpValidation.BAD_BYE); // reason 5 of 3

        assertThat(covered).containsExactlyInAnyOrder(RtcpValidation.values());
    }

    private final EnumSet<RtcpValidation> covered = EnumSet.noneOf(RtcpValidation.class);

    private void expect(String datagram, RtcpValidation reason) {
        assertThat(validate(datagram)).as(datagram).isEqualTo(reason);
        covered.add(reason);
    }

    @Test
    void rfc5761DemultiplexingLooksAtTheSecondByte() {
        assertThat(RtcpPacket.isRtcp(hex(EMPTY_RR), 0, 8)).isTrue();          // 201
        assertThat(RtcpPacket.isRtcp(hex("80 C0"), 0, 2)).isTrue();           // 192, lower bound
        assertThat(RtcpPacket.isRtcp(hex("80 DF"), 0, 2)).isTrue();           // 223, upper bound
        assertThat(RtcpPacket.isRtcp(hex("80 BF"), 0, 2)).isFalse();          // RTP M=1 PT=63
        assertThat(RtcpPacket.isRtcp(hex("80 E0"), 0, 2)).isFalse();          // RTP M=1 PT=96
        assertThat(RtcpPacket.isRtcp(hex("80 00 0001"), 0, 4)).isFalse();     // RTP PT=0
        assertThat(RtcpPacket.isRtcp(hex("80 08"), 0, 2)).isFalse();          // RTP PT=8
        assertThat(RtcpPacket.isRtcp(hex("00 80 C9"), 1, 2)).isTrue();        // at an offset
        assertThat(RtcpPacket.isRtcp(hex("80 C9"), 0, 1)).isFalse();          // too short to tell
    }

    @Test
    void flyweightsRefuseTheWrongPacketType() {
        ByteBuffer buf = hex(EMPTY_RR + SDES_CNAME);
        assertThatThrownBy(() -> new RtcpSdes().wrap(buf, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("201");
        assertThatThrownBy(() -> new RtcpReport().wrap(buf, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("202");
        assertThatThrownBy(() -> new RtcpBye().wrap(buf, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("202");
    }

    @Test
    void setsTheSsrcInPlace() {
        ByteBuffer buf = hex(EMPTY_RR);
        RtcpPacket rtcp = new RtcpPacket().wrap(buf, 0, 8);
        rtcp.ssrc(0xCAFEBABEL);
        assertThat(HexFormat.of().formatHex(buf.array())).isEqualTo("80c90001cafebabe");
    }
}
