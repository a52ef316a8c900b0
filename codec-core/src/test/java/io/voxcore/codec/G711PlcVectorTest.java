package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.testkit.ItuVectors;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link G711Plc} against the ITU-T G.191 G.711 Appendix I vectors: {@code f2.le} cut into 10 ms
 * frames, lost per a G.192 erasure pattern (repeated over the file), concealed, must give the
 * reference output sample for sample, output sample {@code i + delay()} against reference sample
 * {@code i} (the reference removes the delay; one extra received frame flushes the last
 * samples out).
 *
 * <p>The pattern files hold nothing but G.192 frame sync words, one 16-bit little-endian word per
 * 10 ms frame (0x6B21 good, 0x6B20 lost; no length words, no soft bits): {@code fe10.g192} is 10
 * frames with the 10th lost, {@code fe10_2.g192} 20 frames with the 19th and 20th lost. The muted
 * references prove that reading: silencing the lost frames of {@code f2.le} gives them exactly.
 */
class G711PlcVectorTest {

    private static final int FRAME = 80;
    private static final short GOOD = 0x6B21;
    private static final short LOST = 0x6B20;

    private static Path plc(String name) {
        return ItuVectors.file("itu-t-g191/g711-appendix1-plc/" + name);
    }

    /** The erasure pattern: true where the frame is lost. Anything but a sync word fails. */
    static boolean[] pattern(String name) {
        short[] words = ItuVectors.readWords(plc(name));
        boolean[] lost = new boolean[words.length];
        for (int i = 0; i < words.length; i++) {
            assertThat(words[i]).as("word %d of %s", i, name).isIn(GOOD, LOST);
            lost[i] = words[i] == LOST;
        }
        return lost;
    }

    @ParameterizedTest
    @CsvSource({"fe10.g192, f2_10m.raw, 28", "fe10_2.g192, f2_10_2m.raw, 28"})
    void mutingThePatternReproducesTheMutedReference(String patternFile, String mutedFile, int lostFrames) {
        short[] speech = ItuVectors.readWords(plc("f2.le"));
        boolean[] lost = pattern(patternFile);
        short[] muted = speech.clone();
        int count = 0;
        for (int f = 0; f < speech.length / FRAME; f++) {
            if (lost[f % lost.length]) {
                java.util.Arrays.fill(muted, f * FRAME, (f + 1) * FRAME, (short) 0);
                count++;
            }
        }
        short[] reference = ItuVectors.readWords(plc(mutedFile));
        assertThat(speech.length % FRAME).isZero();
        assertThat(count).as("frames lost").isEqualTo(lostFrames);
        assertThat(ItuVectors.firstDifference(reference, muted)).as("first differing sample").isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({"fe10.g192, f2_10.raw, 1", "fe10.g192, f2_10.raw, 2", "fe10.g192, f2_10.raw, 7",
                "fe10_2.g192, f2_10_2.raw, 1", "fe10_2.g192, f2_10_2.raw, 2", "fe10_2.g192, f2_10_2.raw, 7"})
    void concealmentIsBitExactWithTheReference(String patternFile, String concealedFile, int framesPerCall) {
        short[] speech = ItuVectors.readWords(plc("f2.le"));
        boolean[] lost = pattern(patternFile);
        short[] reference = ItuVectors.readWords(plc(concealedFile));
        G711Plc plc = new G711Plc();
        assertThat(plc.delay()).isEqualTo(30);
        int frames = speech.length / FRAME;
        short[] out = new short[(frames + 1) * FRAME]; // one extra received frame of silence flushes the delay
        System.arraycopy(speech, 0, out, 0, speech.length);
        // Calls of up to framesPerCall frames, each run of equal frames in one call.
        int f = 0;
        while (f <= frames) {
            boolean isLost = f < frames && lost[f % lost.length];
            int n = 1;
            while (n < framesPerCall && f + n < frames && lost[(f + n) % lost.length] == isLost) {
                n++;
            }
            if (isLost) {
                plc.conceal(out, f * FRAME, n * FRAME);
            } else {
                plc.received(out, f * FRAME, n * FRAME);
            }
            f += n;
        }
        for (int i = 0; i < plc.delay(); i++) {
            assertThat(out[i]).as("output sample %d, before the delay has passed", i).isZero();
        }
        short[] aligned = java.util.Arrays.copyOfRange(out, plc.delay(), plc.delay() + speech.length);
        int first = ItuVectors.firstDifference(reference, aligned);
        assertThat(first).as("first sample differing from %s (frame %d): %s", concealedFile, first / FRAME,
                first < 0 ? "" : aligned[first] + " instead of " + reference[first]).isEqualTo(-1);
        assertThat(aligned).isNotEqualTo(speech); // the reference does conceal something
    }

    @ParameterizedTest
    @CsvSource({"fe10.g192, f2_10.raw", "fe10_2.g192, f2_10_2.raw"})
    void undelayedOutputIsTheReferenceExceptTheQuarterPeriodBeforeEachLoss(String patternFile, String concealedFile) {
        short[] speech = ItuVectors.readWords(plc("f2.le"));
        boolean[] lost = pattern(patternFile);
        short[] reference = ItuVectors.readWords(plc(concealedFile));
        G711Plc plc = G711Plc.undelayed(8000);
        assertThat(plc.delay()).isZero();
        int frames = speech.length / FRAME;
        short[] out = java.util.Arrays.copyOf(speech, frames * FRAME);
        int recovered = 0;
        for (int f = 0; f < frames; f++) {
            if (lost[f % lost.length]) {
                plc.conceal(out, f * FRAME, FRAME);
            } else {
                int fade = plc.recoveryLength();
                assertThat(fade).as("recovery length at frame %d", f).isBetween(f > 0 && lost[(f - 1) % lost.length]
                        ? 10 : 0, f > 0 && lost[(f - 1) % lost.length] ? FRAME : 0);
                recovered += fade;
                plc.received(out, f * FRAME, FRAME);
            }
        }
        int differing = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] != reference[i]) {
                int f = i / FRAME;
                assertThat(f + 1 < frames && lost[(f + 1) % lost.length] && !lost[f % lost.length]
                        && i >= (f + 1) * FRAME - plc.frameSize() * 3 / 8).as("sample %d differs: %d, reference %d",
                        i, out[i], reference[i]).isTrue();
                assertThat(out[i]).as("sample %d, played before the loss", i).isEqualTo(speech[i]);
                differing++;
            }
        }
        assertThat(recovered).as("samples cross-faded after losses").isPositive();
        assertThat(differing).as("samples before losses that Appendix I cross-fades").isPositive();
    }
}
