package io.voxcore.media.srtp;

/**
 * Why {@link SrtpContext} refused a packet. The protect and unprotect methods return a length
 * when they succeed and {@link #code()} of one of these when they do not; the packet is then
 * left as it came (never half decrypted), counted in {@link SrtpContext#failures(SrtpFailure)},
 * and must be dropped.
 */
public enum SrtpFailure {
    /** Shorter than its header plus the tag (and SRTCP trailer), or a header that overruns it. */
    TOO_SHORT,
    /** Not version 2. */
    MALFORMED,
    /** The authentication tag does not match: forged, corrupted, or another key. */
    AUTH_FAILED,
    /** Its index was already accepted (RFC 3711 section 3.3.2). */
    REPLAYED,
    /** Its index is behind the replay window, or before the stream's first packet. */
    TOO_OLD,
    /** A new SSRC while the context already tracks its maximum number of streams. */
    UNKNOWN_SSRC,
    /** The buffer's limit leaves no room for the tag (and SRTCP trailer) after the packet. */
    NO_ROOM,
    /** The SRTCP index would pass 2^31 - 1: this master key must not protect more (RFC 3711 section 9.2). */
    KEY_EXHAUSTED;

    private static final SrtpFailure[] VALUES = values();

    /**
     * The negative number the protect and unprotect methods return for this failure.
     *
     * @return {@code -(ordinal + 1)}
     */
    public int code() {
        return -(ordinal() + 1);
    }

    /**
     * The failure a negative return value stands for.
     *
     * @param code a negative value returned by {@link SrtpContext}
     * @return the failure
     * @throws IllegalArgumentException when {@code code} is none (for example a length)
     */
    public static SrtpFailure of(int code) {
        int index = -code - 1;
        if (index < 0 || index >= VALUES.length) {
            throw new IllegalArgumentException("not an SRTP failure code: " + code);
        }
        return VALUES[index];
    }
}
