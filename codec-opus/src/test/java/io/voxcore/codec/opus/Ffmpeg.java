package io.voxcore.codec.opus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg found on the PATH, with libopus; a test that needs it is skipped with a message naming it
 * when it is missing (the same rule as media-core's ExternalTool).
 */
final class Ffmpeg {

    private final Path executable;

    private Ffmpeg(Path executable) {
        this.executable = executable;
    }

    static Ffmpeg require() throws IOException, InterruptedException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                Ffmpeg ffmpeg = new Ffmpeg(candidate);
                Process p = ffmpeg.start("-hide_banner", "-encoders");
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(30, TimeUnit.SECONDS);
                assumeTrue(out.contains("libopus"), "ffmpeg has no libopus encoder; interop test skipped");
                return ffmpeg;
            }
        }
        assumeTrue(false, "ffmpeg is not installed (apt-get install ffmpeg); interop test skipped");
        return null;
    }

    /** Starts ffmpeg with stdout and stderr merged, stdin from /dev/null. */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Runs ffmpeg to completion; fails with its output when it fails. */
    String run(String... args) throws IOException, InterruptedException {
        Process p = start(args);
        return await(p, 60, args);
    }

    static String await(Process p, int seconds, String... args) throws IOException, InterruptedException {
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffmpeg " + String.join(" ", args) + " did not finish in " + seconds + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("ffmpeg " + String.join(" ", args) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    static void writeS16le(Path path, short[] pcm) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(pcm);
        Files.write(path, b.array());
    }

    static short[] readS16le(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    /** The left channel of interleaved stereo. */
    static short[] left(short[] stereo) {
        short[] mono = new short[stereo.length / 2];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = stereo[2 * i];
        }
        return mono;
    }
}
