package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFilesTest {

    @TempDir
    Path dir;

    static void writeWav(Path file, short[] samples, float rate, int channels) throws Exception {
        byte[] bytes = new byte[samples.length * 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples);
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format,
                samples.length / channels)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @Test
    void writesAStandardWavHeaderAndReadsItBack() throws Exception {
        short[] samples = {0, 1, -1, 32767, -32768, 1234};
        Path file = dir.resolve("a.wav");
        WavFiles.write(file, samples, samples.length);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(new String(bytes, 8, 4, "US-ASCII")).isEqualTo("WAVE");
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(le.getInt(24)).as("sample rate").isEqualTo(8000);
        assertThat(le.getShort(34)).as("bits per sample").isEqualTo((short) 16);
        assertThat(le.getShort(bytes.length - 2)).isEqualTo((short) 1234);
        assertThat(WavFiles.read(file)).containsExactly(samples);
    }

    @Test
    void rejectsStereo() throws Exception {
        Path file = dir.resolve("stereo.wav");
        writeWav(file, new short[320], 8000f, 2);
        assertThatThrownBy(() -> WavFiles.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 channel(s)");
    }
}
