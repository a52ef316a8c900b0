package io.voxcore.media.session;

import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.media.rtp.NtpTime;
import io.voxcore.media.rtp.RtcpPacket;
import io.voxcore.media.rtp.RtcpReport;
import io.voxcore.media.rtp.RtcpWriter;
import io.voxcore.media.rtp.RtpPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's defects 1-5 and 12, each found by a review of the session as a SIP server's
 * developer uses it; every test here failed on the session before the redesign.
 */
class SipLegDefectsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final short[] TONE = tone(160);

    private static short[] tone(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return pcm;
    }

    private static MediaSessionConfig.Builder config() {
        return MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(0).ptimeMillis(20);
    }

    private static DatagramChannel peer() throws Exception {
        DatagramChannel c = DatagramChannel.open().bind(LOOPBACK);
        c.configureBlocking(false);
        return c;
    }

    /** Reads datagrams from a non-blocking channel until one satisfies the filter. */
    private static ByteBuffer readUntil(DatagramChannel c, Duration timeout, java.util.function.Predicate<ByteBuffer> want)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer b = ByteBuffer.allocate(2048);
        while (System.nanoTime() - deadline < 0) {
            b.clear();
            if (c.receive(b) == null) {
                Thread.sleep(2);
                continue;
            }
            b.flip();
            if (want.test(b)) {
                return b;
            }
        }
        throw new AssertionError("no matching datagram within " + timeout);
    }

    @Test
    void defect1_rtcpFromAPeerThatSendsNoRtpGivesLossJitterAndRoundTrip() throws Exception {
        try (MediaEngine engine = MediaEngine.create(); DatagramChannel p = peer()) {
            MediaSession s = engine.createSession(config().rtcpMode(RtcpMode.MUX).rtcpIntervalMillis(100)
                    .remoteAddress((InetSocketAddress) p.getLocalAddress()).build());
            s.start();
            for (int i = 0; i < 5; i++) {
                s.send(TONE, 0, TONE.length);
            }
            // The peer receives our sender report and answers with a receiver report only, as a
            // receive-only (or muted) phone does: it never sends RTP.
            ByteBuffer sr = readUntil(p, Duration.ofSeconds(5), b -> RtcpPacket.isRtcp(b, 0, b.limit())
                    && new RtcpPacket().wrap(b, 0, b.limit()).packetType() == RtcpPacket.SR);
            RtcpReport report = new RtcpReport().wrap(new RtcpPacket().wrap(sr, 0, sr.limit()));
            long lsr = NtpTime.middle32(report.ntpTimestamp());
            ByteBuffer rr = ByteBuffer.allocate(256);
            RtcpWriter w = new RtcpWriter().wrap(rr, 0, rr.capacity());
            w.receiverReport(0x5EED_0001L).reportBlock(s.ssrc(), 25, 7, 70_000, 42, lsr, 0);
            w.sourceDescription(0x5EED_0001L, "silent@peer".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            rr.limit(w.length()).position(0);
            p.send(rr, s.localAddress());
            await("the peer's report read", Duration.ofSeconds(5), () -> s.statistics().peerCumulativeLost() == 7);
            SessionStatistics st = s.statistics();
            assertThat(st.peerFractionLost()).isEqualTo(25);
            assertThat(st.peerJitter()).isEqualTo(42);
            assertThat(st.roundTripTime()).as("LSR/DLSR from a peer without RTP give the round trip").isPresent();
            assertThat(st.rtcpReceived()).isPositive();
        }
    }

    @Test
    void defect2_aNewRemoteAddressAcceptsTheNewPeersSsrcAtOnce() throws Exception {
        try (MediaEngine engine = MediaEngine.create(); RawPeer first = new RawPeer(0x1111L);
             RawPeer second = new RawPeer(0x2222L)) {
            // The re-latch rule alone would hold the new SSRC off for 60 s.
            MediaSession s = engine.createSession(config().relatchSilenceMillis(60_000).rtcpMode(RtcpMode.OFF)
                    .remoteAddress(first.address()).build());
            s.start();
            for (int i = 0; i < 5; i++) {
                first.send(first.nextPacket(TONE, 0), s.localAddress());
            }
            await("first peer latched", Duration.ofSeconds(5), () -> s.statistics().packetsReceived() == 5);
            s.remoteAddress(second.address()); // a re-INVITE: the call moved to another phone
            for (int i = 0; i < 5; i++) {
                second.send(second.nextPacket(TONE, 0), s.localAddress());
            }
            await("the new peer's packets", Duration.ofSeconds(5), () -> s.statistics().packetsReceived() == 10);
            assertThat(s.statistics().remoteSsrc()).isEqualTo(0x2222L);
            assertThat(s.statistics().foreignSsrc()).isZero();
        }
    }

    @Test
    void defect3_aSendAfterAPauseAdvancesTheTimestampWithTheSamplingClock() throws Exception {
        try (MediaEngine engine = MediaEngine.create(); DatagramChannel p = peer()) {
            MediaSession s = engine.createSession(config().rtcpMode(RtcpMode.OFF)
                    .remoteAddress((InetSocketAddress) p.getLocalAddress()).build());
            s.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                s.send(TONE, 0, TONE.length); // 100 ms of audio, sent at once
            }
            Thread.sleep(1000); // the scenario: a one-second pause in the caller's audio
            s.send(TONE, 0, TONE.length);
            long elapsed = System.nanoTime() - t0;
            List<ByteBuffer> packets = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                packets.add(readUntil(p, Duration.ofSeconds(5), b -> true));
            }
            RtpPacket first = new RtpPacket().wrap(packets.get(0), 0, packets.get(0).limit());
            RtpPacket resumed = new RtpPacket().wrap(packets.get(5), 0, packets.get(5).limit());
            long delta = (resumed.timestamp() - first.timestamp()) & 0xFFFF_FFFFL;
            long expected = elapsed / 1000 * 8 / 1000; // the sampling clock over the same time
            assertThat(resumed.marker()).as("a new talkspurt").isTrue();
            assertThat(delta).as("RTP time advanced with the wall clock (RFC 3550 5.1), not by 5 packets")
                    .isBetween(expected - 3 * 160L, expected + 160L);
            assertThat(delta % 160).as("whole packets").isZero();
        }
    }

    @Test
    void defect4_anErrorThrownByACallbackNeverKillsTheIoThread() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer peer = new RawPeer(0x4444L)) {
            AtomicInteger calls = new AtomicInteger();
            MediaSession s = engine.createSession(config().rtcpMode(RtcpMode.OFF).jitterDelayMillis(0, 20)
                    .remoteAddress(peer.address()).build());
            s.onAudio(frame -> {
                int n = calls.incrementAndGet();
                if (n == 1) {
                    throw new AssertionError("a test's assertion inside a listener");
                }
                if (n == 2) {
                    recurse(0);
                }
            });
            s.start();
            for (int i = 0; i < 20; i++) {
                peer.send(peer.nextPacket(TONE, 0), s.localAddress());
            }
            await("all 20 frames played", Duration.ofSeconds(5), () -> calls.get() == 20);
            assertThat(s.statistics().listenerErrors()).isEqualTo(2);
            // The same (only) I/O thread still serves new sessions.
            MediaSession other = engine.createSession(config().rtcpMode(RtcpMode.OFF).build());
            other.start();
            assertThat(other.statistics().packetsReceived()).isZero();
            assertThat(engine.liveIoThreads()).isEqualTo(1);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1; // StackOverflowError
    }

    @Test
    void defect4_aDeadIoThreadGetsNoNewSessionAndTheEngineSaysWhy() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(2).build()) {
            MediaSession victim = engine.createSession(config().rtcpMode(RtcpMode.OFF).build());
            assertThatThrownBy(() -> SessionHooks.onLoop(victim, () -> {
                throw new OutOfMemoryError("simulated: fatal to the thread");
            })).isInstanceOf(OutOfMemoryError.class);
            await("the loop thread ended", Duration.ofSeconds(5), () -> engine.liveIoThreads() == 1);
            for (int i = 0; i < 4; i++) {
                MediaSession s = engine.createSession(config().rtcpMode(RtcpMode.OFF).build());
                s.start();
                SessionHooks.onLoop(s, () -> { }); // answered: it lives on the surviving thread
            }
        }
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession victim = engine.createSession(config().rtcpMode(RtcpMode.OFF).build());
            assertThatThrownBy(() -> SessionHooks.onLoop(victim, () -> {
                throw new OutOfMemoryError("simulated");
            })).isInstanceOf(OutOfMemoryError.class);
            await("the loop thread ended", Duration.ofSeconds(5), () -> engine.liveIoThreads() == 0);
            assertThatThrownBy(() -> engine.createSession(config().build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("all 1 I/O threads have stopped");
        }
    }

    @Test
    void defect5_callsFromACallbackNeverBlockTheIoThread() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(2).build(); RawPeer peer = new RawPeer(0x5555L)) {
            MediaSession x = engine.createSession(config().rtcpMode(RtcpMode.OFF).jitterDelayMillis(0, 20)
                    .remoteAddress(peer.address()).build());
            MediaSession y = engine.createSession(config().rtcpMode(RtcpMode.OFF).build()); // the other loop
            x.start();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch yBlocked = new CountDownLatch(1);
            new Thread(() -> SessionHooks.onLoop(y, () -> { // y's I/O thread is stuck for as long as the test wants
                yBlocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })).start();
            assertThat(yBlocked.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> fromCallback = new CompletableFuture<>();
            x.onAudio(frame -> {
                if (fromCallback.isDone()) {
                    return;
                }
                SessionStatistics st = y.statistics();                         // must not wait for y's loop
                y.remoteAddress(new InetSocketAddress("127.0.0.1", 40_000));   // nor this
                y.start();                                                     // nor this
                fromCallback.complete("returned; y sent " + st.packetsSent());
            });
            peer.send(peer.nextPacket(TONE, 0), x.localAddress());
            peer.send(peer.nextPacket(TONE, 0), x.localAddress());
            String result;
            try {
                result = fromCallback.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the callback on x's I/O thread was blocked by y's stuck loop", e);
            }
            assertThat(result).as("y's loop is still blocked").startsWith("returned");
            assertThat(release.getCount()).isOne();
            release.countDown();
            await("y applied the posted calls", Duration.ofSeconds(5),
                    () -> y.remoteAddress().map(a -> a.getPort() == 40_000).orElse(false));
        }
    }

    @Test
    void defect5_closeFromItsOwnCallbackDuringADtmfToneReturnsAndEndsTheTone() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); DatagramChannel tap = peer()) {
            MediaSession s = engine.createSession(config().rtcpMode(RtcpMode.OFF).jitterDelayMillis(0, 20)
                    .remoteAddress((InetSocketAddress) tap.getLocalAddress()).build());
            s.start();
            CompletableFuture<Void> tone = s.sendDtmf('5', Duration.ofSeconds(5), 10).toCompletableFuture();
            readUntil(tap, Duration.ofSeconds(5), b -> true); // the tone has begun
            AtomicReference<String> closedInCallback = new AtomicReference<>();
            s.onAudio(frame -> {
                s.close();
                closedInCallback.compareAndSet(null, s.isClosed() ? "closed" : "open");
            });
            tap.send(RawPeer.packet(1, 160, 0x5556L, 0, TONE, 0), s.localAddress()); // from the connected remote
            await("close returned inside the callback", Duration.ofSeconds(5), () -> closedInCallback.get() != null);
            assertThat(closedInCallback.get()).isEqualTo("closed");
            assertThatThrownBy(() -> tone.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            // The tone was ended on the wire (E bit) long before its 5 s: close did not wait for it.
            ByteBuffer end = readUntil(tap, Duration.ofSeconds(5), b -> (b.get(13) & 0x80) != 0);
            int duration = end.getShort(14) & 0xFFFF;
            assertThat(duration).isLessThan(40_000);
        }
    }

    @Test
    void defect12_ourOwnStreamReflectedBackIsNeverPlayedAndACollisionChangesTheSsrcOnce() throws Exception {
        try (MediaEngine engine = MediaEngine.create(); DatagramChannel mirror = peer()) {
            MediaSession s = engine.createSession(config().rtcpMode(RtcpMode.OFF)
                    .remoteAddress((InetSocketAddress) mirror.getLocalAddress()).build());
            AtomicInteger played = new AtomicInteger();
            s.onAudio(frame -> played.incrementAndGet());
            s.start();
            long original = s.ssrc();
            List<Long> sentSsrcs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                s.send(TONE, 0, TONE.length);
                ByteBuffer echoed = readUntil(mirror, Duration.ofSeconds(5), b -> true);
                sentSsrcs.add(new RtpPacket().wrap(echoed, 0, echoed.limit()).ssrc());
                mirror.send(echoed, s.localAddress()); // a looping peer sends our packets back
                long reflected = i + 1;
                await("reflection counted", Duration.ofSeconds(5), () -> s.statistics().ownSsrc() == reflected);
            }
            await("every reflected packet counted", Duration.ofSeconds(5), () -> s.statistics().ownSsrc() == 20);
            assertThat(played.get()).as("our own audio is never played").isZero();
            assertThat(s.statistics().remoteSsrc()).as("never latched").isEqualTo(-1);
            assertThat(s.ssrc()).as("the first collision changed our SSRC").isNotEqualTo(original);
            assertThat(sentSsrcs.get(0)).isEqualTo(original);
            assertThat(sentSsrcs.subList(1, 20)).as("the loop after it changed nothing more").containsOnly(s.ssrc());
        }
    }
}
