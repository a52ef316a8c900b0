package io.voxcore.media.rtp;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The RTCP transmission interval of RFC 3550 section 6.3.1, as the {@code rtcp_interval()}
 * function of appendix A.7: a deterministic interval {@code Td} from the group size and the RTCP
 * bandwidth, at least 5 s (2.5 s before the first report), then randomized to
 * [0.5, 1.5] × {@code Td} and divided by {@code e - 3/2} to compensate for timer reconsideration.
 * Pure functions: the random source is a parameter, so the result is testable.
 */
public final class RtcpInterval {

    /** The minimum deterministic interval, seconds (section 6.2). */
    public static final double MIN_INTERVAL_SECONDS = 5.0;
    /** Share of the RTCP bandwidth given to senders when they are at most a quarter of the members. */
    public static final double SENDER_BANDWIDTH_FRACTION = 0.25;
    /** Share of the RTCP bandwidth given to receivers in that case. */
    public static final double RECEIVER_BANDWIDTH_FRACTION = 0.75;
    /** The divisor {@code e - 3/2} that compensates for timer reconsideration converging low. */
    public static final double COMPENSATION = Math.E - 1.5;

    private RtcpInterval() {
    }

    /**
     * The deterministic interval {@code Td}, before randomization.
     *
     * @param members current members of the session, ourselves included (at least 1)
     * @param senders members that sent RTP since the last two reports (0 to {@code members})
     * @param rtcpBandwidth the RTCP bandwidth in octets per second (typically 5% of the session
     *     bandwidth), positive
     * @param weSent whether we sent RTP since the last two reports
     * @param averageRtcpSize the average compound RTCP packet size in octets, lower-layer headers
     *     included (section 6.3.3), positive
     * @param initial true before our first report (the minimum is halved)
     * @return seconds
     * @throws IllegalArgumentException for a value outside the ranges above
     */
    public static double deterministicSeconds(int members, int senders, double rtcpBandwidth, boolean weSent,
                                              double averageRtcpSize, boolean initial) {
        if (members < 1 || senders < 0 || senders > members) {
            throw new IllegalArgumentException("need 1 <= members and 0 <= senders <= members, got members="
                    + members + " senders=" + senders);
        }
        if (!(rtcpBandwidth > 0) || Double.isInfinite(rtcpBandwidth)) {
            throw new IllegalArgumentException("rtcpBandwidth must be positive and finite, got " + rtcpBandwidth);
        }
        if (!(averageRtcpSize > 0) || Double.isInfinite(averageRtcpSize)) {
            throw new IllegalArgumentException("averageRtcpSize must be positive and finite, got " + averageRtcpSize);
        }
        double minimum = initial ? MIN_INTERVAL_SECONDS / 2 : MIN_INTERVAL_SECONDS;
        double bandwidth = rtcpBandwidth;
        int n = members;
        if (senders <= members * SENDER_BANDWIDTH_FRACTION) {
            if (weSent) {
                bandwidth *= SENDER_BANDWIDTH_FRACTION;
                n = senders;
            } else {
                bandwidth *= RECEIVER_BANDWIDTH_FRACTION;
                n -= senders;
            }
        }
        double t = averageRtcpSize * n / bandwidth;
        return Math.max(t, minimum);
    }

    /**
     * The randomized interval until the next report: {@code Td × U[0.5, 1.5) / (e - 3/2)}.
     *
     * @param members current members of the session, ourselves included (at least 1)
     * @param senders members that sent RTP since the last two reports (0 to {@code members})
     * @param rtcpBandwidth the RTCP bandwidth in octets per second, positive
     * @param weSent whether we sent RTP since the last two reports
     * @param averageRtcpSize the average compound RTCP packet size in octets, positive
     * @param initial true before our first report
     * @param random the source of the uniform draw (one {@code nextDouble()} per call)
     * @return seconds
     * @throws IllegalArgumentException for a value outside the ranges of {@link #deterministicSeconds}
     */
    public static double randomizedSeconds(int members, int senders, double rtcpBandwidth, boolean weSent,
                                           double averageRtcpSize, boolean initial, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        double td = deterministicSeconds(members, senders, rtcpBandwidth, weSent, averageRtcpSize, initial);
        return td * (random.nextDouble() + 0.5) / COMPENSATION;
    }

    /**
     * {@link #randomizedSeconds} in whole nanoseconds, for timers.
     *
     * @param members current members of the session, ourselves included (at least 1)
     * @param senders members that sent RTP since the last two reports (0 to {@code members})
     * @param rtcpBandwidth the RTCP bandwidth in octets per second, positive
     * @param weSent whether we sent RTP since the last two reports
     * @param averageRtcpSize the average compound RTCP packet size in octets, positive
     * @param initial true before our first report
     * @param random the source of the uniform draw
     * @return nanoseconds
     * @throws IllegalArgumentException for a value outside the ranges of {@link #deterministicSeconds}
     */
    public static long randomizedNanos(int members, int senders, double rtcpBandwidth, boolean weSent,
                                       double averageRtcpSize, boolean initial, RandomGenerator random) {
        return (long) (randomizedSeconds(members, senders, rtcpBandwidth, weSent, averageRtcpSize, initial, random)
                * 1e9);
    }

    /**
     * The average compound packet size update of RFC 3550 section 6.3.3:
     * {@code avg = 1/16 × size + 15/16 × avg}.
     *
     * @param average the current average, octets
     * @param packetSize the size of the compound packet just sent or received, lower-layer headers included
     * @return the new average
     */
    public static double updateAverageSize(double average, int packetSize) {
        return packetSize / 16.0 + average * 15.0 / 16.0;
    }
}
