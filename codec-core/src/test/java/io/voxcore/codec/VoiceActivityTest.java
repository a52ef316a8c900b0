package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.SilenceSuppressor.Decision;
import io.voxcore.codec.testkit.ItuVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The voice activity detector and the silence suppressor on the ITU speech files, and the saving
 * in packets they give (20 ms packets). The counts were measured once and are plausible from the
 * files' frame levels: {@code f2.le} is 2.9 s of nearly continuous speech over a -58 dBov floor,
 * with no pause longer than 160 ms; {@code inpsp.bin} (16 kHz) has a 1 s stretch of digital silence.
 * The figures are printed for {@code docs/playout.md}.
 */
class VoiceActivityTest {

    private static short[] f2() {
        return ItuVectors.readWords(ItuVectors.file("itu-t-g191/g711-appendix1-plc/f2.le"));
    }

    private static double dbov(short[] pcm, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return 10 * Math.log10(sum / length / (32768.0 * 32768.0));
    }

    @Test
    void withoutHangoverTheNoiseFloorIsSilenceAndLoudFramesAreSpeech() {
        short[] speech = f2();
        VoiceActivityDetector vad = VoiceActivityDetector.create(8000, 10, -60, 0);
        int speechFrames = 0;
        for (int at = 0; at + 160 <= speech.length; at += 160) {
            boolean isSpeech = vad.isSpeech(speech, at, 160);
            double level = dbov(speech, at, 160);
            if (level < -55) {
                assertThat(isSpeech).as("frame %d at %.1f dBov, the file's noise floor", at / 160, level).isFalse();
            }
            if (level > -45) {
                assertThat(isSpeech).as("frame %d at %.1f dBov", at / 160, level).isTrue();
            }
            speechFrames += isSpeech ? 1 : 0;
        }
        assertThat(speechFrames).as("speech frames of 143").isEqualTo(87);
        assertThat(vad.noiseFloorDbov()).isBetween(-60.0, -56.0);
    }

    @Test
    void theHangoverBridgesTheShortPausesOfContinuousSpeech() {
        short[] speech = f2();
        VoiceActivityDetector vad = VoiceActivityDetector.create(8000);
        StringBuilder frames = new StringBuilder();
        for (int at = 0; at + 160 <= speech.length; at += 160) {
            frames.append(vad.isSpeech(speech, at, 160) ? 'S' : '-');
        }
        // 100 ms of noise floor before the first word; no pause after it is longer than the 200 ms hangover
        assertThat(frames.toString()).isEqualTo("-----" + "S".repeat(138));
    }

    @ParameterizedTest(name = "{0} at {1} Hz, hangover {2} ms")
    @CsvSource({
        "g711-appendix1-plc/f2.le, 8000, 200, 143, 140, 2",
        "g711-appendix1-plc/f2.le, 8000, 0, 143, 109, 22",
        "g722/inpsp.bin, 16000, 200, 304, 260, 4",
        "g722/inpsp.bin, 16000, 0, 304, 249, 10"})
    void silenceSuppressionSavesPackets(String file, int rate, int hangover, int frames, int sent, int cnPackets) {
        short[] pcm = ItuVectors.readWords(ItuVectors.file("itu-t-g191/" + file));
        int frame = rate / 50;
        SilenceSuppressor suppressor = SilenceSuppressor.create(VoiceActivityDetector.create(rate, 10, -60, hangover),
                ComfortNoiseAnalyser.create(10), SilenceSuppressor.DEFAULT_LEVEL_CHANGE_DB,
                SilenceSuppressor.DEFAULT_REFRESH_MILLIS, rate);
        int[] counts = new int[Decision.values().length];
        Decision previous = null;
        byte[] payload = new byte[11];
        for (int at = 0; at + frame <= pcm.length; at += frame) {
            Decision d = suppressor.offer(pcm, at, frame);
            counts[d.ordinal()]++;
            boolean afterSpeech = previous == Decision.SPEECH || previous == Decision.TALKSPURT_START;
            // RFC 3551 marker: talkspurt start exactly after silence (or first); RFC 3389: CN starts each silence
            assertThat(d == Decision.TALKSPURT_START).isEqualTo(
                    (d == Decision.TALKSPURT_START || d == Decision.SPEECH) && !afterSpeech);
            if (previous == null || afterSpeech) {
                assertThat(d).isIn(Decision.TALKSPURT_START, Decision.SPEECH, Decision.COMFORT_NOISE);
            }
            if (d == Decision.COMFORT_NOISE) {
                assertThat(suppressor.copyPayload(payload, 0)).isEqualTo(11);
                assertThat(ComfortNoisePayload.validate(payload, 0, 11)).isEqualTo(ComfortNoisePayload.Validation.VALID);
            }
            previous = d;
        }
        int total = counts[0] + counts[1] + counts[2] + counts[3];
        int packets = counts[0] + counts[1] + counts[2];
        System.out.printf("CN saving %s %d Hz hangover %d ms: %d of %d packets sent (%d talkspurts, %d CN), %.1f%% saved%n",
                file, rate, hangover, packets, total, counts[0], counts[2], 100.0 * (total - packets) / total);
        assertThat(total).isEqualTo(frames);
        assertThat(packets).as("packets sent").isEqualTo(sent);
        assertThat(counts[Decision.COMFORT_NOISE.ordinal()]).as("CN packets").isEqualTo(cnPackets);
    }

    @Test
    void misuseIsRejectedWithTheOffendingValues() {
        assertThatThrownBy(() -> VoiceActivityDetector.create(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> VoiceActivityDetector.create(8000, -1, -60, 200)).hasMessageContaining("-1");
        assertThatThrownBy(() -> VoiceActivityDetector.create(8000, 10, 5, 200)).hasMessageContaining("5");
        assertThatThrownBy(() -> VoiceActivityDetector.create(8000, 10, -60, -3)).hasMessageContaining("-3");
        assertThatThrownBy(() -> VoiceActivityDetector.create(8000).isSpeech(new short[10], 5, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 5");
        assertThatThrownBy(() -> SilenceSuppressor.create(8000, 11)).hasMessageContaining("11");
    }
}
