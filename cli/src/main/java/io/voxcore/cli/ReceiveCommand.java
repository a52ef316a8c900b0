package io.voxcore.cli;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.session.AudioGap;
import io.voxcore.media.session.AudioListener;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voxcore receive}: writes what arrives to a WAV file and prints the statistics. */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Receive G.711 RTP into an 8 kHz mono WAV file for N seconds; prints where it listens, then "
                + "statistics as JSON.")
final class ReceiveCommand implements Callable<Integer> {

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Local address to receive RTP on.")
    InetSocketAddress listen;

    @Option(names = "--codec", defaultValue = "PCMU", paramLabel = "PCMU|PCMA",
            description = "Codec the sender uses (default: ${DEFAULT-VALUE}).")
    Codec codec;

    @Option(names = "--out", required = true, paramLabel = "FILE.wav", description = "The WAV file to write.")
    Path out;

    @Option(names = "--seconds", required = true, paramLabel = "N", description = "How long to receive.")
    double seconds;

    @Option(names = "--event-pt", defaultValue = "101", paramLabel = "PT",
            description = "Telephone-event (DTMF) payload type the sender uses, 96-127 (default: ${DEFAULT-VALUE}); "
                    + "digits received are counted in the statistics.")
    int eventPayloadType;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0) || seconds > 86_400) {
            throw new IllegalArgumentException("--seconds " + seconds + " must be above 0 and at most 86400");
        }
        Recorder recorder = new Recorder();
        MediaSessionConfig config = MediaSessionConfig.builder()
                .localAddress(listen).payloadType(codec.payloadType()).telephoneEventPayloadType(eventPayloadType).build();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).name("voxcore-receive").build()) {
            MediaSession session = engine.createSession(config);
            session.onAudio(recorder);
            session.start();
            java.io.PrintWriter console = spec.commandLine().getOut();
            console.println("receive: listening on " + session.localAddress() + " (" + codec + ", events PT "
                    + eventPayloadType + ") for " + seconds + " s");
            console.flush();
            Thread.sleep((long) (seconds * 1000));
            session.close();
            synchronized (recorder) {
                WavFiles.write(out, recorder.samples, recorder.count);
            }
            spec.commandLine().getOut().println(Json.of(session.statistics()));
        }
        return VoxcoreCli.OK;
    }

    /** Collects decoded audio in arrival order; gaps become silence so the file keeps its timing. */
    static final class Recorder implements AudioListener {
        short[] samples = new short[8000];
        int count;

        @Override
        public synchronized void onAudio(AudioFrame frame) {
            append(frame.samples(), frame.samples().length);
        }

        @Override
        public synchronized void onGap(AudioGap gap) {
            append(null, gap.samplesPerChannel());
        }

        private void append(short[] pcm, int n) {
            if (count + n > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + n));
            }
            if (pcm != null) {
                System.arraycopy(pcm, 0, samples, count, n);
            }
            count += n;
        }
    }
}
