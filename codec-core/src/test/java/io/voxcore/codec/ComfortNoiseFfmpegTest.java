package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check with an implementation nobody here wrote: FFmpeg's RFC 3389 encoder ({@code -c:a
 * comfortnoise}: 640-sample frames, order 10, 11-byte payloads) analyses the same low-pass noise
 * as {@link ComfortNoiseAnalyser}. Same level (within 1 dB: FFmpeg floors, this class rounds)
 * and same reflection coefficient signs and values (FFmpeg scales its bytes by 127, not 128, so
 * they are read back here with its own scale). Skipped when ffmpeg is not on the PATH.
 */
class ComfortNoiseFfmpegTest {

    @Test
    void ffmpegAndThisAnalyserAgreeOnLevelAndSpectrum(@TempDir Path dir) throws Exception {
        Path ffmpeg = onPath("ffmpeg");
        // x[n] = e[n] + 1.6 x[n-1] - 0.7 x[n-2]: k2 = 0.7, k1 = -1.6 / 1.7 (low-pass, k1 < 0)
        Random random = new Random(3);
        short[] x = new short[6400];
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = 300 * random.nextGaussian() + 1.6 * y1 - 0.7 * y2;
            y2 = y1;
            y1 = y;
            x[i] = (short) Math.round(y);
        }
        Path raw = dir.resolve("in.raw");
        Path cn = dir.resolve("cn.bin");
        ByteBuffer bytes = ByteBuffer.allocate(x.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(x);
        Files.write(raw, bytes.array());
        Process p = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y", "-f", "s16le",
                "-ar", "8000", "-ac", "1", "-i", raw.toString(), "-map", "0:a", "-c:a", "comfortnoise", "-f", "data", cn.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("ffmpeg exit status, output: %s", output).isZero();
        byte[] theirs = Files.readAllBytes(cn);
        assertThat(theirs.length).as("ten 11-byte payloads").isEqualTo(110);

        ComfortNoiseAnalyser analyser = ComfortNoiseAnalyser.create(10);
        byte[] ours = new byte[11];
        for (int f = 0; f < 10; f++) {
            analyser.analyse(x, f * 640, 640, ours, 0);
            assertThat(ComfortNoisePayload.validate(theirs, f * 11, 11)).isEqualTo(ComfortNoisePayload.Validation.VALID);
            assertThat(ComfortNoisePayload.level(ours, 0)).as("level, frame %d", f)
                    .isCloseTo(ComfortNoisePayload.level(theirs, f * 11), within(1));
            double theirK1 = ((theirs[f * 11 + 1] & 0xFF) - 127) / 127.0;
            double theirK2 = ((theirs[f * 11 + 2] & 0xFF) - 127) / 127.0;
            assertThat(analyser.coefficient(1)).as("k1, frame %d", f).isCloseTo(theirK1, within(0.02));
            assertThat(analyser.coefficient(2)).as("k2, frame %d", f).isCloseTo(theirK2, within(0.1));
            assertThat(theirK1).isNegative();
        }
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, name + " is not installed (apt-get install " + name + "); cross-check skipped");
        return null;
    }
}
