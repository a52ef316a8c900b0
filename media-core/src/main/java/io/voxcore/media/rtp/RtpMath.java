package io.voxcore.media.rtp;

/**
 * Sequence-number and timestamp arithmetic modulo 2^16 and 2^32 (RFC 3550 sections 5.1 and
 * A.1): differences are taken the short way round the circle, so 0 follows 65535 and timestamp
 * 5 follows 4294967290.
 */
public final class RtpMath {

    private RtpMath() {
    }

    /**
     * The signed distance from sequence number {@code from} to {@code to}, the short way round.
     *
     * @param from a sequence number (low 16 bits used)
     * @param to a sequence number (low 16 bits used)
     * @return -32768 to 32767; positive when {@code to} is newer
     */
    public static int sequenceDelta(int from, int to) {
        return (short) (to - from);
    }

    /**
     * Whether sequence number {@code candidate} is newer than {@code reference}.
     *
     * @param candidate a sequence number
     * @param reference a sequence number
     * @return true when {@code candidate} follows {@code reference}
     */
    public static boolean isNewerSequence(int candidate, int reference) {
        return sequenceDelta(reference, candidate) > 0;
    }

    /**
     * The signed distance from timestamp {@code from} to {@code to}, the short way round.
     *
     * @param from an RTP timestamp (low 32 bits used)
     * @param to an RTP timestamp (low 32 bits used)
     * @return -2^31 to 2^31-1; positive when {@code to} is later
     */
    public static long timestampDelta(long from, long to) {
        return (int) (to - from);
    }

    /**
     * Adds to a timestamp modulo 2^32.
     *
     * @param timestamp an RTP timestamp
     * @param delta what to add, may be negative
     * @return the result, 0 to 2^32-1
     */
    public static long addTimestamp(long timestamp, long delta) {
        return (timestamp + delta) & 0xFFFF_FFFFL;
    }

    /**
     * Adds to a sequence number modulo 2^16.
     *
     * @param sequence a sequence number
     * @param delta what to add, may be negative
     * @return the result, 0-65535
     */
    public static int addSequence(int sequence, int delta) {
        return (sequence + delta) & 0xFFFF;
    }
}
