package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.rtp.RtcpPacket;
import io.voxcore.media.rtp.RtcpReport;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.TelephoneEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Issue 10's receive-side defects 7, 8, 9 and 11; every test here failed before the redesign. */
class ReceiveDefectsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private static ByteBuffer events(int... blocks) {
        // blocks: event, end (0/1), duration, repeated
        ByteBuffer b = ByteBuffer.allocate(blocks.length / 3 * TelephoneEvent.BLOCK_LENGTH);
        for (int i = 0; i < blocks.length; i += 3) {
            TelephoneEvent.write(b, i / 3 * 4, blocks[i], blocks[i + 1] != 0, 10, blocks[i + 2]);
        }
        return b;
    }

    private static String describe(List<DtmfEvent> events) {
        StringBuilder s = new StringBuilder();
        for (DtmfEvent e : events) {
            s.append(e.digit()).append(e.end() ? "/end " : "/start ");
        }
        return s.toString().trim();
    }

    @Test
    void defect7_everyEventBlockOfAPacketIsRead() {
        TimerQueue timers = new TimerQueue();
        DtmfReceiver r = new DtmfReceiver(8000, timers, new CallbackGuard("test"));
        List<DtmfEvent> got = new ArrayList<>();
        r.listener(got::add);
        r.onPacket(events(1, 0, 160), 0, 4, 1000, 0);
        r.onPacket(events(1, 0, 320), 0, 4, 1000, 20);
        // '1' ended, its end packets lost; '2' came and went inside one packetization interval,
        // unseen; the packet that carries '3' repeats both as redundant blocks (RFC 4733 2.5.1.5).
        r.onPacket(events(1, 1, 800, 2, 1, 480, 3, 0, 160), 0, 12, 3000, 40);
        assertThat(describe(got)).as("'2' was never seen starting: its end alone is reported")
                .isEqualTo("1/start 1/end 2/end 3/start");
        assertThat(got.get(1).durationSamples()).as("the redundant block's final duration").isEqualTo(800);
        // The next packet repeats '2' and '3': nothing new.
        r.onPacket(events(2, 1, 480, 3, 1, 320), 0, 8, 3000, 60);
        assertThat(describe(got)).isEqualTo("1/start 1/end 2/end 3/start 3/end");
    }

    @Test
    void defect7_aLongEventSentAsSegmentsIsOneDigit() {
        TimerQueue timers = new TimerQueue();
        DtmfReceiver r = new DtmfReceiver(8000, timers, new CallbackGuard("test"));
        List<DtmfEvent> got = new ArrayList<>();
        r.listener(got::add);
        long ts = 0xFFFF_0000L; // across the timestamp wrap too
        r.onPacket(events(5, 0, 32_000), 0, 4, ts, 0);
        r.onPacket(events(5, 0, 0xFFFF), 0, 4, ts, 1);
        // RFC 4733 2.5.1.3: the next segment starts where the full one ends, same event.
        long next = (ts + 0xFFFF) & 0xFFFF_FFFFL;
        r.onPacket(events(5, 0, 800), 0, 4, next, 2);
        r.onPacket(events(5, 1, 1600), 0, 4, next, 3);
        assertThat(describe(got)).isEqualTo("5/start 5/end");
        assertThat(got.get(1).durationSamples()).isEqualTo(0xFFFF + 1600);
        assertThat(got.get(1).timestamp()).isEqualTo(ts);
    }

    @Test
    void defect7_anEventWhoseEndPacketsAreAllLostEndsByTimeout() {
        TimerQueue timers = new TimerQueue();
        DtmfReceiver r = new DtmfReceiver(8000, timers, new CallbackGuard("test"));
        List<DtmfEvent> got = new ArrayList<>();
        r.listener(got::add);
        r.onPacket(events(9, 0, 160), 0, 4, 500, 1_000);
        r.onPacket(events(9, 0, 480), 0, 4, 500, 1_040);
        timers.runDue(1_040 + DtmfReceiver.TIMEOUT_NANOS - 1);
        assertThat(describe(got)).isEqualTo("9/start");
        timers.runDue(1_040 + DtmfReceiver.TIMEOUT_NANOS);
        assertThat(describe(got)).isEqualTo("9/start 9/end");
        assertThat(got.get(1).durationSamples()).isEqualTo(480);
        assertThat(r.statistics(0, 0).eventsTimedOut()).isEqualTo(1);
        assertThat(r.statistics(0, 0).dtmfReceived()).isEqualTo(1);
    }

    private static ByteBuffer rtp(int seq, long ts, int pt, boolean marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        RtpPacket.writeHeader(b, 0, marker, pt, seq, ts, 0xABCDL);
        b.position(12);
        b.put(payload);
        b.flip();
        return b;
    }

    @Test
    void defect8_telephoneEventPacketsStayOutOfTheJitterEstimate() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(0)
                    .rtcpMode(RtcpMode.OFF).connectSocket(false).build());
            InetSocketAddress from = new InetSocketAddress("127.0.0.1", 9);
            s.remoteAddress(from);
            byte[] audio = new byte[160];
            java.util.Arrays.fill(audio, G711.linearToUlaw((short) 1000));
            long t0 = System.nanoTime();
            // 20 audio packets exactly on time, then a 100 ms digit: 6 packets every 20 ms, all
            // with the event's start timestamp (RFC 4733), then audio again on time.
            SessionHooks.onLoop(s, () -> {
                int seq = 100;
                long ts = 8000;
                for (int i = 0; i < 20; i++, seq++, ts += 160) {
                    ByteBuffer b = rtp(seq, ts, 0, i == 0, audio);
                    SessionHooks.onDatagram(s, b, b.limit(), from, t0 + i * 20_000_000L);
                }
                long eventTs = ts;
                for (int i = 0; i < 6; i++, seq++) {
                    ByteBuffer b = rtp(seq, eventTs, 101, i == 0, events(5, i >= 4 ? 1 : 0, 160 * (i + 1)).array());
                    SessionHooks.onDatagram(s, b, b.limit(), from, t0 + (20 + i) * 20_000_000L);
                }
                ts += 6 * 160;
                for (int i = 0; i < 5; i++, seq++, ts += 160) {
                    ByteBuffer b = rtp(seq, ts, 0, i == 0, audio);
                    SessionHooks.onDatagram(s, b, b.limit(), from, t0 + (26 + i) * 20_000_000L);
                }
            });
            SessionStatistics st = s.statistics();
            assertThat(st.packetsReceived()).isEqualTo(31);
            assertThat(st.eventPacketsReceived()).isEqualTo(6);
            assertThat(st.jitter()).as("a perfectly timed stream with a digit has no interarrival jitter").isZero();
        }
    }

    @Test
    void defect9_afterARelatchReportBlocksCountOnlyTheNewSourcesLoss() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel peer = DatagramChannel.open().bind(LOOPBACK)) {
            peer.configureBlocking(false);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
            MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(0)
                    .rtcpMode(RtcpMode.MUX).rtcpIntervalMillis(100).relatchSilenceMillis(100).connectSocket(false)
                    .remoteAddress(peerAddress).build());
            byte[] audio = new byte[160];
            long t0 = System.nanoTime();
            SessionHooks.onLoop(s, () -> {
                // Source A: 10 packets, 5 of them lost in the middle.
                for (int i = 0; i < 15; i++) {
                    if (i >= 5 && i < 10) {
                        continue;
                    }
                    ByteBuffer b = rtp(100 + i, 1000 + 160L * i, 0, false, audio);
                    RtpPacket.writeHeader(b, 0, false, 0, 100 + i, 1000 + 160L * i, 0xAAAAL);
                    SessionHooks.onDatagram(s, b, b.limit(), peerAddress, t0 + i * 20_000_000L);
                }
                // Silent for a second, then source B (same address): lossless.
                for (int i = 0; i < 20; i++) {
                    ByteBuffer b = rtp(5000 + i, 90_000 + 160L * i, 0, false, audio);
                    RtpPacket.writeHeader(b, 0, false, 0, 5000 + i, 90_000 + 160L * i, 0xBBBBL);
                    SessionHooks.onDatagram(s, b, b.limit(), peerAddress, t0 + 1_300_000_000L + i * 20_000_000L);
                }
            });
            assertThat(s.statistics().remoteSsrc()).isEqualTo(0xBBBBL);
            assertThat(s.statistics().cumulativeLost()).as("the totals keep A's loss").isEqualTo(5);
            s.start();
            ByteBuffer b = ByteBuffer.allocate(2048);
            RtcpReport report = new RtcpReport();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (true) {
                assertThat(System.nanoTime()).as("a report about B within 5 s").isLessThan(deadline);
                b.clear();
                if (peer.receive(b) == null) {
                    Thread.sleep(5);
                    continue;
                }
                b.flip();
                if (!RtcpPacket.isRtcp(b, 0, b.limit())) {
                    continue;
                }
                report.wrap(new RtcpPacket().wrap(b, 0, b.limit()));
                if (report.blockCount() > 0) {
                    break;
                }
            }
            assertThat(report.blockSsrc(0)).isEqualTo(0xBBBBL);
            assertThat(report.cumulativeLost(0)).as("RFC 3550 6.4.1: per source; B lost nothing").isZero();
        }
    }

    @Test
    void defect11_everySenderReportIsOneConsistentSetOfFigures() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel peer = DatagramChannel.open().bind(LOOPBACK)) {
            peer.configureBlocking(false);
            MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(0)
                    .rtcpMode(RtcpMode.MUX).rtcpIntervalMillis(100)
                    .remoteAddress((InetSocketAddress) peer.getLocalAddress()).build());
            s.start();
            short[] pcm = new short[160 * 50];
            List<long[]> reports = new CopyOnWriteArrayList<>();
            Thread sender = new Thread(() -> {
                while (reports.size() < 8 && !s.isClosed()) {
                    s.send(pcm, 0, pcm.length); // as fast as it goes: the figures change all the time
                }
            });
            sender.start();
            ByteBuffer b = ByteBuffer.allocate(4096);
            RtcpReport report = new RtcpReport();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (reports.size() < 8 && System.nanoTime() < deadline) {
                b.clear();
                if (peer.receive(b) == null) {
                    Thread.onSpinWait();
                    continue;
                }
                b.flip();
                if (RtcpPacket.isRtcp(b, 0, b.limit())) {
                    report.wrap(new RtcpPacket().wrap(b, 0, b.limit()));
                    if (report.isSenderReport()) {
                        reports.add(new long[] {report.packetCount(), report.octetCount()});
                    }
                }
            }
            sender.join(10_000);
            assertThat(reports).hasSizeGreaterThanOrEqualTo(8);
            for (long[] r : reports) {
                assertThat(r[1]).as("octets = 160 x packets in every report").isEqualTo(160 * r[0]);
            }
        }
    }

    @Test
    void defect8_unit_receptionStatisticsLeaveUntimedPacketsOut() {
        io.voxcore.media.rtp.ReceptionStatistics r = new io.voxcore.media.rtp.ReceptionStatistics();
        for (int i = 0; i < 10; i++) {
            r.onPacket(i, 160L * i, 160L * i, true);
        }
        for (int i = 10; i < 16; i++) {
            r.onPacket(i, 1600, 160L * i, false); // one event: one timestamp over 100 ms
        }
        assertThat(r.jitter()).isZero();
    }
}
