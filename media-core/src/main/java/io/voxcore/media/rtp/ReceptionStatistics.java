package io.voxcore.media.rtp;

/**
 * Per-source reception state of RFC 3550 appendix A: extended sequence numbers with the
 * probation and resynchronisation rules of A.1, expected and lost counts and the fraction lost
 * of A.3, and the interarrival jitter estimator of A.8.
 *
 * <p>Feed it every valid packet of one SSRC with {@link #onPacket}; read the counters at any
 * time. The {@link #MIN_SEQUENTIAL} packets that establish a source are counted as received once
 * it is valid (A.1's sample code leaves them out). Allocation-free; not thread-safe (confine it to the receive thread).
 */
public final class ReceptionStatistics {

    /** A.1: largest forward jump accepted as in-order (packets). */
    public static final int MAX_DROPOUT = 3000;
    /** A.1: largest backward jump accepted as a late packet rather than a restart. */
    public static final int MAX_MISORDER = 100;
    /** A.1: sequential packets needed before a new source is valid. */
    public static final int MIN_SEQUENTIAL = 2;
    private static final int RTP_SEQ_MOD = 1 << 16;

    /** What {@link #onPacket} decided about a packet. */
    public enum Verdict {
        /** In order or a small gap ahead: play it. */
        ACCEPTED,
        /** Older than the highest seen but within the misorder window: reordered or late. */
        REORDERED,
        /** The same sequence number again, within the recent window. */
        DUPLICATE,
        /** Still in probation, or a large jump awaiting confirmation by the next packet. */
        PROBATION,
        /** A jump too large to trust (possibly a restarted sender); not counted. */
        BAD_SEQUENCE
    }

    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = RTP_SEQ_MOD + 1;
    private int probation = MIN_SEQUENTIAL;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long duplicates;
    private long reordered;
    private boolean initialized;
    private long transitPrev;
    private boolean haveTransit;
    private double jitter;
    /** Bitmap of recently seen sequence numbers, bit i = maxSeq - i, for duplicate detection. */
    private long seenWindow;

    /** Creates an empty state; the first packet starts probation. */
    public ReceptionStatistics() {
    }

    /**
     * Accounts one valid packet.
     *
     * @param sequence its sequence number
     * @param rtpTimestamp its RTP timestamp
     * @param arrival its arrival time in the same clock units as the RTP timestamp (for jitter)
     * @return what the packet is
     */
    public Verdict onPacket(int sequence, long rtpTimestamp, long arrival) {
        return onPacket(sequence, rtpTimestamp, arrival, true);
    }

    /**
     * Accounts one valid packet, optionally leaving it out of the interarrival jitter estimate:
     * packets whose timestamp is not their sampling instant (RFC 4733 telephone events all carry
     * their event's start timestamp) would otherwise add their age to the jitter (RFC 3550 A.8
     * assumes the timestamp advances with the media).
     *
     * @param sequence its sequence number
     * @param rtpTimestamp its RTP timestamp
     * @param arrival its arrival time in the same clock units as the RTP timestamp
     * @param timing whether the packet enters the jitter estimate
     * @return what the packet is
     */
    public Verdict onPacket(int sequence, long rtpTimestamp, long arrival, boolean timing) {
        int seq = sequence & 0xFFFF;
        if (!initialized) {
            initSequence(seq);
            maxSeq = seq - 1 & 0xFFFF;
            probation = MIN_SEQUENTIAL;
            initialized = true;
        }
        Verdict verdict = updateSequence(seq);
        if (timing && (verdict == Verdict.ACCEPTED || verdict == Verdict.REORDERED)) {
            updateJitter(rtpTimestamp, arrival);
        }
        return verdict;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        seenWindow = 1;
    }

    private Verdict updateSequence(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    // Unlike A.1's sample code, the packets that proved the source count too,
                    // so a stream's first packet is neither lost nor missing from "received".
                    initSequence(seq);
                    baseSeq = seq - (MIN_SEQUENTIAL - 1);
                    seenWindow = (1L << MIN_SEQUENTIAL) - 1;
                    received = MIN_SEQUENTIAL;
                    return Verdict.ACCEPTED;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return Verdict.PROBATION;
        }
        if (udelta == 0) {
            duplicates++;
            return Verdict.DUPLICATE;
        }
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD;
            }
            seenWindow = udelta >= 64 ? 1 : (seenWindow << udelta) | 1;
            maxSeq = seq;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                initSequence(seq);
            } else {
                badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
                return Verdict.BAD_SEQUENCE;
            }
        } else {
            int back = RTP_SEQ_MOD - udelta;
            if (back < 64) {
                long bit = 1L << back;
                if ((seenWindow & bit) != 0) {
                    duplicates++;
                    return Verdict.DUPLICATE;
                }
                seenWindow |= bit;
            }
            received++;
            reordered++;
            return Verdict.REORDERED;
        }
        received++;
        return Verdict.ACCEPTED;
    }

    private void updateJitter(long rtpTimestamp, long arrival) {
        long transit = RtpMath.timestampDelta(rtpTimestamp, arrival);
        if (haveTransit) {
            long d = Math.abs(transit - transitPrev);
            jitter += (d - jitter) / 16.0;
        }
        transitPrev = transit;
        haveTransit = true;
    }

    /**
     * The extended highest sequence number received (cycles in the high 16 bits).
     *
     * @return the extended sequence number, or -1 before the source is valid
     */
    public long extendedHighestSequence() {
        return probation > 0 ? -1 : cycles + maxSeq;
    }

    /**
     * Packets expected: extended highest minus the base, plus one.
     *
     * @return packets expected since the source became valid
     */
    public long expected() {
        return probation > 0 ? 0 : cycles + maxSeq - baseSeq + 1;
    }

    /**
     * Packets received (duplicates not counted).
     *
     * @return the count
     */
    public long received() {
        return received;
    }

    /**
     * Cumulative packets lost: expected minus received. May be negative when duplicates were
     * not recognised (RFC 3550 A.3 allows it).
     *
     * @return lost packets
     */
    public long cumulativeLost() {
        return expected() - received;
    }

    /**
     * Duplicates recognised (same sequence number within the recent window).
     *
     * @return the count
     */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Packets that arrived after a later one.
     *
     * @return the count
     */
    public long reordered() {
        return reordered;
    }

    /**
     * The interarrival jitter estimate of RFC 3550 A.8, in RTP timestamp units.
     *
     * @return the jitter
     */
    public long jitter() {
        return (long) jitter;
    }

    /**
     * The fraction lost since the previous call, as the 8-bit fixed-point value of a reception
     * report (RFC 3550 A.3), and starts a new interval. Call once per report sent.
     *
     * @return 0-255
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    /**
     * Whether the source has passed probation and its counters are meaningful.
     *
     * @return true once {@link #MIN_SEQUENTIAL} packets arrived in sequence
     */
    public boolean isValid() {
        return initialized && probation == 0;
    }
}
