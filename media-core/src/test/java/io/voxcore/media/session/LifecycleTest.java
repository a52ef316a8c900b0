package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.LOOPBACK;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxcore.media.AudioFrame;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LifecycleTest {

    @Test
    void closingTheEngineClosesItsSessionsFreesTheirPortsAndStopsItsThreads() throws Exception {
        MediaEngine engine = MediaEngine.builder().name("lifecycle-engine").ioThreads(3).build();
        List<InetSocketAddress> bound = new ArrayList<>();
        List<MediaSession> sessions = new ArrayList<>();
        for (RtcpMode mode : RtcpMode.values()) {
            MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).rtcpMode(mode).build());
            s.start();
            sessions.add(s);
            bound.add(s.localAddress());
            s.rtcpLocalAddress().ifPresent(bound::add);
        }
        assertThat(bound).hasSize(4);
        assertThat(engine.sessions()).hasSize(3);
        assertThat(liveThreads("lifecycle-engine-io-")).hasSize(3);

        engine.close();

        assertThat(engine.isClosed()).isTrue();
        assertThat(sessions).allMatch(MediaSession::isClosed);
        assertThat(engine.sessions()).isEmpty();
        await("the I/O threads to end", Duration.ofSeconds(10), () -> liveThreads("lifecycle-engine-io-").isEmpty());
        for (InetSocketAddress address : bound) {
            try (DatagramChannel again = DatagramChannel.open()) {
                again.bind(address); // throws BindException if the port were still held
                assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(address.getPort());
            }
        }
        assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lifecycle-engine");
        engine.close(); // idempotent
    }

    @Test
    void closingOneSessionFreesItsPortsAndLeavesTheOthersRunning() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession a = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
            MediaSession b = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK)
                    .rtcpMode(RtcpMode.OFF).build());
            a.start();
            b.start();
            InetSocketAddress rtp = a.localAddress();
            InetSocketAddress rtcp = a.rtcpLocalAddress().orElseThrow();
            a.close();
            assertThat(a.isClosed()).isTrue();
            assertThat(engine.sessions()).containsExactly(b);
            assertThat(pairIsFree(rtp.getPort())).as("%s and %s free again", rtp, rtcp).isTrue();
            assertThat(rtcp.getPort()).isEqualTo(rtp.getPort() + 1);
            assertThatThrownBy(() -> a.send(new short[160], 0, 160)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(a::start).isInstanceOf(IllegalStateException.class);
            // b still receives
            try (RawPeer peer = new RawPeer(5)) {
                short[] speech = TestAudio.speech(160);
                peer.send(peer.nextPacket(speech, 0), b.localAddress());
                peer.send(peer.nextPacket(speech, 0), b.localAddress());
                AudioFrame first = b.receive(Duration.ofSeconds(10));
                assertThat(first).as("a frame within 10 s").isNotNull();
                assertThat(first.samples()).isEqualTo(TestAudio.ulawRoundTrip(speech));
                assertThat(first.timestamp()).isEqualTo(50_000);
            }
        }
    }

    @Test
    void anExplicitPortIsBoundWithRtcpOnTheNextAndAPortInUseIsReportedWithTheAddress() throws Exception {
        try (MediaEngine engine = MediaEngine.create();
                DatagramChannel squatter = DatagramChannel.open()) {
            // A pair probed free may be taken by another process before the session binds it. Only
            // then is a BindException a race, not a failure: the pair is no longer free.
            MediaSession s = null;
            InetSocketAddress asked = null;
            List<String> races = new ArrayList<>();
            for (int attempt = 0; attempt < 5 && s == null; attempt++) {
                int probed = Pcm.freeRtpPort();
                InetSocketAddress candidate = new InetSocketAddress("127.0.0.1", probed);
                try {
                    s = engine.createSession(MediaSessionConfig.builder().localAddress(candidate).build());
                    asked = candidate;
                } catch (java.net.BindException e) {
                    assertThat(pairIsFree(probed)).as("the session could not bind %s, yet the pair is free: %s",
                            candidate, e.getMessage()).isFalse();
                    races.add(candidate + ": " + e.getMessage());
                }
            }
            assumeTrue(s != null, "another process took every probed port pair before the session could: " + races);
            InetSocketAddress wanted = asked;
            int port = wanted.getPort();
            assertThat(s.localAddress()).isEqualTo(wanted);
            assertThat(s.rtcpLocalAddress()).contains(new InetSocketAddress("127.0.0.1", port + 1));
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(wanted).build()))
                    .isInstanceOf(java.net.BindException.class).hasMessageContaining(wanted.toString());
            s.close();
            squatter.bind(new InetSocketAddress("127.0.0.1", port + 1));
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(wanted).build()))
                    .isInstanceOf(java.net.BindException.class).hasMessageContaining("RTCP");
            // the RTP port taken in the failed attempt was released again
            assertThatCode(() -> DatagramChannel.open().bind(wanted).close()).as("binding %s again", wanted)
                    .doesNotThrowAnyException();
        }
    }

    private static boolean pairIsFree(int port) {
        try (DatagramChannel rtp = DatagramChannel.open();
                DatagramChannel rtcp = DatagramChannel.open()) {
            rtp.bind(new InetSocketAddress("127.0.0.1", port));
            rtcp.bind(new InetSocketAddress("127.0.0.1", port + 1));
            return true;
        } catch (java.io.IOException taken) {
            return false;
        }
    }

    @Test
    void theDefaultEngineHasBetweenOneAndFourThreads() {
        try (MediaEngine engine = MediaEngine.create()) {
            assertThat(engine.ioThreads())
                    .isEqualTo(Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4)));
        }
    }

    @Test
    void setupMistakesNameTheValues() {
        assertThatThrownBy(() -> MediaEngine.builder().ioThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> MediaSessionConfig.builder().ptimeMillis(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10-60").hasMessageContaining("5");
        assertThatThrownBy(() -> MediaSessionConfig.builder().ptimeMillis(61).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("61");
        assertThatThrownBy(() -> MediaSessionConfig.builder().payloadType(128).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128");
        assertThatThrownBy(() -> MediaSessionConfig.builder().payloadType(99).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
        assertThatThrownBy(() -> MediaSessionConfig.builder().jitterDelayMillis(100, 50).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min 100 max 50");
        assertThatThrownBy(() -> MediaSessionConfig.builder().rtcpIntervalMillis(50).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50");
        assertThatThrownBy(() -> MediaSessionConfig.builder().ssrc(1L << 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967296");
        assertThatThrownBy(() -> MediaSessionConfig.builder()
                .remoteAddress(InetSocketAddress.createUnresolved("nowhere.invalid", 5004)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere.invalid");
        assertThatThrownBy(() -> MediaSessionConfig.builder().receiveQueueCapacity(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        MediaSessionConfig ok = MediaSessionConfig.builder().payloadType(8).ptimeMillis(30).ssrc(7).build();
        assertThat(ok.codec().name()).isEqualTo("PCMA");
        assertThat(ok.ssrc()).hasValue(7);
    }

    @Test
    void aFrameOfAnotherRateOrChannelCountIsRejected() throws Exception {
        try (MediaEngine engine = MediaEngine.create()) {
            MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
            assertThatThrownBy(() -> s.send(new AudioFrame(new short[320], 16000, 1, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16000 Hz");
            assertThatThrownBy(() -> s.send(new AudioFrame(new short[320], 8000, 2, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 channel");
        }
    }

    static List<Thread> liveThreads(String prefix) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void aSessionThatCannotConnectToItsRemoteLeavesNothingBoundOrBorrowed() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            int before = engine.buffersInUse();
            InetSocketAddress ipv6 = new InetSocketAddress("::1", 5004);
            assertThatThrownBy(() -> engine.createSession(StreamingTest.pcmu().rtcpMode(RtcpMode.NEXT_PORT)
                    .remoteAddress(ipv6).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot connect").hasMessageContaining(":5004");
            assertThat(engine.buffersInUse()).isEqualTo(before);
            assertThat(engine.sessions()).isEmpty();
        }
    }

    @Test
    void rtpOnPort65535HasNoRtcpPortAndTheIoThreadSurvivesItsReportTimer() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession odd = engine.createSession(StreamingTest.pcmu().rtcpMode(RtcpMode.NEXT_PORT)
                    .rtcpIntervalMillis(100).remoteAddress(new InetSocketAddress("127.0.0.1", 65535)).build());
            odd.start();
            Thread.sleep(600); // several report intervals run on the one I/O thread
            // The thread still serves sessions: a new pair on it streams a frame.
            MediaSession a = engine.createSession(StreamingTest.pcmu().build());
            MediaSession b = engine.createSession(StreamingTest.pcmu().remoteAddress(a.localAddress()).build());
            List<AudioFrame> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.onAudio(heard::add);
            a.start();
            b.start();
            b.send(new AudioFrame(new short[160], 8000, 1, 0));
            await("audio on the same I/O thread", Duration.ofSeconds(10), () -> !heard.isEmpty());
            assertThat(odd.statistics().rtcpSent()).isZero();
        }
    }
}
