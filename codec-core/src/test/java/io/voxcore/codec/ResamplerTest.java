package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resampler's measured response, for every pair of 8, 16, 24 and 48 kHz. Each figure is
 * measured on the output against an analytic sine (a least-squares fit at the known frequency),
 * never against the resampler itself. The bounds sit a little outside what was measured when the
 * filter was designed (docs/resampler-opus.md): pass-band deviation at most 0.0006 dB, residual
 * (images, aliases and rounding) at most -85.7 dB, stop band at least 78.8 dB down.
 */
class ResamplerTest {

    private static final int[] RATES = {8000, 16000, 24000, 48000};
    private static final double AMPLITUDE = 16000;

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int from : RATES) {
            for (int to : RATES) {
                if (from != to) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    static Stream<Arguments> downPairs() {
        return pairs().filter(a -> (int) a.get()[0] > (int) a.get()[1]);
    }

    /** Output of one second of a sine, fed in 20 ms frames. */
    private static short[] run(Resampler r, int from, double hz) {
        short[] in = new short[from];
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * i / from));
        }
        short[] out = new short[r.maxOutput(in.length)];
        int written = 0;
        for (int at = 0; at < in.length; at += from / 50) {
            written += r.process(in, at, from / 50, out, written);
        }
        assertThat(written).as("output samples of one second").isEqualTo(r.toHz());
        return out;
    }

    /**
     * Fits {@code A sin + B cos} at {@code hz} over the settled part of the output (after the
     * filter's delay and one more frame, before the last frame) and returns {fitted gain dB,
     * residual power dB, total power dB}, powers relative to the input sine's.
     */
    private static double[] analyse(short[] out, int rate, int delay, double hz) {
        int from = delay + rate / 50;
        int to = out.length - rate / 50;
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0, yy = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / rate;
            double s = Math.sin(w), c = Math.cos(w);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += out[i] * s;
            yc += out[i] * c;
            yy += out[i] * (double) out[i];
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        double residual = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / rate;
            double e = out[i] - a * Math.sin(w) - b * Math.cos(w);
            residual += e * e;
        }
        int n = to - from;
        double inputPower = AMPLITUDE * AMPLITUDE / 2;
        return new double[] {
            20 * Math.log10(Math.hypot(a, b) / AMPLITUDE),
            10 * Math.log10(residual / n / inputPower),
            10 * Math.log10(yy / n / inputPower)};
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("pairs")
    void passBandIsFlatAndClean(int from, int to) {
        Resampler r = Resampler.create(from, to);
        double nyquist = Math.min(from, to) / 2.0;
        for (double hz : new double[] {100, 300, 1000, 2000, 0.5 * nyquist, 0.8 * nyquist, 0.9 * nyquist}) {
            r.reset();
            double[] m = analyse(run(r, from, hz), to, r.delay(), hz);
            assertThat(Math.abs(m[0])).as("pass-band gain deviation at %.0f Hz, dB", hz).isLessThan(0.01);
            assertThat(m[1]).as("residual (images, aliases, rounding) at %.0f Hz, dB", hz).isLessThan(-80);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("downPairs")
    void everythingAboveTheTargetNyquistIsRejected(int from, int to) {
        Resampler r = Resampler.create(from, to);
        double worst = -999;
        double worstAt = 0;
        for (double hz = to / 2.0 + 10; hz < from / 2.0; hz += (from - to) / 2.0 / 37) {
            r.reset();
            double total = analyse(run(r, from, hz), to, r.delay(), hz)[2];
            if (total > worst) {
                worst = total;
                worstAt = hz;
            }
        }
        assertThat(worst).as("output power of the worst stop-band sine (%.0f Hz), dB", worstAt).isLessThan(-75);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("pairs")
    void anImpulsePeaksAtTheDeclaredDelay(int from, int to) {
        Resampler r = Resampler.create(from, to);
        short[] in = new short[from / 10];
        in[0] = 20000;
        short[] out = new short[r.maxOutput(in.length)];
        int n = r.process(in, 0, in.length, out, 0);
        int peak = 0;
        for (int i = 1; i < n; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peak])) {
                peak = i;
            }
        }
        assertThat(peak).as("impulse peak index").isEqualTo(r.delay());
        // symmetric around the peak: a linear-phase filter
        for (int k = 1; k < 20; k++) {
            assertThat(Math.abs(out[peak + k] - out[peak - k])).as("asymmetry at +-%d", k).isLessThanOrEqualTo(1);
        }
        assertThat(r.delay() * 1000.0 / to).as("delay in ms").isLessThan(7);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("pairs")
    void frameByFrameEqualsWholeBuffer(int from, int to) {
        short[] in = new short[from / 2];
        Random random = new Random(from * 31L + to);
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) (random.nextGaussian() * 6000);
        }
        Resampler whole = Resampler.create(from, to);
        short[] expected = new short[whole.maxOutput(in.length)];
        int n = whole.process(in, 0, in.length, expected, 0);

        Resampler pieces = Resampler.create(from, to);
        short[] got = new short[expected.length + 16];
        int written = 0;
        for (int at = 0; at < in.length; ) {
            int size = Math.min(in.length - at, random.nextInt(1500)); // odd sizes, zero, and above the chunk
            written += pieces.process(in, at, size, got, written);
            at += size;
        }
        assertThat(written).isEqualTo(n);
        assertThat(Arrays.copyOf(got, written)).isEqualTo(Arrays.copyOf(expected, n));
        assertThat(n).isEqualTo(in.length * to / from);
    }

    @Test
    void stereoIsTwoIndependentMonoStreams() {
        short[] left = new short[1600];
        short[] right = new short[1600];
        short[] both = new short[3200];
        Random random = new Random(7);
        for (int i = 0; i < left.length; i++) {
            left[i] = (short) random.nextInt(20000);
            right[i] = (short) (3000 * Math.sin(i / 5.0));
            both[2 * i] = left[i];
            both[2 * i + 1] = right[i];
        }
        short[] l = new short[800];
        short[] r = new short[800];
        short[] s = new short[1600];
        Resampler.create(16000, 8000).process(left, 0, left.length, l, 0);
        Resampler.create(16000, 8000).process(right, 0, right.length, r, 0);
        assertThat(Resampler.create(16000, 8000, 2).process(both, 0, both.length, s, 0)).isEqualTo(1600);
        for (int i = 0; i < 800; i++) {
            assertThat(s[2 * i]).isEqualTo(l[i]);
            assertThat(s[2 * i + 1]).isEqualTo(r[i]);
        }
    }

    @Test
    void resetReturnsToTheInitialState() {
        Resampler fresh = Resampler.create(8000, 48000);
        Resampler used = Resampler.create(8000, 48000);
        short[] noise = new short[333];
        new Random(3).ints(noise.length, -9000, 9000).forEach(new java.util.function.IntConsumer() {
            int i;

            @Override
            public void accept(int v) {
                noise[i++] = (short) v;
            }
        });
        used.process(noise, 0, noise.length, new short[used.maxOutput(noise.length)], 0);
        used.reset();
        short[] a = new short[960];
        short[] b = new short[960];
        assertThat(used.process(noise, 0, 160, a, 0)).isEqualTo(fresh.process(noise, 0, 160, b, 0));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void equalRatesCopyAndFullScaleSaturates() {
        Resampler same = Resampler.create(16000, 16000);
        short[] in = {1, -2, 32767, -32768};
        short[] out = new short[4];
        assertThat(same.process(in, 0, 4, out, 0)).isEqualTo(4);
        assertThat(out).isEqualTo(in);
        assertThat(same.delay()).isZero();

        // a full-scale square wave overshoots (Gibbs); the output clips instead of wrapping around
        Resampler up = Resampler.create(8000, 16000);
        short[] square = new short[800];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 10) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] wide = new short[1600];
        up.process(square, 0, square.length, wide, 0);
        int clipped = 0;
        for (int i = up.delay() + 20; i < wide.length; i++) {
            int k = i - up.delay();
            if (k % 20 >= 3 && k % 20 <= 17) {   // away from the edges: the plateau keeps its sign
                boolean high = (k / 20) % 2 == 0;
                assertThat(high ? wide[i] > 20000 : wide[i] < -20000).as("sample %d = %d", i, wide[i]).isTrue();
            }
            if (wide[i] == Short.MAX_VALUE || wide[i] == Short.MIN_VALUE) {
                clipped++;
            }
        }
        assertThat(clipped).as("samples clipped at full scale").isPositive();
    }

    @Test
    void badArgumentsFailWithTheirValues() {
        assertThatThrownBy(() -> Resampler.create(44100, 48000)).isInstanceOf(CodecException.class)
                .hasMessageContaining("44100").extracting(e -> ((CodecException) e).kind())
                .isEqualTo(CodecException.Kind.INVALID_CONFIG);
        assertThatThrownBy(() -> Resampler.create(8000, 96000)).hasMessageContaining("96000");
        assertThatThrownBy(() -> Resampler.create(8000, 16000, 0)).hasMessageContaining("got 0");
        Resampler stereo = Resampler.create(8000, 16000, 2);
        assertThatThrownBy(() -> stereo.process(new short[3], 0, 3, new short[10], 0))
                .hasMessageContaining("3 samples");
        Resampler up = Resampler.create(8000, 16000);
        assertThatThrownBy(() -> up.process(new short[160], 0, 160, new short[319], 0))
                .isInstanceOf(CodecException.class).hasMessageContaining("320");
        assertThatThrownBy(() -> up.process(new short[160], 100, 160, new short[320], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Once warm, a 20 ms frame allocates nothing, for every pair (thread allocation counter). */
    @Test
    void processingAFrameDoesNotAllocate() {
        java.lang.management.ThreadMXBean plain = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean, "no com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
        List<Resampler> all = new ArrayList<>();
        for (int from : RATES) {
            for (int to : RATES) {
                all.add(Resampler.create(from, to));
            }
        }
        short[] in = new short[960];
        short[] out = new short[960 * 6];
        new Random(1).ints(in.length, -8000, 8000).toArray();
        Resampler[] each = all.toArray(new Resampler[0]);
        Runnable round = () -> {
            for (int k = 0; k < each.length; k++) {   // indexed: an iterator would be the allocation
                each[k].process(in, 0, each[k].fromHz() / 50, out, 0);
            }
        };
        for (int i = 0; i < 300; i++) {
            round.run();
        }
        threads.getCurrentThreadAllocatedBytes();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200; i++) {
            round.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 16 resamplers x 200 frames: one allocation per frame would be >= 51,200 bytes
        assertThat(allocated).as("bytes allocated by 3,200 frames").isLessThan(200);
    }
}
