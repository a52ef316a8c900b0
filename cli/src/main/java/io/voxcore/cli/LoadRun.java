package io.voxcore.cli;

import io.voxcore.media.relay.MediaRelay;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.session.PcmSink;
import io.voxcore.media.session.RtcpMode;
import io.voxcore.media.session.SessionStatistics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A bounded load run: {@code calls} bidirectional calls over loopback on one {@link MediaEngine},
 * every stream sending a 20 ms frame every 20 ms from one pacing thread, for a fixed time; then
 * the senders stop, the last packets drain, and the figures are collected.
 *
 * <p>A plain call is two PCMU sessions sending to each other (two RTP streams). A relayed call is
 * what a B2BUA's media relay carries: a PCMU endpoint, a {@link MediaRelay} between a PCMU leg and
 * a PCMA leg (transcoding), and a PCMA endpoint, all on the one engine: four RTP streams (endpoint
 * to relay and relay to endpoint, both ways), four sessions. Latency is measured per packet from just before the
 * sender's {@code send} call to the receiving session's {@link PcmSink} callback, with the jitter
 * buffer's delay set to 0 so that a packet plays as soon as it is handled: the time spent in the
 * sender's socket write, the kernel's loopback, the engine's wake-up, validation, statistics,
 * jitter-buffer insert and decode (relayed: twice, plus the relay's transcoding and forwarding).
 * It is an upper bound of the engine's own processing time.
 */
final class LoadRun {

    /** The figures of a run. */
    record Report(int calls, boolean relayed, int streams, double seconds, long sent, long unsent, long received, long lost,
            long late, long expected, long p50Micros, long p99Micros, long p999Micros, long maxMicros,
            long latencySamples, double cpuSeconds, double cpuPercentOfMachine, int buffersInUseAfter,
            int ioThreads, long overrunTicks) {
    }

    private static final int PTIME_SAMPLES = 160;
    private static final long PTIME_NANOS = 20_000_000L;
    private static final int RING = 1024; // send times kept per stream: 20 s of packets

    private final int calls;
    private final double seconds;
    private final int ioThreads;
    private final double warmupSeconds;
    private final boolean relay;

    LoadRun(int calls, double seconds, int ioThreads, double warmupSeconds, boolean relay) {
        if (calls < 1 || calls > 20_000) {
            throw new IllegalArgumentException("--calls " + calls + " must be 1-20000");
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("--seconds " + seconds + " must be above 0 and at most 3600");
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("--io-threads " + ioThreads + " must be 1-64");
        }
        this.calls = calls;
        this.seconds = seconds;
        this.ioThreads = ioThreads;
        this.warmupSeconds = Math.min(warmupSeconds, seconds / 2);
        this.relay = relay;
    }

    /** One direction of a call: the sending session, its receiving peer and the send times. */
    private static final class Stream implements PcmSink {
        final MediaSession sender;
        MediaSession receiver;
        final AtomicLongArray sendNanos = new AtomicLongArray(RING);
        final Recorder latency;
        volatile boolean measuring;
        long firstTimestamp = -1;

        Stream(MediaSession sender, Recorder latency) {
            this.sender = sender;
            this.latency = latency;
        }

        @Override
        public void onPcm(short[] pcm, int offset, int length, long rtpTimestamp) {
            if (firstTimestamp < 0) {
                firstTimestamp = rtpTimestamp; // the first packet sent is packet 0 (nothing is lost on the way)
            }
            long index = ((rtpTimestamp - firstTimestamp) & 0xFFFF_FFFFL) / PTIME_SAMPLES;
            long sent = sendNanos.get((int) (index % RING));
            if (measuring && sent != 0) {
                long micros = (System.nanoTime() - sent) / 1000;
                latency.recordValue(Math.max(0, Math.min(micros, 10_000_000L)));
            }
        }

        @Override
        public void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets) {
            // counted by the session's statistics (gaps, gapPackets)
        }
    }

    Report run() throws IOException, InterruptedException {
        Recorder latency = new Recorder(10_000_000L, 3);
        List<Stream> streams = new ArrayList<>(2 * calls);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (MediaEngine engine = MediaEngine.builder().name("voxcore-load").ioThreads(ioThreads).build()) {
            InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
            List<MediaSession> all = new ArrayList<>();
            List<MediaRelay> relays = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                MediaSession x = engine.createSession(config(loopback, 0));
                MediaSession y = engine.createSession(config(loopback, relay ? 8 : 0));
                all.add(x);
                all.add(y);
                if (relay) {
                    MediaSession legA = engine.createSession(config(loopback, 0));
                    MediaSession legB = engine.createSession(config(loopback, 8));
                    all.add(legA);
                    all.add(legB);
                    x.remoteAddress(legA.localAddress());
                    legA.remoteAddress(x.localAddress());
                    legB.remoteAddress(y.localAddress());
                    y.remoteAddress(legB.localAddress());
                    relays.add(MediaRelay.between(legA, legB));
                } else {
                    x.remoteAddress(y.localAddress());
                    y.remoteAddress(x.localAddress());
                }
                Stream xy = new Stream(x, latency);
                xy.receiver = y;
                Stream yx = new Stream(y, latency);
                yx.receiver = x;
                y.onPcm(xy);
                x.onPcm(yx);
                streams.add(xy);
                streams.add(yx);
            }
            for (MediaSession s : all) {
                s.start();
            }
            short[] frame = new short[PTIME_SAMPLES];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            }
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            long ticks = (long) (seconds * 1e9 / PTIME_NANOS);
            long warmupTicks = (long) (warmupSeconds * 1e9 / PTIME_NANOS);
            long overruns = 0;
            int n = streams.size();
            for (long t = 0; t < ticks; t++) {
                long tickStart = start + t * PTIME_NANOS;
                if (System.nanoTime() - tickStart > PTIME_NANOS) {
                    overruns++; // the pacing thread fell more than a packet behind
                }
                if (t == warmupTicks) {
                    for (Stream s : streams) {
                        s.measuring = true;
                    }
                    latency.reset();
                }
                int slot = (int) (t % RING);
                // Streams are spread evenly over the 20 ms, as independent calls are: stream i
                // sends at tickStart + i * 20 ms / n (never all at once, which no real load does).
                for (int i = 0; i < n; i++) {
                    long due = tickStart + i * PTIME_NANOS / n;
                    long wait = due - System.nanoTime();
                    if (wait > 100_000L) {
                        LockSupport.parkNanos(wait);
                    }
                    Stream s = streams.get(i);
                    s.sendNanos.set(slot, System.nanoTime());
                    s.sender.send(frame, 0, PTIME_SAMPLES);
                }
            }
            long end = System.nanoTime();
            Thread.sleep(300); // the last packets drain
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            Histogram h = latency.getIntervalHistogram();
            long sent = 0;
            long unsent = 0;
            long received = 0;
            long late = 0;
            long expected = 0;
            for (Stream s : streams) {
                SessionStatistics tx = s.sender.statistics();
                SessionStatistics rx = s.receiver.statistics();
                sent += tx.packetsSent();
                unsent += tx.packetsUnsent();
                received += rx.packetsReceived();
                late += rx.late();
                expected += rx.expectedPackets();
            }
            long lost = sent - received; // everything written that did not arrive, including loss at the very end
            double wall = (end - start) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            for (MediaRelay r : relays) {
                r.close();
            }
            for (MediaSession s : all) {
                s.close();
            }
            int buffers = engine.buffersInUse();
            return new Report(calls, relay, relay ? 4 * calls : 2 * calls, wall, sent, unsent, received, lost, late, expected,
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                    h.getTotalCount(), cpu, 100.0 * cpu / (wall * cores), buffers, ioThreads, overruns);
        }
    }

    private static MediaSessionConfig config(InetSocketAddress local, int payloadType) {
        return MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT).localAddress(local).payloadType(payloadType).rtcpMode(RtcpMode.OFF)
                .jitterDelayMillis(0, 0).build();
    }
}
