package io.voxcore.media.sdp;

/**
 * A typed {@code a=fmtp} attribute (RFC 8866 6.15): format parameters of one payload type, kept
 * as the text the peer wrote ({@code annexb=no}, {@code 0-15}, {@code useinbandfec=1}).
 *
 * @param payloadType the payload type the parameters belong to
 * @param parameters the parameter text, without leading or trailing spaces
 */
public record Fmtp(int payloadType, String parameters) {

    /**
     * Creates the record.
     *
     * @param payloadType 0-127
     * @param parameters the text, no line break
     * @throws IllegalArgumentException for a payload type out of range or a bad text
     */
    public Fmtp {
        PayloadTypes.check(payloadType);
        Tokens.requireTrimmed(parameters, "fmtp parameters");
    }

    /**
     * Parses the value of an {@code a=fmtp} attribute.
     *
     * @param value for example {@code 101 0-15}
     * @return the typed attribute
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Fmtp parse(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("fmtp needs \"<payload type> <parameters>\"");
        }
        return new Fmtp(PayloadTypes.parse(v.substring(0, space)), v.substring(space + 1).trim());
    }

    /**
     * The attribute.
     *
     * @return {@code a=fmtp:...}
     */
    public Attribute toAttribute() {
        return Attribute.of("fmtp", payloadType + " " + parameters);
    }
}
