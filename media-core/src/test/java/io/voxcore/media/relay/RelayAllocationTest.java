package io.voxcore.media.relay;

import static io.voxcore.media.relay.Legs.await;
import static io.voxcore.media.relay.Legs.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
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
        assertThat(threads.isThreadAllocatedMemorySupported()).as("thread allocation counters").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        Legs.Counter atA = new Legs.Counter();
        Legs.Counter atB = new Legs.Counter();
        short[] speech = Legs.speech(24_000, 5);
        try (MediaEngine engine = MediaEngine.builder().name("relay-alloc").ioThreads(1).build()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(8, 96).build());
            MediaSession a = session(engine, 0, 101, legA.localAddress());
            MediaSession b = session(engine, 8, 96, legB.localAddress());
            legA.remoteAddress(a.localAddress());
            legB.remoteAddress(b.localAddress());
            a.onPcm(atA);
            b.onPcm(atB);
            for (MediaSession s : List.of(legA, legB, a, b)) {
                s.start();
            }
            MediaRelay relay = MediaRelay.between(legA, legB);
            long ioThread = threadId("relay-alloc-io-0");

            sendPaced(a, b, speech, 0, WARM_UP);
            await("warm-up accounted for", Duration.ofSeconds(60), () -> atA.total() >= WARM_UP && atB.total() >= WARM_UP);
            assertThat(atA.played.get()).as("warm-up played at a").isEqualTo(WARM_UP);
            assertThat(atB.played.get()).as("warm-up played at b").isEqualTo(WARM_UP);
            long before = threads.getThreadAllocatedBytes(ioThread);
            sendPaced(a, b, speech, WARM_UP, MEASURED);
            long target = WARM_UP + MEASURED;
            await("measured accounted for", Duration.ofSeconds(60), () -> atA.total() >= target && atB.total() >= target);
            long after = threads.getThreadAllocatedBytes(ioThread);
            // exactly the measured packets played in the window, none missing
            assertThat(atA.played.get()).as("played at a").isEqualTo(target);
            assertThat(atB.played.get()).as("played at b").isEqualTo(target);
            assertThat(atA.missing.get() + atB.missing.get()).as("reported missing").isZero();

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

    /**
     * RFC 4733 events from A (PCMU, events on 101) reach B (PCMA, events on 96) through the relay,
     * which rewrites their payload type: no allocation on the engine's only I/O thread, which runs
     * the relay's remapping and both ends' event handling (B has no DtmfListener: the listener's
     * own DtmfEvent is HotPathAllocationTest's subject). Up to three windows; one must be 0 bytes.
     */
    @Test
    void telephoneEventsRemappedByTheRelayAllocateNothingOnTheIoThread() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        Legs.Counter atB = new Legs.Counter();
        short[] speech = Legs.speech(80, 3);
        try (MediaEngine engine = MediaEngine.builder().name("relay-dtmf-alloc").ioThreads(1).build()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).ptimeMillis(10).build());
            MediaSession legB = engine.createSession(Legs.config(8, 96).ptimeMillis(10).build());
            MediaSession a = engine.createSession(Legs.config(0, 101).ptimeMillis(10).remoteAddress(legA.localAddress()).build());
            MediaSession b = engine.createSession(Legs.config(8, 96).ptimeMillis(10).remoteAddress(legB.localAddress()).build());
            legA.remoteAddress(a.localAddress());
            legB.remoteAddress(b.localAddress());
            b.onPcm(atB);
            for (MediaSession s : List.of(legA, legB, a, b)) {
                s.start();
            }
            MediaRelay relay = MediaRelay.between(legA, legB);
            long ioThread = threadId("relay-dtmf-alloc-io-0");
            for (int i = 0; i < 3_000; i++) { // every jitter-buffer slot's array grows to a packet's size
                a.send(speech, 0, 80);
                LockSupport.parkNanos(300_000);
            }
            Duration tone = Duration.ofMillis(10);
            String digits = "0123456789*#ABCD0123456789*#ABCD0123456789*#ABCD";
            for (int i = 0; i < 5; i++) {
                a.sendDtmf(digits, tone, 10).toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            a.send(speech, 0, 80); // once it plays at B, B has handled every event before it
            await("warm-up events through the relay", Duration.ofSeconds(60), () -> atB.played.get() >= 3_001);
            long dtmfBefore = b.statistics().dtmfReceived();
            List<Long> windows = new java.util.ArrayList<>();
            while (windows.size() < 3 && (windows.isEmpty() || windows.get(windows.size() - 1) != 0)) {
                long played = atB.played.get();
                long before = threads.getThreadAllocatedBytes(ioThread);
                // sendDtmf returns at once; the I/O thread sends the events. Audio given to send
                // before the stage completes would be suppressed, so wait for it first.
                a.sendDtmf(digits, tone, 10).toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
                a.send(speech, 0, 80);
                await("the window's events at B", Duration.ofSeconds(60), () -> atB.played.get() > played);
                windows.add(threads.getThreadAllocatedBytes(ioThread) - before);
            }
            assertThat(b.statistics().dtmfReceived() - dtmfBefore).as("events B received in the windows")
                    .isEqualTo((long) windows.size() * digits.length());
            assertThat(relay.statistics().aToB().droppedTotal()).as("dropped by the relay").isZero();
            assertThat(windows).as("bytes allocated on the I/O thread per window of %d events relayed",
                    digits.length()).contains(0L);
        }
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
