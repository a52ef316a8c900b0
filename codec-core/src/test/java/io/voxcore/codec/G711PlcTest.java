package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.testkit.ThreadAllocations;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link G711Plc} beyond the ITU vectors: the delay, the fade to silence at 60 ms and the fade
 * back in, continuity and fidelity of the substitute at both rates, reset, misuse and allocation.
 */
class G711PlcTest {

    /** A 100 Hz tone plus its 3rd harmonic: a whole number of samples per period at both rates. */
    private static short[] tone(int rate, int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 100 * t) + 3000 * Math.sin(2 * Math.PI * 300 * t + 1));
        }
        return s;
    }

    /** Runs the signal through, losing frames [from, to); returns the output without the delay. */
    private static short[] run(G711Plc plc, short[] signal, int from, int to) {
        int frame = plc.frameSize();
        short[] out = Arrays.copyOf(signal, signal.length + frame);
        for (int f = 0; f * frame < out.length; f++) {
            if (f >= from && f < to) {
                plc.conceal(out, f * frame, frame);
            } else {
                plc.received(out, f * frame, frame);
            }
        }
        return Arrays.copyOfRange(out, plc.delay(), plc.delay() + signal.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void withoutLossTheOutputIsTheInputDelayed(int rate) {
        G711Plc plc = G711Plc.ofSampleRate(rate);
        assertThat(plc.delay()).isEqualTo(rate * 375 / 100_000); // 3.75 ms
        assertThat(plc.frameSize()).isEqualTo(rate / 100);
        short[] noise = new short[plc.frameSize() * 20];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextInt(-32768, 32768);
        }
        short[] out = noise.clone();
        plc.received(out, 0, out.length);
        assertThat(Arrays.copyOf(out, plc.delay())).containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(out, plc.delay(), out.length))
                .isEqualTo(Arrays.copyOf(noise, noise.length - plc.delay()));
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void aLongLossFadesFromTenMillisecondsAndIsSilentFromSixty(int rate) {
        G711Plc plc = G711Plc.ofSampleRate(rate);
        int frame = plc.frameSize();
        short[] signal = tone(rate, frame * 30);
        short[] out = run(plc, signal, 10, 20); // 100 ms lost from 100 ms on
        int[] peaks = new int[10];
        for (int k = 0; k < 10; k++) {
            for (int i = (10 + k) * frame; i < (11 + k) * frame; i++) {
                peaks[k] = Math.max(peaks[k], Math.abs(out[i]));
            }
        }
        int fullPeak = 0;
        for (int i = 0; i < 10 * frame; i++) {
            fullPeak = Math.max(fullPeak, Math.abs(signal[i]));
        }
        assertThat(peaks[0]).as("first 10 ms at full level").isBetween(fullPeak * 9 / 10, fullPeak + 1);
        for (int k = 1; k < 6; k++) {
            // In lost frame k the gain falls from 1 - 0.2 (k - 1) to 1 - 0.2 k.
            double top = fullPeak * (1 - 0.2 * (k - 1)) + 1;
            assertThat(peaks[k]).as("peak of lost frame %d", k + 1).isLessThanOrEqualTo((int) top)
                    .isLessThan(peaks[k - 1]);
        }
        assertThat(Arrays.copyOfRange(out, 16 * frame, 20 * frame)).as("60 ms into the loss and after")
                .containsOnly((short) 0);
        // Back in: faded in from silence over the first received frame, then exact.
        assertThat(Math.abs(out[20 * frame])).isLessThan(fullPeak / 10);
        assertThat(Arrays.copyOfRange(out, 21 * frame, 30 * frame))
                .isEqualTo(Arrays.copyOfRange(signal, 21 * frame, 30 * frame));
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void aShortLossIsContinuousAndCloseToThePeriodicSignal(int rate) {
        G711Plc plc = G711Plc.ofSampleRate(rate);
        int frame = plc.frameSize();
        short[] signal = tone(rate, frame * 30);
        short[] out = run(plc, signal, 10, 12); // 20 ms lost
        int maxStep = 0;
        for (int i = 1; i < signal.length; i++) {
            maxStep = Math.max(maxStep, Math.abs(signal[i] - signal[i - 1]));
        }
        for (int i = 9 * frame; i < 14 * frame; i++) {
            assertThat(Math.abs(out[i] - out[i - 1])).as("step at sample %d", i).isLessThanOrEqualTo(maxStep * 3 / 2);
        }
        // The first lost 10 ms of a steady periodic tone are its exact continuation, give or take
        // the truncation to integers and the quarter-period fade.
        double signalPower = 0;
        double errorPower = 0;
        for (int i = 10 * frame; i < 11 * frame; i++) {
            signalPower += (double) signal[i] * signal[i];
            errorPower += (double) (out[i] - signal[i]) * (out[i] - signal[i]);
        }
        assertThat(10 * Math.log10(signalPower / errorPower)).as("SNR of the first lost frame, dB").isGreaterThan(30);
    }

    @Test
    void resetForgetsEverything() {
        short[] signal = tone(8000, 80 * 30);
        short[] fresh = run(new G711Plc(), signal, 12, 15);
        G711Plc used = new G711Plc();
        run(used, tone(8000, 80 * 7), 3, 5); // ends inside nothing: the flush frame is received
        used.conceal(new short[80], 0, 80); // and in a loss
        used.reset();
        assertThat(run(used, signal, 12, 15)).isEqualTo(fresh);
    }

    @Test
    void misuseIsRejectedWithTheOffendingValues() {
        G711Plc plc = new G711Plc();
        short[] pcm = new short[160];
        assertThatThrownBy(() -> plc.received(pcm, 0, 79)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 79").hasMessageContaining("80");
        assertThatThrownBy(() -> plc.conceal(pcm, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 0");
        assertThatThrownBy(() -> plc.conceal(pcm, 100, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 100").hasMessageContaining("160");
        assertThatThrownBy(() -> plc.received(pcm, -1, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset -1");
        assertThatThrownBy(() -> plc.received(null, 0, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> G711Plc.ofSampleRate(44100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("44100");
        assertThatThrownBy(() -> G711Plc.ofSampleRate(16000).conceal(pcm, 0, 80))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("160");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void receivingAndConcealingAllocateNothing(int rate) {
        G711Plc plc = G711Plc.ofSampleRate(rate);
        int frame = plc.frameSize();
        short[] signal = tone(rate, frame * 40);
        short[] buf = new short[frame * 2];
        SplittableRandom random = new SplittableRandom(3);
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += step(plc, signal, buf, random, i);
        }
        long before = ThreadAllocations.current();
        for (int i = 0; i < 20_000; i++) {
            sink += step(plc, signal, buf, random, i);
        }
        long allocated = ThreadAllocations.current() - before;
        assertThat(sink).isNotZero();
        // under a byte per call: no call allocates (one-off JVM work may land in the window)
        assertThat(allocated).as("bytes allocated by 20,000 calls").isLessThan(20_000);
    }

    private static long step(G711Plc plc, short[] signal, short[] buf, SplittableRandom random, int i) {
        int frame = plc.frameSize();
        int n = 1 + (i & 1);
        System.arraycopy(signal, (i % 38) * frame, buf, 0, n * frame);
        if (random.nextInt(4) == 0) {
            plc.conceal(buf, 0, n * frame); // losses of up to many frames in a row, some past 60 ms
        } else {
            plc.received(buf, 0, n * frame);
        }
        return buf[frame / 2];
    }
}
