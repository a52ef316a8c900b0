package io.voxcore.media.sdp;

/**
 * An SDP bandwidth line ({@code b=}, RFC 8866 5.8), for example {@code AS:64} (kilobits per
 * second) or {@code TIAS:64000} (bits per second, RFC 3890).
 *
 * @param type the bandwidth type, for example {@code AS}, {@code CT}, {@code TIAS}, {@code RS}
 * @param value the value in the type's unit, not negative
 */
public record Bandwidth(String type, long value) {

    /**
     * Creates the record.
     *
     * @param type the type, a token without spaces or colons
     * @param value the value, not negative
     * @throws IllegalArgumentException for a bad type or a negative value
     */
    public Bandwidth {
        Tokens.require(type, "bandwidth type");
        if (type.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bandwidth type must not hold ':', got \"" + type + "\"");
        }
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative, got " + value);
        }
    }

    /**
     * The value as written after {@code b=}.
     *
     * @return for example {@code AS:64}
     */
    @Override
    public String toString() {
        return type + ":" + value;
    }
}
