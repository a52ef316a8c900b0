package io.voxcore.media.srtp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The value of one SDP {@code a=crypto} attribute (RFC 4568 sections 4 and 6): a tag, an SRTP
 * crypto suite, an {@code inline:} master key and salt, and optional session parameters. For
 * example {@code 1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31}.
 *
 * <p>{@link #parse} accepts what voxcore can honour and refuses the rest with an
 * {@link IllegalArgumentException} naming the reason: an unknown suite; a key of the wrong
 * length or bad base64; an MKI, or several keys (which need MKIs); a lifetime below 2^20 packets
 * or above the 2^48 the suites allow; a key derivation rate other than 0; the session parameters
 * that switch protection off ({@code UNENCRYPTED_SRTP}, {@code UNENCRYPTED_SRTCP},
 * {@code UNAUTHENTICATED_SRTP}); {@code FEC_KEY}; any session parameter it does not know. It keeps
 * {@code WSH} (the replay window hint) and ignores {@code FEC_ORDER} (voxcore sends no FEC).
 *
 * <p>Keys come from {@link SecureRandom} ({@link #generate}). Immutable; {@link #toString()} never
 * shows key material, only {@link #attributeValue()} does, for the SDP being written.
 */
public final class SdesCrypto {

    /** The smallest key lifetime accepted: 2^20 packets, about 5.8 hours of 20 ms audio. */
    public static final long MIN_LIFETIME = 1L << 20;
    private static final long MAX_LIFETIME = 1L << 48;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int tag;
    private final SrtpSuite suite;
    private final byte[] keyAndSalt;
    private final long lifetime;
    private final int windowSizeHint;
    private final List<String> sessionParams;

    private SdesCrypto(int tag, SrtpSuite suite, byte[] keyAndSalt, long lifetime, int windowSizeHint,
            List<String> sessionParams) {
        this.tag = tag;
        this.suite = suite;
        this.keyAndSalt = keyAndSalt;
        this.lifetime = lifetime;
        this.windowSizeHint = windowSizeHint;
        this.sessionParams = sessionParams;
    }

    /**
     * A fresh master key and salt from {@link SecureRandom}, without lifetime or session parameters.
     *
     * @param tag the attribute tag, 0 to 999999999
     * @param suite the suite
     * @return the crypto attribute to offer or answer with
     * @throws IllegalArgumentException for a tag out of range
     */
    public static SdesCrypto generate(int tag, SrtpSuite suite) {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("a=crypto tag must be 0 to 999999999, got " + tag);
        }
        if (suite == null) {
            throw new IllegalArgumentException("suite is required");
        }
        byte[] keyAndSalt = new byte[suite.keyLength() + suite.saltLength()];
        RANDOM.nextBytes(keyAndSalt);
        return new SdesCrypto(tag, suite, keyAndSalt, 0, 0, List.of());
    }

    /**
     * The answer to this offer: the same tag and suite with a fresh key (RFC 4568 section 7.1.2).
     *
     * @return a new crypto attribute with its own key
     */
    public SdesCrypto answer() {
        return generate(tag, suite);
    }

    /**
     * Parses the value of an {@code a=crypto} attribute; a leading {@code a=crypto:} or
     * {@code crypto:} is allowed.
     *
     * @param value for example {@code 1 AES_CM_128_HMAC_SHA1_80 inline:...}
     * @return the parsed attribute
     * @throws IllegalArgumentException naming what is malformed or not supported
     */
    public static SdesCrypto parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a=crypto value is null");
        }
        String v = value.strip();
        if (v.startsWith("a=")) {
            v = v.substring(2);
        }
        if (v.startsWith("crypto:")) {
            v = v.substring(7);
        }
        String[] fields = v.strip().split("[ \t]+");
        if (fields.length < 3) {
            throw new IllegalArgumentException("a=crypto needs a tag, a suite and key parameters: '" + redact(v) + "'");
        }
        if (!fields[0].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("a=crypto tag must be 1 to 9 digits, got '" + fields[0] + "'");
        }
        int tag = Integer.parseInt(fields[0]);
        SrtpSuite suite = SrtpSuite.ofSdesName(fields[1]);
        String[] keyParams = fields[2].split(";");
        byte[] keyAndSalt = null;
        long lifetime = 0;
        for (int i = 0; i < keyParams.length; i++) {
            String param = keyParams[i];
            if (!param.regionMatches(true, 0, "inline:", 0, 7)) {
                throw new IllegalArgumentException("a=crypto key method must be 'inline', got '"
                        + param.substring(0, Math.max(0, param.indexOf(':'))) + "'");
            }
            String[] parts = param.substring(7).split("\\|", -1);
            byte[] decoded = decodeKey(parts[0], suite);
            long paramLifetime = 0;
            for (int p = 1; p < parts.length; p++) {
                if (parts[p].contains(":")) {
                    throw new IllegalArgumentException("a=crypto MKI '" + parts[p] + "' is not supported (voxcore sends"
                            + " and expects packets without MKI)");
                }
                paramLifetime = lifetime(parts[p]);
            }
            if (i > 0) {
                Arrays.fill(decoded, (byte) 0);
                throw new IllegalArgumentException("a=crypto with " + keyParams.length + " keys is not supported:"
                        + " several keys need MKIs (RFC 4568 section 6.1), which voxcore does not support");
            }
            keyAndSalt = decoded;
            lifetime = paramLifetime;
        }
        int wsh = 0;
        List<String> session = new ArrayList<>();
        for (int i = 3; i < fields.length; i++) {
            String param = fields[i];
            String upper = param.toUpperCase(Locale.ROOT);
            if (upper.equals("UNENCRYPTED_SRTP") || upper.equals("UNENCRYPTED_SRTCP")
                    || upper.equals("UNAUTHENTICATED_SRTP")) {
                throw new IllegalArgumentException("a=crypto session parameter " + param
                        + " is refused: voxcore always encrypts and authenticates");
            } else if (upper.startsWith("KDR=")) {
                if (!param.substring(4).equals("0")) {
                    throw new IllegalArgumentException("a=crypto " + param + " is not supported: only key derivation"
                            + " rate 0 (derive once)");
                }
            } else if (upper.startsWith("WSH=")) {
                wsh = windowSizeHint(param);
            } else if (upper.startsWith("FEC_ORDER=")) {
                // no FEC is sent, so the order of FEC and SRTP processing does not arise
            } else if (upper.startsWith("FEC_KEY=")) {
                throw new IllegalArgumentException("a=crypto FEC_KEY is not supported");
            } else {
                throw new IllegalArgumentException("a=crypto session parameter '" + redact(param) + "' is not supported");
            }
            session.add(param);
        }
        return new SdesCrypto(tag, suite, keyAndSalt, lifetime, wsh, Collections.unmodifiableList(session));
    }

    private static byte[] decodeKey(String base64, SrtpSuite suite) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a=crypto inline key is not valid base64 (" + base64.length()
                    + " characters)", e);
        }
        int expected = suite.keyLength() + suite.saltLength();
        if (decoded.length != expected) {
            Arrays.fill(decoded, (byte) 0);
            throw new IllegalArgumentException("a=crypto " + suite + " needs " + expected + " bytes of key and salt,"
                    + " the inline key has " + decoded.length);
        }
        return decoded;
    }

    private static long lifetime(String text) {
        long value;
        try {
            if (text.startsWith("2^")) {
                int exponent = Integer.parseInt(text.substring(2));
                value = exponent >= 0 && exponent < 63 ? 1L << exponent : Long.MAX_VALUE;
            } else {
                value = Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a=crypto lifetime '" + text + "' is neither 2^n nor a number", e);
        }
        if (value < MIN_LIFETIME) {
            throw new IllegalArgumentException("a=crypto lifetime " + text + " is below the 2^20 packets voxcore"
                    + " needs (it does not re-key within a call)");
        }
        if (value > MAX_LIFETIME) {
            throw new IllegalArgumentException("a=crypto lifetime " + text + " exceeds the 2^48 packets SRTP allows");
        }
        return value;
    }

    private static int windowSizeHint(String param) {
        try {
            int w = Integer.parseInt(param.substring(4));
            if (w >= 64) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a=crypto " + param + " must be a window size of at least 64");
    }

    private static String redact(String value) {
        return value.replaceAll("(?i)inline:[^ ;|]*", "inline:<redacted>");
    }

    /**
     * The attribute value to write after {@code a=crypto:}; carries the key in base64.
     *
     * @return for example {@code 1 AES_CM_128_HMAC_SHA1_80 inline:...}
     */
    public String attributeValue() {
        StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite.name()).append(" inline:")
                .append(Base64.getEncoder().encodeToString(keyAndSalt));
        if (lifetime != 0) {
            sb.append('|').append(Long.bitCount(lifetime) == 1 ? "2^" + Long.numberOfTrailingZeros(lifetime)
                    : Long.toString(lifetime));
        }
        for (String param : sessionParams) {
            sb.append(' ').append(param);
        }
        return sb.toString();
    }

    /**
     * The tag that pairs an answer with an offer.
     *
     * @return the tag
     */
    public int tag() {
        return tag;
    }

    /**
     * The suite.
     *
     * @return the suite
     */
    public SrtpSuite suite() {
        return suite;
    }

    /**
     * The master key.
     *
     * @return a copy of the {@link SrtpSuite#keyLength()} key bytes
     */
    public byte[] masterKey() {
        return Arrays.copyOfRange(keyAndSalt, 0, suite.keyLength());
    }

    /**
     * The master salt.
     *
     * @return a copy of the {@link SrtpSuite#saltLength()} salt bytes
     */
    public byte[] masterSalt() {
        return Arrays.copyOfRange(keyAndSalt, suite.keyLength(), keyAndSalt.length);
    }

    /**
     * The key lifetime in packets, if the attribute gave one.
     *
     * @return packets, or 0 when unspecified (the suite's maximum)
     */
    public long lifetime() {
        return lifetime;
    }

    /**
     * The {@code WSH} replay window hint, if given.
     *
     * @return packets, or 0 when absent
     */
    public int windowSizeHint() {
        return windowSizeHint;
    }

    /**
     * The session parameters accepted, as written.
     *
     * @return an unmodifiable list
     */
    public List<String> sessionParams() {
        return sessionParams;
    }

    /**
     * A context that protects with this key: use it with the crypto attribute this side sent.
     *
     * @return a new sending context
     */
    public SrtpContext sendingContext() {
        return SrtpContext.forSending(suite, masterKey(), masterSalt());
    }

    /**
     * A context that unprotects with this key: use it with the peer's crypto attribute. Its replay
     * window is the default or the {@code WSH} hint rounded up to a multiple of 64, whichever is larger.
     *
     * @return a new receiving context
     */
    public SrtpContext receivingContext() {
        int window = Math.max(SrtpContext.DEFAULT_REPLAY_WINDOW, Math.min(1 << 15, (windowSizeHint + 63) / 64 * 64));
        return SrtpContext.forReceiving(suite, masterKey(), masterSalt(), window, SrtpContext.DEFAULT_MAX_STREAMS);
    }

    /** Tag, suite and parameters; the key is shown as {@code <redacted>}. */
    @Override
    public String toString() {
        return "SdesCrypto[" + tag + " " + suite + " inline:<redacted>" + (lifetime != 0 ? " lifetime " + lifetime : "")
                + (sessionParams.isEmpty() ? "" : " " + String.join(" ", sessionParams)) + "]";
    }
}
