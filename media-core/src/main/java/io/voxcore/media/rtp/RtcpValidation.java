package io.voxcore.media.rtp;

/**
 * Why a datagram is, or is not, a well-formed compound RTCP packet (RFC 3550 section 6.1 and the
 * validity checks of appendix A.2). Returned by {@link RtcpPacket#validate()}; the receive path
 * counts and drops anything but {@link #VALID}, and never throws.
 */
public enum RtcpValidation {
    /** A well-formed compound RTCP packet: every accessor may be used on every packet in it. */
    VALID,
    /**
     * Shorter than a 4-byte common header, or a packet too short for its fixed part (a sender
     * report under 28 bytes, a receiver report under 8, a BYE or SDES packet under 4).
     */
    TRUNCATED,
    /** A packet's version field is not 2. */
    BAD_VERSION,
    /**
     * A packet's length field runs past the end of the datagram, or the packets' lengths do not
     * sum to the datagram's length (bytes left over that cannot hold a header).
     */
    BAD_LENGTH,
    /** The first packet is neither a sender report (200) nor a receiver report (201). */
    FIRST_NOT_REPORT,
    /**
     * The padding bit is set on a packet other than the last, or the last packet's padding count
     * is zero or larger than its body.
     */
    BAD_PADDING,
    /** A sender or receiver report's report blocks (24 bytes each, RC of them) run past its length. */
    BAD_REPORT_COUNT,
    /** An SDES packet's chunks or items run past its length (a missing null terminator, a long item). */
    BAD_SDES,
    /** A BYE packet's source list, or its reason text, runs past its length. */
    BAD_BYE
}
