package io.voxcore.media.rtp;

/**
 * Why an RTP payload is, or is not, a well-formed RFC 4733 telephone-event payload. Returned by
 * {@link TelephoneEvent#validate()}; the receive path counts and drops anything but
 * {@link #VALID}, and never throws.
 */
public enum TelephoneEventValidation {
    /** One or more whole 4-byte event blocks. */
    VALID,
    /** Shorter than one 4-byte event block. */
    TRUNCATED,
    /** Not a whole number of 4-byte event blocks (RFC 4733 section 2.5.1.5 packs several events back to back). */
    BAD_LENGTH
}
