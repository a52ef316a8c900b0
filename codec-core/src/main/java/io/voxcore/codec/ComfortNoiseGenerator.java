package io.voxcore.codec;

import java.util.Arrays;

/**
 * Plays comfort noise as the last RFC 3389 payload describes it: white noise from a seeded
 * pseudo-random sequence, shaped by the all-pole lattice filter of the payload's reflection
 * coefficients (if any), at the payload's level.
 *
 * <p>The excitation is uniform noise whose power is the target power times
 * &prod;(1 - k<sub>i</sub><sup>2</sup>), the all-pole filter's prediction error: the filter's
 * output then has the target power whatever the spectrum. Coefficients at or beyond +-127/128 are
 * held there, so the filter stays stable whatever arrives. Levels quieter than about -90 dBov
 * are below one step of 16-bit audio and come out as near-silence.
 *
 * <p>Same seed, same payloads, same calls: same samples. Allocation-free; not thread-safe.
 */
public final class ComfortNoiseGenerator {

    private static final double MAX_K = 127.0 / 128.0;
    private static final double SQRT3 = Math.sqrt(3);

    private final long seed;
    private final double[] k = new double[ComfortNoisePayload.MAX_ORDER];
    /** Backward prediction errors b_0..b_{M-1} of the previous sample: the lattice's memory. */
    private final double[] backward = new double[ComfortNoisePayload.MAX_ORDER];
    private long state;
    private int order;
    private int level = ComfortNoisePayload.MAX_LEVEL;
    private double amplitude;

    private ComfortNoiseGenerator(long seed) {
        this.seed = seed;
        reset();
    }

    /**
     * A generator that plays silence (level 127, -127 dBov) until its first {@link #update}.
     *
     * @param seed seed of the pseudo-random excitation
     * @return a new generator
     */
    public static ComfortNoiseGenerator create(long seed) {
        return new ComfortNoiseGenerator(seed);
    }

    /**
     * Takes the level and spectrum of a received CN payload; a malformed one is ignored (the
     * previous noise continues) and its fault returned, for the caller to count.
     *
     * @param payload the bytes
     * @param offset index of the level byte
     * @param length payload length in bytes
     * @return {@link ComfortNoisePayload.Validation#VALID} if taken, else what is wrong
     * @throws IllegalArgumentException if the range lies outside the array
     */
    public ComfortNoisePayload.Validation update(byte[] payload, int offset, int length) {
        ComfortNoisePayload.Validation v = ComfortNoisePayload.validate(payload, offset, length);
        if (v != ComfortNoisePayload.Validation.VALID) {
            return v;
        }
        int newOrder = ComfortNoisePayload.order(length);
        double gain = 1;
        for (int i = 0; i < newOrder; i++) {
            double ki = ComfortNoisePayload.coefficient(payload, offset, i + 1);
            ki = Math.max(-MAX_K, Math.min(MAX_K, ki));
            k[i] = ki;
            gain *= 1 - ki * ki;
        }
        if (newOrder < order) {
            Arrays.fill(backward, newOrder, order, 0.0);
        }
        order = newOrder;
        level = ComfortNoisePayload.level(payload, offset);
        // uniform on [-1, 1) has power 1/3: scale to the excitation power
        amplitude = SQRT3 * Math.sqrt(ComfortNoisePayload.meanSquareOf(level) * gain);
        return v;
    }

    /**
     * The level in force.
     *
     * @return 0 to 127 (-dBov)
     */
    public int level() {
        return level;
    }

    /**
     * The model order in force.
     *
     * @return the number of reflection coefficients, 0 for white noise
     */
    public int order() {
        return order;
    }

    /**
     * Writes comfort noise into {@code pcm[offset..offset+length)}, continuing the filter from
     * the previous call.
     *
     * @param pcm where to write
     * @param offset index of the first sample
     * @param length samples to write, 0 or more
     * @throws IllegalArgumentException if the range lies outside the array
     */
    public void generate(short[] pcm, int offset, int length) {
        if (pcm == null) {
            throw new IllegalArgumentException("pcm is null");
        }
        if (offset < 0 || length < 0 || offset > pcm.length - length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " out of bounds for an array of " + pcm.length);
        }
        for (int n = 0; n < length; n++) {
            // all-pole lattice: f_{m-1} = f_m - k_m b_{m-1}(n-1); b_m(n) = k_m f_{m-1} + b_{m-1}(n-1)
            double f = amplitude * nextUniform();
            for (int m = order; m >= 1; m--) {
                f -= k[m - 1] * backward[m - 1];
                if (m < order) { // b_M is never needed again
                    backward[m] = k[m - 1] * f + backward[m - 1];
                }
            }
            if (order > 0) {
                backward[0] = f; // b_0(n) = f_0(n), the output
            }
            long s = Math.round(f);
            pcm[offset + n] = (short) Math.max(-32768, Math.min(32767, s));
        }
    }

    /** Starts the pseudo-random sequence and the filter memory again from the seed. */
    public void reset() {
        state = seed ^ 0x9E3779B97F4A7C15L;
        if (state == 0) {
            state = 1;
        }
        Arrays.fill(backward, 0.0);
    }

    /** xorshift64*: a uniform double in [-1, 1). */
    private double nextUniform() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        long r = x * 0x2545F4914F6CDD1DL;
        return ((r >>> 11) * 0x1.0p-53) * 2 - 1;
    }
}
