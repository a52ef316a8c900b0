package io.voxcore.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AudioFrameTest {

    @ParameterizedTest(name = "{0} ms at 8000 Hz")
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void narrowbandFrameDurations(int millis) {
        AudioFrame frame = new AudioFrame(new short[8 * millis], 8000, 1, 0);
        assertThat(frame.samplesPerChannel()).isEqualTo(8 * millis);
        assertThat(frame.duration()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0} ms stereo at 48000 Hz")
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void stereoCountsSamplesPerChannel(int millis) {
        AudioFrame frame = new AudioFrame(new short[2 * 48 * millis], 48000, 2, 0);
        assertThat(frame.samplesPerChannel()).isEqualTo(48 * millis);
        assertThat(frame.duration()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void durationAtCdRateIsRoundedDownToTheNanosecond() {
        // 441 samples at 44100 Hz is exactly 10 ms; 1 sample is 22675.736... ns.
        assertThat(new AudioFrame(new short[441], 44100, 1, 0).duration()).isEqualTo(Duration.ofMillis(10));
        assertThat(new AudioFrame(new short[1], 44100, 1, 0).duration()).isEqualTo(Duration.ofNanos(22675));
    }

    @Test
    void ownsTheArrayWithoutCopying() {
        short[] samples = {1, 2, 3, 4};
        AudioFrame frame = new AudioFrame(samples, 8000, 2, 42);
        assertThat(frame.samples()).isSameAs(samples);
        assertThat(frame.sampleRate()).isEqualTo(8000);
        assertThat(frame.channels()).isEqualTo(2);
        assertThat(frame.timestamp()).isEqualTo(42);
    }

    @Test
    void acceptsTheWholeTimestampRange() {
        assertThat(new AudioFrame(new short[0], 8000, 1, 0xFFFF_FFFFL).timestamp()).isEqualTo(4_294_967_295L);
        assertThat(new AudioFrame(new short[0], 8000, 1, 0).duration()).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest(name = "rate {0}, channels {1}, samples {2}, ts {3}")
    @CsvSource({
        "0, 1, 160, 0, 'sample rate must be positive, got 0 Hz'",
        "-8000, 1, 160, 0, 'got -8000 Hz'",
        "8000, 0, 160, 0, 'channel count must be at least 1, got 0'",
        "8000, 2, 161, 0, '161 samples is not a multiple of 2 channels'",
        "8000, 1, 160, -1, 'got -1'",
        "8000, 1, 160, 4294967296, 'got 4294967296'",
    })
    void rejectsInvalidArgumentsNamingTheValue(int rate, int channels, int samples, long timestamp, String message) {
        assertThatThrownBy(() -> new AudioFrame(new short[samples], rate, channels, timestamp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsNullSamples() {
        assertThatThrownBy(() -> new AudioFrame(null, 8000, 1, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("samples");
    }

    @Test
    void equalityIsByContent() {
        AudioFrame a = new AudioFrame(new short[] {1, -1}, 8000, 1, 7);
        assertThat(a).isEqualTo(new AudioFrame(new short[] {1, -1}, 8000, 1, 7))
                .hasSameHashCodeAs(new AudioFrame(new short[] {1, -1}, 8000, 1, 7))
                .isNotEqualTo(new AudioFrame(new short[] {1, -2}, 8000, 1, 7))
                .isNotEqualTo(new AudioFrame(new short[] {1, -1}, 16000, 1, 7))
                .isNotEqualTo(new AudioFrame(new short[] {1, -1}, 8000, 2, 7))
                .isNotEqualTo(new AudioFrame(new short[] {1, -1}, 8000, 1, 8));
        assertThat(a.toString()).isEqualTo("AudioFrame[2 x 1 ch @ 8000 Hz, ts=7]");
    }
}
