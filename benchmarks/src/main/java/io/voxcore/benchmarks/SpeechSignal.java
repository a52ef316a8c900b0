package io.voxcore.benchmarks;

import java.util.Random;

/**
 * A speech-like test signal, the same for every implementation: a voiced sound (a fundamental
 * near 140 Hz with vibrato and twelve harmonics under a falling spectral tilt) shaped by a
 * syllable envelope of about four syllables a second with short pauses, plus a little noise from a
 * fixed seed. Unlike silence or a pure tone, it spreads samples over most of the G.711 segments,
 * as real speech does.
 */
public final class SpeechSignal {

    /** The seed of the noise, fixed so that every run measures the same samples. */
    public static final long SEED = 0x5EED_711L;

    private static final double RATE = 8000.0;

    private SpeechSignal() {
    }

    /**
     * Makes {@code count} samples of the signal at 8000 Hz, starting 260 ms in: just after the
     * second syllable's onset, so that a 10 ms frame is already voiced and a 120 ms frame spans the
     * syllable's rise, peak and fall.
     *
     * @param count how many samples
     * @return the samples
     */
    public static short[] samples(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        Random noise = new Random(SEED);
        short[] out = new short[count];
        double phase = 0;
        int start = (int) (0.26 * RATE);
        for (int i = 0; i < start + count; i++) {
            double t = i / RATE;
            double f0 = 140.0 * (1.0 + 0.03 * Math.sin(2 * Math.PI * 5.0 * t));
            phase += 2 * Math.PI * f0 / RATE;
            double voiced = 0;
            for (int k = 1; k <= 12; k++) {
                voiced += Math.sin(k * phase) / Math.pow(k, 1.3);
            }
            // Syllables: a raised sine at 4 Hz, cut to silence in the troughs (pauses).
            double syllable = Math.max(0.0, Math.sin(2 * Math.PI * 4.0 * t + 0.3) - 0.15) / 0.85;
            double value = 9000.0 * syllable * voiced + 150.0 * noise.nextGaussian();
            if (i >= start) {
                out[i - start] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
            }
        }
        return out;
    }
}
