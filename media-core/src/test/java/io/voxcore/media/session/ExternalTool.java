package io.voxcore.media.session;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real program nobody here wrote (ffmpeg, tshark), found on the PATH. Tests that need one are
 * skipped with a message naming it when it is missing (a user's laptop); CI installs them.
 */
final class ExternalTool {

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /**
     * The tool, or a skipped test.
     *
     * @param name for example "ffmpeg"
     * @return the tool
     */
    static ExternalTool require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return new ExternalTool(candidate);
            }
        }
        assumeTrue(false, name + " is not installed (apt-get install " + name + "); interop test skipped");
        return null;
    }

    /**
     * Runs the tool to completion.
     *
     * @param timeoutSeconds kill it after this long
     * @param args its arguments
     * @return what it printed, both streams together
     * @throws IOException when it cannot start, fails or times out; the message holds its output
     */
    String run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        Running running = start(args);
        return running.await(timeoutSeconds);
    }

    /**
     * Starts a tshark capture of the UDP datagrams sent to {@code port} on the loopback interface,
     * written to {@code file}, ending after {@code packets} of them (or 60 s), and returns once it
     * captures. Skips the test, quoting tshark, where it may not capture (neither root nor in the
     * wireshark group).
     *
     * @param port the destination port to capture
     * @param packets how many datagrams end the capture
     * @param file the pcapng file to write
     * @return the running capture; {@link Running#await} waits for its end
     */
    Running captureLoopback(int port, int packets, Path file) throws IOException, InterruptedException {
        Running capturing = start("-i", "lo", "-f", "udp dst port " + port, "-w", file.toString(),
                "-a", "duration:60", "-a", "packets:" + packets);
        if (!capturing.awaitOutput("Capturing on", 20)) {
            capturing.kill();
            assumeTrue(false, "tshark cannot capture on lo here (needs root or the wireshark group): "
                    + capturing.output());
        }
        Thread.sleep(500); // the capture filter is installed just after the banner
        return capturing;
    }

    /**
     * Starts the tool.
     *
     * @param args its arguments
     * @return the running process
     * @throws IOException when it cannot start
     */
    Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Running(command, process);
    }

    /** A started tool whose output is collected as it comes. */
    static final class Running {
        private final List<String> command;
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final CountDownLatch drained = new CountDownLatch(1);

        Running(List<String> command, Process process) {
            this.command = command;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // the process ended; what was read stays in output
                } finally {
                    drained.countDown();
                }
            }, "output of " + command.get(0));
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Waits until the tool printed a line containing {@code text}.
         *
         * @param text what to wait for
         * @param timeoutSeconds how long at most
         * @return whether it appeared
         */
        boolean awaitOutput(String text, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                if (output.indexOf(text) >= 0) {
                    return true;
                }
                if (!process.isAlive() && drained.getCount() == 0) {
                    return output.indexOf(text) >= 0;
                }
                Thread.sleep(20);
            }
            return false;
        }

        /**
         * Waits for the tool to end and checks it succeeded.
         *
         * @param timeoutSeconds kill it after this long
         * @return its output
         * @throws IOException when it failed or timed out, with its output
         */
        String await(int timeoutSeconds) throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s; output: " + output);
            }
            drained.await(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue()
                        + "; output: " + output);
            }
            return output.toString();
        }

        /** Kills the tool if it still runs. */
        void kill() {
            process.destroyForcibly();
        }

        /**
         * What it printed so far.
         *
         * @return the output
         */
        String output() {
            return output.toString();
        }
    }
}
