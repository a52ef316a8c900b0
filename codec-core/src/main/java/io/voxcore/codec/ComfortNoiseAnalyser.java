package io.voxcore.codec;

/**
 * Describes background noise as an RFC 3389 payload, at the sender: the level from the mean
 * square of the samples, and (for an order above 0) reflection coefficients from their
 * autocorrelation by the Levinson-Durbin recursion.
 *
 * <p>The recursion uses the predictor A(z) = 1 + a<sub>1</sub>z<sup>-1</sup> + ... +
 * a<sub>M</sub>z<sup>-M</sup>: at order m, k<sub>m</sub> = -(r<sub>m</sub> + &Sigma;
 * a<sub>i</sub>r<sub>m-i</sub>) / E<sub>m-1</sub>, the convention {@link ComfortNoiseGenerator}
 * synthesises with. The autocorrelation's lag 0 is raised by 1/1024 (about -30 dB of white
 * noise), which keeps the recursion well conditioned on pure tones and digital silence.
 *
 * <p>Allocation-free; not thread-safe.
 */
public final class ComfortNoiseAnalyser {

    /** The largest order this analyser computes. */
    public static final int MAX_ORDER = 10;

    private final int order;
    private final double[] r;
    private final double[] a;
    private final double[] previous;
    private final double[] k;
    private int level = ComfortNoisePayload.MAX_LEVEL;

    private ComfortNoiseAnalyser(int order) {
        this.order = order;
        this.r = new double[order + 1];
        this.a = new double[order + 1];
        this.previous = new double[order + 1];
        this.k = new double[Math.max(order, 1)];
    }

    /**
     * An analyser writing {@code order} reflection coefficients per payload.
     *
     * @param order 0 (level only) to {@link #MAX_ORDER}
     * @return a new analyser
     * @throws IllegalArgumentException for an order out of range
     */
    public static ComfortNoiseAnalyser create(int order) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("CN analysis order " + order + " is outside 0.." + MAX_ORDER);
        }
        return new ComfortNoiseAnalyser(order);
    }

    /**
     * The model order of the payloads written.
     *
     * @return 0 to {@link #MAX_ORDER}
     */
    public int order() {
        return order;
    }

    /**
     * The level of the last analysis.
     *
     * @return 0 to 127 (-dBov)
     */
    public int level() {
        return level;
    }

    /**
     * Reflection coefficient {@code i} of the last analysis, before quantisation.
     *
     * @param i 1 to {@link #order()}
     * @return the coefficient
     * @throws IllegalArgumentException for an index out of range
     */
    public double coefficient(int i) {
        if (i < 1 || i > order) {
            throw new IllegalArgumentException("coefficient " + i + " is outside 1.." + order);
        }
        return k[i - 1];
    }

    /**
     * Analyses samples and writes the CN payload describing them.
     *
     * @param pcm the samples, for example one or more 20 ms frames of silence
     * @param offset index of the first sample
     * @param length sample count, at least 1
     * @param dst where to write the payload
     * @param dstOffset index of its level byte
     * @return the payload length, {@code order() + 1}
     * @throws IllegalArgumentException for ranges outside the arrays
     */
    public int analyse(short[] pcm, int offset, int length, byte[] dst, int dstOffset) {
        if (pcm == null) {
            throw new IllegalArgumentException("pcm is null");
        }
        if (offset < 0 || length < 1 || offset > pcm.length - length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " out of bounds for an array of " + pcm.length + " (at least one sample)");
        }
        ComfortNoisePayload.checkRange(dst, dstOffset, order + 1);
        for (int lag = 0; lag <= order; lag++) {
            double sum = 0;
            for (int n = lag; n < length; n++) {
                sum += (double) pcm[offset + n] * pcm[offset + n - lag];
            }
            r[lag] = sum;
        }
        level = ComfortNoisePayload.levelOf(r[0] / length);
        levinson();
        dst[dstOffset] = (byte) level;
        for (int i = 0; i < order; i++) {
            dst[dstOffset + 1 + i] = (byte) ComfortNoisePayload.quantize(k[i]);
        }
        return order + 1;
    }

    private void levinson() {
        java.util.Arrays.fill(k, 0.0);
        java.util.Arrays.fill(a, 0.0);
        double error = r[0] * (1 + 1.0 / 1024);
        if (!(error > 0)) {
            return;
        }
        a[0] = 1;
        for (int m = 1; m <= order; m++) {
            double acc = r[m];
            for (int i = 1; i < m; i++) {
                acc += a[i] * r[m - i];
            }
            double km = -acc / error;
            System.arraycopy(a, 0, previous, 0, m);
            for (int i = 1; i < m; i++) {
                a[i] = previous[i] + km * previous[m - i];
            }
            a[m] = km;
            k[m - 1] = km;
            error *= 1 - km * km;
            if (!(error > 0)) {
                return;
            }
        }
    }
}
