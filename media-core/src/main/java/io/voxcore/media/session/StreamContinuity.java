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
 * sender cannot send media from the future). A packet {@code d} before the highest one fits when
 * its timestamp is earlier by the same least step and by no more than the allowance (older would
 * be late anyway). Telephone
 * events keep their timestamp across packets, so for them "advanced" includes "equal". A copy
 * (same sequence number) passes on, for A.1 to count as a duplicate.
 *
 * <p>A packet that does not fit is dropped and counted by the caller; when the next one follows
 * it (sequence number plus one, timestamp later by at least 5 ms for audio, not earlier for an
 * event, and within the allowance; mangled copies of one packet share its timestamp) the stream has
 * really jumped (a restarted sender) and the guard follows it. I/O thread only; allocation-free.
 */
final class StreamContinuity {

    private final long minStep;
    private final long allowance;
    private boolean started;
    private int highestSeq;
    private long highestTs;
    private long highestArrival;
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
            follow(seq, ts, arrival);
            started = true;
            return true;
        }
        int d = RtpMath.sequenceDelta(highestSeq, seq);
        if (d == 0) {
            return true; // a copy: A.1 counts it as a duplicate
        }
        long t = RtpMath.timestampDelta(highestTs, ts);
        if (fits(d, t, arrival - highestArrival, audio)) {
            if (d > 0) {
                follow(seq, ts, arrival);
            }
            candidate = false;
            return true;
        }
        if (candidate && seq == ((candidateSeq + 1) & 0xFFFF)) {
            long step = RtpMath.timestampDelta(candidateTs, ts);
            if (step >= (audio ? minStep : 0) && step <= allowance) {
                follow(seq, ts, arrival); // two in a row: the stream really moved
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
            long least = Math.max(audio ? 1 : 0, (d - 1) * minStep);
            return t >= least && t <= Math.max(0, elapsed) + allowance;
        }
        long least = Math.max(audio ? 1 : 0, (-d - 1) * minStep);
        return -t >= least && -t <= allowance;
    }

    private void follow(int seq, long ts, long arrival) {
        highestSeq = seq;
        highestTs = ts;
        highestArrival = arrival;
    }

    /** Forgets the stream (a new source). */
    void reset() {
        started = false;
        candidate = false;
    }
}
