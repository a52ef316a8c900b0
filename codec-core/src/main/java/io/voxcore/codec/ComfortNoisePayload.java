package io.voxcore.codec;

/**
 * The RFC 3389 comfort noise (CN) payload: a noise level byte, then optionally one byte per
 * reflection coefficient of an all-pole model of the noise spectrum.
 *
 * <pre>
 *   byte   0       1      2          M
 *        +-------+------+------+ ... +------+
 *        |0|level|  N1  |  N2  |     |  NM  |
 *        +-------+------+------+ ... +------+
 * </pre>
 *
 * <p>The level is the noise power in -dBov, 0 to 127 (0 to -127 dBov), in the low seven bits;
 * the top bit is always 0. dBov is relative to the overload point of the system: RFC 3389's
 * example is a square wave at the largest code (for 16-bit linear audio, +-32768), so 0 dBov is a
 * mean square of 32768<sup>2</sup> and a full-scale sine is -3 dBov.
 *
 * <p>The model order M is the payload length minus one; the RFC leaves it open, this class
 * accepts up to {@link #MAX_ORDER}. Each reflection coefficient k (-1 &lt; k &lt; 1) is a byte
 * N = round(128 k) + 127, read back as k = (N - 127) / 128: steps of 1/128, 0 at 127. The sign
 * convention is that of the predictor A(z) = 1 + a<sub>1</sub>z<sup>-1</sup> + ... whose last
 * coefficient at each order is that order's k, so low-pass noise has k<sub>1</sub> &lt; 0.
 *
 * <p>Every method is static and allocation-free; arrays belong to the caller.
 */
public final class ComfortNoisePayload {

    /** The largest level, -127 dBov (the quietest). */
    public static final int MAX_LEVEL = 127;
    /** The largest model order accepted: 12 reflection coefficients, a 13-byte payload. */
    public static final int MAX_ORDER = 12;
    /** The byte for a reflection coefficient of 0. */
    public static final int ZERO_COEFFICIENT = 127;

    /** What is wrong with a payload, if anything. */
    public enum Validation {
        /** A level byte and at most {@link #MAX_ORDER} coefficients. */
        VALID,
        /** No bytes at all: RFC 3389 requires the level byte. */
        EMPTY,
        /** More than {@link #MAX_ORDER} reflection coefficients. */
        TOO_LONG,
        /** The level byte has its top bit set, which RFC 3389 says is always 0. */
        RESERVED_BIT_SET
    }

    private ComfortNoisePayload() {
    }

    /**
     * Checks a received payload; never throws for its content.
     *
     * @param payload the bytes
     * @param offset index of the level byte
     * @param length payload length in bytes
     * @return {@link Validation#VALID} or what is wrong
     * @throws IllegalArgumentException if the range lies outside the array
     */
    public static Validation validate(byte[] payload, int offset, int length) {
        checkRange(payload, offset, length);
        if (length == 0) {
            return Validation.EMPTY;
        }
        if (length - 1 > MAX_ORDER) {
            return Validation.TOO_LONG;
        }
        if ((payload[offset] & 0x80) != 0) {
            return Validation.RESERVED_BIT_SET;
        }
        return Validation.VALID;
    }

    /**
     * Checks a payload and throws when it is malformed: for setup code and tests; a receive path
     * uses {@link #validate} and counts what it drops.
     *
     * @param payload the bytes
     * @param offset index of the level byte
     * @param length payload length in bytes
     * @throws IllegalArgumentException naming the fault and the length
     */
    public static void requireValid(byte[] payload, int offset, int length) {
        Validation v = validate(payload, offset, length);
        switch (v) {
            case VALID:
                return;
            case EMPTY:
                throw new IllegalArgumentException("CN payload is empty: RFC 3389 requires the noise level byte");
            case TOO_LONG:
                throw new IllegalArgumentException("CN payload of " + length + " bytes carries " + (length - 1)
                        + " reflection coefficients, more than the " + MAX_ORDER + " supported");
            default:
                throw new IllegalArgumentException(String.format(
                        "CN noise level byte 0x%02X has its reserved top bit set", payload[offset] & 0xFF));
        }
    }

    /**
     * The noise level of a valid payload.
     *
     * @param payload the bytes
     * @param offset index of the level byte
     * @return 0 to 127, meaning 0 to -127 dBov
     */
    public static int level(byte[] payload, int offset) {
        return payload[offset] & 0x7F;
    }

    /**
     * The model order a payload of this length carries.
     *
     * @param length payload length in bytes, at least 1
     * @return the number of reflection coefficients
     */
    public static int order(int length) {
        return length - 1;
    }

    /**
     * Reflection coefficient {@code i} (1-based, as in the RFC) of a payload.
     *
     * @param payload the bytes
     * @param offset index of the level byte
     * @param i 1 to the model order
     * @return the coefficient, -127/128 to 1
     */
    public static double coefficient(byte[] payload, int offset, int i) {
        return dequantize(payload[offset + i] & 0xFF);
    }

    /**
     * Quantises a reflection coefficient to its payload byte: round(128 k) + 127, limited to
     * 0..254 (-127/128 to 127/128).
     *
     * @param k the coefficient
     * @return the byte value, 0 to 254
     */
    public static int quantize(double k) {
        long n = Math.round(k * 128) + ZERO_COEFFICIENT;
        return (int) Math.max(0, Math.min(254, n));
    }

    /**
     * The reflection coefficient a payload byte stands for: (N - 127) / 128.
     *
     * @param n the byte value, 0 to 255
     * @return the coefficient
     */
    public static double dequantize(int n) {
        return (n - ZERO_COEFFICIENT) / 128.0;
    }

    /**
     * The level byte for a mean square power of 16-bit samples: -10 log10(power / 32768<sup>2</sup>)
     * rounded to the nearest dB and limited to 0..127 (silence is 127).
     *
     * @param meanSquare mean of the squared samples
     * @return 0 to 127
     */
    public static int levelOf(double meanSquare) {
        if (!(meanSquare > 0)) {
            return MAX_LEVEL;
        }
        long level = Math.round(-10 * Math.log10(meanSquare / (32768.0 * 32768.0)));
        return (int) Math.max(0, Math.min(MAX_LEVEL, level));
    }

    /**
     * The mean square power of 16-bit samples that a level stands for.
     *
     * @param level 0 to 127
     * @return 32768<sup>2</sup> x 10<sup>-level/10</sup>
     */
    public static double meanSquareOf(int level) {
        return 32768.0 * 32768.0 * Math.pow(10, -level / 10.0);
    }

    /**
     * Writes a payload.
     *
     * @param level 0 to 127
     * @param coefficients reflection coefficients k1..kM in {@code coefficients[0..order-1]}
     * @param order M, 0 to {@link #MAX_ORDER}
     * @param dst where to write
     * @param offset index of the level byte
     * @return the payload length, {@code order + 1}
     * @throws IllegalArgumentException for a level or order out of range, or too small a buffer
     */
    public static int write(int level, double[] coefficients, int order, byte[] dst, int offset) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("CN level " + level + " is outside 0..127");
        }
        if (order < 0 || order > MAX_ORDER || (order > 0 && (coefficients == null || coefficients.length < order))) {
            throw new IllegalArgumentException("CN model order " + order + " is outside 0.." + MAX_ORDER
                    + " or beyond the " + (coefficients == null ? 0 : coefficients.length) + " coefficients given");
        }
        checkRange(dst, offset, order + 1);
        dst[offset] = (byte) level;
        for (int i = 0; i < order; i++) {
            dst[offset + 1 + i] = (byte) quantize(coefficients[i]);
        }
        return order + 1;
    }

    static void checkRange(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            throw new IllegalArgumentException("payload array is null");
        }
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " out of bounds for an array of " + bytes.length);
        }
    }
}
