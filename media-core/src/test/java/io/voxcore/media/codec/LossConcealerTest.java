package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.testkit.ItuVectors;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The undelayed concealer against the ITU-T G.711 Appendix I references: the ITU's {@code f2.le}
 * in 10 ms frames, lost per the G.192 patterns, must give for every lost frame exactly the
 * samples of the aligned reference output ({@code f2_10.raw}, {@code f2_10_2.raw}); the frame
 * after each loss the reference's samples too (Appendix I's recovery cross-fade, and nothing
 * else); every other received frame the input itself. The only samples that differ from the
 * reference are in the quarter pitch period before each loss, which Appendix I cross-fades into
 * the substitute and an undelayed receiver has already played.
 */
class LossConcealerTest {

    private static final short LOST = 0x6B20;

    private static boolean[] pattern(String name) {
        short[] words = ItuVectors.readWords(ItuVectors.file("itu-t-g191/g711-appendix1-plc/" + name));
        boolean[] lost = new boolean[words.length];
        for (int i = 0; i < words.length; i++) {
            assertThat(words[i] == LOST || words[i] == 0x6B21).as("sync word %d", i).isTrue();
            lost[i] = words[i] == LOST;
        }
        return lost;
    }

    @ParameterizedTest(name = "{0} in calls of {2} samples")
    @CsvSource({"fe10.g192, f2_10.raw, 80", "fe10.g192, f2_10.raw, 20", "fe10.g192, f2_10.raw, 40",
                "fe10_2.g192, f2_10_2.raw, 80", "fe10_2.g192, f2_10_2.raw, 40", "fe10_2.g192, f2_10_2.raw, 13"})
    void everySampleIsTheReferenceExceptThePlayedQuarterPeriodBeforeEachLoss(String patternFile, String referenceFile,
            int callSize) {
        short[] input = ItuVectors.readWords(ItuVectors.file("itu-t-g191/g711-appendix1-plc/f2.le"));
        short[] reference = ItuVectors.readWords(ItuVectors.file("itu-t-g191/g711-appendix1-plc/" + referenceFile));
        boolean[] lost = pattern(patternFile);
        int frames = input.length / 80;
        LossConcealer c = LossConcealer.create(8000);
        short[] out = new short[frames * 80];
        for (int f = 0; f < frames; f++) {
            for (int at = 0; at < 80; at += callSize) { // callSize 13: the concealer's own framing is hidden
                int n = Math.min(callSize, 80 - at);
                int i = f * 80 + at;
                if (lost[f % lost.length]) {
                    c.conceal(out, i, n);
                } else {
                    System.arraycopy(input, i, out, i, n);
                    c.played(out, i, n);
                }
            }
        }
        int lostFrames = 0;
        int differentLost = 0;
        int fadedSamples = 0;
        int beforeLoss = 0;
        for (int f = 0; f < frames; f++) {
            int from = f * 80;
            if (lost[f % lost.length]) {
                lostFrames++;
                for (int i = from; i < from + 80; i++) {
                    differentLost += out[i] != reference[i] ? 1 : 0;
                }
                continue;
            }
            boolean afterLoss = f > 0 && lost[(f - 1) % lost.length];
            boolean beforeALoss = f + 1 < frames && lost[(f + 1) % lost.length];
            for (int i = from; i < from + 80; i++) {
                if (afterLoss && out[i] != input[i]) {
                    fadedSamples++; // Appendix I's recovery cross-fade
                }
                if (out[i] != reference[i]) {
                    // only where Appendix I cross-faded played audio into the substitute: at most a
                    // quarter of the longest pitch period before the loss, where the input plays
                    assertThat(beforeALoss && i >= from + 80 - 30).as("sample %d (frame %d) differs from the "
                            + "reference outside the quarter period before a loss", i, f).isTrue();
                    assertThat(out[i]).as("sample %d before a loss", i).isEqualTo(input[i]);
                    beforeLoss++;
                }
            }
            if (!afterLoss) {
                assertThat(Arrays.copyOfRange(out, from, from + 80)).as("received frame %d", f)
                        .isEqualTo(Arrays.copyOfRange(input, from, from + 80));
            }
        }
        assertThat(lostFrames).isEqualTo(28);
        assertThat(differentLost).as("lost samples differing from the ITU reference").isZero();
        assertThat(fadedSamples).as("samples cross-faded after a loss").isPositive();
        System.out.printf("LossConcealer %s in calls of %d: 0 of %d lost samples differ from %s; %d samples after"
                + " losses cross-faded as the reference; %d samples before losses differ (played unchanged)%n",
                patternFile, callSize, lostFrames * 80, referenceFile, fadedSamples, beforeLoss);
    }

    @Test
    void aLossFollowedBySilenceFadesOutAndForgetsTheHistory() {
        LossConcealer c = LossConcealer.create(8000);
        short[] tone = new short[800];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 200 * i / 8000.0));
        }
        c.played(tone.clone(), 0, tone.length);
        short[] sub = new short[80];
        c.conceal(sub, 0, 80);
        assertThat(maxAbs(sub, 0, 80)).as("the substitute continues the tone").isGreaterThan(6000);
        short[] fade = new short[200];
        int n = c.endWithSilence(fade, 0, fade.length);
        assertThat(n).isEqualTo(30);
        assertThat(Math.abs(fade[n - 1])).as("faded to near zero").isLessThan(400);
        assertThat(c.inLoss()).isFalse();
        assertThat(c.endWithSilence(fade, 0, fade.length)).as("no loss in progress").isZero();
        c.conceal(sub, 0, 80);
        assertThat(maxAbs(sub, 0, 80)).as("after silence the history is silence").isZero();
    }

    @Test
    void misuseIsRefusedNamingTheValues() {
        assertThatThrownBy(() -> LossConcealer.create(48000)).hasMessageContaining("48000");
        assertThat(LossConcealer.supports(8000, 1)).isTrue();
        assertThat(LossConcealer.supports(16000, 1)).isTrue();
        assertThat(LossConcealer.supports(8000, 2)).isFalse();
        assertThat(LossConcealer.supports(44100, 1)).isFalse();
        LossConcealer c = LossConcealer.create(16000);
        assertThat(c.sampleRate()).isEqualTo(16000);
        assertThatThrownBy(() -> c.conceal(new short[10], 5, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> c.played(new short[10], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static int maxAbs(short[] a, int from, int to) {
        int m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }
}
