package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoxcoreCliTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VoxcoreCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A command running on its own thread, whose output can be watched as it comes. */
    private record Started(CompletableFuture<Result> result, StringWriter out) {
        /** Waits until the command printed {@code text}, failing fast if it ended without. */
        void awaitOutput(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString().contains(text)) {
                if (result.isDone()) {
                    throw new AssertionError("ended without printing '" + text + "': " + result.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not print '" + text + "' in 30 s; printed: " + out);
                }
                Thread.sleep(5);
            }
        }
    }

    private static Started start(java.util.concurrent.Executor thread, String... args) {
        StringWriter out = new StringWriter();
        CompletableFuture<Result> result = CompletableFuture.supplyAsync(() -> {
            StringWriter err = new StringWriter();
            int code = VoxcoreCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Result(code, out.toString(), err.toString());
        }, thread);
        return new Started(result, out);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"send", "receive", "relay", "demo"}) {
            Result r = run(command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: voxcore " + command);
        }
    }

    @Test
    void versionIsTheProjectVersionFromThePom() {
        // cli/pom.xml hands the version it builds to the tests; the tool reads its own copy from
        // the filtered version.properties, so this fails if the filtering or the provider breaks.
        String expected = System.getProperty("voxcore.expectedVersion");
        assertThat(expected).as("system property voxcore.expectedVersion from cli/pom.xml").isNotBlank();
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("voxcore " + expected);
    }

    @Test
    void badArgumentsExitWithTwoAndOneLine() {
        Result noPort = run("send", "--to", "localhost", "--in", "x.wav");
        assertThat(noPort.code()).isEqualTo(2);
        assertThat(noPort.err()).contains("'localhost' is not HOST:PORT").hasLineCount(1);

        Result badCodec = run("receive", "--listen", "127.0.0.1:0", "--codec", "G729", "--out", "x.wav", "--seconds", "1");
        assertThat(badCodec.code()).isEqualTo(2);
        assertThat(badCodec.err()).contains("G729").contains("PCMU").hasLineCount(1);

        Result badPtime = run("send", "--to", "127.0.0.1:9", "--ptime", "5", "--in", "x.wav");
        assertThat(badPtime.code()).isEqualTo(2);
        assertThat(badPtime.err()).contains("--ptime 5").hasLineCount(1);

        Result none = run();
        assertThat(none.code()).isEqualTo(2);
    }

    @Test
    void aWavFileThatCannotBeSentIsRejectedNamingItsFormat() throws Exception {
        Path odd = dir.resolve("odd.wav");
        WavFilesTest.writeWav(odd, new short[1600], 11025f, 1);
        Result r = run("send", "--to", "127.0.0.1:9", "--in", odd.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("11025 Hz").contains("mono 16-bit").hasLineCount(1);
        Path stereo = dir.resolve("stereo.wav");
        WavFilesTest.writeWav(stereo, new short[1600], 8000f, 2);
        Result s = run("send", "--to", "127.0.0.1:9", "--in", stereo.toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("mono 16-bit").hasLineCount(1);
    }

    @Test
    void aMissingFileIsARuntimeFailure() {
        Result r = run("send", "--to", "127.0.0.1:9", "--in", dir.resolve("absent.wav").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("voxcore: error:").hasLineCount(1);
    }

    @Test
    void sendThenReceiveOverLoopbackGivesTheG711RoundTripOfTheFile() throws Exception {
        short[] signal = new short[8000]; // 1 s, a sweep of levels across every segment
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (short) (Math.sin(i * 0.07) * (i * 4));
        }
        Path in = dir.resolve("in.wav");
        Path out = dir.resolve("out.wav");
        WavFiles.write(in, signal, signal.length);
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        Started receiving = start(thread, "receive", "--listen", "127.0.0.1:" + port, "--codec", "PCMA", "--out",
                out.toString(), "--seconds", "3");
        thread.shutdown();
        // the receiver binds first; a packet sent before it would be lost
        receiving.awaitOutput("receive: listening on /127.0.0.1:" + port + " (PCMA");
        CompletableFuture<Result> receiver = receiving.result();
        Result sent = run("send", "--to", "127.0.0.1:" + port, "--codec", "PCMA", "--ptime", "30", "--in", in.toString());
        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("\"packetsSent\":" + (signal.length + 239) / 240);
        Result received = receiver.get(30, TimeUnit.SECONDS);
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(received.out()).contains("\"cumulativeLost\":0");

        short[] got = withoutGapSilence(WavFiles.read(out), received.out());
        assertThat(got.length).isGreaterThanOrEqualTo(signal.length);
        for (int i = 0; i < signal.length; i++) {
            short expected = G711.alawToLinear(G711.linearToAlaw(signal[i]));
            assertThat(got[i]).as("sample %d", i).isEqualTo(expected);
        }
        for (int i = signal.length; i < got.length; i++) {
            assertThat(got[i]).as("padding sample %d", i).isEqualTo(G711.alawToLinear(G711.linearToAlaw((short) 0)));
        }
        assertThat(Files.size(out)).isGreaterThan(44);
    }

    @Test
    void demoRunsACallThroughTheRelayAndItsAudioIsTheItuG711ReferenceBothWays() throws Exception {
        Path audio = dir.resolve("demo-audio");
        Result r = run("demo", "--seconds", "1", "--dtmf", "3*9", "--out", audio.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        // Independent of the demo's own verdict and of codec-core: G.711 as the ITU's vectors define it.
        ItuG711 itu = ItuG711.load();
        short[] sentA = WavFiles.read(audio.resolve("a-sent.wav"));
        short[] sentB = WavFiles.read(audio.resolve("b-sent.wav"));
        assertThat(sentA).as("A's signal").hasSize(8000).isEqualTo(DemoCommand.speech(8000, 1));
        assertThat(sentB).as("B's signal").hasSize(8000).isEqualTo(DemoCommand.speech(8000, 2));
        short[] expectAtB = new short[sentA.length];
        short[] expectAtA = new short[sentB.length];
        for (int i = 0; i < sentA.length; i++) {
            // A encodes mu-law, the relay maps each code to the A-law code of the same sample, B decodes A-law
            expectAtB[i] = itu.alawDecode(itu.alawEncode(itu.ulawDecode(itu.ulawEncode(sentA[i]))));
            expectAtA[i] = itu.ulawDecode(itu.ulawEncode(itu.alawDecode(itu.alawEncode(sentB[i]))));
        }
        assertSameSamples("what B played out", expectAtB, WavFiles.read(audio.resolve("b-received.wav")));
        assertSameSamples("what A played out", expectAtA, WavFiles.read(audio.resolve("a-received.wav")));
    }

    private static void assertSameSamples(String what, short[] expected, short[] got) {
        assertThat(got.length).as("%s: samples", what).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (got[i] != expected[i]) {
                throw new AssertionError(what + ": sample " + i + " is " + got[i] + ", the ITU reference " + expected[i]);
            }
        }
    }

    @Test
    void demoRunsACallThroughTheRelayAndReportsThatAudioAndDigitsMatch() {
        Result r = run("demo", "--seconds", "1", "--dtmf", "3*9");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("audio A->B (PCMU->PCMA) matches the reference")
                .contains("audio B->A (PCMA->PCMU) matches the reference")
                .contains("DTMF sent \"3*9\", received \"3*9\": matches")
                .contains("\"packetsTranscoded\":50")
                .contains("demo: result: MATCH");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void relayArgumentMistakesExitWithTwoAndOneLine() throws Exception {
        Result noCodec = run("relay", "--a", "127.0.0.1:4000", "--a-codec");
        assertThat(noCodec.code()).isEqualTo(2);
        assertThat(noCodec.err()).contains("--a-codec").hasLineCount(1);

        Result badCodec = run("relay", "--a", "127.0.0.1:4000", "--b", "127.0.0.1:4002", "--b-codec", "G729");
        assertThat(badCodec.code()).isEqualTo(2);
        assertThat(badCodec.err()).contains("G729").hasLineCount(1);

        Result badEventPt = run("relay", "--a", "127.0.0.1:4000", "--b", "127.0.0.1:4002", "--a-event-pt", "50");
        assertThat(badEventPt.code()).isEqualTo(2);
        assertThat(badEventPt.err()).contains("leg A").contains("got 50").hasLineCount(1);

        Result badSeconds = run("relay", "--a", "127.0.0.1:4000", "--b", "127.0.0.1:4002", "--seconds", "0");
        assertThat(badSeconds.code()).isEqualTo(2);
        assertThat(badSeconds.err()).contains("--seconds 0.0").hasLineCount(1);

        Result badDigit = run("send", "--to", "127.0.0.1:9", "--in", "x.wav", "--dtmf", "12x");
        assertThat(badDigit.code()).isEqualTo(2);
        assertThat(badDigit.err()).contains("'x' at index 2").hasLineCount(1);

        try (DatagramSocket taken = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            Result busy = run("relay", "--a", "127.0.0.1:4000", "--b", "127.0.0.1:4002", "--a-listen",
                    "127.0.0.1:" + taken.getLocalPort(), "--seconds", "1");
            assertThat(busy.code()).isEqualTo(1);
            assertThat(busy.err()).startsWith("voxcore: error:").contains(String.valueOf(taken.getLocalPort()))
                    .hasLineCount(1);
        }
    }

    @Test
    void sendThroughTheRelayCommandToReceiveGivesTheTranscodedRoundTripAndTheDigits() throws Exception {
        short[] signal = new short[8000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (short) (Math.sin(i * 0.05) * (i * 3));
        }
        Path in = dir.resolve("in.wav");
        Path out = dir.resolve("out.wav");
        WavFiles.write(in, signal, signal.length);
        int receivePort = freePort();
        int relayA = freePort();
        int senderPort = freePort();
        // Two threads of their own: the common pool may have a single thread on a small machine.
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        Started receiving = start(threads, "receive", "--listen", "127.0.0.1:" + receivePort, "--codec", "PCMA",
                "--event-pt", "96", "--out", out.toString(), "--seconds", "4");
        Started relaying = start(threads, "relay", "--a-listen", "127.0.0.1:" + relayA, "--a", "127.0.0.1:" + senderPort,
                "--a-codec", "PCMU", "--b", "127.0.0.1:" + receivePort, "--b-codec", "PCMA", "--b-event-pt", "96",
                "--seconds", "4");
        threads.shutdown();
        receiving.awaitOutput("receive: listening on /127.0.0.1:" + receivePort);
        relaying.awaitOutput("relay: leg A listens on /127.0.0.1:" + relayA);
        CompletableFuture<Result> receiver = receiving.result();
        CompletableFuture<Result> relay = relaying.result();
        // Symmetric RTP: party A sends from the address the relay was told (--a), the only source leg A accepts.
        Result sent = run("send", "--to", "127.0.0.1:" + relayA, "--local", "127.0.0.1:" + senderPort, "--codec", "PCMU",
                "--in", in.toString(), "--dtmf", "42");
        assertThat(sent.code()).as(sent.err()).isZero();
        Result relayed = relay.get(30, TimeUnit.SECONDS);
        assertThat(relayed.code()).as(relayed.err()).isZero();
        assertThat(relayed.out()).contains("leg A listens on /127.0.0.1:" + relayA)
                .contains("\"aToB\":{\"packetsForwarded\":64,").contains("\"packetsTranscoded\":50");
        Result received = receiver.get(30, TimeUnit.SECONDS);
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(received.out()).contains("\"dtmfReceived\":2").contains("\"cumulativeLost\":0");
        short[] got = withoutGapSilence(WavFiles.read(out), received.out());
        assertThat(got.length).isEqualTo(signal.length);
        for (int i = 0; i < signal.length; i++) {
            short expected = G711.alawToLinear(G711.ulawToAlaw(G711.linearToUlaw(signal[i])));
            assertThat(got[i]).as("sample %d", i).isEqualTo(expected);
        }
    }

    /**
     * The A-law samples {@code receive} wrote, without the silence of playout gaps: on a loaded
     * machine the jitter buffer may run dry with no packet lost, and {@code receive} writes the gap's
     * silence (zeros) to keep the file's timing (see {@link Played}). A-law never decodes to 0 (its
     * smallest magnitude is 8), so every zero is gap silence; there may be some only when the
     * statistics count a gap.
     */
    private static short[] withoutGapSilence(short[] samples, String statistics) {
        short[] out = new short[samples.length];
        int n = 0;
        for (short s : samples) {
            if (s != 0) {
                out[n++] = s;
            }
        }
        if (n < samples.length) {
            assertThat(statistics).as("%d samples of gap silence, so the playout reported a gap", samples.length - n)
                    .doesNotContain("\"gaps\":0,");
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int freePort() throws Exception {
        for (int i = 0; i < 100; i++) {
            try (DatagramSocket probe = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                int port = probe.getLocalPort();
                if (port % 2 == 0 && port < 65000) {
                    try {
                        new DatagramSocket(port + 1, java.net.InetAddress.getLoopbackAddress()).close();
                        return port;
                    } catch (java.net.SocketException e) {
                        continue;
                    }
                }
            }
        }
        throw new AssertionError("no free even port pair");
    }
}
