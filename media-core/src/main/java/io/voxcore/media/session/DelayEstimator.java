package io.voxcore.media.session;

/**
 * The jitter buffer's network-delay estimate, confined to the session's I/O thread.
 *
 * <p>Fed one transit time ({@code arrival - timestamp}, local RTP units) per audio packet. The
 * <em>base transit</em> is the smallest transit seen over the last one to two windows (so it
 * follows clock drift and route changes); the <em>delay</em> is the largest excess transit
 * ({@code transit - base}, measured when the packet arrived) over the same windows, clamped to the
 * configured minimum and maximum. {@link #target()}, their sum, is the playout offset that would
 * have played every packet of the windows in time. The estimate only says what the buffer should
 * do; {@link JitterBuffer} decides when a change is applied (at a talkspurt boundary or through a
 * reported gap).
 *
 * <p>Allocation-free.
 */
final class DelayEstimator {

    private final long minDelay;
    private final long maxDelay;
    private final long window;

    private boolean started;
    private long currentMin;
    private long previousMin;
    private long currentMaxExcess;
    private long previousMaxExcess;
    private long windowStart;
    private long delay;

    /**
     * Creates an estimator with no observations: its delay is {@code minDelay} until the first.
     *
     * @param minDelay the least delay, in RTP units, at least 0
     * @param maxDelay the largest delay, in RTP units, at least {@code minDelay}
     * @param window how long one window of the estimate lasts, in RTP units, above 0
     * @throws IllegalArgumentException when the bounds are inconsistent
     */
    DelayEstimator(long minDelay, long maxDelay, long window) {
        if (minDelay < 0 || maxDelay < minDelay || window <= 0) {
            throw new IllegalArgumentException("delay estimate needs 0 <= minDelay <= maxDelay and window > 0, got minDelay="
                    + minDelay + " maxDelay=" + maxDelay + " window=" + window);
        }
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.window = window;
        this.delay = minDelay;
    }

    /**
     * Takes one audio packet's transit time into the estimate. The first packet of a talkspurt
     * that comes later than the maximum delay allows restarts the estimate: the sender's clock
     * moved against ours (e.g. its timestamps did not advance over a pause), and the old base
     * would leave every packet after it unbuffered for seconds.
     *
     * @param transit {@code arrival - timestamp}, local RTP units (any sign)
     * @param arrival the packet's arrival on the local clock, RTP units
     * @param talkspurtStart whether the packet starts a talkspurt
     */
    void observe(long transit, long arrival, boolean talkspurtStart) {
        if (!started || talkspurtStart && transit - base() > maxDelay) {
            started = true;
            currentMin = transit;
            previousMin = transit;
            currentMaxExcess = 0;
            previousMaxExcess = 0;
            windowStart = arrival;
        } else if (arrival - windowStart >= window) {
            previousMin = currentMin;
            previousMaxExcess = currentMaxExcess;
            currentMin = transit;
            currentMaxExcess = 0;
            windowStart = arrival;
        }
        if (transit < currentMin) {
            currentMin = transit;
        }
        long excess = transit - base();
        if (excess > currentMaxExcess) {
            currentMaxExcess = excess;
        }
        delay = Math.max(minDelay, Math.min(maxDelay, Math.max(currentMaxExcess, previousMaxExcess)));
    }

    /** Forgets every observation (a restarted sender: its timestamps may have restarted too). */
    void reset() {
        started = false;
        delay = minDelay;
    }

    /**
     * Whether a transit has been observed since creation or the last {@link #reset()}.
     *
     * @return true once {@link #base()} means something
     */
    boolean started() {
        return started;
    }

    /**
     * The smallest transit of the last one to two windows.
     *
     * @return local RTP units; meaningless before the first observation
     */
    long base() {
        return Math.min(currentMin, previousMin);
    }

    /**
     * The delay the estimate asks for: the largest excess transit, clamped.
     *
     * @return RTP units, between the minimum and maximum delay
     */
    long delay() {
        return delay;
    }

    /**
     * The playout offset the estimate asks for: a packet stamped {@code t} would play at local
     * time {@code t + target()}.
     *
     * @return {@link #base()} plus {@link #delay()}
     */
    long target() {
        return base() + delay;
    }

    /**
     * The configured maximum delay.
     *
     * @return RTP units
     */
    long maxDelay() {
        return maxDelay;
    }
}
