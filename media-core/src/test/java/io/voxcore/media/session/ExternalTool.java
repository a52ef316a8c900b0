package io.voxcore.media.session;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
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
     * written to {@code file}, and returns once the capture demonstrably runs: a probe datagram,
     * sent to a second port the capture filter also admits, was captured. Skips the test, quoting
     * tshark, only where tshark ends reporting that it may not capture (neither root nor in the
     * wireshark group, the usual case for a normal user); any other failure fails the test.
     *
     * <p>tshark prints the destination port of every captured datagram ({@code -l -P -T fields}),
     * which is how the probe is seen and how {@link Capture#awaitPackets} counts the datagrams to
     * {@code port}. The file holds the probe datagrams too: read it with
     * {@code -Y udp.dstport==port}.
     *
     * @param port the destination port to capture
     * @param packets how many datagrams to {@code port} end the capture
     * @param file the pcapng file to write
     * @return the running capture
     * @throws IOException when tshark fails for another reason than permission, or no probe
     *     datagram shows up within 20 s
     */
    Capture captureLoopback(int port, int packets, Path file) throws IOException, InterruptedException {
        DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        int probePort = probe.getLocalPort();
        Running capturing = start("-l", "-P", "-T", "fields", "-e", "udp.dstport", "-i", "lo",
                "-f", "udp dst port " + port + " or udp dst port " + probePort, "-w", file.toString(),
                "-a", "duration:90");
        Capture capture = new Capture(capturing, probe, port, packets);
        try {
            byte[] hello = "capture probe".getBytes(StandardCharsets.US_ASCII);
            DatagramPacket datagram = new DatagramPacket(hello, hello.length, probe.getLocalSocketAddress());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (capturing.lines(Integer.toString(probePort)) == 0) {
                if (!capturing.isAlive()) {
                    int exit = capturing.exitCode();
                    String output = capturing.output();
                    assumeFalse(exit != 0 && mayNotCapture(output),
                            "tshark may not capture on lo here (needs root, or dumpcap's capabilities and the"
                                    + " wireshark group); interop test skipped. tshark exited with " + exit + ": "
                                    + output.lines().filter(l -> l.contains("permission")
                                            || l.contains("not permitted")).findFirst().orElse(output));
                    throw new IOException(capturing.commandLine() + " ended with " + exit
                            + " before capturing the probe datagram; output: " + output);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(capturing.commandLine() + " did not capture a probe datagram to port "
                            + probePort + " in 20 s; output: " + capturing.output());
                }
                probe.send(datagram);
                capturing.awaitOutputChange(100);
            }
            return capture;
        } catch (IOException | RuntimeException | Error e) {
            capture.close();
            throw e;
        }
    }

    private static boolean mayNotCapture(String output) {
        return output.contains("You do not have permission to capture") || output.contains("Operation not permitted");
    }

    /** A running tshark capture, see {@link #captureLoopback}. */
    static final class Capture implements AutoCloseable {
        private final Running tshark;
        private final DatagramSocket probe;
        private final int port;
        private final int packets;

        Capture(Running tshark, DatagramSocket probe, int port, int packets) {
            this.tshark = tshark;
            this.probe = probe;
            this.port = port;
            this.packets = packets;
        }

        /**
         * Waits until tshark captured the datagrams to the port, then ends it (SIGTERM, on which it
         * completes the file) and checks it ended well.
         *
         * @param timeoutSeconds how long at most to wait for the datagrams
         * @throws IOException when fewer datagrams came, or tshark failed, with its output
         */
        void awaitPackets(int timeoutSeconds) throws IOException, InterruptedException {
            String line = Integer.toString(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (tshark.lines(line) < packets && tshark.isAlive() && System.nanoTime() < deadline) {
                tshark.awaitOutputChange(100);
            }
            int captured = tshark.lines(line);
            if (captured < packets) {
                tshark.kill();
                throw new IOException("tshark captured " + captured + " of " + packets + " datagrams to port " + port
                        + " in " + timeoutSeconds + " s; output: " + tshark.output());
            }
            tshark.terminate();
            tshark.await(30);
        }

        /** Kills tshark if it still runs and closes the probe socket. */
        @Override
        public void close() {
            tshark.kill();
            probe.close();
        }
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
                        synchronized (output) {
                            output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            output.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended; what was read stays in output
                } finally {
                    drained.countDown();
                    synchronized (output) {
                        output.notifyAll();
                    }
                }
            }, "output of " + command.get(0));
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * How many complete lines (ended by a line feed) of the output so far equal {@code line}.
         *
         * @param line the line, without its end
         * @return how many
         */
        int lines(String line) {
            String text = output.toString();
            return (int) text.substring(0, text.lastIndexOf('\n') + 1).lines().filter(line::equals).count();
        }

        /**
         * Waits at most {@code millis} for more output or the end of the tool.
         *
         * @param millis how long at most
         */
        void awaitOutputChange(long millis) throws InterruptedException {
            synchronized (output) {
                if (process.isAlive()) {
                    output.wait(millis);
                }
            }
        }

        boolean isAlive() {
            return process.isAlive() || drained.getCount() > 0;
        }

        int exitCode() throws InterruptedException {
            drained.await(5, TimeUnit.SECONDS);
            return process.waitFor();
        }

        String commandLine() {
            return String.join(" ", command);
        }

        /** Asks the tool to end (SIGTERM). */
        void terminate() {
            process.destroy();
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
