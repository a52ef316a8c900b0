package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.testnet.Impairments;
import io.voxcore.media.testnet.UdpImpairer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MediaSession#read} on a bad network: a raw-socket sender plays 18 s of 20 ms PCMU
 * packets at real time through the {@link UdpImpairer} (seeded 3 % random and 2 % burst loss,
 * 5-25 ms of uniform jitter, 1 % of packets held back 30 ms, the sender's clock 100 ppm slow) to
 * a session with default concealment, while this thread reads 16 samples (2 ms) per call on its
 * own 2 ms clock, 10,000 times (20 s).
 *
 * <p>Every call must fill exactly its 16 samples and touch nothing around them. Every packet
 * carries a signature (80 samples of values mu-law keeps unchanged, after an 80-sample lead that
 * the fade-in after a loss, at most 10 ms, may change): each packet the session played must appear verbatim in the
 * samples read, in sequence order, unless the reader skipped ahead (counted).
 */
@Timeout(120)
class ReadCadenceTest {

    private static final int CALLS = 10_000;
    private static final int N = 16;
    private static final int PACKETS = 900;
    private static final int LEAD = 80;
    private static final int SIGNATURE = 80;
    private static final short OUTSIDE = Short.MIN_VALUE; // never produced: mu-law's extremes are +-32124

    /** Sample i of packet k's signature: mu-law-exact values from a hash of (k, i). */
    static short signature(int k, int i) {
        long h = (k * 0x9E37_79B9L + i * 0x85EB_CA6BL) * 0xC2B2_AE35L;
        return G711.ulawToLinear((byte) (h >>> 24));
    }

    @Test
    void everyCallReturnsExactlyItsSamplesAndThePlayedPacketsAppearInOrder() throws Exception {
        short[] stream = new short[CALLS * N];
        long fromStream = 0;
        long paddedAfterAudio = 0;
        boolean audioSeen = false;
        Impairments net = Impairments.none(0xCADE_2026L).withRandomLoss(0.03).withBurstLoss(0.02, 3)
                .withDelay(5, Impairments.Delay.uniformMillis(0, 20)).withReorder(0.01, 30).withDriftPpm(100);
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        SessionStatistics stats;
        List<UdpImpairer.Forwarded> decisions;
        try (MediaEngine engine = MediaEngine.builder().name("cadence").ioThreads(1).build()) {
            MediaSession b = engine.createSession(pcmu().gapPolicy(GapPolicy.CONCEAL).build());
            try (UdpImpairer impairer = new UdpImpairer(b.localAddress(), net)) {
                b.remoteAddress(impairer.outbound());
                b.start();
                Thread sender = new Thread(() -> {
                    try {
                        sendPackets(impairer.inbound());
                    } catch (Throwable t) {
                        senderFailure.set(t);
                    }
                }, "cadence-sender");
                short[] call = new short[N + 2];
                long start = System.nanoTime();
                sender.start();
                for (int c = 0; c < CALLS; c++) {
                    long wait = start + c * 2_000_000L - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait); // the reader's own clock
                    }
                    java.util.Arrays.fill(call, OUTSIDE);
                    int got = b.read(call, 1, N);
                    assertThat(got).as("call %d", c).isBetween(0, N);
                    assertThat(call[0]).as("call %d: before the range", c).isEqualTo(OUTSIDE);
                    assertThat(call[N + 1]).as("call %d: after the range", c).isEqualTo(OUTSIDE);
                    for (int i = 1; i <= N; i++) {
                        if (call[i] == OUTSIDE) {
                            throw new AssertionError("call " + c + ": sample " + (i - 1) + " not written");
                        }
                        if (i > got && call[i] != 0) {
                            throw new AssertionError("call " + c + ": padding sample " + (i - 1) + " not silent");
                        }
                    }
                    System.arraycopy(call, 1, stream, c * N, N);
                    fromStream += got;
                    if (audioSeen) {
                        paddedAfterAudio += N - got;
                    }
                    audioSeen |= got > 0;
                }
                sender.join();
                assertThat(senderFailure.get()).isNull();
                assertThat(impairer.failure()).isNull();
                decisions = impairer.decisions();
                stats = b.statistics();
            }
        }
        ReceiveStatistics r = stats.receive();
        long lostByNetwork = decisions.stream().filter(f -> f.decision().lost()).count();
        long played = r.packetsReceived() - r.late() - r.undecodable();
        int[] found = findSignatures(stream);
        System.out.printf("read cadence: %d calls x %d samples, %d packets sent, %d lost by the network, %d late, "
                + "%d played, %d found in order, %d samples from the stream, %d concealed, %d padded, %d dropped%n",
                CALLS, N, PACKETS, lostByNetwork, r.late(), played, found.length, fromStream, r.concealedSamples(),
                r.readPaddedSamples(), r.readDroppedSamples());
        assertThat(lostByNetwork).as("the network lost packets").isBetween(20L, 100L);
        assertThat(r.packetsReceived() + lostByNetwork).as("every packet received or lost").isEqualTo(PACKETS);
        assertThat(r.gapPackets()).as("lost and late packets concealed (a loss at the very end is invisible)")
                .isBetween(lostByNetwork + r.late() - 5, lostByNetwork + r.late());
        // each lost packet's 160 samples, less where the buffer ran dry and restarted its delay lower
        assertThat(r.concealedSamples()).isBetween(160 * r.gapPackets() * 8 / 10, 160 * r.gapPackets());
        assertThat(r.gaps()).isGreaterThanOrEqualTo(1);
        assertThat(r.readPaddedSamples()).as("silence padded after the first audio").isEqualTo(paddedAfterAudio);
        assertThat(fromStream).as("samples from the stream: played packets and concealment")
                .isGreaterThanOrEqualTo(160L * (played + r.gapPackets()) - r.readDroppedSamples() - 4000);
        for (int i = 1; i < found.length; i++) {
            assertThat(found[i]).as("signatures in sequence order").isGreaterThan(found[i - 1]);
        }
        long cut = r.readDroppedSamples() == 0 ? 0 : r.readDroppedSamples() / SIGNATURE + 2;
        assertThat((long) found.length).as("played packets found verbatim (%d samples skipped)",
                r.readDroppedSamples()).isBetween(played - cut, played);
    }

    private static void sendPackets(InetSocketAddress to) throws Exception {
        SplittableRandom lead = new SplittableRandom(7);
        try (DatagramChannel ch = DatagramChannel.open()) {
            ByteBuffer b = ByteBuffer.allocate(12 + 160);
            long start = System.nanoTime();
            for (int k = 0; k < PACKETS; k++) {
                long wait = start + k * 20_000_000L - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                b.clear();
                RtpPacket.writeHeader(b, 0, k == 0, 0, (3000 + k) & 0xFFFF, 90_000L + 160L * k, 0xCADE_0001L);
                for (int i = 0; i < LEAD; i++) {
                    b.put(12 + i, G711.linearToUlaw((short) (lead.nextInt(4000) - 2000)));
                }
                for (int i = 0; i < SIGNATURE; i++) {
                    b.put(12 + LEAD + i, G711.linearToUlaw(signature(k, i)));
                }
                b.limit(12 + 160).position(0);
                ch.send(b, to);
            }
        }
    }

    /** The packets whose whole signature appears in the stream, in the order found. */
    private static int[] findSignatures(short[] stream) {
        Map<Long, List<Integer>> byStart = new HashMap<>();
        for (int k = 0; k < PACKETS; k++) {
            byStart.computeIfAbsent(key(signature(k, 0), signature(k, 1), signature(k, 2)), x -> new ArrayList<>()).add(k);
        }
        List<Integer> found = new ArrayList<>();
        for (int p = 0; p + SIGNATURE <= stream.length; p++) {
            List<Integer> candidates = byStart.get(key(stream[p], stream[p + 1], stream[p + 2]));
            if (candidates == null) {
                continue;
            }
            for (int k : candidates) {
                boolean all = true;
                for (int i = 3; i < SIGNATURE && all; i++) {
                    all = stream[p + i] == signature(k, i);
                }
                if (all) {
                    found.add(k);
                    p += SIGNATURE - 1;
                    break;
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long key(short a, short b, short c) {
        return ((a & 0xFFFFL) << 32) | ((b & 0xFFFFL) << 16) | (c & 0xFFFFL);
    }
}
