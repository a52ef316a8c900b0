package io.voxcore.codec;

import java.util.Objects;

/**
 * Converts 16-bit linear PCM from one sample rate to another, streaming: state carries across
 * calls, so a stream cut into frames of any size gives the same samples as the whole stream at once.
 *
 * <pre>{@code
 * Resampler up = Resampler.create(8000, 16000);
 * short[] wide = new short[up.maxOutput(160)];
 * int n = up.process(narrow, 0, 160, wide, 0);   // 320 samples once warm, every 20 ms frame
 * }</pre>
 *
 * <p>The design is the textbook one for a fixed rational ratio L/M: a linear-phase low-pass FIR
 * (a windowed sinc, Kaiser window) at the common rate L times the input rate, evaluated as L
 * polyphase branches so that only the output samples actually kept are computed. Its pass band
 * ends at 0.9 and its stop band starts at 1.0 times the Nyquist frequency of the lower of the two
 * rates, with 80 dB as design target: nothing above the target's Nyquist frequency aliases back
 * when downsampling, and the images of upsampling are removed. {@code docs/resampler-opus.md}
 * lists the measured ripple, rejection and cost.
 *
 * <p>Rates: multiples of 4000 Hz from 8000 to 48000 (8, 12, 16, 24, 32 and 48 kHz among them), any
 * pair; equal rates copy. Channels are interleaved and filtered independently. One instance per
 * stream, not thread-safe; {@link #process} never allocates.
 */
public final class Resampler {

    /** Stop-band attenuation the filter is designed for, in dB. */
    public static final double DESIGN_ATTENUATION_DB = 80.0;

    /** Pass-band edge as a fraction of the lower rate's Nyquist frequency. */
    public static final double PASS_BAND_EDGE = 0.9;

    /** Frames filtered per inner pass; inputs longer than this are processed in several passes. */
    private static final int CHUNK = 960;

    private final int fromHz;
    private final int toHz;
    private final int channels;
    private final int up;
    private final int down;
    private final int taps;
    private final int delay;
    /** Coefficients, phase-major: branch p occupies [p*taps, (p+1)*taps), reversed for a forward dot product. */
    private final float[] coefficients;
    /** Per channel: taps-1 samples of history, then up to CHUNK new samples. */
    private final float[][] work;
    /** Per input phase (M of them): the work buffer's samples split by index modulo M. */
    private final float[][] phases;
    /** Sums of one group of outputs. */
    private final float[] acc;
    /** Input index and branch of the first output of each of the L groups in a block. */
    private final int[] groupInput;
    private final int[] groupPhase;
    /** Input index (relative to the next block) of the next output sample. */
    private int nextInput;
    /** Polyphase branch of the next output sample. */
    private int nextPhase;

    private Resampler(int fromHz, int toHz, int channels) {
        this.fromHz = fromHz;
        this.toHz = toHz;
        this.channels = channels;
        int g = gcd(fromHz, toHz);
        this.up = toHz / g;
        this.down = fromHz / g;
        if (up == down) {
            taps = 1;
            delay = 0;
            coefficients = new float[] {1f};
        } else {
            double common = (double) fromHz * up;
            double lowerNyquist = Math.min(fromHz, toHz) / 2.0;
            double transition = 2 * Math.PI * (1.0 - PASS_BAND_EDGE) * lowerNyquist / common;
            double needed = (DESIGN_ATTENUATION_DB - 7.95) / (2.285 * transition);
            int half = (int) Math.ceil(needed / (2.0 * down));      // delay in output samples
            int length = 2 * half * down + 1;                       // odd, centred on half*down
            delay = half;
            taps = (length + up - 1) / up;
            coefficients = design(length, half * down, (1.0 + PASS_BAND_EDGE) / 2 * lowerNyquist / common);
        }
        work = new float[channels][taps - 1 + CHUNK];
        phases = new float[down][(taps - 1 + CHUNK) / down + 1];
        acc = new float[CHUNK / down + 2];
        groupInput = new int[up];
        groupPhase = new int[up];
    }

    /**
     * A mono resampler.
     *
     * @param fromHz the input rate, a multiple of 4000 from 8000 to 48000
     * @param toHz the output rate, likewise
     * @return the resampler
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming a rate it
     *     does not support
     */
    public static Resampler create(int fromHz, int toHz) {
        return create(fromHz, toHz, 1);
    }

    /**
     * A resampler for interleaved channels.
     *
     * @param fromHz the input rate, a multiple of 4000 from 8000 to 48000
     * @param toHz the output rate, likewise
     * @param channels the channel count, 1 to 8
     * @return the resampler
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming the value
     *     it does not support
     */
    public static Resampler create(int fromHz, int toHz, int channels) {
        checkRate(fromHz, "input");
        checkRate(toHz, "output");
        if (channels < 1 || channels > 8) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "resampler channel count must be 1 to 8, got " + channels);
        }
        return new Resampler(fromHz, toHz, channels);
    }

    /**
     * Resamples {@code inCount} samples (all channels together, interleaved) from
     * {@code in[inOffset...]} into {@code out[outOffset...]}. Never allocates.
     *
     * <p>Once the stream has run for {@link #delay()} output samples, a 20 ms frame in gives
     * exactly a 20 ms frame out; in general the count follows the rate ratio, never above
     * {@link #maxOutput(int) maxOutput(inCount)}.
     *
     * @param in the input samples
     * @param inOffset index of the first input sample
     * @param inCount how many samples, a multiple of the channel count
     * @param out where the output goes
     * @param outOffset index of the first output sample
     * @return the number of samples written (all channels together)
     * @throws IndexOutOfBoundsException if the input range lies outside its array
     * @throws CodecException of kind {@link CodecException.Kind#BUFFER_TOO_SMALL} when {@code out}
     *     has no room for {@code maxOutput(inCount)} samples, or
     *     {@link CodecException.Kind#INVALID_ARGUMENT} when the count is not whole frames
     */
    public int process(short[] in, int inOffset, int inCount, short[] out, int outOffset) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(inOffset, inCount, in.length);
        if (inCount % channels != 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "resampler: " + inCount
                    + " samples is not a whole number of " + channels + "-channel frames");
        }
        int room = maxOutput(inCount);
        if (outOffset < 0 || outOffset > out.length || out.length - outOffset < room) {
            throw new CodecException(CodecException.Kind.BUFFER_TOO_SMALL, "resampler " + fromHz + " -> " + toHz
                    + ": output needs room for " + room + " samples at offset " + outOffset
                    + ", array length " + out.length);
        }
        if (up == down) {
            System.arraycopy(in, inOffset, out, outOffset, inCount);
            return inCount;
        }
        int frames = inCount / channels;
        int written = 0;
        for (int done = 0; done < frames; ) {
            int n = Math.min(CHUNK, frames - done);
            written += block(in, inOffset + done * channels, n, out, outOffset + written);
            done += n;
        }
        return written;
    }

    /**
     * Filters one block of {@code n <= CHUNK} frames; returns samples written.
     *
     * <p>Outputs k and k + L use the same polyphase branch, their inputs M apart; so the outputs
     * are computed in L groups, each as a multiply-add over consecutive outputs of one group (an
     * axpy, which the JIT vectorises), tap by tap. Each output's sum still runs over the taps in
     * order, so the result does not depend on how the stream is cut into blocks. With M above 1
     * the input is first split into its M phases so that the axpy reads consecutive samples.
     */
    private int block(short[] in, int inOffset, int n, short[] out, int outOffset) {
        int history = taps - 1;
        int count = 0;
        int input = nextInput;
        int phase = nextPhase;
        while (input < n) {
            if (count < up) {
                groupInput[count] = input;
                groupPhase[count] = phase;
            }
            count++;
            phase += down;
            input += phase / up;
            phase %= up;
        }
        nextInput = input - n;
        nextPhase = phase;
        int groups = Math.min(up, count);
        for (int c = 0; c < channels; c++) {
            float[] w = work[c];
            for (int i = 0, at = inOffset + c; i < n; i++, at += channels) {
                w[history + i] = in[at];
            }
            if (down > 1) {
                int length = history + n;
                for (int r = 0; r < down; r++) {
                    float[] split = phases[r];
                    for (int t = 0, idx = r; idx < length; t++, idx += down) {
                        split[t] = w[idx];
                    }
                }
            }
            for (int s = 0; s < groups; s++) {
                int outputs = (count - s + up - 1) / up;
                java.util.Arrays.fill(acc, 0, outputs, 0f);
                int first = groupInput[s];
                int branch = groupPhase[s] * taps;
                for (int m = 0; m < taps; m++) {
                    float g = coefficients[branch + m];
                    float[] src;
                    int from;
                    if (down == 1) {
                        src = w;
                        from = first + m;
                    } else {
                        src = phases[(first + m) % down];
                        from = (first + m) / down;
                    }
                    for (int j = 0; j < outputs; j++) {
                        acc[j] += g * src[from + j];
                    }
                }
                for (int j = 0, at = outOffset + s * channels + c; j < outputs; j++, at += up * channels) {
                    out[at] = saturate(acc[j]);
                }
            }
            System.arraycopy(w, n, w, 0, history);
        }
        return count * channels;
    }

    private static short saturate(float v) {
        int r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    /**
     * The most samples {@link #process} writes for this many input samples.
     *
     * @param inCount input samples (all channels together), not negative
     * @return output samples (all channels together)
     */
    public int maxOutput(int inCount) {
        if (inCount < 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    "resampler: sample count must not be negative, got " + inCount);
        }
        long frames = inCount / channels;
        return (int) ((frames * up + down - 1) / down) * channels;
    }

    /**
     * The filter's delay in output samples per channel: an impulse at input sample 0 peaks at
     * output sample {@code delay()}. The first {@code delay()} outputs are the filter filling.
     *
     * @return the delay, 0 when the rates are equal
     */
    public int delay() {
        return delay;
    }

    /**
     * Filter taps evaluated per output sample per channel (the cost of one output sample).
     *
     * @return the taps per polyphase branch
     */
    public int tapsPerOutput() {
        return taps;
    }

    /** Clears the history, as if the instance were new. */
    public void reset() {
        for (float[] w : work) {
            java.util.Arrays.fill(w, 0f);
        }
        nextInput = 0;
        nextPhase = 0;
    }

    /**
     * The input rate.
     *
     * @return Hz
     */
    public int fromHz() {
        return fromHz;
    }

    /**
     * The output rate.
     *
     * @return Hz
     */
    public int toHz() {
        return toHz;
    }

    /**
     * The interleaved channel count.
     *
     * @return 1 or more
     */
    public int channels() {
        return channels;
    }

    @Override
    public String toString() {
        return "Resampler " + fromHz + " -> " + toHz + " Hz, " + channels + " ch, " + taps + " taps/output, delay "
                + delay;
    }

    /**
     * Kaiser-windowed sinc of {@code length} taps centred on {@code centre}, cutoff {@code cutoff}
     * (a fraction of the common rate), gain {@code up}, laid out as {@code up} reversed branches.
     */
    private float[] design(int length, int centre, double cutoff) {
        double beta = 0.1102 * (DESIGN_ATTENUATION_DB - 8.7);
        double norm = besselI0(beta);
        float[] h = new float[up * taps];
        for (int j = 0; j < length; j++) {
            double t = j - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = t / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
            double value = up * sinc * window;
            // tap j belongs to branch j % up, position j / up; stored reversed within the branch
            h[(j % up) * taps + (taps - 1 - j / up)] = (float) value;
        }
        return h;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-12 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static void checkRate(int hz, String which) {
        if (hz < 8000 || hz > 48000 || hz % 4000 != 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG, "resampler " + which + " rate " + hz
                    + " Hz unsupported: a multiple of 4000 Hz from 8000 to 48000 (8000, 12000, 16000, 24000, "
                    + "32000, 48000)");
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
