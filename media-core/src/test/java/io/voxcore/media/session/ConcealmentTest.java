package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.codec.G711Plc;
import io.voxcore.codec.testkit.ItuVectors;
import io.voxcore.media.rtp.RtpPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session's {@link GapPolicy}: the ITU's {@code f2.le}, mu-law coded in 10 ms packets, with
 * every 10th packet lost (the G.192 pattern {@code fe10.g192}), received by three sessions at
 * once. Datagrams go straight into the receive path ({@link MediaSession#onDatagram}) with arrival
 * times on an exact 10 ms grid, so the jitter buffer's decisions are the same on any machine; the
 * feeding thread only keeps up with real time, which the playout timer runs on.
 *
 * <p>The reference for the concealed samples is codec-core's {@code G711Plc} (itself bit-exact
 * with the ITU vectors) run on the decoded stream, read at its output delay: the session's
 * concealment must equal it sample for sample in every lost packet and in the packet after each
 * loss (Appendix I's recovery cross-fade), and play every other received packet unchanged.
 */
@Timeout(60)
class ConcealmentTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40_002);
    private static final int FRAME = 80;

    /** Everything a sink was given, in order: samples with their timestamps, and gaps. */
    static final class Recording implements PcmSink {
        final short[] samples;
        final List<long[]> frames = new ArrayList<>(); // {timestamp, offset in samples, length}
        final List<long[]> gaps = new ArrayList<>(); // {timestamp, samples, packets}
        volatile int length;
        volatile long gapSamples;

        Recording() {
            this(1 << 16);
        }

        Recording(int capacity) {
            samples = new short[capacity];
        }

        @Override
        public synchronized void onPcm(short[] pcm, int offset, int n, long timestamp) {
            System.arraycopy(pcm, offset, samples, length, n);
            frames.add(new long[] {timestamp, length, n});
            length += n;
        }

        @Override
        public synchronized void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
            gaps.add(new long[] {timestamp, samplesPerChannel, packets});
            gapSamples += samplesPerChannel;
        }
    }

    @Test
    void lostPacketsAreConcealedAsAppendixISilencedOrReportedAsThePolicySays() throws Exception {
        short[] input = ItuVectors.readWords(ItuVectors.file("itu-t-g191/g711-appendix1-plc/f2.le"));
        int frames = input.length / FRAME;
        short[] decoded = new short[frames * FRAME];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = G711.ulawToLinear(G711.linearToUlaw(input[i]));
        }
        boolean[] lost = new boolean[frames];
        for (int f = 9; f < frames; f += 10) {
            lost[f] = true; // fe10.g192: the 10th of every 10 frames
        }
        GapPolicy[] policies = GapPolicy.values();
        Recording[] rec = new Recording[policies.length];
        long timestampBase = 50_000;
        try (MediaEngine engine = MediaEngine.builder().name("conceal").ioThreads(1).build()) {
            MediaSession[] sessions = new MediaSession[policies.length];
            for (int p = 0; p < policies.length; p++) {
                sessions[p] = engine.createSession(MediaSessionConfig.builder()
                        .localAddress(new InetSocketAddress("127.0.0.1", 0)).payloadType(0).ptimeMillis(10)
                        .remoteAddress(REMOTE).connectSocket(false).rtcpMode(RtcpMode.OFF)
                        .gapPolicy(policies[p]).build());
                rec[p] = new Recording();
                sessions[p].onPcm(rec[p]);
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            long t0 = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                if (lost[f]) {
                    continue;
                }
                long arrival = t0 + f * 10_000_000L;
                long wait = arrival - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // keep up with the playout timer's real clock
                }
                int seq = 7000 + f;
                long ts = timestampBase + (long) f * FRAME;
                int frame = f;
                for (MediaSession s : sessions) {
                    SessionHooks.onLoop(s, () -> {
                        buf.clear();
                        RtpPacket.writeHeader(buf, 0, false, 0, seq, ts, 0x0BAD_CAFEL);
                        for (int i = 0; i < FRAME; i++) {
                            buf.put(12 + i, G711.linearToUlaw(input[frame * FRAME + i]));
                        }
                        SessionHooks.onDatagram(s, buf, 12 + FRAME, REMOTE, arrival);
                    });
                }
            }
            long total = (long) frames * FRAME;
            for (Recording r : rec) {
                TestAudio.await("all played", Duration.ofSeconds(30), () -> r.length + r.gapSamples >= total);
            }
            for (int p = 0; p < policies.length; p++) {
                ReceiveStatistics stats = sessions[p].statistics().receive();
                assertThat(stats.gapPackets()).as("%s gap packets", policies[p]).isEqualTo(28);
                assertThat(stats.concealedSamples()).as("%s concealed samples", policies[p])
                        .isEqualTo(policies[p] == GapPolicy.REPORT ? 0 : 28 * FRAME);
            }
        }
        // REPORT: today's behaviour: received frames as they were, a gap for every lost packet
        Recording report = rec[GapPolicy.REPORT.ordinal()];
        assertThat(report.gaps).hasSize(28);
        for (long[] g : report.gaps) {
            assertThat(g[1]).as("gap samples").isEqualTo(FRAME);
            assertThat(g[2]).as("gap packets").isEqualTo(1);
            assertThat((g[0] - timestampBase) / FRAME % 10).as("gap at a lost frame").isEqualTo(9);
        }
        assertThat(report.length).isEqualTo((frames - 28) * FRAME);

        // SILENCE and CONCEAL: one continuous stream, timestamps without holes, no gap reported
        for (GapPolicy p : new GapPolicy[] {GapPolicy.SILENCE, GapPolicy.CONCEAL}) {
            Recording r = rec[p.ordinal()];
            assertThat(r.gaps).as("%s gaps", p).isEmpty();
            assertThat(r.length).as("%s samples", p).isEqualTo(frames * FRAME);
            long expectTs = timestampBase;
            for (long[] fr : r.frames) {
                assertThat(fr[0]).as("%s timestamp at sample %d", p, fr[1]).isEqualTo(expectTs);
                expectTs += fr[2];
            }
        }
        Recording silence = rec[GapPolicy.SILENCE.ordinal()];
        short[] expectSilence = decoded.clone();
        for (int f = 0; f < frames; f++) {
            if (lost[f]) {
                Arrays.fill(expectSilence, f * FRAME, f * FRAME + FRAME, (short) 0);
            }
        }
        assertThat(Arrays.copyOf(silence.samples, silence.length)).isEqualTo(expectSilence);

        // CONCEAL: the lost packets are Appendix I's substitute, the packet after each loss starts
        // with Appendix I's recovery cross-fade, and the rest plays unchanged
        short[] reference = appendixI(decoded, lost);
        short[] heard = Arrays.copyOf(rec[GapPolicy.CONCEAL.ordinal()].samples, frames * FRAME);
        int differing = 0;
        for (int f = 0; f < frames; f++) {
            int from = f * FRAME;
            if (lost[f]) {
                for (int i = from; i < from + FRAME; i++) {
                    differing += heard[i] != reference[i] ? 1 : 0;
                }
                if (energy(decoded, from, FRAME) > 1e6) {
                    assertThat(energy(heard, from, FRAME)).as("frame %d concealed, not silent", f)
                            .isGreaterThan(energy(decoded, from, FRAME) / 20);
                }
            } else if (f > 0 && lost[f - 1]) {
                assertThat(Arrays.copyOfRange(heard, from, from + FRAME)).as("received frame %d after a loss", f)
                        .isEqualTo(Arrays.copyOfRange(reference, from, from + FRAME));
            } else {
                assertThat(Arrays.copyOfRange(heard, from, from + FRAME)).as("received frame %d", f)
                        .isEqualTo(Arrays.copyOfRange(decoded, from, from + FRAME));
            }
        }
        assertThat(differing).as("concealed samples differing from G.711 Appendix I").isZero();
    }

    /** G711Plc over the whole stream, aligned: sample i of the result is Appendix I's output for input i. */
    private static short[] appendixI(short[] decoded, boolean[] lost) {
        G711Plc plc = new G711Plc();
        short[] out = Arrays.copyOf(decoded, decoded.length + FRAME);
        for (int f = 0; f * FRAME < out.length; f++) {
            if (f < lost.length && lost[f]) {
                plc.conceal(out, f * FRAME, FRAME);
            } else {
                plc.received(out, f * FRAME, FRAME);
            }
        }
        return Arrays.copyOfRange(out, plc.delay(), plc.delay() + decoded.length);
    }

    private static double energy(short[] a, int from, int n) {
        double e = 0;
        for (int i = from; i < from + n; i++) {
            e += (double) a[i] * a[i];
        }
        return e;
    }
}
