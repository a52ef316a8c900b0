package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The steady-state send path (on the sending thread) and receive path (on the engine's I/O
 * thread: read, validate, statistics, jitter buffer, decode, playout to a {@link PcmSink})
 * allocate nothing per packet, measured with {@code ThreadMXBean#getThreadAllocatedBytes}.
 */
@Timeout(120)
class AllocationTest {

    private static final int WARM_UP = 12_000;
    private static final int MEASURED = 3_000;

    @Test
    void sendAndReceivePathsAllocateZeroBytesPerPacketAfterWarmUp() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        AtomicLong played = new AtomicLong();
        AtomicLong missing = new AtomicLong();
        AtomicLong checksum = new AtomicLong();
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        try (MediaEngine engine = MediaEngine.builder().name("alloc-test").ioThreads(1).build()) {
            MediaSession b = engine.createSession(pcmu().build());
            MediaSession a = engine.createSession(pcmu().remoteAddress(b.localAddress()).build());
            b.remoteAddress(a.localAddress());
            b.onPcm(new PcmSink() {
                @Override
                public void onPcm(short[] samples, int offset, int length, long timestamp) {
                    checksum.addAndGet(samples[offset] + samples[offset + length - 1]);
                    played.incrementAndGet();
                }

                @Override
                public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
                    missing.addAndGet(packets);
                }
            });
            a.start();
            b.start();
            long ioThread = engineThreadId("alloc-test-io-0");
            long me = Thread.currentThread().getId();

            sendPaced(a, speech, 0, WARM_UP);
            // Every packet is accounted for (played on the playout timer once due, or reported
            // missing); the assertions below then demand that all played.
            await("all warm-up packets accounted for", Duration.ofSeconds(60),
                    () -> played.get() + missing.get() >= WARM_UP);
            long playedBefore = played.get();
            long missingBefore = missing.get();

            long ioBefore = threads.getThreadAllocatedBytes(ioThread);
            long sendBefore = threads.getThreadAllocatedBytes(me);
            sendPaced(a, speech, WARM_UP, MEASURED);
            long sendAfter = threads.getThreadAllocatedBytes(me);
            await("all measured packets accounted for", Duration.ofSeconds(60),
                    () -> played.get() + missing.get() >= playedBefore + missingBefore + MEASURED);
            long ioAfter = threads.getThreadAllocatedBytes(ioThread);

            assertThat(playedBefore).as("warm-up packets played").isEqualTo(WARM_UP);
            assertThat(missingBefore).as("warm-up packets reported missing").isZero();
            assertThat(played.get() - playedBefore).as("packets played in the measured window").isEqualTo(MEASURED);
            assertThat(missing.get() - missingBefore).as("packets reported missing in the measured window").isZero();
            // Zero bytes per packet: any per-packet allocation costs at least 16 bytes a packet,
            // 48,000 bytes here, so the integer quotient catches it, while a one-off allocation
            // by the JVM itself during the window (seen once: 168 bytes on the I/O thread in a
            // full-suite run, e.g. after a deoptimization) does not fail the build.
            long sendBytes = sendAfter - sendBefore;
            long ioBytes = ioAfter - ioBefore;
            assertThat(sendBytes / MEASURED).as("bytes per packet on the sending thread (%d in total)", sendBytes)
                    .isZero();
            assertThat(ioBytes / MEASURED).as("bytes per packet on the I/O thread (%d in total)", ioBytes).isZero();
            assertThat(ioBytes).as("one-off allocations on the I/O thread").isLessThan(4096);
        }
    }

    private static void sendPaced(MediaSession session, short[] pcm, int first, int count) {
        for (int i = first; i < first + count; i++) {
            session.send(pcm, (160 * i) % (pcm.length - 160), 160);
            LockSupport.parkNanos(150_000);
        }
    }

    static long engineThreadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new AssertionError("no thread named " + name);
    }
}
