package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer allocates nothing per packet once its slots have grown, across reordering,
 * loss, telephone events, pauses and delay changes, measured with the thread allocation counter.
 */
class JitterBufferAllocationTest {

    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 50_000;

    private long played;
    private long gaps;
    private long checksum;
    private final JitterBuffer.Output output = new JitterBuffer.Output() {
        @Override
        public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence) {
            played++;
            checksum += pcm[0] + length;
        }

        @Override
        public void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets) {
            gaps++;
            checksum += samplesPerChannel + packets;
        }
    };
    private final JitterBuffer jb = new JitterBuffer(1, 320, 1600, 16000, 64, output);
    private int seq = 40_000;
    private long ts = 0xFFF0_0000L;
    private long arrival;
    private long timer = Long.MAX_VALUE;

    @Test
    void steadyStateInsertAndPlayoutAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        long me = Thread.currentThread().getId();

        stream(WARM_UP);
        long playedBefore = played;
        long gapsBefore = gaps;
        long before = threads.getThreadAllocatedBytes(me);
        stream(MEASURED);
        long after = threads.getThreadAllocatedBytes(me);

        assertThat(played - playedBefore).as("packets played").isGreaterThan(MEASURED * 9 / 10);
        assertThat(gaps - gapsBefore).as("gaps reported").isGreaterThan(MEASURED / 100);
        long bytes = after - before;
        assertThat(bytes / MEASURED).as("bytes per packet (%d in total, checksum %d)", bytes, checksum).isZero();
        assertThat(bytes).as("one-off allocations").isLessThan(4096);
    }

    /** Inserts {@code packets} packets (20 ms, jittered, with loss, DTMF and pauses) and plays them as due. */
    private void stream(int packets) {
        for (int i = 0; i < packets; i++) {
            boolean marker = false;
            if (seq % 200 == 0) {
                ts += 8000; // a one-second pause
                marker = true;
            }
            if (seq % 150 == 0) {
                for (int e = 0; e < 5; e++) { // a 100 ms digit
                    arrive(ts + 1000 + 160L * e);
                    int slot = jb.prepareEmpty(seq++ & 0xFFFF, ts & 0xFFFF_FFFFL);
                    if (slot >= 0) {
                        jb.commit(slot, 0);
                    }
                    timer = jb.playout(arrival);
                }
                ts += 800;
            }
            long jitter = (seq * 37L % 5) * 150 + (seq % 1000 < 20 ? 1200 : 0);
            arrive(ts + 1000 + jitter);
            if (seq % 37 != 0) { // else lost
                int slot = jb.prepare(seq & 0xFFFF, ts & 0xFFFF_FFFFL, arrival, marker);
                if (slot >= 0) {
                    short[] pcm = jb.pcm(slot, 160);
                    pcm[0] = (short) seq;
                    jb.commit(slot, 160);
                }
                timer = jb.playout(arrival);
            }
            seq++;
            ts += 160;
        }
    }

    private void arrive(long at) {
        arrival = Math.max(arrival, at);
        while (timer <= arrival) {
            timer = jb.playout(timer);
        }
    }
}
