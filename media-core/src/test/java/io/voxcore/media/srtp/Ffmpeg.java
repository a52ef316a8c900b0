package io.voxcore.media.srtp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg found on the PATH, run with its output in a file; the test is skipped with a message
 * naming it when it is missing (as the session package's ExternalTool does).
 */
final class Ffmpeg {

    private final Path executable;
    private final Path log;

    private Ffmpeg(Path executable, Path log) {
        this.executable = executable;
        this.log = log;
    }

    static Ffmpeg require(Path dir) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                return new Ffmpeg(candidate, dir.resolve("ffmpeg.log"));
            }
        }
        assumeTrue(false, "ffmpeg is not installed (apt-get install ffmpeg); SRTP interop test skipped");
        return null;
    }

    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Runs to completion; throws with ffmpeg's output when it fails or times out. */
    void run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        await(start(args), timeoutSeconds);
    }

    void await(Process process, int timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("ffmpeg did not finish in " + timeoutSeconds + " s: " + output());
        }
        if (process.exitValue() != 0) {
            throw new IOException("ffmpeg exited with " + process.exitValue() + ": " + output());
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
