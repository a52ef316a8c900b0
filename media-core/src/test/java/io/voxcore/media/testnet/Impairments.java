package io.voxcore.media.testnet;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a {@link UdpImpairer} does to the datagrams it forwards, all decided from one seed: random
 * loss, burst loss (a two-state Gilbert-Elliott channel: every packet in the bad state is lost),
 * a base latency plus jitter from a distribution, reordering (a packet held back by an extra
 * delay so that later ones overtake it) and clock drift (the far side sees the sender's time
 * stretched by {@code 1 + ppm / 10^6}). Immutable; {@link #model()} makes the per-stream state.
 *
 * @param seed the seed of every random decision
 * @param randomLoss probability that a packet is lost independently, 0..1
 * @param burstLoss long-run fraction of packets lost in bursts, 0..1 (0: none)
 * @param meanBurstLength mean length of a loss burst in packets, at least 1
 * @param latencyNanos delay added to every packet, at least 0
 * @param jitter the extra delay of each packet
 * @param reorder probability that a packet is held back, 0..1
 * @param reorderNanos how long a held-back packet waits on top of its delay
 * @param driftPpm the sender's clock as the far side sees it: positive means slower (its packets
 *     come later and later), negative faster (they use up the latency)
 */
public record Impairments(long seed, double randomLoss, double burstLoss, double meanBurstLength, long latencyNanos,
        Delay jitter, double reorder, long reorderNanos, double driftPpm) {

    /** A random delay in nanoseconds, drawn per packet. */
    public interface Delay {
        /**
         * Draws one delay.
         *
         * @param random the generator to draw from
         * @return nanoseconds, at least 0
         */
        long nanos(SplittableRandom random);

        /** {@return no delay} */
        static Delay none() {
            return r -> 0;
        }

        /**
         * Uniform between two bounds.
         *
         * @param minMillis the least delay
         * @param maxMillis the largest delay
         * @return the distribution
         */
        static Delay uniformMillis(double minMillis, double maxMillis) {
            if (minMillis < 0 || maxMillis < minMillis) {
                throw new IllegalArgumentException("uniform jitter needs 0 <= min <= max, got " + minMillis + ", "
                        + maxMillis);
            }
            return r -> (long) ((minMillis + (maxMillis - minMillis) * r.nextDouble()) * 1e6);
        }

        /**
         * Exponential with the given mean, the usual model of queueing delay.
         *
         * @param meanMillis the mean
         * @return the distribution
         */
        static Delay exponentialMillis(double meanMillis) {
            if (meanMillis < 0) {
                throw new IllegalArgumentException("exponential jitter needs a mean >= 0, got " + meanMillis);
            }
            return r -> (long) (-meanMillis * Math.log(1 - r.nextDouble()) * 1e6);
        }
    }

    /**
     * Checks the values.
     *
     * @param seed see the class description; so are the other parameters
     * @param randomLoss random loss
     * @param burstLoss burst loss fraction
     * @param meanBurstLength mean burst length
     * @param latencyNanos base latency
     * @param jitter jitter
     * @param reorder reorder probability
     * @param reorderNanos reorder hold-back
     * @param driftPpm drift
     */
    public Impairments {
        Objects.requireNonNull(jitter, "jitter");
        if (!(randomLoss >= 0 && randomLoss <= 1) || !(burstLoss >= 0 && burstLoss < 1)
                || !(reorder >= 0 && reorder <= 1)) {
            throw new IllegalArgumentException("probabilities must be 0..1 (burst loss below 1), got random loss "
                    + randomLoss + ", burst loss " + burstLoss + ", reorder " + reorder);
        }
        if (!(meanBurstLength >= 1) || latencyNanos < 0 || reorderNanos < 0 || Math.abs(driftPpm) > 10_000) {
            throw new IllegalArgumentException("need mean burst length >= 1, latency and reorder delay >= 0, |drift| "
                    + "<= 10000 ppm; got " + meanBurstLength + ", " + latencyNanos + " ns, " + reorderNanos + " ns, "
                    + driftPpm + " ppm");
        }
    }

    /**
     * A perfect network with the given seed, to change with the {@code with*} methods.
     *
     * @param seed the seed
     * @return no loss, no delay, no reordering, no drift
     */
    public static Impairments none(long seed) {
        return new Impairments(seed, 0, 0, 1, 0, Delay.none(), 0, 0, 0);
    }

    /** @param p probability 0..1 @return a copy with independent random loss */
    public Impairments withRandomLoss(double p) {
        return new Impairments(seed, p, burstLoss, meanBurstLength, latencyNanos, jitter, reorder, reorderNanos,
                driftPpm);
    }

    /**
     * A copy with burst loss.
     *
     * @param fraction long-run fraction lost in bursts
     * @param meanLength mean burst length in packets
     * @return the copy
     */
    public Impairments withBurstLoss(double fraction, double meanLength) {
        return new Impairments(seed, randomLoss, fraction, meanLength, latencyNanos, jitter, reorder, reorderNanos,
                driftPpm);
    }

    /**
     * A copy with a base latency and jitter.
     *
     * @param latencyMillis added to every packet
     * @param distribution the extra delay per packet
     * @return the copy
     */
    public Impairments withDelay(double latencyMillis, Delay distribution) {
        return new Impairments(seed, randomLoss, burstLoss, meanBurstLength, (long) (latencyMillis * 1e6),
                distribution, reorder, reorderNanos, driftPpm);
    }

    /**
     * A copy with reordering.
     *
     * @param p probability that a packet is held back
     * @param holdMillis how long it is held on top of its delay
     * @return the copy
     */
    public Impairments withReorder(double p, double holdMillis) {
        return new Impairments(seed, randomLoss, burstLoss, meanBurstLength, latencyNanos, jitter, p,
                (long) (holdMillis * 1e6), driftPpm);
    }

    /** @param ppm the drift @return a copy with clock drift */
    public Impairments withDriftPpm(double ppm) {
        return new Impairments(seed, randomLoss, burstLoss, meanBurstLength, latencyNanos, jitter, reorder,
                reorderNanos, ppm);
    }

    /** {@return fresh decision state for one stream} */
    public ImpairmentModel model() {
        return new ImpairmentModel(this);
    }
}
