package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.assertSamePcm;
import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtpValidation;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed datagrams, other payload types, other SSRCs and a third socket, interleaved with a
 * good stream: each is counted under its reason and dropped, and every good packet still plays.
 */
@Timeout(60)
class HostileTrafficTest {

    private static final int GOOD = 100;
    private static final int RANDOM_DATAGRAMS = 500;

    @Test
    void unconnectedSocketCountsEveryKindOfBadTrafficExactly() throws Exception {
        SessionStatistics s = run(false);
        assertThat(s.malformed(RtpValidation.TRUNCATED)).isEqualTo(20); // 10 five-byte + 10 empty datagrams
        assertThat(s.malformed(RtpValidation.BAD_VERSION)).isEqualTo(20); // 10 version 1 + 10 random version 0
        assertThat(s.malformed(RtpValidation.CSRC_OVERRUN)).isEqualTo(10);
        assertThat(s.malformed(RtpValidation.EXTENSION_OVERRUN)).isEqualTo(10);
        assertThat(s.malformed(RtpValidation.BAD_PADDING)).isEqualTo(10);
        assertThat(s.wrongPayloadType()).isEqualTo(10);
        assertThat(s.foreignSsrc()).isEqualTo(10);
        assertThat(s.foreignAddress()).isEqualTo(10);
    }

    @Test
    void connectedSocketLetsTheKernelFilterTheThirdSocketAndStillCountsTheRest() throws Exception {
        SessionStatistics s = run(true);
        // A connected socket's read() cannot tell an empty datagram from none: those go uncounted.
        assertThat(s.malformed(RtpValidation.TRUNCATED)).isEqualTo(10);
        assertThat(s.malformed(RtpValidation.BAD_VERSION)).isEqualTo(20);
        assertThat(s.malformed(RtpValidation.CSRC_OVERRUN)).isEqualTo(10);
        assertThat(s.malformed(RtpValidation.EXTENSION_OVERRUN)).isEqualTo(10);
        assertThat(s.malformed(RtpValidation.BAD_PADDING)).isEqualTo(10);
        assertThat(s.wrongPayloadType()).isEqualTo(10);
        assertThat(s.foreignSsrc()).isEqualTo(10);
        assertThat(s.foreignAddress()).isZero(); // never reached the socket
    }

    /** Streams GOOD packets with crafted bad traffic, then random datagrams; returns the stats after the crafted phase. */
    private SessionStatistics run(boolean connected) throws Exception {
        short[] speech = TestAudio.speech((GOOD + 10) * 160);
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(0x1234_5678L);
                RawPeer stranger = new RawPeer(0x1234_5678L)) {
            MediaSessionConfig.Builder config = pcmu().relatchSilenceMillis(60_000).connectSocket(connected);
            if (!connected) {
                config.remoteAddress(peer.address());
            }
            MediaSession b = engine.createSession(config.build());
            b.onAudio(frames::add);
            b.start();
            InetSocketAddress to = b.localAddress();
            peer.send(peer.nextPacket(speech, 0), to);
            // wait until the first packet was handled (latched and, if so configured, connected)
            await("the first packet", Duration.ofSeconds(10), () -> b.statistics().packetsReceived() == 1);
            assertThat(b.remoteAddress()).contains(peer.address());

            long perBurst = connected ? 8 : 10; // counted bad datagrams in each burst of crafted traffic
            Random random = new Random(7);
            for (int i = 1; i < GOOD; i++) {
                peer.send(peer.nextPacket(speech, 160 * i), to);
                if (i % 10 == 5) {
                    ByteBuffer good = RawPeer.packet(1, 2, peer.ssrc, 0, speech, 0);
                    peer.sendBytes(new byte[] {(byte) 0x80, 0, 0, 1, 2}, to);
                    peer.sendBytes(new byte[0], to);
                    peer.sendBytes(withFirstByte(good, 0x40), to); // version 1
                    byte[] noise = new byte[1 + random.nextInt(300)];
                    random.nextBytes(noise);
                    noise[0] &= 0x3F; // version 0
                    peer.sendBytes(noise, to);
                    peer.sendBytes(Arrays.copyOf(withFirstByte(good, 0x8F), 20), to); // 15 CSRCs in 20 bytes
                    byte[] ext = withFirstByte(good, 0x90);
                    ext[14] = 0x7F; // extension length far past the end
                    peer.sendBytes(ext, to);
                    byte[] pad = withFirstByte(good, 0xA0);
                    pad[pad.length - 1] = 0; // padding count 0
                    peer.sendBytes(pad, to);
                    peer.send(RawPeer.packet(i, 160L * i, peer.ssrc, 8, speech, 0), to); // PCMA
                    peer.send(RawPeer.packet(i, 160L * i, 0xBAD_BAD0L, 0, speech, 0), to); // other SSRC
                    stranger.send(RawPeer.packet(1000 + i, 50_000 + 160L * i, peer.ssrc, 0, speech, 0), to);
                    // Flow control, not a sleep: at most one burst is ever queued in the socket's receive
                    // buffer, however long the I/O thread is starved on a busy machine.
                    awaitCounted(b, i + 1, perBurst * (i / 10 + 1));
                }
                Thread.sleep(1); // paces the good stream (20 ms of audio a millisecond); not synchronisation
            }
            await("all good audio", Duration.ofSeconds(20), () -> frames.size() == GOOD);
            long crafted = connected ? 80 : 100;
            awaitBad(b, crafted);
            SessionStatistics afterCrafted = b.statistics();

            // Random datagrams (never empty): each must be counted under exactly one reason. Sent in
            // batches of 50, each waited for: 500 at once could overflow the socket's receive buffer
            // while the I/O thread is starved, and a datagram the kernel dropped is counted nowhere.
            for (int i = 0; i < RANDOM_DATAGRAMS; i++) {
                byte[] noise = new byte[1 + random.nextInt(200)];
                random.nextBytes(noise);
                peer.sendBytes(noise, to);
                if ((i + 1) % 50 == 0) {
                    awaitBad(b, crafted + i + 1);
                }
            }
            for (int i = GOOD; i < GOOD + 10; i++) {
                peer.send(peer.nextPacket(speech, 160 * i), to);
            }
            awaitBad(b, crafted + RANDOM_DATAGRAMS);
            await("the good audio after the noise", Duration.ofSeconds(20), () -> frames.size() == GOOD + 10);
            assertSamePcm(StreamingTest.concat(frames), TestAudio.ulawRoundTrip(speech));
            SessionStatistics stats = b.statistics();
            assertThat(stats.packetsReceived()).isEqualTo(GOOD + 10);
            assertThat(stats.cumulativeLost()).isZero();
            assertThat(bad(stats)).isEqualTo(crafted + RANDOM_DATAGRAMS);
            return afterCrafted;
        }
    }

    private static void awaitCounted(MediaSession session, long good, long bad) throws InterruptedException {
        await("good packets and bad datagrams counted", Duration.ofSeconds(20), () -> {
            SessionStatistics s = session.statistics();
            return s.packetsReceived() >= good && bad(s) >= bad;
        });
    }

    private static long bad(SessionStatistics s) {
        return s.malformedTotal() + s.wrongPayloadType() + s.foreignSsrc() + s.foreignAddress();
    }

    private static void awaitBad(MediaSession session, long expected) throws InterruptedException {
        long[] counted = new long[1];
        try {
            await("bad datagrams counted", Duration.ofSeconds(20), () -> {
                counted[0] = bad(session.statistics());
                return counted[0] >= expected;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": counted " + counted[0] + " of " + expected + " in "
                    + session.statistics(), e);
        }
    }

    private static byte[] withFirstByte(ByteBuffer packet, int first) {
        byte[] bytes = new byte[packet.capacity()];
        packet.duplicate().clear().get(bytes);
        bytes[0] = (byte) first;
        return bytes;
    }

    @Test
    void aThrowingListenerIsCountedAndTheEngineKeepsRunning() throws Exception {
        short[] speech = TestAudio.speech(50 * 160);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(99)) {
            MediaSession bad = engine.createSession(pcmu().build());
            MediaSession good = engine.createSession(pcmu().build());
            bad.onAudio(frame -> {
                throw new IllegalStateException("listener bug");
            });
            List<AudioFrame> frames = new CopyOnWriteArrayList<>();
            good.onAudio(frames::add);
            bad.start();
            good.start();
            for (int i = 0; i < 50; i++) {
                ByteBuffer p = peer.nextPacket(speech, 160 * i);
                peer.send(p, bad.localAddress());
                peer.send(p, good.localAddress());
                Thread.sleep(1);
            }
            await("the good session's audio", Duration.ofSeconds(20), () -> frames.size() == 50);
            await("the bad listener's failures", Duration.ofSeconds(20),
                    () -> bad.statistics().listenerErrors() == 50);
            assertSamePcm(StreamingTest.concat(frames), TestAudio.ulawRoundTrip(speech));
        }
    }

}
