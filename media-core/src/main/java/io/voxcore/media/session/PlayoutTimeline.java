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
 * audio before it has run out. Mid-talkspurt the offset grows to the target only after a packet
 * came too late (dropped as late); a shrinking target waits for the next boundary. So the offset
 * changes where the listener hears silence anyway, never as a burst, and not at every small step
 * of the estimate (clock drift moves its base a little every window). The marker bit alone
 * changes nothing (some peers set it on every packet). A packet is never held more than the
 * maximum delay after its arrival (a sender faster than real time, or a network delay that
 * dropped by more than the headroom): it then plays early, and never before it arrived.
 *
 * <p>The time between the end of one packet's audio and the start of the next is a hole the
 * buffer reports as a gap: local time, so that played samples plus gap samples follow the local
 * clock; for a packet played early, the jump in its timestamp.
 */
final class PlayoutTimeline {

    private final DelayEstimator estimator;
    private boolean playing;
    private long endTs;
    private long offset;
    private boolean lateSeen;
    private boolean early;

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
        } else if (ts > endTs && (missing == 0 || marker) || arrival >= endTime()) {
            o = Math.max(target, endTime() - ts); // a boundary: a pause, or the audio ran out
        } else if (lateSeen) {
            o = Math.max(offset, target);
        } else {
            o = offset;
        }
        long start = Math.max(arrival, Math.min(ts + o, arrival + estimator.maxDelay()));
        early = start < ts + o;
        return start;
    }

    /**
     * Whether an audio packet arriving now starts a talkspurt: it comes after the audio played
     * so far has run out, or with the marker bit and a timestamp past the end of that audio.
     *
     * @param ts its extended timestamp
     * @param arrival its arrival, local RTP units
     * @param marker its marker bit
     * @return false before the first audio
     */
    boolean boundary(long ts, long arrival, boolean marker) {
        return playing && (arrival >= endTime() || marker && ts > endTs);
    }

    /**
     * How much time passes without audio before the packet {@link #start} was last asked about:
     * local time when it plays on the timeline, the jump in its timestamp when it plays early.
     *
     * @param ts its extended timestamp
     * @param start from {@link #start}
     * @return RTP units, 0 before the first audio
     */
    long hole(long ts, long start) {
        if (!playing) {
            return 0;
        }
        return early ? Math.max(0, ts - endTs) : Math.max(0, start - endTime());
    }

    /** An audio packet came after its place in the sequence was given up: the delay may grow. */
    void late() {
        lateSeen = true;
    }

    /**
     * A packet plays at {@code start}: its talkspurt's offset follows.
     *
     * @param ts its extended timestamp
     * @param samplesPerChannel its length
     * @param start from {@link #start}
     */
    void play(long ts, int samplesPerChannel, long start) {
        lateSeen = false;
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
