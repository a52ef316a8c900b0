package io.voxcore.media.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The impairment decisions alone (no sockets): their statistics, arithmetic and determinism. */
class ImpairmentModelTest {

    private static final int N = 100_000;
    private static final long MS = 1_000_000L;

    private static List<ImpairmentModel.Decision> run(Impairments im, int n, long spacingNanos) {
        ImpairmentModel m = im.model();
        List<ImpairmentModel.Decision> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(m.next(1_000_000_000L + i * spacingNanos));
        }
        return out;
    }

    private static double lossFraction(List<ImpairmentModel.Decision> d) {
        return d.stream().filter(ImpairmentModel.Decision::lost).count() / (double) d.size();
    }

    /** Mean length of runs of consecutive lost packets. */
    static double meanRun(boolean[] lost) {
        int runs = 0;
        int total = 0;
        for (int i = 0; i < lost.length; i++) {
            if (lost[i]) {
                total++;
                if (i == 0 || !lost[i - 1]) {
                    runs++;
                }
            }
        }
        return runs == 0 ? 0 : total / (double) runs;
    }

    private static boolean[] lostOf(List<ImpairmentModel.Decision> d) {
        boolean[] lost = new boolean[d.size()];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = d.get(i).lost();
        }
        return lost;
    }

    @Test
    void randomLossIsIndependentAtTheGivenRate() {
        List<ImpairmentModel.Decision> d = run(Impairments.none(1).withRandomLoss(0.05), N, 20 * MS);
        assertThat(lossFraction(d)).isBetween(0.046, 0.054); // +-6 standard deviations
        assertThat(meanRun(lostOf(d))).as("independent losses: runs of 1/(1-p)").isBetween(1.03, 1.08);
    }

    @Test
    void burstLossHasTheGivenRateAndMeanBurstLength() {
        List<ImpairmentModel.Decision> d = run(Impairments.none(2).withBurstLoss(0.05, 4), N, 20 * MS);
        assertThat(lossFraction(d)).isBetween(0.04, 0.06);
        assertThat(meanRun(lostOf(d))).isBetween(3.6, 4.4);
        assertThat(d).allMatch(x -> x.lost() == x.burst());
    }

    @Test
    void jitterFollowsItsDistributionAndDelaysFromArrival() {
        List<ImpairmentModel.Decision> u = run(Impairments.none(3).withDelay(5, Impairments.Delay.uniformMillis(0, 40)),
                N, 20 * MS);
        double mean = u.stream().mapToLong(ImpairmentModel.Decision::jitterNanos).average().orElseThrow() / MS;
        assertThat(mean).isBetween(19.8, 20.2);
        assertThat(u).allMatch(x -> x.jitterNanos() >= 0 && x.jitterNanos() <= 40 * MS);
        assertThat(u).allMatch(x -> x.releaseNanos() == x.arrivalNanos() + 5 * MS + x.jitterNanos());
        List<ImpairmentModel.Decision> e = run(Impairments.none(4).withDelay(0, Impairments.Delay.exponentialMillis(10)),
                N, 20 * MS);
        double[] v = e.stream().mapToDouble(x -> x.jitterNanos() / (double) MS).toArray();
        double m = java.util.Arrays.stream(v).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
        assertThat(m).isBetween(9.8, 10.2);
        assertThat(sd).as("exponential: sd = mean").isBetween(9.6, 10.4);
    }

    @Test
    void reorderedPacketsAreHeldBackSoThatLaterOnesOvertake() {
        List<ImpairmentModel.Decision> d = run(Impairments.none(5).withReorder(0.1, 50), N, 20 * MS);
        long held = d.stream().filter(ImpairmentModel.Decision::reordered).count();
        assertThat(held / (double) N).isBetween(0.097, 0.103);
        for (int i = 0; i + 2 < N; i++) {
            ImpairmentModel.Decision x = d.get(i);
            assertThat(x.releaseNanos()).isEqualTo(x.arrivalNanos() + (x.reordered() ? 50 * MS : 0));
            if (x.reordered() && !d.get(i + 1).reordered()) {
                assertThat(d.get(i + 1).releaseNanos()).as("the next packet overtakes").isLessThan(x.releaseNanos());
            }
        }
    }

    @Test
    void driftStretchesTheSendersTimeAndNeverSendsBeforeArrival() {
        long t0 = 1_000_000_000L;
        ImpairmentModel slow = Impairments.none(6).withDriftPpm(100).model();
        assertThat(slow.next(t0).releaseNanos()).isEqualTo(t0);
        assertThat(slow.next(t0 + 10_000 * MS).releaseNanos()).as("+100 ppm: 1 ms late after 10 s")
                .isEqualTo(t0 + 10_000 * MS + MS);
        ImpairmentModel fast = Impairments.none(6).withDelay(20, Impairments.Delay.none()).withDriftPpm(-100).model();
        assertThat(fast.next(t0).releaseNanos()).isEqualTo(t0 + 20 * MS);
        assertThat(fast.next(t0 + 10_000 * MS).releaseNanos()).as("-100 ppm: 1 ms of the latency used after 10 s")
                .isEqualTo(t0 + 10_000 * MS + 19 * MS);
        ImpairmentModel clamped = Impairments.none(6).withDriftPpm(-100).model();
        clamped.next(t0);
        assertThat(clamped.next(t0 + 10_000 * MS).releaseNanos()).as("never before arrival").isEqualTo(t0 + 10_000 * MS);
    }

    @Test
    void decisionsAreDeterministicAndEachImpairmentDrawsOnItsOwn() {
        Impairments im = Impairments.none(7).withRandomLoss(0.1).withBurstLoss(0.05, 3);
        assertThat(run(im, 1000, MS)).isEqualTo(run(im, 1000, MS));
        assertThat(lostOf(run(im.withReorder(0.2, 5).withDelay(1, Impairments.Delay.uniformMillis(0, 9)), 1000, MS)))
                .as("the same losses with reordering and jitter on").isEqualTo(lostOf(run(im, 1000, MS)));
        assertThat(lostOf(run(Impairments.none(8).withRandomLoss(0.1).withBurstLoss(0.05, 3), 1000, MS)))
                .as("another seed").isNotEqualTo(lostOf(run(im, 1000, MS)));
    }

    @Test
    void badSettingsAreRefusedNamingTheValues() {
        assertThatThrownBy(() -> Impairments.none(1).withRandomLoss(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> Impairments.none(1).withBurstLoss(0.1, 0.5)).hasMessageContaining("0.5");
        assertThatThrownBy(() -> Impairments.Delay.uniformMillis(5, 1)).hasMessageContaining("5.0, 1.0");
        assertThatThrownBy(() -> Impairments.none(1).withDriftPpm(20_000)).hasMessageContaining("20000");
    }
}
