package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.voxcore.codec.testkit.ThreadAllocations;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 3389 comfort noise: the payload format, the generator's level and spectrum, the analyser's
 * reflection coefficients against theory, malformed payloads, determinism and allocation.
 */
class ComfortNoiseTest {

    private static final double FULL_SCALE_SQUARED = 32768.0 * 32768.0;

    private static double dbov(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return 10 * Math.log10(sum / pcm.length / FULL_SCALE_SQUARED);
    }

    private static short[] noise(byte[] payload, int samples, long seed) {
        ComfortNoiseGenerator generator = ComfortNoiseGenerator.create(seed);
        assertThat(generator.update(payload, 0, payload.length)).isEqualTo(ComfortNoisePayload.Validation.VALID);
        short[] out = new short[samples];
        for (int at = 0; at < samples; at += 160) { // 20 ms calls, as a session would make them
            generator.generate(out, at, Math.min(160, samples - at));
        }
        return out;
    }

    @Test
    void zeroDbovIsAFullScaleSquareWaveSoAFullScaleSineIsThree() {
        assertThat(ComfortNoisePayload.levelOf(FULL_SCALE_SQUARED)).isZero();
        assertThat(ComfortNoisePayload.levelOf(FULL_SCALE_SQUARED / 2)).isEqualTo(3); // sine: A^2 / 2
        assertThat(ComfortNoisePayload.levelOf(0)).isEqualTo(127);
        assertThat(ComfortNoisePayload.levelOf(1e-9)).isEqualTo(127);
        assertThat(ComfortNoisePayload.meanSquareOf(20)).isCloseTo(FULL_SCALE_SQUARED / 100, within(1e-3));
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 20, 30, 40, 50, 60, 70, 80, 90})
    void generatedNoiseHasThePayloadLevelWithinOneDb(int level) {
        double white = dbov(noise(new byte[] {(byte) level}, 40_000, 1));
        assertThat(white).as("white noise at level %d", level).isCloseTo(-level, within(1.0));
        // shaped: the excitation is scaled by the filter's prediction gain, so the level holds
        byte[] shaped = {(byte) level, (byte) ComfortNoisePayload.quantize(-0.9), (byte) ComfortNoisePayload.quantize(0.5)};
        assertThat(dbov(noise(shaped, 40_000, 2))).as("shaped noise at level %d", level).isCloseTo(-level, within(1.0));
    }

    @Test
    void reflectionCoefficientBytesRoundTripOnTheRfcGrid() {
        assertThat(ComfortNoisePayload.dequantize(127)).isZero();
        assertThat(ComfortNoisePayload.dequantize(0)).isEqualTo(-127 / 128.0);
        assertThat(ComfortNoisePayload.dequantize(254)).isEqualTo(127 / 128.0);
        assertThat(ComfortNoisePayload.dequantize(191)).isEqualTo(0.5);
        assertThat(ComfortNoisePayload.quantize(-0.5)).isEqualTo(63);
        for (int n = 0; n <= 254; n++) {
            assertThat(ComfortNoisePayload.quantize(ComfortNoisePayload.dequantize(n))).isEqualTo(n);
        }
        for (double k = -127 / 128.0; k <= 127 / 128.0; k += 0.001) {
            double back = ComfortNoisePayload.dequantize(ComfortNoisePayload.quantize(k));
            assertThat(back).as("k = %f", k).isCloseTo(k, within(1 / 256.0 + 1e-12));
        }
        assertThat(ComfortNoisePayload.quantize(1.0)).isEqualTo(254);
        assertThat(ComfortNoisePayload.quantize(-1.0)).isZero();
        byte[] out = new byte[4];
        assertThat(ComfortNoisePayload.write(42, new double[] {0.25, -0.75, 0}, 3, out, 0)).isEqualTo(4);
        assertThat(out).containsExactly(42, (byte) 159, 31, 127);
        assertThat(ComfortNoisePayload.level(out, 0)).isEqualTo(42);
        assertThat(ComfortNoisePayload.coefficient(out, 0, 2)).isEqualTo(-0.75);
    }

    @Test
    void theAnalyserFindsTheReflectionCoefficientOfAKnownProcess() {
        // x[n] = e[n] + 0.8 x[n-1]: A(z) = 1 - 0.8 z^-1, so k1 = -0.8 and every further k is 0.
        Random random = new Random(5);
        short[] x = new short[16_000];
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y = 1000 * random.nextGaussian() + 0.8 * y;
            x[i] = (short) Math.round(y);
        }
        ComfortNoiseAnalyser analyser = ComfortNoiseAnalyser.create(4);
        byte[] payload = new byte[5];
        assertThat(analyser.analyse(x, 0, x.length, payload, 0)).isEqualTo(5);
        assertThat(analyser.coefficient(1)).isCloseTo(-0.8, within(0.02));
        for (int i = 2; i <= 4; i++) {
            assertThat(analyser.coefficient(i)).as("k%d", i).isCloseTo(0, within(0.03));
        }
        // power of AR(1): 1000^2 / (1 - 0.64)
        assertThat(ComfortNoisePayload.level(payload, 0)).isEqualTo(ComfortNoisePayload.levelOf(1e6 / 0.36));
        assertThat(ComfortNoisePayload.coefficient(payload, 0, 1)).isCloseTo(-0.8, within(0.02));
    }

    @Test
    void theGeneratorReproducesTheCorrelationOfItsModel() {
        // for an AR(1) model with k1 the normalised lag-1 autocorrelation is -k1
        short[] out = noise(new byte[] {30, (byte) ComfortNoisePayload.quantize(-0.75)}, 80_000, 9);
        double r0 = 0;
        double r1 = 0;
        for (int i = 1; i < out.length; i++) {
            r0 += (double) out[i] * out[i];
            r1 += (double) out[i] * out[i - 1];
        }
        assertThat(r1 / r0).isCloseTo(0.75, within(0.02));
    }

    @Test
    void noiseFromALowPassAnalysisHasMostEnergyBelowOneKilohertz() {
        Random random = new Random(11);
        short[] lowPass = new short[16_000];
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < lowPass.length; i++) { // two poles near 380 Hz at 8 kHz
            double y = 300 * random.nextGaussian() + 1.6 * y1 - 0.7 * y2;
            y2 = y1;
            y1 = y;
            lowPass[i] = (short) Math.round(y);
        }
        ComfortNoiseAnalyser analyser = ComfortNoiseAnalyser.create(10);
        byte[] payload = new byte[11];
        analyser.analyse(lowPass, 0, lowPass.length, payload, 0);
        double[] shaped = bandEnergies(noise(payload, 16_000, 3), 8000, 1000);
        assertThat(shaped[0]).as("energy below 1 kHz vs above").isGreaterThan(10 * shaped[1]);
        double[] white = bandEnergies(noise(new byte[] {payload[0]}, 16_000, 3), 8000, 1000);
        assertThat(white[0]).as("white noise: 1 kHz of band below vs 3 kHz above").isLessThan(white[1] / 2);
    }

    /** Energy below and above {@code split} Hz, from 256-point DFTs of consecutive blocks. */
    private static double[] bandEnergies(short[] x, int rate, int split) {
        int n = 256;
        double below = 0;
        double above = 0;
        for (int start = 0; start + n <= x.length; start += n) {
            for (int bin = 1; bin < n / 2; bin++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    double phase = 2 * Math.PI * bin * i / n;
                    re += x[start + i] * Math.cos(phase);
                    im -= x[start + i] * Math.sin(phase);
                }
                double power = re * re + im * im;
                if ((double) bin * rate / n < split) {
                    below += power;
                } else {
                    above += power;
                }
            }
        }
        return new double[] {below, above};
    }

    @Test
    void malformedPayloadsAreRejectedWithAClearReason() {
        byte[] buf = new byte[20];
        assertThat(ComfortNoisePayload.validate(buf, 0, 0)).isEqualTo(ComfortNoisePayload.Validation.EMPTY);
        assertThat(ComfortNoisePayload.validate(buf, 0, 14)).isEqualTo(ComfortNoisePayload.Validation.TOO_LONG);
        assertThat(ComfortNoisePayload.validate(buf, 0, 13)).isEqualTo(ComfortNoisePayload.Validation.VALID);
        buf[3] = (byte) 0x85;
        assertThat(ComfortNoisePayload.validate(buf, 3, 1)).isEqualTo(ComfortNoisePayload.Validation.RESERVED_BIT_SET);
        assertThatThrownBy(() -> ComfortNoisePayload.requireValid(buf, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ComfortNoisePayload.requireValid(buf, 0, 14))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("14 bytes").hasMessageContaining("13");
        assertThatThrownBy(() -> ComfortNoisePayload.requireValid(buf, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x85");
        assertThatThrownBy(() -> ComfortNoisePayload.validate(buf, 15, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 15");
        assertThatThrownBy(() -> ComfortNoisePayload.write(128, null, 0, buf, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128");
        assertThatThrownBy(() -> ComfortNoiseAnalyser.create(11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11");

        // the generator ignores a malformed payload and plays on at the previous level
        ComfortNoiseGenerator generator = ComfortNoiseGenerator.create(1);
        generator.update(new byte[] {40}, 0, 1);
        assertThat(generator.update(buf, 0, 0)).isEqualTo(ComfortNoisePayload.Validation.EMPTY);
        assertThat(generator.update(buf, 0, 14)).isEqualTo(ComfortNoisePayload.Validation.TOO_LONG);
        assertThat(generator.update(buf, 3, 1)).isEqualTo(ComfortNoisePayload.Validation.RESERVED_BIT_SET);
        assertThat(generator.level()).isEqualTo(40);
        short[] out = new short[8000];
        generator.generate(out, 0, out.length);
        assertThat(dbov(out)).isCloseTo(-40, within(1.0));
    }

    @Test
    void theSameSeedGivesTheSameNoiseAndResetStartsItAgain() {
        byte[] payload = {35, (byte) 100, (byte) 140};
        short[] a = noise(payload, 1000, 77);
        assertThat(noise(payload, 1000, 77)).isEqualTo(a);
        assertThat(noise(payload, 1000, 78)).isNotEqualTo(a);
        ComfortNoiseGenerator generator = ComfortNoiseGenerator.create(77);
        generator.update(payload, 0, payload.length);
        short[] first = new short[1000];
        generator.generate(first, 0, 1000);
        generator.reset();
        short[] again = new short[1000];
        generator.generate(again, 0, 1000);
        assertThat(again).isEqualTo(first).isEqualTo(a);
        assertThat(ComfortNoiseGenerator.create(5).level()).isEqualTo(127);
    }

    @Test
    void theCnPathsAllocateNothing() {
        ComfortNoiseGenerator generator = ComfortNoiseGenerator.create(1);
        ComfortNoiseAnalyser analyser = ComfortNoiseAnalyser.create(10);
        SilenceSuppressor suppressor = SilenceSuppressor.create(8000, 10);
        short[] pcm = new short[160];
        byte[] payload = new byte[11];
        byte[] sent = new byte[11];
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            long before = ThreadAllocations.current();
            for (int i = 0; i < 10_000; i++) {
                generator.generate(pcm, 0, pcm.length);
                if ((i & 8) != 0) {
                    pcm[i % 160] = (short) (i * 7); // some loud frames, so the suppressor changes state
                }
                int n = analyser.analyse(pcm, 0, pcm.length, payload, 0);
                payload[0] = (byte) (20 + i % 60);
                sink += generator.update(payload, 0, n).ordinal();
                sink += suppressor.offer(pcm, 0, pcm.length).ordinal() + suppressor.copyPayload(sent, 0);
            }
            long allocated = ThreadAllocations.current() - before;
            if (round == 1) {
                // under a byte per round: no call allocates (one-off JVM work may land in the window)
                assertThat(allocated).as("bytes allocated by 10,000 CN rounds").isLessThan(10_000);
            }
        }
        assertThat(sink).isNotZero();
    }
}
