package io.voxcore.media.session;

import static io.voxcore.media.session.HotPathAllocationTest.assertAWindowAllocatesNothing;
import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * Lost packets played as concealment ({@link GapPolicy#CONCEAL}: G.711 Appendix I and the fade-in
 * after each loss) or as silence allocate nothing on the I/O thread, measured as in
 * {@link HotPathAllocationTest}: blocks of 10 packets sent as 0 1 3 2 4 4 6 7 8 9 (one lost, one
 * reordered pair, one duplicate), so every block plays 9 received frames and 1 filled one.
 */
@Timeout(300)
class ConcealmentAllocationTest {

    private static final int WARM_UP = 12_000;
    private static final int MEASURED = 3_000;

    @BeforeAll
    static void enableCounters() {
        HotPathAllocationTest.enableCounters();
    }

    /** Counts frames played, packets reported missing, and pauses (gaps that lost nothing). */
    static final class Counter implements PcmSink {
        final java.util.concurrent.atomic.AtomicLong played = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong missing = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong pauses = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onPcm(short[] samples, int offset, int length, long timestamp) {
            played.incrementAndGet();
        }

        @Override
        public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
            missing.addAndGet(packets);
            if (packets == 0) {
                pauses.incrementAndGet();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GapPolicy.class, names = {"CONCEAL", "SILENCE"})
    void lossPlayedAsConcealmentOrSilenceAllocatesNothingOnTheIoThread(GapPolicy policy) throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        Counter counter = new Counter();
        String name = "alloc-conceal-" + policy.name().toLowerCase(java.util.Locale.ROOT);
        try (MediaEngine engine = MediaEngine.builder().name(name).ioThreads(1).build();
                RawPeer peer = new RawPeer(0x5EED_0002L)) {
            MediaSession b = engine.createSession(pcmu().remoteAddress(peer.address()).gapPolicy(policy).build());
            b.onPcm(counter);
            b.start();
            long io = AllocationTest.engineThreadId(name + "-io-0");
            int[] order = {0, 1, 3, 2, 4, 4, 6, 7, 8, 9};
            int blocks = MEASURED / 10;
            List<ByteBuffer> warm = HotPathAllocationTest.lossyStream(peer, speech, WARM_UP / 10, order);
            List<ByteBuffer> measured = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                measured.addAll(HotPathAllocationTest.lossyStream(peer, speech, blocks, order));
            }
            int[] next = {0};
            HotPathAllocationTest.Window window = sending -> {
                long played = counter.played.get();
                long pauses = counter.pauses.get();
                for (int i = 0; i < blocks * order.length; i++) {
                    peer.send(measured.get(next[0]++), b.localAddress());
                    LockSupport.parkNanos(300_000);
                }
                await("the window's packets played", Duration.ofSeconds(60),
                        () -> counter.played.get() >= played + blocks * 10L);
                // plus, at most, one fade-out per pause the loaded machine caused (the sender stalled
                // longer than the buffered audio)
                assertThat(counter.played.get() - played).as("frames played").isBetween(blocks * 10L,
                        blocks * 10L + counter.pauses.get() - pauses);
                return blocks * order.length + " datagrams, " + blocks + " lost and played as " + policy;
            };
            for (ByteBuffer p : warm) {
                peer.send(p, b.localAddress());
                LockSupport.parkNanos(300_000);
            }
            await("warm-up played", Duration.ofSeconds(60), () -> counter.played.get() >= WARM_UP);
            assertAWindowAllocatesNothing("loss played as " + policy, window, io);
            SessionStatistics stats = b.statistics();
            assertThat(counter.missing.get()).as("gaps reported to the sink").isZero();
            assertThat(stats.receive().concealedSamples()).as("concealed samples")
                    .isEqualTo(160L * stats.gapPackets());
            assertThat(stats.gapPackets()).isGreaterThanOrEqualTo(WARM_UP / 10 + blocks);
        }
    }

    @org.junit.jupiter.api.Test
    void lossConcealedIntoTheReadRingAllocatesNothingOnTheIoThread() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        java.util.concurrent.atomic.AtomicLong consumed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        int[] next = {0};
        long cushion = 1600 + 160;
        try (MediaEngine engine = MediaEngine.builder().name("alloc-read").ioThreads(1).build();
                RawPeer peer = new RawPeer(0x5EED_0003L)) {
            MediaSession b = engine.createSession(pcmu().remoteAddress(peer.address()).gapPolicy(GapPolicy.CONCEAL).build());
            b.start();
            Thread reader = new Thread(() -> {
                short[] out = new short[1600];
                while (!stop.get()) {
                    consumed.addAndGet(b.read(out, 0, out.length)); // a fast reader: nothing is skipped
                    LockSupport.parkNanos(100_000);
                }
            }, "alloc-read-reader");
            reader.start();
            try {
                long io = AllocationTest.engineThreadId("alloc-read-io-0");
                int[] order = {0, 1, 3, 2, 4, 4, 6, 7, 8, 9};
                int blocks = MEASURED / 10;
                List<ByteBuffer> warm = HotPathAllocationTest.lossyStream(peer, speech, WARM_UP / 10, order);
                List<ByteBuffer> measured = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    measured.addAll(HotPathAllocationTest.lossyStream(peer, speech, blocks, order));
                }
                HotPathAllocationTest.Window window = sending -> {
                    long before = consumed.get();
                    for (int i = 0; i < blocks * order.length; i++) {
                        peer.send(measured.get(next[0]++), b.localAddress());
                        LockSupport.parkNanos(300_000);
                    }
                    // most of it: a reader stalled by the machine skips ahead (counted, checked below)
                    await("the window's audio read", Duration.ofSeconds(60),
                            () -> consumed.get() >= before + blocks * 1600L * 9 / 10);
                    return blocks * order.length + " datagrams into the read ring, " + blocks + " lost and concealed";
                };
                for (ByteBuffer p : warm) {
                    peer.send(p, b.localAddress());
                    LockSupport.parkNanos(300_000);
                }
                await("warm-up read", Duration.ofSeconds(60), () -> consumed.get() >= WARM_UP * 160L * 9 / 10);
                assertAWindowAllocatesNothing("loss concealed into the read ring", window, io);
                long sent = 160L * (WARM_UP + next[0]);
                await("everything read or skipped", Duration.ofSeconds(60),
                        () -> consumed.get() + b.statistics().receive().readDroppedSamples() >= sent - cushion);
            } finally {
                stop.set(true);
                reader.join();
            }
            SessionStatistics stats = b.statistics();
            assertThat(stats.receive().concealedSamples()).isEqualTo(160L * stats.gapPackets());
            long total = 160L * (WARM_UP + next[0]);
            assertThat(consumed.get() + stats.receive().readDroppedSamples()).as("read or skipped: all but the cushion")
                    .isBetween(total - cushion, total);
        }
    }
}
