package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-packet receive path allocates nothing: RTP validation with an extension lookup, a
 * telephone event, the RFC 5761 demultiplexing check, the round-trip and interval arithmetic.
 * Measured deterministically with the thread's allocation counter, never with a clock.
 */
class RtpAllocationTest {

    private static final int ROUNDS = 20_000;

    @Test
    void theReceivePathAllocatesNothing() {
        // RTP PT=101 with a one-byte extension (id 1, 2 bytes) and one RFC 4733 event block
        ByteBuffer buf = ByteBuffer.allocateDirect(64);
        byte[] packet = HexFormat.of().parseHex("90650001000000A000000001BEDE00011100AA000B870320");
        buf.put(0, packet, 0, packet.length);
        RtpPacket rtp = new RtpPacket();
        TelephoneEvent event = new TelephoneEvent();
        SplittableRandom random = new SplittableRandom(1);
        assertThat(rtp.wrap(buf, 0, packet.length).validate()).isEqualTo(RtpValidation.VALID);
        assertThat(event.wrap(buf, rtp.payloadOffset(), rtp.payloadLength()).validate())
                .isEqualTo(TelephoneEventValidation.VALID);
        assertThat(event.event()).isEqualTo(TelephoneEvent.DTMF_POUND);
        long sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            sink += round(buf, packet.length, rtp, event, random, i);
        }
        long before = Allocations.currentThread();
        for (int i = 0; i < ROUNDS; i++) {
            sink += round(buf, packet.length, rtp, event, random, i);
        }
        long allocated = Allocations.currentThread() - before;
        assertThat(sink).isNotZero();
        assertThat(allocated).as("bytes allocated by %d receive rounds", ROUNDS).isLessThan(ROUNDS);
    }

    private static long round(ByteBuffer buf, int length, RtpPacket rtp, TelephoneEvent event, SplittableRandom random,
                              int i) {
        long sum = 0;
        if (!RtcpPacket.isRtcp(buf, 0, length) && rtp.wrap(buf, 0, length).validate() == RtpValidation.VALID) {
            sum += rtp.sequenceNumber() + rtp.extensionElementLength(1);
            if (event.wrap(buf, rtp.payloadOffset(), rtp.payloadLength()).validate() == TelephoneEventValidation.VALID) {
                sum += event.event() + event.duration() + (event.end() ? 1 : 0);
            }
        }
        sum += NtpTime.roundTripNanos(NtpTime.middle32(NtpTime.fromEpochNanos(i * 1_000_000L)) + 0x10000, 5, 0);
        sum += (long) RtcpInterval.randomizedSeconds(2 + (i & 7), 1, 400, true, 100, false, random);
        return sum;
    }
}
