package io.voxcore.media.session;

/**
 * The UDP ports an engine binds its sessions to (both ends inclusive), for firewalls that open
 * only a block of ports for media: set with {@link MediaEngine.Builder#portRange(int, int)}, read
 * with {@link MediaEngine#portRange()}. A session whose configured local port is 0 gets an even
 * RTP port from the range (RFC 3550 section 11), with RTCP on the next port when its
 * {@link RtcpMode} is {@link RtcpMode#NEXT_PORT}, which must then lie in the range too; a session
 * configured with an explicit port ignores the range.
 *
 * <p>Both ends lie in {@value #LOWEST}-{@value #HIGHEST}: ports below 1024 are privileged on Unix
 * systems and no media server uses them. The range holds at least one even port.
 *
 * @param min the lowest port
 * @param max the highest port, {@code min} or above
 */
public record PortRange(int min, int max) {

    /** The lowest port a range may start at. */
    public static final int LOWEST = 1024;
    /** The highest port a range may end at. */
    public static final int HIGHEST = 65535;

    /**
     * Checks the range.
     *
     * @param min the lowest port
     * @param max the highest port
     * @throws IllegalArgumentException naming the values when an end lies outside
     *     {@value #LOWEST}-{@value #HIGHEST}, {@code min > max}, or the range holds no even port
     */
    public PortRange {
        if (min < LOWEST || min > HIGHEST || max < LOWEST || max > HIGHEST) {
            throw new IllegalArgumentException("port range ends must lie in " + LOWEST + "-" + HIGHEST + ", got min "
                    + min + " max " + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("port range min must not exceed max, got min " + min + " max " + max);
        }
        if (min == max && min % 2 != 0) {
            throw new IllegalArgumentException("port range " + min + "-" + max + " holds no even port for RTP "
                    + "(RFC 3550 section 11)");
        }
    }

    /**
     * Whether a port lies in the range.
     *
     * @param port a port
     * @return true if {@code min <= port <= max}
     */
    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    /**
     * How many sessions of a mode the range holds at once: the even ports {@code p} in the range,
     * with {@code p + 1} in the range too when RTCP takes the next port.
     *
     * @param mode the sessions' RTCP mode
     * @return the number of usable RTP ports, 0 when a {@link RtcpMode#NEXT_PORT} session cannot fit
     */
    public int rtpPorts(RtcpMode mode) {
        int firstEven = min + (min & 1);
        int lastRtp = mode == RtcpMode.NEXT_PORT ? max - 1 : max;
        return lastRtp < firstEven ? 0 : (lastRtp - firstEven) / 2 + 1;
    }

    /**
     * The range as {@code min-max}, as firewall rules and SIP servers' settings write it.
     *
     * @return for example {@code 20000-20099}
     */
    @Override
    public String toString() {
        return min + "-" + max;
    }
}
