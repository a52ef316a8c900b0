package io.voxcore.media.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each impairment of {@link UdpImpairer}, measured where it matters: on the far side of real
 * loopback sockets. A sender writes RTP-shaped datagrams carrying their send time; the far side
 * records sequence number, send time and receive time. Timing is checked only in ways a loaded
 * machine cannot break: nothing may arrive before its release time, and arrival order is release
 * order (the impairer sends in due order); the drift's size is checked on minima of transit,
 * which scheduling delays can only raise.
 */
@Timeout(120)
class UdpImpairerTest {

    private static final long MS = 1_000_000L;

    /** What the far side got. */
    record Arrival(int sequence, long sentNanos, long receivedNanos) {
        long transit() {
            return receivedNanos - sentNanos;
        }
    }

    static final class FarSide implements AutoCloseable {
        final DatagramChannel channel;
        final List<Arrival> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        FarSide() throws IOException {
            channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            thread = new Thread(this::run, "far-side");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        private void run() {
            ByteBuffer b = ByteBuffer.allocate(2048);
            try {
                while (true) {
                    b.clear();
                    channel.receive(b);
                    long now = System.nanoTime();
                    arrivals.add(new Arrival(b.getShort(2) & 0xFFFF, b.getLong(12), now));
                }
            } catch (ClosedChannelException e) {
                // done
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Sends {@code count} datagrams {@code spacing} apart on an absolute schedule; returns when all are sent. */
    static void send(InetSocketAddress to, int count, long spacingNanos) throws IOException {
        try (DatagramChannel s = DatagramChannel.open()) {
            ByteBuffer b = ByteBuffer.allocate(12 + 8 + 160);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait = start + i * spacingNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                b.clear();
                b.put(0, (byte) 0x80).putShort(2, (short) i).putLong(12, System.nanoTime());
                s.send(b, to);
            }
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000 * MS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5); // polling a condition, not synchronising on time
        }
    }

    private static List<Arrival> runThrough(Impairments im, int count, long spacing, List<UdpImpairer.Forwarded> out)
            throws Exception {
        try (FarSide far = new FarSide(); UdpImpairer imp = new UdpImpairer(far.address(), im)) {
            send(imp.inbound(), count, spacing);
            await("every datagram decided", () -> imp.decided() == count);
            long kept = imp.decisions().stream().filter(f -> !f.decision().lost()).count();
            await("every kept datagram at the far side", () -> far.arrivals.size() == kept);
            assertThat(imp.failure()).isNull();
            out.addAll(imp.decisions());
            synchronized (far.arrivals) {
                return new ArrayList<>(far.arrivals);
            }
        }
    }

    private static boolean[] missing(List<Arrival> arrivals, int count) {
        boolean[] lost = new boolean[count];
        java.util.Arrays.fill(lost, true);
        for (Arrival a : arrivals) {
            lost[a.sequence()] = false;
        }
        return lost;
    }

    @Test
    void randomAndBurstLossReachTheFarSideAsDecidedAtTheirRates() throws Exception {
        int count = 10_000;
        List<UdpImpairer.Forwarded> random = new ArrayList<>();
        boolean[] lostRandom = missing(runThrough(Impairments.none(11).withRandomLoss(0.05), count, MS / 4, random),
                count);
        List<UdpImpairer.Forwarded> burst = new ArrayList<>();
        boolean[] lostBurst = missing(runThrough(Impairments.none(12).withBurstLoss(0.05, 4), count, MS / 4, burst),
                count);
        for (int i = 0; i < count; i++) {
            assertThat(lostRandom[i]).as("random: packet %d", i).isEqualTo(random.get(i).decision().lost());
            assertThat(lostBurst[i]).as("burst: packet %d", i).isEqualTo(burst.get(i).decision().lost());
        }
        double fr = count(lostRandom) / (double) count;
        double fb = count(lostBurst) / (double) count;
        assertThat(fr).as("random loss measured at the far side").isBetween(0.04, 0.06);
        assertThat(fb).as("burst loss measured at the far side").isBetween(0.035, 0.065);
        assertThat(ImpairmentModelTest.meanRun(lostRandom)).as("random: mean run").isLessThan(1.2);
        assertThat(ImpairmentModelTest.meanRun(lostBurst)).as("burst: mean run").isBetween(3.0, 5.0);
    }

    private static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Test
    void jitterDelaysEachPacketAtLeastItsDrawAndPacketsArriveInReleaseOrder() throws Exception {
        int count = 500;
        List<UdpImpairer.Forwarded> d = new ArrayList<>();
        List<Arrival> got = runThrough(Impairments.none(13).withDelay(2, Impairments.Delay.uniformMillis(0, 30)), count,
                2 * MS, d);
        assertThat(got).hasSize(count);
        long overtaken = 0;
        for (Arrival a : got) {
            ImpairmentModel.Decision x = d.get(a.sequence()).decision();
            assertThat(a.receivedNanos()).as("packet %d not before its release", a.sequence())
                    .isGreaterThanOrEqualTo(x.releaseNanos());
            assertThat(a.transit()).isGreaterThanOrEqualTo(2 * MS + x.jitterNanos());
        }
        List<Integer> releaseOrder = d.stream().sorted(Comparator.comparingLong(
                (UdpImpairer.Forwarded f) -> f.decision().releaseNanos()).thenComparingLong(f -> f.decision().index()))
                .map(UdpImpairer.Forwarded::sequence).toList();
        assertThat(got.stream().map(Arrival::sequence).toList()).as("far-side order").isEqualTo(releaseOrder);
        for (int i = 1; i < got.size(); i++) {
            overtaken += got.get(i).sequence() < got.get(i - 1).sequence() ? 1 : 0;
        }
        assertThat(overtaken).as("30 ms of jitter on 2 ms spacing reorders").isGreaterThan(50);
        double[] transit = got.stream().mapToDouble(a -> a.transit() / (double) MS).toArray();
        double[] drawn = got.stream().mapToDouble(a -> d.get(a.sequence()).decision().jitterNanos() / (double) MS).toArray();
        assertThat(correlation(transit, drawn)).as("far-side transit follows the drawn jitter").isGreaterThan(0.7);
    }

    @Test
    void heldBackPacketsArriveAfterLaterOnes() throws Exception {
        int count = 1000;
        List<UdpImpairer.Forwarded> d = new ArrayList<>();
        List<Arrival> got = runThrough(Impairments.none(14).withReorder(0.1, 10), count, MS, d);
        long held = d.stream().filter(f -> f.decision().reordered()).count();
        int maxSeen = -1;
        int arrivedLate = 0;
        for (Arrival a : got) {
            if (a.sequence() < maxSeen) {
                arrivedLate++;
                assertThat(d.get(a.sequence()).decision().reordered()).as("only held-back packets come late").isTrue();
            }
            maxSeen = Math.max(maxSeen, a.sequence());
        }
        assertThat(held).isBetween(70L, 130L);
        assertThat(arrivedLate).as("held-back packets overtaken at the far side").isEqualTo((int) held);
    }

    @Test
    void clockDriftStretchesOrShrinksTransitOverTime() throws Exception {
        int count = 1000; // 2 s at 2 ms
        for (double ppm : new double[] {5000, -5000}) {
            List<UdpImpairer.Forwarded> d = new ArrayList<>();
            List<Arrival> got = runThrough(Impairments.none(15).withDelay(20, Impairments.Delay.none())
                    .withDriftPpm(ppm), count, 2 * MS, d);
            got.sort(Comparator.comparingInt(Arrival::sequence));
            for (Arrival a : got) {
                assertThat(a.receivedNanos()).isGreaterThanOrEqualTo(d.get(a.sequence()).decision().releaseNanos());
            }
            long first = got.subList(0, 100).stream().mapToLong(Arrival::transit).min().orElseThrow();
            long last = got.subList(count - 100, count).stream().mapToLong(Arrival::transit).min().orElseThrow();
            // the model's change over 1.8 s: 9 ms
            if (ppm > 0) {
                assertThat(last - first).as("+5000 ppm: transit grows").isGreaterThan(7 * MS);
            } else {
                assertThat(first - last).as("-5000 ppm: transit shrinks").isGreaterThan(7 * MS);
            }
        }
    }

    static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
