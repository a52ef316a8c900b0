package io.voxcore.media.codec;

import java.util.Random;

/**
 * Test signals for the cross-rate transcoder: a speech-like sound at any rate, and the
 * signal-to-noise ratio of a processed copy against its source, aligned for the processing delay.
 */
final class SpeechLike {

    private SpeechLike() {
    }

    /**
     * A voiced sound with a fundamental gliding between about 110 and 170 Hz and harmonics up to
     * 3.4 kHz under a falling tilt with two formant-like peaks, shaped into syllables of about a
     * fifth of a second, plus low noise from a fixed seed; peaks near -6 dBFS.
     *
     * @param rate the sample rate in Hz
     * @param count how many samples
     * @return the samples
     */
    static short[] samples(int rate, int count) {
        Random noise = new Random(20261128L);
        short[] out = new short[count];
        double phase = 0;
        for (int i = 0; i < count; i++) {
            double t = (double) i / rate;
            double f0 = 140.0 + 30.0 * Math.sin(2 * Math.PI * 0.7 * t) + 4.0 * Math.sin(2 * Math.PI * 5.5 * t);
            phase += 2 * Math.PI * f0 / rate;
            double voiced = 0;
            for (int k = 1; k * f0 < 3400; k++) {
                double f = k * f0;
                double formants = 1.0 + 2.0 * Math.exp(-Math.pow((f - 700) / 200, 2))
                        + 1.2 * Math.exp(-Math.pow((f - 1800) / 300, 2));
                voiced += formants * Math.sin(k * phase) / Math.pow(k, 1.1);
            }
            double syllable = Math.max(0.0, Math.sin(2 * Math.PI * 2.5 * t)) * 0.9 + 0.1;
            double value = 3500.0 * syllable * voiced + 60.0 * noise.nextGaussian();
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        }
        return out;
    }

    /**
     * The best signal-to-noise ratio, in dB, of {@code processed} against {@code source} delayed
     * by 0 to {@code maxDelay} samples: first the best whole delay, then the best fraction around
     * it in 1/32-sample steps (resampling filters delay by fractions of a sample at the lower
     * rate). {@code processed[i]} is compared with {@code source} at {@code i - delay}, the
     * fractional positions by windowed-sinc interpolation of the source, for i from {@code skip}
     * on.
     *
     * @return {best SNR in dB, its delay in samples}
     */
    static double[] bestSnr(short[] source, short[] processed, int skip, int maxDelay) {
        double best = Double.NEGATIVE_INFINITY;
        double bestDelay = -1;
        for (int delay = 0; delay <= maxDelay; delay++) {
            double snr = snrAt(source, processed, skip, delay);
            if (snr > best) {
                best = snr;
                bestDelay = delay;
            }
        }
        double whole = bestDelay;
        for (int q = -32; q <= 32; q++) {
            double delay = whole + q / 32.0;
            if (delay >= 0) {
                double snr = snrAt(source, processed, skip, delay);
                if (snr > best) {
                    best = snr;
                    bestDelay = delay;
                }
            }
        }
        return new double[] {best, bestDelay};
    }

    private static final int HALF = 32;

    /** SNR of {@code y[i]} against {@code x(i - delay)}, interpolated with a Hann-windowed sinc. */
    static double snrAt(short[] x, short[] y, int skip, double delay) {
        int whole = (int) Math.ceil(delay);
        double a = whole - delay; // x(i - delay) = x(base + a) with base = i - whole, 0 <= a < 1
        double[] h = new double[2 * HALF + 1];
        for (int m = -HALF; m <= HALF; m++) {
            double u = a - m;
            double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
            double window = Math.abs(u) >= HALF + 1 ? 0 : 0.5 * (1 + Math.cos(Math.PI * u / (HALF + 1)));
            h[m + HALF] = sinc * window;
        }
        double signal = 0;
        double error = 0;
        int from = Math.max(skip, whole + HALF);
        int to = Math.min(y.length, x.length + whole - HALF);
        for (int i = from; i < to; i++) {
            int base = i - whole;
            double s = 0;
            for (int m = -HALF; m <= HALF; m++) {
                s += x[base + m] * h[m + HALF];
            }
            double e = y[i] - s;
            signal += s * s;
            error += e * e;
        }
        return 10 * Math.log10(signal / Math.max(error, 1e-9));
    }
}
