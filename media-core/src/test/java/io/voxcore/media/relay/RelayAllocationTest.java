package io.voxcore.media.relay;

import static io.voxcore.media.relay.Legs.await;
import static io.voxcore.media.relay.Legs.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.PcmSink;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay's forwarding path (tap, re-stamp, PCMU/PCMA transcoding in place, send on the other
 * leg) allocates nothing per packet in steady state, measured on the engine's only I/O thread
 * with {@code ThreadMXBean#getThreadAllocatedBytes}. That thread also runs both ends' receive
 * paths (proved allocation-free by the session's own allocation test), so any allocation
 * per packet anywhere on it fails this test.
 */
@Timeout(120)
class RelayAllocationTest {

    private static final int WARM_UP = 10_000;
    private static final int MEASURED = 3_000;

    @Test
    void forwardingAndTranscodingBothWaysAllocateZeroBytesPerPacketOnTheIoThread() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        AtomicLong atA = new AtomicLong();
        AtomicLong atB = new AtomicLong();
        short[] speech = Legs.speech(24_000, 5);
        try (MediaEngine engine = MediaEngine.builder().name("relay-alloc").ioThreads(1).build()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(8, 96).build());
            MediaSession a = session(engine, 0, 101, legA.localAddress());
            MediaSession b = session(engine, 8, 96, legB.localAddress());
            legA.remoteAddress(a.localAddress());
            legB.remoteAddress(b.localAddress());
            a.onPcm(counter(atA));
            b.onPcm(counter(atB));
            for (MediaSession s : List.of(legA, legB, a, b)) {
                s.start();
            }
            MediaRelay relay = MediaRelay.between(legA, legB);
            long ioThread = threadId("relay-alloc-io-0");

            sendPaced(a, b, speech, 0, WARM_UP);
            await("warm-up played", Duration.ofSeconds(60), () -> atA.get() >= WARM_UP - 1 && atB.get() >= WARM_UP - 1);
            Thread.sleep(200);
            long before = threads.getThreadAllocatedBytes(ioThread);
            sendPaced(a, b, speech, WARM_UP, MEASURED);
            long target = WARM_UP + MEASURED - 1;
            await("measured played", Duration.ofSeconds(60), () -> atA.get() >= target && atB.get() >= target);
            Thread.sleep(200);
            long after = threads.getThreadAllocatedBytes(ioThread);

            RelayStatistics stats = relay.statistics();
            assertThat(stats.aToB().packetsTranscoded()).isEqualTo(WARM_UP + MEASURED);
            assertThat(stats.bToA().packetsTranscoded()).isEqualTo(WARM_UP + MEASURED);
            // 2 x 3,000 packets relayed (and 12,000 datagrams handled on the thread in all): any
            // per-packet allocation is at least 16 bytes each, so the integer quotient catches it,
            // while a one-off JVM allocation in the window does not fail the build.
            long bytes = after - before;
            assertThat(bytes / (2 * MEASURED)).as("bytes per relayed packet on the I/O thread (%d in total)", bytes)
                    .isZero();
            assertThat(bytes).as("one-off allocations on the I/O thread").isLessThan(4096);
        }
    }

    private static PcmSink counter(AtomicLong played) {
        return new PcmSink() {
            @Override
            public void onPcm(short[] samples, int offset, int length, long timestamp) {
                played.incrementAndGet();
            }

            @Override
            public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
                played.addAndGet(packets);
            }
        };
    }

    private static void sendPaced(MediaSession a, MediaSession b, short[] pcm, int first, int count) {
        for (int i = first; i < first + count; i++) {
            int at = (160 * i) % (pcm.length - 160);
            a.send(pcm, at, 160);
            b.send(pcm, at, 160);
            LockSupport.parkNanos(300_000);
        }
    }

    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new AssertionError("no thread named " + name);
    }
}
