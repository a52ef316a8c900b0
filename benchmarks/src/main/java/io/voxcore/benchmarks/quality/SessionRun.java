package io.voxcore.benchmarks.quality;

import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.session.GapPolicy;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.session.PcmSink;
import io.voxcore.media.session.ReceiveStatistics;
import io.voxcore.media.session.RtcpMode;
import io.voxcore.media.testnet.Impairments;
import io.voxcore.media.testnet.UdpImpairer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One real-time stream of 20 ms PCMU packets sent from a raw socket, at the packet rate, through
 * one {@link UdpImpairer} per leg to one {@link MediaSession} per leg (default configuration
 * apart from the gap policy and the least jitter delay; RTCP off), each recording what its
 * {@link PcmSink} is given, placed by RTP timestamp.
 *
 * <p>Legs with the same impairment seed lose the same packets: the harness draws each loss
 * decision from the seed and the packet's index alone.
 */
final class SessionRun {

    /** Samples per packet: 20 ms at 8000 Hz. */
    static final int PACKET = 160;
    /** Packet spacing on the sender's clock. */
    static final long PACKET_NANOS = 20_000_000L;
    static final int FIRST_SEQUENCE = 1000;
    static final long FIRST_TIMESTAMP = 160_000;
    private static final long SSRC = 0x0713_2026L;
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /**
     * One receiving session and the network in front of it.
     *
     * @param policy its gap policy
     * @param net its impairments
     * @param minDelayMillis the jitter buffer's least delay (the most is then 200 ms), or -1 for the
     *     default configuration (20-200 ms)
     */
    record Leg(GapPolicy policy, Impairments net, int minDelayMillis) {
    }

    /** What one session was given, by packet index, and the network's decisions. */
    static final class Recording implements PcmSink {
        final short[] samples;
        final boolean[] filled;
        final long[] firstDelivery; // System.nanoTime() when a packet's first sample was given, 0 = never
        // per packet, samples of its time given twice: concealment that ran into its time (the buffer
        // added time after a loss) or a fade-out before a pause, then the packet itself
        final int[] givenTwice;
        long outside;
        // packet indexes a pause came before: the gap starts where that packet's time starts, or after
        // the fade-out of a loss, up to 10 ms into it
        final java.util.Set<Integer> pausesBefore = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile long pauses;
        volatile int end; // one past the last sample given so far (written last: publishes the arrays)

        Recording(int packets) {
            samples = new short[packets * PACKET];
            filled = new boolean[samples.length];
            firstDelivery = new long[packets];
            givenTwice = new int[packets];
        }

        @Override
        public void onPcm(short[] pcm, int offset, int length, long timestamp) {
            long at = (timestamp - FIRST_TIMESTAMP) & 0xFFFF_FFFFL;
            if (at + length > samples.length) {
                outside += length;
                return;
            }
            int i0 = (int) at;
            System.arraycopy(pcm, offset, samples, i0, length);
            long now = System.nanoTime();
            for (int i = i0; i < i0 + length; i++) {
                if (filled[i]) {
                    givenTwice[i / PACKET]++;
                }
                filled[i] = true;
                if (firstDelivery[i / PACKET] == 0) {
                    firstDelivery[i / PACKET] = now;
                }
            }
            end = Math.max(end, i0 + length);
        }

        @Override
        public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
            // CONCEAL and SILENCE fill lost packets; what is left is time without audio (the buffer ran dry)
            pausesBefore.add((int) (((timestamp - FIRST_TIMESTAMP) & 0xFFFF_FFFFL) / PACKET));
            pauses++;
        }
    }

    /** A finished leg. @param recording the output @param decisions the network's @param stats the session's */
    record Result(Recording recording, List<UdpImpairer.Forwarded> decisions, ReceiveStatistics stats) {

        /** {@return per packet index: lost by the network} */
        boolean[] networkLost() {
            boolean[] lost = new boolean[recording.firstDelivery.length];
            for (UdpImpairer.Forwarded f : decisions) {
                lost[index(f.sequence())] = f.decision().lost();
            }
            return lost;
        }

        /** {@return per packet index: when the impairer received it (nanoTime)} */
        long[] arrivals() {
            long[] a = new long[recording.firstDelivery.length];
            for (UdpImpairer.Forwarded f : decisions) {
                a[index(f.sequence())] = f.decision().arrivalNanos();
            }
            return a;
        }

        /** {@return per packet index: when the impairer sent it on (nanoTime), 0 when lost} */
        long[] releases() {
            long[] r = new long[recording.firstDelivery.length];
            for (UdpImpairer.Forwarded f : decisions) {
                r[index(f.sequence())] = f.decision().lost() ? 0 : f.decision().releaseNanos();
            }
            return r;
        }
    }

    private final byte[][] payloads;
    private final List<MediaSession> sessions = new ArrayList<>();
    private final List<UdpImpairer> impairers = new ArrayList<>();
    private final List<Recording> recordings = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread sender;
    private volatile long startNanos;

    private SessionRun(MediaEngine engine, byte[][] payloads, List<Leg> legs) throws IOException {
        this.payloads = payloads;
        for (Leg leg : legs) {
            MediaSessionConfig.Builder config = MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(0)
                    .ptimeMillis(20).rtcpMode(RtcpMode.OFF).gapPolicy(leg.policy());
            if (leg.minDelayMillis() >= 0) {
                config.jitterDelayMillis(leg.minDelayMillis(), 200);
            }
            MediaSession s = engine.createSession(config.build());
            UdpImpairer imp = new UdpImpairer(s.localAddress(), leg.net());
            s.remoteAddress(imp.outbound());
            Recording rec = new Recording(payloads.length);
            s.onPcm(rec);
            s.start();
            sessions.add(s);
            impairers.add(imp);
            recordings.add(rec);
        }
        this.sender = new Thread(this::send, "quality-sender");
    }

    /**
     * Starts sending at once.
     *
     * @param engine the engine of the sessions
     * @param payloads mu-law payload of each packet, in order
     * @param legs the receiving sessions
     * @return the running stream
     * @throws IOException if a socket cannot be opened
     */
    static SessionRun start(MediaEngine engine, byte[][] payloads, List<Leg> legs) throws IOException {
        SessionRun run = new SessionRun(engine, payloads, legs);
        run.sender.start();
        return run;
    }

    /** {@return packet index of an RTP sequence number of this stream} */
    static int index(int sequence) {
        return (sequence - FIRST_SEQUENCE) & 0xFFFF;
    }

    /**
     * How far behind the sender's clock its packets reached the impairer (the machine's own
     * scheduling delay: sender wake-up, loopback, impairer thread), in ms, sorted.
     *
     * @param result a finished leg of this run
     * @return one value per packet, ascending
     */
    double[] machineLagMillis(Result result) {
        long[] arrivals = result.arrivals();
        double[] lag = new double[arrivals.length];
        for (int k = 0; k < arrivals.length; k++) {
            lag[k] = (arrivals[k] - idealSend(k)) / 1e6;
        }
        java.util.Arrays.sort(lag);
        return lag;
    }

    /** {@return the sender's ideal send time of packet k, the RTP timestamp on its clock (nanoTime)} */
    long idealSend(int k) {
        return startNanos + k * PACKET_NANOS;
    }

    /**
     * Waits for the sender, then for every session to have played its last packet that got
     * through (at most {@code tailMillis} more), and closes the sessions and impairers.
     *
     * @param tailMillis the longest wait after the last packet was sent
     * @return one result per leg, in order
     * @throws Exception if sending or forwarding failed
     */
    List<Result> finish(long tailMillis) throws Exception {
        sender.join();
        if (failure.get() != null) {
            throw new IllegalStateException("sender failed", failure.get());
        }
        long deadline = System.nanoTime() + tailMillis * 1_000_000L;
        List<Result> results = new ArrayList<>();
        for (int l = 0; l < sessions.size(); l++) {
            UdpImpairer imp = impairers.get(l);
            Recording rec = recordings.get(l);
            while (imp.decided() < payloads.length && System.nanoTime() < deadline) {
                LockSupport.parkNanos(2_000_000L); // waiting for a condition, bounded
            }
            List<UdpImpairer.Forwarded> decisions = imp.decisions();
            int last = -1;
            for (UdpImpairer.Forwarded f : decisions) {
                if (!f.decision().lost()) {
                    last = Math.max(last, index(f.sequence()));
                }
            }
            int wanted = (last + 1) * PACKET;
            while (rec.end < wanted && System.nanoTime() < deadline) {
                LockSupport.parkNanos(2_000_000L);
            }
            if (imp.failure() != null) {
                throw new IllegalStateException("impairer failed", imp.failure());
            }
            results.add(new Result(rec, decisions, sessions.get(l).statistics().receive()));
        }
        for (int l = 0; l < sessions.size(); l++) {
            sessions.get(l).close();
            impairers.get(l).close();
        }
        return results;
    }

    private void send() {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ByteBuffer b = ByteBuffer.allocate(12 + PACKET);
            List<InetSocketAddress> targets = new ArrayList<>();
            for (UdpImpairer imp : impairers) {
                targets.add(imp.inbound());
            }
            startNanos = System.nanoTime() + 20_000_000L;
            for (int k = 0; k < payloads.length; k++) {
                long wait = idealSend(k) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // the sender's packet clock
                }
                b.clear();
                RtpPacket.writeHeader(b, 0, k == 0, 0, (FIRST_SEQUENCE + k) & 0xFFFF, FIRST_TIMESTAMP + (long) PACKET * k,
                        SSRC);
                b.position(12);
                b.put(payloads[k]);
                for (InetSocketAddress to : targets) {
                    b.limit(12 + PACKET).position(0);
                    ch.send(b, to);
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
