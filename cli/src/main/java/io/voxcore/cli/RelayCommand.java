package io.voxcore.cli;

import io.voxcore.media.relay.MediaRelay;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxcore relay}: bridges two RTP legs, transcoding between their codecs, as a B2BUA's
 * media relay does. Each leg binds a local address ({@code --a-listen}, {@code --b-listen}) where
 * its party sends, and sends to its party's address ({@code --a}, {@code --b}).
 */
@Command(name = "relay", mixinStandardHelpOptions = true,
        description = {"Relay RTP between two parties A and B, transcoding between their codecs (G.711, "
                + "G.722 at 16 kHz or Opus at 48 kHz, resampled; an Opus leg's RTP timestamps run on its 48 kHz clock) "
                + "and mapping RFC 4733 telephone events; prints where each leg listens, then statistics as JSON.",
                "Party A sends to the --a-listen address and receives from it at --a (or, without --a, where it "
                        + "sends from); likewise for B."})
final class RelayCommand implements Callable<Integer> {

    @Option(names = "--a", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Party A's RTP address: where the relay sends what B says, and the only source leg A "
                    + "accepts (symmetric RTP). Without it, leg A latches to the first source that sends to it.")
    InetSocketAddress a;

    @Option(names = "--a-codec", defaultValue = "PCMU", paramLabel = "PCMU|PCMA|G722|opus",
            description = "Party A's codec, any case (default: ${DEFAULT-VALUE}). Opus (RFC 7587) runs mono at 48 kHz "
                    + "on a 48 kHz RTP clock under the dynamic payload type of --a-pt, 20 ms per packet, with "
                    + "telephone-event/48000.")
    Codec aCodec;

    @Option(names = "--a-pt", paramLabel = "PT",
            description = "Party A's payload type when its codec has a dynamic one (opus), 96-127 (default: "
                    + Codec.DEFAULT_OPUS_PAYLOAD_TYPE + ").")
    Integer aPayloadType;

    @Option(names = "--a-listen", defaultValue = "0.0.0.0:0", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Local address of leg A, where A sends (default: ${DEFAULT-VALUE}, any free even port, "
                    + "printed on start).")
    InetSocketAddress aListen;

    @Option(names = "--a-event-pt", defaultValue = "101", paramLabel = "PT",
            description = "Party A's telephone-event payload type, 96-127 (default: ${DEFAULT-VALUE}).")
    int aEventPayloadType;

    @Option(names = "--b", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Party B's RTP address: where the relay sends what A says, and the only source leg B "
                    + "accepts. Without it, leg B latches to the first source that sends to it.")
    InetSocketAddress b;

    @Option(names = "--b-codec", defaultValue = "PCMA", paramLabel = "PCMU|PCMA|G722|opus",
            description = "Party B's codec, any case (default: ${DEFAULT-VALUE}); opus as for --a-codec.")
    Codec bCodec;

    @Option(names = "--b-pt", paramLabel = "PT",
            description = "Party B's payload type when its codec has a dynamic one (opus), 96-127 (default: "
                    + Codec.DEFAULT_OPUS_PAYLOAD_TYPE + ").")
    Integer bPayloadType;

    @Option(names = "--b-listen", defaultValue = "0.0.0.0:0", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Local address of leg B, where B sends (default: ${DEFAULT-VALUE}, printed on start).")
    InetSocketAddress bListen;

    @Option(names = "--b-event-pt", defaultValue = "101", paramLabel = "PT",
            description = "Party B's telephone-event payload type, 96-127 (default: ${DEFAULT-VALUE}).")
    int bEventPayloadType;

    @Option(names = "--seconds", paramLabel = "N",
            description = "How long to relay (default: until interrupted; statistics are printed either way).")
    Double seconds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seconds != null && (!(seconds > 0) || seconds > 86_400)) {
            throw new IllegalArgumentException("--seconds " + seconds + " must be above 0 and at most 86400");
        }
        MediaSessionConfig configA = RelayLegs.config("a", aListen, a, aCodec, aPayloadType, aEventPayloadType);
        MediaSessionConfig configB = RelayLegs.config("b", bListen, b, bCodec, bPayloadType, bEventPayloadType);
        PrintWriter out = spec.commandLine().getOut();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).name("voxcore-relay").build()) {
            MediaSession legA = engine.createSession(configA);
            MediaSession legB = engine.createSession(configB);
            MediaRelay relay = MediaRelay.between(legA, legB);
            legA.start();
            legB.start();
            out.println("relay: leg A listens on " + legA.localAddress() + " ("
                    + RelayLegs.describe(aCodec, aPayloadType, aEventPayloadType) + ") and sends to " + target(a)
                    + "; leg B listens on " + legB.localAddress() + " ("
                    + RelayLegs.describe(bCodec, bPayloadType, bEventPayloadType) + ") and sends to " + target(b));
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            // Without --seconds: runs until the JVM is told to stop (Ctrl-C, SIGTERM); the hook prints the
            // statistics while the sessions are still open, then lets this thread close them.
            Thread hook = new Thread(() -> {
                printStatistics(out, relay, legA, legB);
                stop.countDown();
            }, "voxcore-relay-stop");
            if (seconds == null) {
                Runtime.getRuntime().addShutdownHook(hook);
                stop.await();
                return VoxcoreCli.OK;
            }
            Thread.sleep((long) (seconds * 1000));
            relay.close();
            printStatistics(out, relay, legA, legB);
        }
        return VoxcoreCli.OK;
    }

    private static String target(InetSocketAddress remote) {
        return remote == null ? "the first source (latching)" : remote.toString();
    }

    private static void printStatistics(PrintWriter out, MediaRelay relay, MediaSession legA, MediaSession legB) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("aToB", relay.statistics().aToB());
        report.put("bToA", relay.statistics().bToA());
        report.put("legA", legA.statistics());
        report.put("legB", legB.statistics());
        out.println(Json.of(report));
        out.flush();
    }
}
