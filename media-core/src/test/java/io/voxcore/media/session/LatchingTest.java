package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.AudioFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Symmetric RTP: latch to the first valid source, never leak to or accept from strangers. */
@Timeout(60)
class LatchingTest {

    @Test
    void latchesToTheFirstSourceAndIgnoresAStrangerEvenAfterTheSourceFallsSilent() throws Exception {
        short[] speech = TestAudio.speech(40 * 160);
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(0xAAAA);
                RawPeer stranger = new RawPeer(0xBBBB)) {
            MediaSession s = engine.createSession(pcmu().connectSocket(false).relatchSilenceMillis(200).build());
            s.onAudio(frames::add);
            s.start();
            assertThat(s.remoteAddress()).isEmpty();
            for (int i = 0; i < 20; i++) {
                peer.send(peer.nextPacket(speech, 160 * i), s.localAddress());
                Thread.sleep(1);
            }
            await("the first 20 frames", Duration.ofSeconds(10), () -> frames.size() == 20);
            assertThat(s.remoteAddress()).contains(peer.address());
            Thread.sleep(400); // the latched source falls silent longer than the re-latch silence
            // A stranger with its own SSRC, in perfect sequence: still never accepted (other address).
            for (int i = 0; i < 10; i++) {
                stranger.send(RawPeer.packet(i, 160L * i, stranger.ssrc, 0, speech, 0), s.localAddress());
            }
            await("the stranger's packets counted", Duration.ofSeconds(10),
                    () -> s.statistics().foreignAddress() == 10);
            // and sending goes to the latched peer only
            s.send(speech, 0, 160);
            java.nio.ByteBuffer got = java.nio.ByteBuffer.allocate(2048);
            peer.channel.configureBlocking(true);
            assertThat(peer.channel.receive(got)).isEqualTo(s.localAddress());
            assertThat(got.position()).isEqualTo(12 + 160);
            stranger.channel.configureBlocking(false);
            assertThat(stranger.channel.receive(java.nio.ByteBuffer.allocate(2048))).isNull();
            assertThat(frames).hasSize(20);
            SessionStatistics stats = s.statistics();
            assertThat(stats.remoteSsrc()).isEqualTo(0xAAAA);
            assertThat(stats.packetsReceived()).isEqualTo(20);
        }
    }

    @Test
    void aNewSsrcFromTheLatchedAddressTakesOverOnlyAfterSilenceAndTwoPacketsInSequence() throws Exception {
        short[] speech = TestAudio.speech(40 * 160);
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(0x1111)) {
            MediaSession s = engine.createSession(pcmu().relatchSilenceMillis(300).build());
            s.onAudio(frames::add);
            s.start();
            for (int i = 0; i < 10; i++) {
                peer.send(peer.nextPacket(speech, 160 * i), s.localAddress());
                // a second SSRC interleaved while the first is active: dropped
                peer.send(RawPeer.packet(500 + i, 9000 + 160L * i, 0x2222, 0, speech, 0), s.localAddress());
                Thread.sleep(1);
            }
            await("the first SSRC's frames", Duration.ofSeconds(10), () -> frames.size() == 10);
            assertThat(s.statistics().foreignSsrc()).isEqualTo(10);
            Thread.sleep(600);
            for (int i = 0; i < 5; i++) {
                peer.send(RawPeer.packet(700 + i, 20_000 + 160L * i, 0x2222, 0, speech, 160 * (20 + i)),
                        s.localAddress());
                Thread.sleep(1);
            }
            // the first packet of 0x2222 is its probation packet and is dropped; the next four play
            await("the new SSRC's frames", Duration.ofSeconds(10), () -> frames.size() == 14);
            SessionStatistics stats = s.statistics();
            assertThat(stats.remoteSsrc()).isEqualTo(0x2222);
            assertThat(stats.foreignSsrc()).isEqualTo(11);
            short[] expected = TestAudio.ulawRoundTrip(java.util.Arrays.copyOfRange(speech, 160 * 21, 160 * 25));
            StreamingTest.assertSamePcm(StreamingTest.concat(frames.subList(10, 14)), expected);
            assertThat(frames.get(10).timestamp()).isEqualTo(20_160);
        }
    }
}
