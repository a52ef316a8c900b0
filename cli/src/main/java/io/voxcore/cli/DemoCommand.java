package io.voxcore.cli;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.relay.MediaRelay;
import io.voxcore.media.relay.RelayStatistics;
import io.voxcore.media.session.AudioGap;
import io.voxcore.media.session.AudioListener;
import io.voxcore.media.session.DtmfEvent;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.session.RtcpMode;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxcore demo}: a self-contained call on loopback. Party A (PCMU, events on PT 101) and
 * party B (PCMA, events on PT 96) talk through a {@link MediaRelay} at the same time, each sending
 * a generated speech-like signal in real time; then A dials DTMF digits. What each party decodes
 * is compared with the exact reference computed from codec-core's G.711 primitives (for A to B:
 * A-law decoding of the mu-law-to-A-law table of the mu-law encoding of the signal).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a self-contained call on loopback: a PCMU party, the relay, a PCMA party, speaking "
                + "both ways at once, then DTMF digits from the PCMU side.",
                "Prints statistics and whether the received audio and digits match the reference; "
                        + "exit code 0 when they match, 1 when not."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "3", paramLabel = "N",
            description = "Length of the speech each party sends, 0.1-60 s (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--dtmf", defaultValue = "159#", paramLabel = "DIGITS",
            description = "Digits party A dials after speaking (0-9 * # A-D; default: ${DEFAULT-VALUE}).")
    String digits;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write the audio as 8 kHz mono WAV files into DIR (created if missing): a-sent.wav and "
                    + "b-sent.wav (what each party sent), a-received.wav and b-received.wav (what each played out).")
    Path outDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(seconds >= 0.1) || seconds > 60) {
            throw new IllegalArgumentException("--seconds " + seconds + " must be 0.1 to 60");
        }
        for (int i = 0; i < digits.length(); i++) {
            if ("0123456789*#ABCDabcd".indexOf(digits.charAt(i)) < 0) {
                throw new IllegalArgumentException("--dtmf '" + digits.charAt(i) + "' at index " + i
                        + " is not a DTMF digit (0-9 * # A-D)");
            }
        }
        int packets = (int) Math.round(seconds * 50);
        short[] speechA = speech(packets * 160, 1);
        short[] speechB = speech(packets * 160, 2);
        PrintWriter out = spec.commandLine().getOut();
        Party atA = new Party(packets * 160);
        Party atB = new Party(packets * 160);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(2).name("voxcore-demo").build()) {
            MediaSession legA = engine.createSession(config(loopback, 0, 101, null));
            MediaSession legB = engine.createSession(config(loopback, 8, 96, null));
            MediaSession a = engine.createSession(config(loopback, 0, 101, legA.localAddress()));
            MediaSession b = engine.createSession(config(loopback, 8, 96, legB.localAddress()));
            legA.remoteAddress(a.localAddress());
            legB.remoteAddress(b.localAddress());
            a.onAudio(atA);
            b.onAudio(atB).onDtmf(atB::onDtmf);
            MediaRelay relay = MediaRelay.between(legA, legB);
            for (MediaSession s : new MediaSession[] {legA, legB, a, b}) {
                s.start();
            }
            out.println("demo: A " + a.localAddress() + " (PCMU, events PT 101) <-> relay " + legA.localAddress()
                    + " | " + legB.localAddress() + " <-> B " + b.localAddress() + " (PCMA, events PT 96)");
            out.flush();
            long period = 20_000_000L;
            long next = System.nanoTime();
            for (int p = 0; p < packets; p++) {
                LockSupport.parkNanos(next - System.nanoTime());
                a.send(speechA, p * 160, 160);
                b.send(speechB, p * 160, 160);
                next += period;
            }
            if (!digits.isEmpty()) {
                a.sendDtmf(digits, Duration.ofMillis(100), 10).toCompletableFuture().join();
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline
                    && (atA.count() < speechA.length || atB.count() < speechB.length
                    || atB.digits().length() < digits.length())) {
                Thread.sleep(10);
            }
            RelayStatistics stats = relay.statistics();
            relay.close();
            boolean audioToB = atB.matches(referenceUlawToAlaw(speechA));
            boolean audioToA = atA.matches(referenceAlawToUlaw(speechB));
            boolean dtmf = atB.digits().equals(digits.toUpperCase(java.util.Locale.ROOT));
            out.println("demo: relay A->B " + Json.of(stats.aToB()));
            out.println("demo: relay B->A " + Json.of(stats.bToA()));
            out.println("demo: B received " + atB.count() + " samples, " + atB.gaps() + " loss gaps; audio A->B (PCMU->PCMA) "
                    + (audioToB ? "matches" : "DOES NOT match") + " the reference");
            out.println("demo: A received " + atA.count() + " samples, " + atA.gaps() + " loss gaps; audio B->A (PCMA->PCMU) "
                    + (audioToA ? "matches" : "DOES NOT match") + " the reference");
            if (outDir != null) {
                Files.createDirectories(outDir);
                WavFiles.write(outDir.resolve("a-sent.wav"), speechA, speechA.length);
                WavFiles.write(outDir.resolve("b-sent.wav"), speechB, speechB.length);
                short[] heardAtA = atA.samples();
                short[] heardAtB = atB.samples();
                WavFiles.write(outDir.resolve("a-received.wav"), heardAtA, heardAtA.length);
                WavFiles.write(outDir.resolve("b-received.wav"), heardAtB, heardAtB.length);
                out.println("demo: audio written to " + outDir);
            }
            out.println("demo: DTMF sent \"" + digits + "\", received \"" + atB.digits() + "\": "
                    + (dtmf ? "matches" : "DOES NOT match"));
            if (audioToB && audioToA && dtmf) {
                out.println("demo: result: MATCH");
                out.flush();
                return VoxcoreCli.OK;
            }
            out.flush();
            spec.commandLine().getErr().println("voxcore: demo: received audio or digits do not match the reference");
            return VoxcoreCli.FAILURE;
        }
    }

    private static MediaSessionConfig config(InetSocketAddress local, int payloadType, int eventPayloadType,
            InetSocketAddress remote) {
        return MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT).localAddress(local).remoteAddress(remote).payloadType(payloadType)
                .telephoneEventPayloadType(eventPayloadType).rtcpMode(RtcpMode.OFF).build();
    }

    private static short[] referenceUlawToAlaw(short[] pcm) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = G711.alawToLinear(G711.ulawToAlaw(G711.linearToUlaw(pcm[i])));
        }
        return out;
    }

    private static short[] referenceAlawToUlaw(short[] pcm) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = G711.ulawToLinear(G711.alawToUlaw(G711.linearToAlaw(pcm[i])));
        }
        return out;
    }

    /** A speech-like signal: voiced harmonics with a drifting pitch under a syllable envelope, plus noise. */
    static short[] speech(int samples, long seed) {
        java.util.Random random = new java.util.Random(seed);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 8000.0;
            double envelope = Math.abs(Math.sin(2 * Math.PI * 2.1 * t + seed));
            double f0 = 110 + 35 * Math.sin(2 * Math.PI * 0.6 * t + seed);
            double voiced = 0;
            for (int h = 1; h <= 8; h++) {
                voiced += Math.sin(2 * Math.PI * f0 * h * t) / h;
            }
            out[i] = (short) Math.max(-32768, Math.min(32767, 12000 * envelope * voiced + 150 * random.nextGaussian()));
        }
        return out;
    }

    /** What one party plays out, in order, and the digits it hears. */
    private static final class Party implements AudioListener {
        private short[] samples;
        private int count;
        private int gaps;
        private final StringBuilder digits = new StringBuilder();

        Party(int expected) {
            this.samples = new short[expected];
        }

        @Override
        public synchronized void onAudio(AudioFrame frame) {
            short[] pcm = frame.samples();
            if (count + pcm.length > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + pcm.length));
            }
            System.arraycopy(pcm, 0, samples, count, pcm.length);
            count += pcm.length;
        }

        @Override
        public synchronized void onGap(AudioGap gap) {
            if (gap.packets() > 0) {
                gaps++; // lost audio; a gap without packets is time without audio (a pause, the digits)
            }
        }

        synchronized void onDtmf(DtmfEvent event) {
            if (event.end()) {
                digits.append(event.digit());
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized short[] samples() {
            return Arrays.copyOf(samples, count);
        }

        synchronized int gaps() {
            return gaps;
        }

        synchronized String digits() {
            return digits.toString();
        }

        synchronized boolean matches(short[] reference) {
            return gaps == 0 && count == reference.length
                    && Arrays.equals(samples, 0, count, reference, 0, reference.length);
        }
    }
}
