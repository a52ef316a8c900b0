package io.voxcore.benchmarks.quality;

import io.voxcore.media.session.GapPolicy;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.ReceiveStatistics;
import io.voxcore.media.testnet.Impairments;
import java.util.Arrays;
import java.util.List;

/**
 * The jitter buffer's cost under jitter, one run at a time (these figures depend on timing): the
 * speech through one impairer that delays each packet by an independent uniform draw on
 * {@code [0, J]} ms (no loss, no base latency; packets overtake where their draws say so) to one
 * session with the default configuration (concealment, jitter delay 20-200 ms).
 *
 * <p>Per packet the network delivered: the <em>added delay</em> is when its audio was given to
 * the sink, minus when the sender's clock stamped it (the RTP timestamp as sender time), minus the
 * smallest transit of the run (the loopback's own, below a millisecond): the delay the buffer
 * plays at above the fastest packet, the quantity its estimator targets. The <em>wait</em> is how
 * long the packet sat in the buffer (given to the sink minus sent on by the impairer). A packet
 * whose time was given to the sink before it arrived came after its playout point: late.
 */
final class DelayQuality {

    /**
     * One jitter level's figures.
     *
     * @param jitterMillis J
     * @param packets packets sent
     * @param received packets the session accepted
     * @param late {@code ReceiveStatistics.late()}
     * @param lateByTiming packets whose time played before they arrived (the same, seen from outside)
     * @param delayMedian added delay, median, ms
     * @param delayP95 added delay, 95th percentile, ms
     * @param delayMax added delay, largest, ms
     * @param waitMean mean time in the buffer, ms
     * @param rfcJitterMillis the session's RFC 3550 interarrival jitter at the end, ms
     * @param concealedSamples samples concealed (the late packets' time)
     * @param lagP99 99th percentile of how far behind the sender's clock packets reached the impairer
     *     (the machine's own delay, before the impairer adds any), ms
     * @param lagMax the largest such lag, ms
     */
    record Row(double jitterMillis, int packets, long received, long late, long lateByTiming, double delayMedian,
            double delayP95, double delayMax, double waitMean, double rfcJitterMillis, long concealedSamples,
            double lagP99, double lagMax) {

        /** {@return late packets per packet received} */
        double lateRate() {
            return received == 0 ? Double.NaN : late / (double) received;
        }
    }

    private DelayQuality() {
    }

    /**
     * Runs one jitter level in real time.
     *
     * @param engine the engine for the session
     * @param speech the input, whole packets
     * @param jitterMillis J
     * @param seed the impairment seed
     * @return the figures
     * @throws Exception if the run fails
     */
    static Row run(MediaEngine engine, short[] speech, double jitterMillis, long seed) throws Exception {
        byte[][] payloads = Speech.ulawPackets(speech);
        Impairments net = Impairments.none(seed).withDelay(0, Impairments.Delay.uniformMillis(0, jitterMillis));
        SessionRun run = SessionRun.start(engine, payloads, List.of(new SessionRun.Leg(GapPolicy.CONCEAL, net, -1)));
        SessionRun.Result r = run.finish(3000).get(0);
        long[] release = r.releases();
        long[] delivered = r.recording().firstDelivery;
        long minTransit = Long.MAX_VALUE;
        for (int k = 0; k < payloads.length; k++) {
            if (release[k] != 0) { // the fastest packet's time to the session, sender's clock to release
                minTransit = Math.min(minTransit, release[k] - run.idealSend(k));
            }
        }
        double[] added = new double[payloads.length];
        int n = 0;
        long lateByTiming = 0;
        double waitSum = 0;
        for (int k = 0; k < payloads.length; k++) {
            if (release[k] == 0 || delivered[k] == 0) {
                continue;
            }
            if (delivered[k] < release[k]) {
                lateByTiming++;
                continue;
            }
            added[n++] = (delivered[k] - run.idealSend(k) - minTransit) / 1e6;
            waitSum += (delivered[k] - release[k]) / 1e6;
        }
        double[] sorted = Arrays.copyOf(added, n);
        Arrays.sort(sorted);
        ReceiveStatistics s = r.stats();
        double[] lag = run.machineLagMillis(r);
        return new Row(jitterMillis, payloads.length, s.packetsReceived(), s.late(), lateByTiming,
                percentile(sorted, 0.5), percentile(sorted, 0.95), n == 0 ? Double.NaN : sorted[n - 1],
                n == 0 ? Double.NaN : waitSum / n, s.jitterMillis(), s.concealedSamples(), percentile(lag, 0.99),
                lag[lag.length - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
