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
import io.voxcore.media.session.RtcpMode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxcore receive}: writes what arrives to a WAV file and prints the statistics. Where it
 * listens and what it decodes come either from the options or from an SDP file (as ffplay reads
 * the one {@code ffmpeg -sdp_file} writes).
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = {"Receive RTP into a WAV file (at the codec's rate: 8, 16 or 48 kHz) for N seconds; prints where it listens, then statistics as JSON.",
            "Either --listen (the codec of --codec on its payload type, or opus on --pt; telephone events on "
                    + "--event-pt) or --sdp FILE: "
                    + "listen on the file's connection address and first audio port and decode every payload type it "
                    + "maps that this jar has a codec for (telephone-event and CN too), as ffplay does with the file "
                    + "ffmpeg -sdp_file writes."})
final class ReceiveCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the stream's description comes from: an SDP file, or the options. */
    static final class Source {
        @Option(names = "--sdp", required = true, paramLabel = "FILE.sdp",
                description = "An SDP file describing the stream (e.g. from ffmpeg -sdp_file); not with --listen.")
        Path sdp;

        @ArgGroup(exclusive = false)
        Manual manual;
    }

    /** The stream described by options. */
    static final class Manual {
        @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPort.class,
                description = "Local address to receive RTP on; not with --sdp.")
        InetSocketAddress listen;

        @Option(names = "--codec", defaultValue = "PCMU", paramLabel = "PCMU|PCMA|G722|opus",
                description = "Codec the sender uses, any case, with --listen (default: ${DEFAULT-VALUE}); opus is "
                        + "decoded mono at 48 kHz.")
        Codec codec = Codec.PCMU;

        @Option(names = "--pt", paramLabel = "PT",
                description = "Payload type of a codec with a dynamic one (opus), 96-127, with --listen (default: "
                        + Codec.DEFAULT_OPUS_PAYLOAD_TYPE + ").")
        Integer payloadType;

        @Option(names = "--event-pt", defaultValue = "101", paramLabel = "PT",
                description = "Telephone-event (DTMF) payload type the sender uses, 96-127, with --listen "
                        + "(default: ${DEFAULT-VALUE}); digits received are counted in the statistics.")
        int eventPayloadType = 101;
    }

    @Option(names = "--out", required = true, paramLabel = "FILE.wav", description = "The WAV file to write.")
    Path out;

    @Option(names = "--seconds", required = true, paramLabel = "N", description = "How long to receive.")
    double seconds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0) || seconds > 86_400) {
            throw new IllegalArgumentException("--seconds " + seconds + " must be above 0 and at most 86400");
        }
        java.io.PrintWriter console = spec.commandLine().getOut();
        MediaSessionConfig config;
        String what;
        if (source.sdp != null) {
            SdpStream stream = SdpStream.read(source.sdp);
            if (stream.wildcard()) {
                console.println("receive: " + stream.connectionAddress().getHostAddress() + " (the c= address of " + source.sdp
                        + ") is not an address of this machine: listening on " + stream.bind().getAddress()
                                .getHostAddress() + " instead");
            }
            for (String line : stream.undecodable()) {
                console.println("receive: " + line);
            }
            for (int pt : stream.mono()) {
                console.println("receive: opus payload type " + pt + " in " + source.sdp + " has no sprop-stereo=1: "
                        + "decoded to mono (RFC 7587 7.1)");
            }
            config = MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT).localAddress(stream.bind()).negotiated(stream.media())
                    .rtcpMode(stream.media().rtcpMux() ? RtcpMode.MUX : RtcpMode.NEXT_PORT).build();
            what = "from " + source.sdp + ": " + stream.decoded();
        } else {
            Manual m = source.manual;
            if (m.listen == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--codec and --event-pt go with "
                        + "--listen HOST:PORT (and --pt) (with --sdp FILE the file names the codecs): give one of the two");
            }
            int pt = Codec.payloadType("--pt", m.codec, m.payloadType);
            if (pt == m.eventPayloadType) {
                throw new IllegalArgumentException("--pt " + pt + " and --event-pt " + m.eventPayloadType
                        + " must differ: one payload type names one format");
            }
            MediaSessionConfig.Builder b = MediaSessionConfig.builder()
                    .gapPolicy(io.voxcore.media.session.GapPolicy.REPORT).localAddress(m.listen);
            if (m.codec.dynamic()) {
                // A dynamic payload type is configured through a description of the stream expected
                // (what a sender's SDP file would state), received declaratively; the port only names
                // the stream there (9, discard, for an ephemeral --listen port), the session binds --listen.
                InetSocketAddress named = m.listen.getPort() == 0
                        ? new InetSocketAddress(m.listen.getAddress(), 9) : m.listen;
                io.voxcore.media.sdp.SessionDescription expected = SendSdp.describe(named, m.codec, pt, 20,
                        m.eventPayloadType, System.currentTimeMillis() / 1000, null, m.codec.sampleRate());
                io.voxcore.media.sdp.MediaCapabilities.Builder caps = io.voxcore.media.sdp.MediaCapabilities.builder();
                io.voxcore.media.sdp.MediaCapabilities.defaults().codecs().forEach(caps::codec);
                b.negotiated(io.voxcore.media.sdp.DeclarativeSdp.receiving(OpusChannels.asDecoded(expected,
                        new java.util.ArrayList<>()), OpusChannels.withWideband(caps)));
            } else {
                b.payloadType(pt).telephoneEventPayloadType(m.eventPayloadType);
            }
            config = b.build();
            what = m.codec.sdpName() + (m.codec.dynamic() ? " PT " + pt + " (mono, " + m.codec.sampleRate() + " Hz)" : "")
                    + ", events PT " + m.eventPayloadType;
        }
        Recorder recorder = new Recorder(config.codec().channels());
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).name("voxcore-receive").build()) {
            MediaSession session = engine.createSession(config);
            session.onAudio(recorder);
            session.start();
            console.println("receive: listening on " + session.localAddress() + " (" + what + ") for " + seconds + " s");
            console.flush();
            Thread.sleep((long) (seconds * 1000));
            session.close();
            synchronized (recorder) {
                WavFiles.write(out, recorder.samples, recorder.count, config.codec().sampleRate(),
                        config.codec().channels());
            }
            console.println(Json.of(session.statistics()));
        }
        return VoxcoreCli.OK;
    }

    /** Collects decoded audio in arrival order; gaps become silence so the file keeps its timing. */
    static final class Recorder implements AudioListener {
        private final int channels;
        short[] samples = new short[8000];
        int count;

        Recorder(int channels) {
            this.channels = channels;
        }

        @Override
        public synchronized void onAudio(AudioFrame frame) {
            append(frame.samples(), frame.samples().length);
        }

        @Override
        public synchronized void onGap(AudioGap gap) {
            append(null, gap.samplesPerChannel() * channels);
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
