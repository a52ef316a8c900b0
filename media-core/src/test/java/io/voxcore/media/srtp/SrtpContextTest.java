package io.voxcore.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rollover, replay, forgery, bit flips and malformed input, for every suite. */
class SrtpContextTest {

    private static SrtpContext sender(SrtpSuite suite) {
        byte[][] k = Packets.keys(suite, 1);
        return SrtpContext.forSending(suite, k[0], k[1]);
    }

    private static SrtpContext receiver(SrtpSuite suite) {
        byte[][] k = Packets.keys(suite, 1);
        return SrtpContext.forReceiving(suite, k[0], k[1]);
    }

    /** Protected copy of an RTP packet with this sequence number. */
    private static byte[] protect(SrtpContext tx, int ssrc, int seq, int payload) {
        ByteBuffer b = Packets.rtp(ssrc, seq, payload);
        int n = tx.protectRtp(b, 0, 12 + payload);
        assertThat(n).isEqualTo(12 + payload + tx.suite().rtpTagLength());
        return Packets.bytes(b, 0, n);
    }

    private static int unprotect(SrtpContext rx, byte[] srtp) {
        return rx.unprotectRtp(Packets.copy(srtp), 0, srtp.length);
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void roundTripRestoresThePacketOnEveryBufferKind(SrtpSuite suite) {
        SrtpContext tx = sender(suite);
        SrtpContext rx = receiver(suite);
        for (int kind = 0; kind < 4; kind++) {
            int offset = kind * 5;
            ByteBuffer b = switch (kind) {
                case 0 -> ByteBuffer.allocate(240);
                case 1 -> ByteBuffer.allocateDirect(240);
                case 2 -> ByteBuffer.allocate(260).position(20).slice();
                default -> ByteBuffer.allocateDirect(240).order(ByteOrder.LITTLE_ENDIAN);
            };
            Packets.writeRtp(b, offset, Packets.SSRC, 100 + kind, 160);
            b.limit(offset + 172 + suite.rtpOverhead());
            byte[] plain = Packets.bytes(b, offset, 172);
            int n = tx.protectRtp(b, offset, 172);
            assertThat(n).isEqualTo(172 + suite.rtpOverhead());
            assertThat(Packets.bytes(b, offset + 12, 160)).isNotEqualTo(Packets.bytes(ByteBuffer.wrap(plain), 12, 160));
            assertThat(b.position()).isZero();
            assertThat(rx.unprotectRtp(b, offset, n)).isEqualTo(172);
            assertThat(Packets.bytes(b, offset, 172)).isEqualTo(plain);
        }
        for (int i = 0; i < 3; i++) {
            ByteBuffer rtcp = Packets.rtcp(Packets.SSRC, i);
            byte[] plain = Packets.bytes(rtcp, 0, 32);
            int n = tx.protectRtcp(rtcp, 0, 32);
            assertThat(n).isEqualTo(32 + suite.rtcpOverhead());
            assertThat(rx.unprotectRtcp(rtcp, 0, n)).isEqualTo(32);
            assertThat(Packets.bytes(rtcp, 0, 32)).isEqualTo(plain);
        }
        assertThat(rx.rtcpPackets()).isEqualTo(3);
    }

    @Test
    void headerWithCsrcsAndExtensionIsAuthenticatedButNotEncrypted() {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = sender(suite);
        SrtpContext rx = receiver(suite);
        ByteBuffer b = ByteBuffer.allocate(100);
        Packets.writeRtp(b, 0, Packets.SSRC, 9, 60);
        b.put(0, (byte) 0x92); // X = 1, CC = 2: 12 + 8 CSRC + 4 extension header + 4 extension word = 28
        Packets.putInt(b, 20, 0xBEDE0001);
        byte[] plain = Packets.bytes(b, 0, 72);
        int n = tx.protectRtp(b, 0, 72);
        assertThat(Packets.bytes(b, 0, 28)).isEqualTo(java.util.Arrays.copyOf(plain, 28));
        assertThat(Packets.bytes(b, 28, 44)).isNotEqualTo(java.util.Arrays.copyOfRange(plain, 28, 72));
        b.put(25, (byte) (b.get(25) ^ 1)); // the extension is covered by the tag
        assertThat(rx.unprotectRtp(b, 0, n)).isEqualTo(SrtpFailure.AUTH_FAILED.code());
        b.put(25, (byte) (b.get(25) ^ 1));
        assertThat(rx.unprotectRtp(b, 0, n)).isEqualTo(72);
        assertThat(Packets.bytes(b, 0, 72)).isEqualTo(plain);
    }

    /** Sequence 65,500 to 65,535 and on to 100 past the wrap, with packets lost and reordered around it. */
    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void rolloverCounterFollowsTheWrapWithLossAndReordering(SrtpSuite suite) {
        SrtpContext tx = sender(suite);
        SrtpContext rx = receiver(suite);
        List<byte[]> sent = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        for (int i = 65_500; i < 65_536 + 100; i++) {
            int seq = i & 0xffff;
            sent.add(protect(tx, Packets.SSRC, seq, 20));
            seqs.add(seq);
        }
        assertThat(tx.rolloverCounter(Packets.SSRC)).isEqualTo(1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            int seq = seqs.get(i);
            boolean lost = (seq >= 65_530 || seq <= 5) && seq % 2 == 0; // loss right around the wrap
            if (!lost) {
                order.add(i);
            }
        }
        // Reordering across the wrap: 65533 arrives after 1, and 3 before 65535.
        java.util.Collections.swap(order, order.indexOf(seqs.indexOf(65_533)), order.indexOf(seqs.indexOf(1)));
        java.util.Collections.swap(order, order.indexOf(seqs.indexOf(65_535)), order.indexOf(seqs.indexOf(3)));
        int delivered = 0;
        for (int i : order) {
            byte[] packet = sent.get(i);
            int result = unprotect(rx, packet);
            assertThat(result).as("seq %d", seqs.get(i)).isEqualTo(packet.length - suite.rtpTagLength());
            delivered++;
        }
        assertThat(rx.rolloverCounter(Packets.SSRC)).isEqualTo(1);
        assertThat(rx.rtpPackets()).isEqualTo(delivered);
        // A late packet from before the wrap still decodes with ROC 0 (guess ROC - 1).
        assertThat(unprotect(rx, sent.get(seqs.indexOf(65_530)))).isEqualTo(32);
        assertThat(unprotect(rx, sent.get(seqs.indexOf(65_531)))).isEqualTo(SrtpFailure.REPLAYED.code());
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void replayListRejectsDuplicatesAndTheTooOldAndAcceptsReorderingInsideTheWindow(SrtpSuite suite) {
        SrtpContext tx = sender(suite);
        SrtpContext rx = receiver(suite);
        List<byte[]> sent = new ArrayList<>();
        for (int seq = 1000; seq < 1300; seq++) {
            sent.add(protect(tx, Packets.SSRC, seq, 20));
        }
        assertThat(unprotect(rx, sent.get(0))).isEqualTo(32);
        assertThat(unprotect(rx, sent.get(0))).isEqualTo(SrtpFailure.REPLAYED.code());
        assertThat(unprotect(rx, sent.get(200))).isEqualTo(32); // a jump ahead
        assertThat(unprotect(rx, sent.get(150))).isEqualTo(32); // 50 behind: inside 128
        assertThat(unprotect(rx, sent.get(150))).isEqualTo(SrtpFailure.REPLAYED.code());
        assertThat(unprotect(rx, sent.get(73))).isEqualTo(32); // 127 behind: the window's last slot
        assertThat(unprotect(rx, sent.get(72))).isEqualTo(SrtpFailure.TOO_OLD.code()); // 128 behind
        assertThat(unprotect(rx, sent.get(1))).isEqualTo(SrtpFailure.TOO_OLD.code());
        assertThat(rx.failures(SrtpFailure.REPLAYED)).isEqualTo(2);
        assertThat(rx.failures(SrtpFailure.TOO_OLD)).isEqualTo(2);

        // SRTCP: the same list over the SRTCP index.
        List<byte[]> reports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ByteBuffer b = Packets.rtcp(Packets.SSRC, i);
            reports.add(Packets.bytes(b, 0, tx.protectRtcp(b, 0, 32)));
        }
        assertThat(rx.unprotectRtcp(Packets.copy(reports.get(1)), 0, reports.get(1).length)).isEqualTo(32);
        assertThat(rx.unprotectRtcp(Packets.copy(reports.get(0)), 0, reports.get(0).length)).isEqualTo(32);
        assertThat(rx.unprotectRtcp(Packets.copy(reports.get(1)), 0, reports.get(1).length))
                .isEqualTo(SrtpFailure.REPLAYED.code());
    }

    @Test
    void aLargerReplayWindowRemembersFurther() {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        byte[][] k = Packets.keys(suite, 1);
        SrtpContext tx = SrtpContext.forSending(suite, k[0], k[1]);
        SrtpContext rx = SrtpContext.forReceiving(suite, k[0], k[1], 1024, 4);
        List<byte[]> sent = new ArrayList<>();
        for (int seq = 0; seq < 1100; seq++) {
            sent.add(protect(tx, Packets.SSRC, seq, 4));
        }
        assertThat(unprotect(rx, sent.get(1050))).isEqualTo(16);
        assertThat(unprotect(rx, sent.get(30))).isEqualTo(16); // 1020 behind
        assertThat(unprotect(rx, sent.get(26))).isEqualTo(SrtpFailure.TOO_OLD.code()); // 1024 behind
        assertThatThrownBy(() -> SrtpContext.forReceiving(suite, k[0], k[1], 32, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    }

    /**
     * A burst of forged packets around a sequence wrap (every sequence number near the wrap, a
     * fresh SSRC, replays with a corrupted tag) moves neither ROC nor the replay window: the
     * genuine packets that follow are accepted exactly as without the burst.
     */
    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void forgedBurstAroundTheWrapChangesNoState(SrtpSuite suite) {
        SrtpContext tx = sender(suite);
        SrtpContext rx = receiver(suite);
        SrtpContext attacker = SrtpContext.forSending(suite, Packets.keys(suite, 666)[0], Packets.keys(suite, 666)[1]);
        byte[] genuine65000 = protect(tx, Packets.SSRC, 65_000, 20);
        assertThat(unprotect(rx, genuine65000)).isEqualTo(32);
        List<byte[]> later = new ArrayList<>();
        for (int seq = 65_001; seq < 65_536 + 50; seq++) {
            later.add(protect(tx, Packets.SSRC, seq & 0xffff, 20));
        }
        int forged = 0;
        for (int seq = 65_100; seq < 65_536 + 3000; seq += 7) {
            byte[] packet = protect(attacker, Packets.SSRC, seq & 0xffff, 20);
            assertThat(unprotect(rx, packet)).isEqualTo(SrtpFailure.AUTH_FAILED.code());
            forged++;
        }
        for (int i = 0; i < 200; i++) { // genuine packets with a flipped tag bit: same sequence numbers
            byte[] copy = later.get(i * 2).clone();
            copy[copy.length - 1] ^= 0x40;
            assertThat(unprotect(rx, copy)).isEqualTo(SrtpFailure.AUTH_FAILED.code());
            forged++;
        }
        byte[] otherSsrc = protect(attacker, 0x0BAD_0BAD, 1, 20);
        assertThat(unprotect(rx, otherSsrc)).isEqualTo(SrtpFailure.AUTH_FAILED.code());
        forged++;

        assertThat(rx.failures(SrtpFailure.AUTH_FAILED)).isEqualTo(forged);
        assertThat(rx.rolloverCounter(Packets.SSRC)).isZero();
        assertThat(rx.rtpStreams()).isEqualTo(1);
        assertThat(rx.rolloverCounter(0x0BAD_0BAD)).isEqualTo(-1);
        for (byte[] packet : later) {
            assertThat(unprotect(rx, packet)).isEqualTo(32);
        }
        assertThat(rx.rolloverCounter(Packets.SSRC)).isEqualTo(1);
        assertThat(unprotect(rx, genuine65000)).isEqualTo(SrtpFailure.TOO_OLD.code());
    }

    /** Flipping any single bit of a protected RTP or RTCP packet makes it fail authentication. */
    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void everyFlippedBitIsRejected(SrtpSuite suite) {
        SrtpContext tx = sender(suite);
        byte[] srtp = protect(tx, Packets.SSRC, 4242, 160);
        ByteBuffer rtcp = Packets.rtcp(Packets.SSRC, 9);
        byte[] srtcp = Packets.bytes(rtcp, 0, tx.protectRtcp(rtcp, 0, 32));
        SrtpContext rx = receiver(suite);
        int rejected = 0;
        for (int bit = 0; bit < srtp.length * 8; bit++) {
            byte[] copy = srtp.clone();
            copy[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
            int result = unprotect(rx, copy);
            assertThat(result).as("RTP bit %d", bit).isNegative();
            rejected++;
        }
        for (int bit = 0; bit < srtcp.length * 8; bit++) {
            byte[] copy = srtcp.clone();
            copy[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
            assertThat(rx.unprotectRtcp(Packets.copy(copy), 0, copy.length)).as("RTCP bit %d", bit).isNegative();
            rejected++;
        }
        assertThat(rx.rtpPackets() + rx.rtcpPackets()).isZero();
        assertThat(rejected).isEqualTo((srtp.length + srtcp.length) * 8);
        // The untouched packets are still accepted: nothing above moved any state.
        assertThat(unprotect(rx, srtp)).isEqualTo(172);
        assertThat(rx.unprotectRtcp(Packets.copy(srtcp), 0, srtcp.length)).isEqualTo(32);
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void tooShortAndMalformedPacketsAreCountedNotThrown(SrtpSuite suite) {
        SrtpContext rx = receiver(suite);
        byte[] srtp = protect(sender(suite), Packets.SSRC, 1, 0);
        for (int length = 0; length < srtp.length; length++) {
            assertThat(rx.unprotectRtp(Packets.copy(srtp), 0, length)).as("length %d", length).isNegative();
        }
        ByteBuffer extensionOverrun = Packets.copy(srtp);
        extensionOverrun.put(0, (byte) 0x90);
        assertThat(rx.unprotectRtp(extensionOverrun, 0, srtp.length)).isEqualTo(SrtpFailure.TOO_SHORT.code());
        ByteBuffer version1 = Packets.copy(srtp);
        version1.put(0, (byte) 0x40);
        assertThat(rx.unprotectRtp(version1, 0, srtp.length)).isEqualTo(SrtpFailure.MALFORMED.code());
        for (int length = 0; length < 8 + suite.rtcpOverhead(); length++) {
            assertThat(rx.unprotectRtcp(ByteBuffer.allocate(64).put(0, (byte) 0x80), 0, length))
                    .isEqualTo(SrtpFailure.TOO_SHORT.code());
        }
        assertThat(rx.failures(SrtpFailure.TOO_SHORT)).isGreaterThan(srtp.length - 12);
        assertThat(rx.rtpStreams()).isZero();
    }

    @Test
    void unknownSsrcBeyondTheStreamCapIsRefusedWithoutTouchingKnownStreams() {
        SrtpSuite suite = SrtpSuite.AEAD_AES_128_GCM;
        byte[][] k = Packets.keys(suite, 1);
        SrtpContext tx = SrtpContext.forSending(suite, k[0], k[1]);
        SrtpContext rx = SrtpContext.forReceiving(suite, k[0], k[1], 64, 2);
        assertThat(unprotect(rx, protect(tx, 1, 10, 8))).isEqualTo(20);
        assertThat(unprotect(rx, protect(tx, 2, 10, 8))).isEqualTo(20);
        assertThat(unprotect(rx, protect(tx, 3, 10, 8))).isEqualTo(SrtpFailure.UNKNOWN_SSRC.code());
        assertThat(rx.failures(SrtpFailure.UNKNOWN_SSRC)).isEqualTo(1);
        assertThat(rx.rtpStreams()).isEqualTo(2);
        assertThat(unprotect(rx, protect(tx, 1, 11, 8))).isEqualTo(20);
    }

    @Test
    void senderRefusesToReuseAnIndexAndNeedsRoom() {
        SrtpContext tx = sender(SrtpSuite.AEAD_AES_128_GCM);
        protect(tx, Packets.SSRC, 5, 10);
        ByteBuffer again = Packets.rtp(Packets.SSRC, 5, 10);
        assertThat(tx.protectRtp(again, 0, 22)).isEqualTo(SrtpFailure.REPLAYED.code());
        ByteBuffer tight = ByteBuffer.allocate(22 + 15);
        Packets.writeRtp(tight, 0, Packets.SSRC, 6, 10);
        assertThat(tx.protectRtp(tight, 0, 22)).isEqualTo(SrtpFailure.NO_ROOM.code());
        assertThat(tx.failures(SrtpFailure.NO_ROOM)).isEqualTo(1);
    }

    @Test
    void misuseAndBadKeysThrowNamingTheValues() {
        SrtpContext rx = receiver(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        assertThatThrownBy(() -> rx.protectRtp(Packets.rtp(1, 1, 1), 0, 13))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("receiving");
        assertThatThrownBy(() -> SrtpContext.forSending(SrtpSuite.AEAD_AES_256_GCM, new byte[16], new byte[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte").hasMessageContaining("16");
        assertThat(rx.toString()).contains("AES_CM_128_HMAC_SHA1_32", "receiving");
    }

    @Test
    void thirtyTwoBitSuiteUsesFourByteSrtpTagsAndTenByteSrtcpTags() {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_32;
        SrtpContext tx = sender(suite);
        assertThat(protect(tx, Packets.SSRC, 1, 160)).hasSize(176);
        ByteBuffer rtcp = Packets.rtcp(Packets.SSRC, 0);
        assertThat(tx.protectRtcp(rtcp, 0, 32)).isEqualTo(32 + 4 + 10);
    }

    @Test
    void srtcpIndexStopsAtTwoToTheThirtyOneMinusOne() {
        SrtpContext tx = sender(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        SrtpContext rx = receiver(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        tx.nextRtcpIndex(Packets.SSRC, 0x7FFF_FFFF);
        ByteBuffer last = Packets.rtcp(Packets.SSRC, 1);
        int n = tx.protectRtcp(last, 0, 32);
        assertThat(n).isEqualTo(46);
        assertThat(Packets.bytes(last, 32, 4)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF); // E = 1, index 2^31 - 1
        assertThat(rx.unprotectRtcp(last, 0, n)).isEqualTo(32);
        assertThat(tx.protectRtcp(Packets.rtcp(Packets.SSRC, 2), 0, 32)).isEqualTo(SrtpFailure.KEY_EXHAUSTED.code());
        assertThat(tx.failures(SrtpFailure.KEY_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void failureCodesMapBackAndLengthsAreNotFailures() {
        for (SrtpFailure f : SrtpFailure.values()) {
            assertThat(f.code()).isNegative();
            assertThat(SrtpFailure.of(f.code())).isSameAs(f);
        }
        assertThatThrownBy(() -> SrtpFailure.of(172)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("172");
        assertThatThrownBy(() -> SrtpFailure.of(-99)).isInstanceOf(IllegalArgumentException.class);
    }
}
