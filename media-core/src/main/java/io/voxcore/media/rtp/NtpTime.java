package io.voxcore.media.rtp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The NTP timestamps of RTCP (RFC 3550 section 4): the 64-bit format of a sender report (seconds
 * since 1900-01-01 in the high 32 bits, a binary fraction of a second in the low 32), the compact
 * "middle 32 bits" format of LSR and DLSR (units of 1/65536 s), and the round-trip time a sender
 * computes from a report block (section 6.4.1). Pure static arithmetic, allocation-free except
 * the {@link Instant} and {@link Duration} conveniences.
 *
 * <p>The 32-bit seconds field wraps in February 2036 (NTP era 1); conversions back to Unix time
 * follow RFC 4330 section 3: seconds with the top bit clear are taken as era 1, so they cover
 * 1968 to 2104.
 */
public final class NtpTime {

    /** Seconds from the NTP epoch (1900-01-01T00:00Z) to the Unix epoch (1970-01-01T00:00Z). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    /** What {@link #roundTripNanos} returns when no round-trip time can be computed. */
    public static final long NO_RTT = -1;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;

    private NtpTime() {
    }

    /**
     * Converts Unix time in milliseconds to the 64-bit NTP format.
     *
     * @param epochMillis milliseconds since 1970-01-01T00:00Z
     * @return the NTP timestamp (the fraction truncated)
     */
    public static long fromEpochMillis(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, MILLIS_PER_SECOND);
        long millis = Math.floorMod(epochMillis, MILLIS_PER_SECOND);
        return ((seconds + UNIX_EPOCH_OFFSET_SECONDS) << 32) | ((millis << 32) / MILLIS_PER_SECOND);
    }

    /**
     * Converts Unix time in nanoseconds to the 64-bit NTP format.
     *
     * @param epochNanos nanoseconds since 1970-01-01T00:00Z
     * @return the NTP timestamp (the fraction truncated)
     */
    public static long fromEpochNanos(long epochNanos) {
        return fromEpochSecondAndNanos(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    /**
     * Converts an instant to the 64-bit NTP format.
     *
     * @param instant a wall-clock instant
     * @return the NTP timestamp (the fraction truncated)
     */
    public static long fromInstant(Instant instant) {
        return fromEpochSecondAndNanos(instant.getEpochSecond(), instant.getNano());
    }

    private static long fromEpochSecondAndNanos(long seconds, long nanos) {
        return ((seconds + UNIX_EPOCH_OFFSET_SECONDS) << 32) | ((nanos << 32) / NANOS_PER_SECOND);
    }

    /**
     * Converts a 64-bit NTP timestamp to Unix time in nanoseconds (era by RFC 4330 section 3).
     *
     * @param ntp an NTP timestamp
     * @return nanoseconds since 1970-01-01T00:00Z (the fraction truncated to whole nanoseconds)
     */
    public static long toEpochNanos(long ntp) {
        long seconds = ntp >>> 32;
        if ((seconds & 0x8000_0000L) == 0) {
            seconds += 1L << 32; // era 1: on or after 2036-02-07T06:28:16Z
        }
        long fraction = ntp & 0xFFFF_FFFFL;
        return (seconds - UNIX_EPOCH_OFFSET_SECONDS) * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> 32);
    }

    /**
     * Converts a 64-bit NTP timestamp to an instant (era by RFC 4330 section 3). Allocates.
     *
     * @param ntp an NTP timestamp
     * @return the instant, to the nanosecond
     */
    public static Instant toInstant(long ntp) {
        long nanos = toEpochNanos(ntp);
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /**
     * The middle 32 bits of a 64-bit NTP timestamp: the compact form sent back as LSR, and the
     * form of the arrival time in the round-trip computation.
     *
     * @param ntp an NTP timestamp
     * @return 0 to 2^32-1, in units of 1/65536 s
     */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * Converts a duration in nanoseconds to compact units of 1/65536 s, as a receiver fills DLSR.
     *
     * @param nanos a non-negative duration; more than 65535.99 s saturates at 2^32-1
     * @return 0 to 2^32-1
     */
    public static long nanosToCompact(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long seconds = nanos / NANOS_PER_SECOND;
        if (seconds >= 65_536) {
            return 0xFFFF_FFFFL;
        }
        return (seconds << 16) | (((nanos % NANOS_PER_SECOND) << 16) / NANOS_PER_SECOND);
    }

    /**
     * Converts compact units of 1/65536 s to nanoseconds.
     *
     * @param compact 0 to 2^32-1 (higher bits are dropped)
     * @return nanoseconds (truncated)
     */
    public static long compactToNanos(long compact) {
        return ((compact & 0xFFFF_FFFFL) * NANOS_PER_SECOND) >>> 16;
    }

    /**
     * The round-trip time to a receiver, from one of its report blocks about us (RFC 3550
     * section 6.4.1): {@code A - LSR - DLSR}, where {@code A} is when the report arrived, all in
     * compact NTP units and modulo 2^32.
     *
     * @param arrivalCompact {@link #middle32} of our NTP clock when the report arrived
     * @param lastSenderReport the block's LSR
     * @param delaySinceLastSenderReport the block's DLSR
     * @return the round trip in nanoseconds, or {@link #NO_RTT} when LSR is 0 (the receiver has
     *     had no sender report from us yet) or the result is negative (clock step, bogus block)
     */
    public static long roundTripNanos(long arrivalCompact, long lastSenderReport, long delaySinceLastSenderReport) {
        if ((lastSenderReport & 0xFFFF_FFFFL) == 0) {
            return NO_RTT;
        }
        long rtt = (arrivalCompact - lastSenderReport - delaySinceLastSenderReport) & 0xFFFF_FFFFL;
        if (rtt >= 0x8000_0000L) {
            return NO_RTT;
        }
        return compactToNanos(rtt);
    }

    /**
     * {@link #roundTripNanos} as a duration. Allocates.
     *
     * @param arrivalCompact {@link #middle32} of our NTP clock when the report arrived
     * @param lastSenderReport the block's LSR
     * @param delaySinceLastSenderReport the block's DLSR
     * @return the round trip, or empty when there is none (see {@link #roundTripNanos})
     */
    public static Optional<Duration> roundTrip(long arrivalCompact, long lastSenderReport,
                                               long delaySinceLastSenderReport) {
        long nanos = roundTripNanos(arrivalCompact, lastSenderReport, delaySinceLastSenderReport);
        return nanos == NO_RTT ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }
}
