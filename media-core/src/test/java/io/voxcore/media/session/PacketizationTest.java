package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtpPacket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What goes on the wire when sending, and packets of any duration when receiving. */
@Timeout(60)
class PacketizationTest {

    @Test
    void sequenceAndTimestampAdvanceByPacketAndTheMarkerStartsEachTalkspurt() throws Exception {
        short[] speech = TestAudio.speech(8 * 240);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(1)) {
            MediaSession s = engine.createSession(pcmu().payloadType(8).ptimeMillis(30).ssrc(0xCAFE_F00DL)
                    .remoteAddress(peer.address()).build());
            s.start();
            s.send(new AudioFrame(java.util.Arrays.copyOfRange(speech, 0, 3 * 240), 8000, 1, 0));
            Thread.sleep(400); // a pause longer than max(100 ms, 2 x ptime) after the audio's real-time end
            s.send(speech, 3 * 240, 2 * 240 + 100); // the 100-sample remainder waits
            s.send(speech, 5 * 240 + 100, 140);      // and completes a packet here
            peer.channel.configureBlocking(true);
            ByteBuffer buf = ByteBuffer.allocate(2048);
            RtpPacket p = new RtpPacket();
            long firstTs = -1;
            long pause = 0;
            int firstSeq = -1;
            for (int i = 0; i < 6; i++) {
                buf.clear();
                peer.channel.receive(buf);
                p.wrap(buf, 0, buf.position());
                assertThat(p.validate()).isEqualTo(io.voxcore.media.rtp.RtpValidation.VALID);
                if (i == 0) {
                    firstTs = p.timestamp();
                    firstSeq = p.sequenceNumber();
                }
                assertThat(p.payloadType()).isEqualTo(8);
                assertThat(p.ssrc()).isEqualTo(0xCAFE_F00DL);
                assertThat(p.sequenceNumber()).isEqualTo((firstSeq + i) & 0xFFFF);
                if (i == 3) {
                    // RFC 3550 5.1: the talkspurt after the pause starts where the sampling clock
                    // stands, the pause rounded to whole packets (about 310 ms: 10 packets of 30 ms).
                    pause = (p.timestamp() - firstTs - 240L * i) & 0xFFFF_FFFFL;
                    assertThat(pause % 240).as("whole packets").isZero();
                    assertThat(pause).as("the pause on the RTP clock").isBetween(240L * 9, 240L * 30);
                }
                assertThat(p.timestamp()).as("samples, plus the pause from packet 3 on")
                        .isEqualTo((firstTs + 240L * i + (i >= 3 ? pause : 0)) & 0xFFFF_FFFFL);
                assertThat(p.marker()).as("marker of packet %d", i).isEqualTo(i == 0 || i == 3);
                assertThat(p.payloadLength()).isEqualTo(240);
                for (int k = 0; k < 240; k++) {
                    assertThat(buf.get(p.payloadOffset() + k)).isEqualTo(G711.linearToAlaw(speech[240 * i + k]));
                }
            }
            assertThat(s.statistics().packetsSent()).isEqualTo(6);
            assertThat(s.statistics().octetsSent()).isEqualTo(6 * 240);
        }
    }

    @Test
    void receivesPacketsOfAnyDurationVaryingFromPacketToPacket() throws Exception {
        int[] durations = {240, 320, 80, 160, 480, 240, 320, 400, 80, 320};
        int total = 0;
        for (int d : durations) {
            total += d;
        }
        short[] speech = TestAudio.speech(total);
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(77)) {
            MediaSession s = engine.createSession(pcmu().build()); // sends 20 ms, accepts anything
            s.onAudio(frames::add);
            s.start();
            int at = 0;
            for (int i = 0; i < durations.length; i++) {
                ByteBuffer b = ByteBuffer.allocate(12 + durations[i]);
                RtpPacket.writeHeader(b, 0, i == 0, 0, 300 + i, 7_000_000L + at, 77);
                for (int k = 0; k < durations[i]; k++) {
                    b.put(12 + k, G711.linearToUlaw(speech[at + k]));
                }
                peer.send(b, s.localAddress());
                at += durations[i];
                Thread.sleep(2);
            }
            await("every packet played", Duration.ofSeconds(10), () -> frames.size() == durations.length);
            at = 0;
            for (int i = 0; i < durations.length; i++) {
                AudioFrame f = frames.get(i);
                assertThat(f.samples()).hasSize(durations[i]);
                assertThat(f.timestamp()).isEqualTo(7_000_000L + at);
                at += durations[i];
            }
            StreamingTest.assertSamePcm(StreamingTest.concat(frames), TestAudio.ulawRoundTrip(speech));
            assertThat(s.statistics().gapPackets()).isZero();
        }
    }
}
