package io.voxcore.media.testnet;

import java.util.SplittableRandom;

/**
 * The decisions of {@link Impairments} for one stream, packet by packet, in arrival order: pure
 * arithmetic on seeded generators (one per impairment, so turning one on does not change the
 * others' draws), no clock of its own. The same seed and arrivals give the same decisions.
 */
public final class ImpairmentModel {

    /** What happens to one packet. */
    public record Decision(long index, boolean lost, boolean burst, boolean reordered, long arrivalNanos,
            long releaseNanos, long jitterNanos) {
    }

    private final Impairments cfg;
    private final SplittableRandom lossRandom;
    private final SplittableRandom burstRandom;
    private final SplittableRandom jitterRandom;
    private final SplittableRandom reorderRandom;
    private final double enterBad;
    private final double leaveBad;
    private boolean bad;
    private long index;
    private long firstArrival;

    ImpairmentModel(Impairments cfg) {
        this.cfg = cfg;
        SplittableRandom root = new SplittableRandom(cfg.seed());
        this.lossRandom = root.split();
        this.burstRandom = root.split();
        this.jitterRandom = root.split();
        this.reorderRandom = root.split();
        // Gilbert-Elliott with loss only in the bad state: bursts are geometric with mean 1 / leaveBad,
        // and the bad state's stationary share enterBad / (enterBad + leaveBad) is the burst loss fraction.
        this.leaveBad = 1 / cfg.meanBurstLength();
        this.enterBad = cfg.burstLoss() == 0 ? 0 : cfg.burstLoss() * leaveBad / (1 - cfg.burstLoss());
    }

    /**
     * Decides the fate of the next packet.
     *
     * @param arrivalNanos when it reached the impairer (System.nanoTime())
     * @return lost, or when to send it on
     */
    public Decision next(long arrivalNanos) {
        long i = index++;
        if (i == 0) {
            firstArrival = arrivalNanos;
        }
        boolean randomLost = lossRandom.nextDouble() < cfg.randomLoss();
        bad = bad ? burstRandom.nextDouble() >= leaveBad : burstRandom.nextDouble() < enterBad;
        long jitter = cfg.jitter().nanos(jitterRandom);
        boolean reordered = reorderRandom.nextDouble() < cfg.reorder();
        long release = release(arrivalNanos, jitter, reordered);
        return new Decision(i, randomLost || bad, bad, reordered, arrivalNanos, release, jitter);
    }

    /**
     * When a packet is sent on: its arrival on the drifted clock, plus latency, jitter and any
     * hold-back; never before it arrived.
     *
     * @param arrivalNanos its arrival
     * @param jitterNanos its jitter
     * @param reordered whether it is held back
     * @return the release time
     */
    long release(long arrivalNanos, long jitterNanos, boolean reordered) {
        long elapsed = arrivalNanos - firstArrival;
        long drifted = firstArrival + elapsed + Math.round(elapsed * cfg.driftPpm() / 1e6);
        long release = drifted + cfg.latencyNanos() + jitterNanos + (reordered ? cfg.reorderNanos() : 0);
        return Math.max(arrivalNanos, release);
    }
}
