package io.voxcore.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voxcore load}: a bounded load run over loopback; prints the figures. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Run N bidirectional G.711 calls (plain or relayed) over loopback on one engine (20 ms packets) for S seconds,",
            "then print packets sent/received/lost, send-to-playout latency percentiles and CPU.",
            "Exit code 0 when nothing was lost, 1 otherwise."})
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--calls", required = true, paramLabel = "N", description = "Concurrent calls (two RTP streams each).")
    int calls;

    @Option(names = "--seconds", required = true, paramLabel = "S", description = "How long the calls send.")
    double seconds;

    @Option(names = "--io-threads", defaultValue = "2", paramLabel = "T",
            description = "The engine's I/O threads (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "S",
            description = "Seconds before latency is recorded (at most half the run; default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--relay", description = {"Relayed calls: PCMU endpoint -> relay (PCMU leg, transcoding, PCMA leg)",
        "-> PCMA endpoint and back; four RTP streams and four sessions per call."})
    boolean relay;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadRun.Report r = new LoadRun(calls, seconds, ioThreads, warmup, relay).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.of(r));
        } else {
            out.printf("%s calls %d (%d RTP streams), %.1f s, %d I/O threads%n", r.relayed() ? "relayed" : "plain",
                    r.calls(), r.streams(), r.seconds(), r.ioThreads());
            out.printf("packets sent %d, unsent %d, received %d, lost %d (late %d)%n", r.sent(), r.unsent(),
                    r.received(), r.lost(), r.late());
            out.printf("send-to-playout latency us: p50 %d, p99 %d, p99.9 %d, max %d (%d packets)%n", r.p50Micros(),
                    r.p99Micros(), r.p999Micros(), r.maxMicros(), r.latencySamples());
            out.printf("process CPU %.1f s = %.0f %% of the machine; pacing overruns %d; buffers in use after %d%n",
                    r.cpuSeconds(), r.cpuPercentOfMachine(), r.overrunTicks(), r.buffersInUseAfter());
        }
        return r.lost() == 0 && r.unsent() == 0 ? VoxcoreCli.OK : VoxcoreCli.FAILURE;
    }
}
