package io.voxcore.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * ffmpeg, a peer nobody here wrote, found on the PATH; a test that needs it is skipped with a
 * message naming it when it is missing (CI installs it). Also the raw PCM and port helpers the
 * interop tests share.
 */
final class Ffmpeg {

    private final Path executable;

    private Ffmpeg(Path executable) {
        this.executable = executable;
    }

    /** {@return ffmpeg, or a skipped test} */
    static Ffmpeg require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                return new Ffmpeg(candidate);
            }
        }
        assumeTrue(false, "ffmpeg is not installed (apt-get install ffmpeg); interop test skipped");
        return null;
    }

    /**
     * Runs ffmpeg to completion.
     *
     * @param args its arguments after {@code -hide_banner -loglevel error -nostdin}
     * @return what it printed
     * @throws IOException when it fails or takes more than 60 s, with its output
     */
    String run(String... args) throws IOException, InterruptedException {
        return start(args).await(60);
    }

    /**
     * Starts ffmpeg.
     *
     * @param args its arguments after {@code -hide_banner -loglevel error -nostdin}
     * @return the running process
     */
    Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-hide_banner", "-loglevel", "error",
                "-nostdin"));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Running(String.join(" ", command), process);
    }

    /** A running ffmpeg whose output is collected as it comes. */
    static final class Running implements AutoCloseable {
        private final String command;
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Running(String command, Process process) {
            this.command = command;
            this.process = process;
            this.reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ended) {
                    // what was read stays in output
                }
            }, "ffmpeg output");
            reader.setDaemon(true);
            reader.start();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String output() {
            return output.toString();
        }

        /**
         * Waits for ffmpeg to end and checks it succeeded.
         *
         * @param timeoutSeconds kill it after this long
         * @return its output
         * @throws IOException when it failed or timed out, with its output
         */
        String await(int timeoutSeconds) throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish in " + timeoutSeconds + " s; output: " + output);
            }
            reader.join(5000);
            if (process.exitValue() != 0) {
                throw new IOException(command + " exited with " + process.exitValue() + "; output: " + output);
            }
            return output.toString();
        }

        /** Kills ffmpeg if it still runs. */
        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /**
     * Waits for a condition, checking every few milliseconds.
     *
     * @param what the condition, for the failure message
     * @param seconds how long at most
     * @param condition the condition
     */
    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s for " + what);
            }
            Thread.sleep(5);
        }
    }

    static void writeS16le(Path file, short[] samples) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(samples);
        Files.write(file, buf.array());
    }

    static short[] readS16le(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /**
     * Whether some socket of this machine is bound to UDP {@code port}, read from
     * {@code /proc/net/udp} and {@code udp6} so that asking never takes the port; true where there
     * is no {@code /proc}.
     *
     * @param port the port
     * @return whether it is bound
     */
    static boolean udpPortBound(int port) {
        String hexPort = String.format(":%04X ", port);
        boolean anyTable = false;
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            anyTable = true;
            try {
                for (String line : Files.readAllLines(path)) {
                    String[] columns = line.trim().split("\\s+");
                    if (columns.length > 1 && (columns[1] + " ").endsWith(hexPort)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return !anyTable;
    }

    /**
     * An even loopback port whose successor is free too (RTP and RTCP), found by binding both.
     *
     * @return the port
     */
    static int freeRtpPort() throws IOException {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, loopback)) {
                port = probe.getLocalPort() & ~1;
            }
            if (port >= 65534) {
                continue;
            }
            try (java.net.DatagramSocket rtp = new java.net.DatagramSocket(port, loopback);
                 java.net.DatagramSocket rtcp = new java.net.DatagramSocket(port + 1, loopback)) {
                if (rtp.isBound() && rtcp.isBound()) {
                    return port;
                }
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no free even/odd UDP port pair on loopback");
    }

    /**
     * Where {@code part} starts inside {@code whole}, every sample of {@code part} matching, or -1.
     *
     * @param whole the reference
     * @param part what was received
     * @return the offset, or -1
     */
    static int indexOf(short[] whole, short[] part) {
        outer:
        for (int start = 0; start + part.length <= whole.length; start++) {
            for (int i = 0; i < part.length; i++) {
                if (whole[start + i] != part[i]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }
}
