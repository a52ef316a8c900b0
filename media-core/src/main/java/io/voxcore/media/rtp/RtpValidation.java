package io.voxcore.media.rtp;

/**
 * Why a datagram is, or is not, a well-formed RTP packet. Returned by
 * {@link RtpPacket#validate()}; the receive path counts and drops anything but {@link #VALID},
 * and never throws.
 */
public enum RtpValidation {
    /** A well-formed RTP packet. */
    VALID,
    /** Shorter than the 12-byte fixed header. */
    TRUNCATED,
    /** The version field is not 2. */
    BAD_VERSION,
    /** The CSRC list runs past the end of the datagram. */
    CSRC_OVERRUN,
    /** The header extension, or an RFC 8285 element inside it, runs past its end. */
    EXTENSION_OVERRUN,
    /** The padding count is zero or larger than what follows the header. */
    BAD_PADDING
}
