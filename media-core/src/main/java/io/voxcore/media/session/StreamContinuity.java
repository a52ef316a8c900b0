package io.voxcore.media.session;

import io.voxcore.media.rtp.RtpMath;

/**
 * Whether a packet of the latched source fits the stream received so far, in sequence number,
 * timestamp and arrival together, before RFC 3550 A.1 and the jitter buffer learn from it. A
 * packet with the latched SSRC can still be forged or mangled (a flood from the peer's own
 * address, a spoofed source that passes a connected socket): A.1 alone accepts any sequence
 * number up to MAX_DROPOUT ahead and re-synchronises on any two in a row, and one such packet
 * moves the expected count, plays out of place, or makes the real packets look late.
 *
 * <p>A packet {@code d} sequence numbers after the highest one received fits when its timestamp
 * advanced, by at least {@code (d - 1)} times 5 ms (a sender never sends audio faster than one
 * packet per 5 ms of media, RFC 4733's redundant end packets included) and by no more than the
 * local time elapsed since that highest packet arrived plus an allowance for delay variation (a
 * sender cannot send media from the future); and {@code d} itself must fit that time at one
 * packet per 5 ms. A telephone event's packets share one timestamp (and a late update may carry
 * an older one), so for an event only the bounds in time apply: its timestamp within the
 * allowance of the highest, and after the highest when that was audio (an event starts after the
 * audio before it; a mangled copy of an audio header keeps its timestamp). A packet {@code d} before the highest one fits when
 * its timestamp is earlier by the same least step and by no more than the allowance, and when it
 * is fewer than {@link #REORDER_WINDOW} behind (older would be late anyway). A copy (same sequence number) passes on, for A.1 to count as a duplicate.
 *
 * Once audio was seen, telephone events are checked against the audio but never move the
 * reference the audio is checked against.
 *
 * <p>A packet that does not fit is dropped and counted by the caller. When the stream has not
 * produced a fitting packet for 60 ms and the next one follows a dropped one (sequence number
 * plus one, timestamp later by at least 5 ms for audio, not earlier for an event, and within the
 * allowance; mangled copies of one packet share its timestamp), the stream has really jumped (a
 * restarted sender) and the guard follows it: forged packets never re-synchronise a stream that
 * is still arriving. I/O thread only; allocation-free.
 */
final class StreamContinuity {

    /**
     * How far behind the highest a packet may come: within the window where RFC 3550 A.1 (as
     * {@link io.voxcore.media.rtp.ReceptionStatistics} keeps it) tells a copy from a late packet,
     * so that a forged copy of an old packet is a duplicate rather than counted as received.
     */
    static final int REORDER_WINDOW = 64;

    private final long minStep;
    private final long allowance;
    private final long silence;
    private boolean started;
    private int highestSeq;
    private boolean highestAudio;
    private long highestTs;
    private long highestArrival;
    private long lastFit;
    private boolean candidate;
    private int candidateSeq;
    private long candidateTs;

    /**
     * Creates a guard for one stream.
     *
     * @param clockRate the RTP clock rate
     * @param allowance how much a packet's timestamp may run ahead of local time (or behind the
     *     highest), in RTP units: the jitter buffer's largest delay plus a margin
     */
    StreamContinuity(int clockRate, long allowance) {
        this.minStep = Math.max(1, clockRate / 200);
        this.allowance = allowance;
        this.silence = Math.max(1, clockRate * 60L / 1000);
    }

    /**
     * Decides about a packet of the latched SSRC, and follows the stream when it fits.
     *
     * @param seq its sequence number
     * @param ts its RTP timestamp
     * @param arrival its arrival, local RTP units
     * @param audio false for a telephone event (its packets share one timestamp)
     * @return true when it fits (or starts or re-synchronises the stream)
     */
    boolean accept(int seq, long ts, long arrival, boolean audio) {
        if (!started) {
            lastFit = arrival;
            follow(seq, ts, arrival, audio);
            started = true;
            return true;
        }
        int d = RtpMath.sequenceDelta(highestSeq, seq);
        if (d == 0) {
            return true; // a copy: A.1 counts it as a duplicate
        }
        long t = RtpMath.timestampDelta(highestTs, ts);
        if (fits(d, t, arrival - highestArrival, audio)) {
            lastFit = arrival;
            if (d > 0 && (audio || !highestAudio)) { // events never move an audio reference
                highestSeq = seq;
                highestAudio = audio;
                if (t > 0) { // an event's late update may carry an older timestamp: time follows the newest
                    highestTs = ts;
                    highestArrival = arrival;
                }
            }
            candidate = false;
            return true;
        }
        if (candidate && seq == ((candidateSeq + 1) & 0xFFFF) && arrival - lastFit >= silence) {
            long step = RtpMath.timestampDelta(candidateTs, ts);
            if (step >= (audio ? minStep : 0) && step <= allowance) {
                follow(seq, ts, arrival, audio); // two in a row: the stream really moved
                candidate = false;
                return true;
            }
        }
        candidate = true;
        candidateSeq = seq;
        candidateTs = ts;
        return false;
    }

    private boolean fits(int d, long t, long elapsed, boolean audio) {
        if (d > 0) {
            long most = Math.max(0, elapsed) + allowance;
            if ((d - 1) * minStep > most) {
                return false; // more packets than the time since the highest allows
            }
            if (!audio) { // an event's packets share one timestamp (a late update may revisit an older one)
                return t >= (highestAudio ? 1 : -allowance) && t <= most;
            }
            return t >= Math.max(1, (d - 1) * minStep) && t <= most;
        }
        if (-d >= REORDER_WINDOW) {
            return false;
        }
        if (!audio) {
            return Math.abs(t) <= allowance;
        }
        return -t >= Math.max(1, (-d - 1) * minStep) && -t <= allowance;
    }

    private void follow(int seq, long ts, long arrival, boolean audio) {
        highestSeq = seq;
        highestAudio = audio;
        highestTs = ts;
        highestArrival = arrival;
    }

    /**
     * Whether a sequence number is the highest one accepted (a copy of the newest packet).
     *
     * @param seq the sequence number
     * @return false before the first packet
     */
    boolean isHighest(int seq) {
        return started && seq == highestSeq;
    }

    /** Forgets the stream (a new source). */
    void reset() {
        started = false;
        candidate = false;
    }
}
