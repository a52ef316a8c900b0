package io.voxcore.benchmarks;

/**
 * The 16 kHz test signal of the G.722 benchmark, in integer arithmetic only so that the C
 * reference harness ({@code benchmarks/native/g722ref.c}) computes exactly the same samples: two
 * triangle waves (about 180 Hz and 1070 Hz) under a syllable envelope of four syllables a second
 * with pauses, plus noise from a 32-bit linear congruential generator with a fixed seed.
 */
public final class G722Signal {

    /** One second at 16 kHz: fifty 20 ms frames, cycled through by the benchmark. */
    public static final int LENGTH = 16_000;

    private G722Signal() {
    }

    /**
     * The signal's first {@code count} samples; the same formula as {@code signal()} in
     * {@code g722ref.c}.
     *
     * @param count how many samples
     * @return the samples
     */
    public static short[] samples(int count) {
        short[] out = new short[count];
        int seed = 0x722;
        for (int n = 0; n < count; n++) {
            int e = n % 4000;
            int env = e < 2000 ? e * 256 / 2000 : e < 3500 ? (3500 - e) * 256 / 1500 : 0;
            seed = seed * 1103515245 + 12345; // wraps as C's uint32_t does
            int noise = ((seed >>> 16) & 0x3FF) - 512;
            out[n] = (short) ((triangle(n, 89, 9000) + triangle(n, 15, 2500)) * env / 256 + noise);
        }
        return out;
    }

    private static int triangle(int n, int period, int amplitude) {
        int p = n % period;
        int v = p < period / 2 ? p : period - p;
        return v * 4 * amplitude / period - amplitude;
    }
}
