package io.voxcore.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Protect and unprotect (RTP and RTCP, accepted and forged) allocate nothing per packet once
 * warm, for every suite on heap and direct buffers. Measured with the thread's allocated-bytes
 * counter over a window after a warm-up, never with a clock.
 */
class SrtpAllocationTest {

    private static final int ROUNDS = 10_000;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void protectAndUnprotectAllocateNothingPerPacket(SrtpSuite suite) {
        byte[][] k = Packets.keys(suite, 3);
        SrtpContext tx = SrtpContext.forSending(suite, k[0], k[1]);
        SrtpContext rx = SrtpContext.forReceiving(suite, k[0], k[1]);
        ByteBuffer heap = ByteBuffer.allocate(256);
        ByteBuffer direct = ByteBuffer.allocateDirect(256);
        ByteBuffer rtcp = ByteBuffer.allocateDirect(128);
        int[] seq = {0};
        long sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            sink += round(tx, rx, heap, direct, rtcp, seq);
        }
        long before = allocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            sink += round(tx, rx, heap, direct, rtcp, seq);
        }
        long allocated = allocatedBytes() - before;
        assertThat(sink).isEqualTo(2L * ROUNDS * (2 * 172 + 32 + 2 * 5)); // every packet accepted
        assertThat(rx.failures(SrtpFailure.AUTH_FAILED)).isEqualTo(4L * ROUNDS);
        assertThat(allocated).as("bytes allocated by %d rounds of 5 packets", ROUNDS).isLessThan(ROUNDS);
    }

    private static long round(SrtpContext tx, SrtpContext rx, ByteBuffer heap, ByteBuffer direct, ByteBuffer rtcp,
            int[] seq) {
        long sum = 0;
        Packets.writeRtp(heap, 0, Packets.SSRC, seq[0]++ & 0xffff, 160);
        sum += rx.unprotectRtp(heap, 0, tx.protectRtp(heap, 0, 172));
        Packets.writeRtp(direct, 0, Packets.SSRC, seq[0]++ & 0xffff, 160);
        sum += rx.unprotectRtp(direct, 0, tx.protectRtp(direct, 0, 172));
        // a forged packet: the last one again with a different sequence number and the old tag
        Packets.writeRtp(direct, 0, Packets.SSRC, seq[0] & 0xffff, 160);
        sum += rx.unprotectRtp(direct, 0, 172 + tx.suite().rtpTagLength()) == SrtpFailure.AUTH_FAILED.code() ? 5 : 0;
        Packets.writeRtp(heap, 0, Packets.SSRC, (seq[0] + 1) & 0xffff, 160);
        sum += rx.unprotectRtp(heap, 0, 172 + tx.suite().rtpTagLength()) == SrtpFailure.AUTH_FAILED.code() ? 5 : 0;
        rtcp.put(0, (byte) 0x81).put(1, (byte) 201).put(2, (byte) 0).put(3, (byte) 7);
        Packets.putInt(rtcp, 4, Packets.SSRC);
        int n = tx.protectRtcp(rtcp, 0, 32);
        sum += rx.unprotectRtcp(rtcp, 0, n);
        return sum;
    }
}
