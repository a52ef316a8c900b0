package io.voxcore.media.sdp;

/**
 * A typed {@code a=crypto} attribute (RFC 4568 9.1, SDES): {@code <tag> <crypto-suite>
 * <key-params> [<session-params>]}. Parsed into its parts and kept as strings; the key material
 * is the SRTP layer's business. {@link #value()} is the attribute value exactly as written.
 *
 * @param tag the decimal tag that identifies this line in an answer
 * @param suite the crypto suite, for example {@code AES_CM_128_HMAC_SHA1_80}
 * @param keyParams the key parameters, for example {@code inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32}
 *     (several are separated by {@code ;})
 * @param sessionParams the session parameters after the key parameters, empty when none
 * @param value the whole attribute value as written
 */
public record Crypto(int tag, String suite, String keyParams, String sessionParams, String value) {

    /**
     * Creates the record; prefer {@link #parse(String)}, which fills {@link #value()} consistently.
     *
     * @param tag 0-999999999
     * @param suite a token
     * @param keyParams a token
     * @param sessionParams text, may be empty
     * @param value the whole value
     * @throws IllegalArgumentException for a bad part
     */
    public Crypto {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag must be 0-999999999, got " + tag);
        }
        Tokens.require(suite, "crypto suite");
        Tokens.require(keyParams, "crypto key parameters");
        Tokens.requireTrimmed(sessionParams, "crypto session parameters");
        Tokens.requireTrimmed(value, "crypto value");
    }

    /**
     * Parses the value of an {@code a=crypto} attribute.
     *
     * @param value for example {@code 1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32}
     * @return the typed attribute
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Crypto parse(String value) {
        String v = value.trim();
        String[] parts = v.split("\\s+", 4);
        if (parts.length < 3) {
            throw new IllegalArgumentException("crypto needs \"<tag> <crypto-suite> <key-params> [<session-params>]\"");
        }
        if (parts[0].isEmpty() || parts[0].length() > 9 || !parts[0].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("crypto tag \"" + parts[0] + "\" is not a number of 1-9 digits");
        }
        if (!parts[2].regionMatches(true, 0, "inline:", 0, 7)) {
            throw new IllegalArgumentException("crypto key parameters must start with \"inline:\" (RFC 4568 6.1)");
        }
        return new Crypto(Integer.parseInt(parts[0]), parts[1], parts[2], parts.length == 4 ? parts[3].trim() : "", v);
    }

    /**
     * The attribute, with the value as written.
     *
     * @return {@code a=crypto:...}
     */
    public Attribute toAttribute() {
        return Attribute.of("crypto", value);
    }

    /**
     * Tag, suite and session parameters; the key parameters are shown as {@code <redacted>}, so
     * that logging a negotiation never leaks a master key.
     */
    @Override
    public String toString() {
        return "Crypto[" + tag + " " + suite + " inline:<redacted>" + (sessionParams.isEmpty() ? "" : " " + sessionParams)
                + "]";
    }
}
