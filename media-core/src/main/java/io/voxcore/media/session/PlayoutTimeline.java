package io.voxcore.media.session;

/**
 * When a jitter buffer's audio plays, confined to the session's I/O thread: the offset from RTP
 * time to local time of the talkspurt playing, where the audio played so far ends, and the rules
 * by which the offset follows the {@link DelayEstimator}.
 *
 * <p>Within a talkspurt the offset is fixed, so consecutive audio plays back to back. It takes
 * the estimator's {@link DelayEstimator#target() target} at a talkspurt boundary: the first audio,
 * an audio packet whose timestamp jumps past the end of the audio before it (a pause) with no
 * sequence number missing in between or with the marker bit set, or one that arrives after the
 * audio before it has run out. Mid-talkspurt the offset only grows, when the target grows past
 * it; a shrinking target waits for the next boundary. The marker bit alone changes nothing (some
 * peers set it on every packet). A packet is never held more than the maximum delay after its
 * arrival (a sender faster than real time, or a network delay that dropped by more than the
 * headroom), and never played before it arrived.
 *
 * <p>Local time between the end of one packet's audio and the start of the next is a hole the
 * buffer reports as a gap, so played samples plus gap samples follow the local clock.
 */
final class PlayoutTimeline {

    private final DelayEstimator estimator;
    private boolean playing;
    private long endTs;
    private long offset;

    /**
     * Creates a timeline with nothing played.
     *
     * @param estimator the delay estimate it follows
     */
    PlayoutTimeline(DelayEstimator estimator) {
        this.estimator = estimator;
    }

    /**
     * Whether audio has played since creation or the last {@link #reset()}.
     *
     * @return true once {@link #endTs()} means something
     */
    boolean playing() {
        return playing;
    }

    /**
     * The RTP timestamp where the audio played so far ends.
     *
     * @return extended timestamp units
     */
    long endTs() {
        return endTs;
    }

    /**
     * The local time when the audio played so far runs out.
     *
     * @return local RTP units
     */
    long endTime() {
        return endTs + offset;
    }

    /**
     * When an audio packet is due.
     *
     * @param ts its extended timestamp
     * @param arrival its arrival, local RTP units
     * @param marker its marker bit
     * @param missing how many sequence numbers are missing between it and the audio played last
     * @return its start, local RTP units
     */
    long start(long ts, long arrival, boolean marker, int missing) {
        long target = estimator.target();
        long o;
        if (!playing) {
            o = target;
        } else {
            boolean pause = ts > endTs && (missing == 0 || marker);
            boolean ranOut = arrival >= endTime();
            o = pause || ranOut ? Math.max(target, endTime() - ts) : Math.max(offset, target);
        }
        return Math.max(arrival, Math.min(ts + o, arrival + estimator.maxDelay()));
    }

    /**
     * How much local time passes without audio before a packet starting at {@code start}.
     *
     * @param start from {@link #start}
     * @return RTP units, 0 before the first audio
     */
    long hole(long start) {
        return playing ? Math.max(0, start - endTime()) : 0;
    }

    /**
     * A packet plays at {@code start}: its talkspurt's offset follows.
     *
     * @param ts its extended timestamp
     * @param samplesPerChannel its length
     * @param start from {@link #start}
     */
    void play(long ts, int samplesPerChannel, long start) {
        offset = start - ts;
        endTs = ts + samplesPerChannel;
        playing = true;
    }

    /**
     * A packet plays before it is due (the ring is full, or a flush): the offset stays, and the
     * hole before it is the jump in its timestamp.
     *
     * @param ts its extended timestamp
     * @param samplesPerChannel its length
     * @param arrival its arrival, local RTP units
     * @return the hole before it, RTP units (0 before the first audio)
     */
    long playEarly(long ts, int samplesPerChannel, long arrival) {
        long hole = playing ? Math.max(0, ts - endTs) : 0;
        if (!playing) {
            offset = start(ts, arrival, false, 0) - ts;
        }
        endTs = ts + samplesPerChannel;
        playing = true;
        return hole;
    }

    /** Forgets what played (a restarted sender). */
    void reset() {
        playing = false;
    }

    /**
     * The delay applied to the audio playing now: its offset above the base transit.
     *
     * @return RTP units; the estimate's delay before any audio played
     */
    long delay() {
        return playing ? offset - estimator.base() : estimator.delay();
    }
}
