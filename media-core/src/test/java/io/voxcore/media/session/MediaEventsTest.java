package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.ComfortNoisePayload;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtpPacket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Comfort noise on receive, and the media events a SIP server acts on, over real sockets. */
@Timeout(60)
class MediaEventsTest {

    private static final short[] SPEECH = TestAudio.speech(100 * 160);

    @Test
    void comfortNoiseIsPlayedAtTheSignalledLevelUntilSpeechResumesInsteadOfGaps() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        List<AudioGap> gaps = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(0xC0DE)) {
            // a deep buffer: a loaded machine's scheduling must not make packets late here
            MediaSession s = engine.createSession(pcmu().jitterDelayMillis(150, 500).build());
            s.onAudio(new AudioListener() {
                @Override
                public void onAudio(AudioFrame frame) {
                    frames.add(frame);
                }

                @Override
                public void onGap(AudioGap gap) {
                    gaps.add(gap);
                }
            });
            s.start();
            int seq = 100;
            long ts = 8000;
            for (int i = 0; i < 10; i++, seq++, ts += 160) {
                peer.send(RawPeer.packet(seq, ts, 0xC0DE, 0, SPEECH, 160 * i), s.localAddress());
                Thread.sleep(20);
            }
            // RFC 3389: one CN packet at -40 dBov, then nothing for 400 ms, then speech with the marker bit
            ByteBuffer cn = ByteBuffer.allocate(13);
            RtpPacket.writeHeader(cn, 0, false, 13, seq++, ts, 0xC0DE);
            cn.put(12, (byte) 40);
            peer.send(cn, s.localAddress());
            long cnTs = ts;
            Thread.sleep(400);
            ts += 3200;
            for (int i = 0; i < 10; i++, seq++, ts += 160) {
                ByteBuffer p = RawPeer.packet(seq, ts, 0xC0DE, 0, SPEECH, 160 * (20 + i));
                if (i == 0) {
                    p.put(1, (byte) 0x80); // marker: a talkspurt starts
                }
                peer.send(p, s.localAddress());
                Thread.sleep(20);
            }
            long end = ts;
            await("the speech after the noise", Duration.ofSeconds(10),
                    () -> !frames.isEmpty() && frames.get(frames.size() - 1).timestamp() == end - 160);

            double sum = 0;
            long noiseSamples = 0;
            for (AudioFrame f : frames) {
                if (f.timestamp() >= cnTs && f.timestamp() < cnTs + 3200) {
                    for (short v : f.samples()) {
                        sum += (double) v * v;
                    }
                    noiseSamples += f.samples().length;
                }
            }
            assertThat(noiseSamples).as("the silence period played as noise, not as a gap").isEqualTo(3200);
            double levelDb = 10 * Math.log10(sum / noiseSamples);
            double expectedDb = 10 * Math.log10(ComfortNoisePayload.meanSquareOf(40));
            assertThat(levelDb).as("noise power in dB against the signalled -40 dBov").isBetween(expectedDb - 1.5,
                    expectedDb + 1.5);
            assertThat(gaps).as("no gap inside the noise period")
                    .noneMatch(g -> g.timestamp() >= cnTs && g.timestamp() < cnTs + 3200);
            SessionStatistics stats = s.statistics();
            assertThat(stats.receive().comfortNoisePackets()).isEqualTo(1);
            assertThat(stats.wrongPayloadType()).isZero();
            assertThat(stats.packetsReceived()).isEqualTo(21);
        }
    }

    @Test
    void rtpTimeoutIsReportedOncePerSilenceAndRearmedByMedia() throws Exception {
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(0x7777)) {
            MediaSession s = engine.createSession(pcmu().rtpTimeoutMillis(300).build());
            s.onEvent(events::add);
            s.start();
            for (int i = 0; i < 5; i++) {
                peer.send(peer.nextPacket(SPEECH, 160 * i), s.localAddress());
            }
            await("a timeout", Duration.ofSeconds(5), () -> events.size() == 1);
            MediaEvent.RtpTimeout first = (MediaEvent.RtpTimeout) events.get(0);
            assertThat(first.silence()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            Thread.sleep(800);
            assertThat(events).as("reported once per silence").hasSize(1);
            for (int i = 0; i < 5; i++) {
                peer.send(peer.nextPacket(SPEECH, 160 * i), s.localAddress());
                Thread.sleep(20);
            }
            await("a second timeout after media came back", Duration.ofSeconds(5), () -> events.size() == 2);
            assertThat(events.get(1)).isInstanceOf(MediaEvent.RtpTimeout.class);
        }
    }

    @Test
    void aPeersRtcpByeAndAThrowingListenerAreHandled() throws Exception {
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSessionConfig.Builder withRtcp = pcmu().rtcpMode(RtcpMode.NEXT_PORT).rtcpIntervalMillis(200);
            MediaSession a = engine.createSession(withRtcp.build());
            MediaSession b = engine.createSession(withRtcp.remoteAddress(a.localAddress()).build());
            a.remoteAddress(b.localAddress());
            a.onEvent(e -> {
                events.add(e);
                throw new IllegalStateException("a listener that throws must not stop the session");
            });
            a.start();
            b.start();
            for (int i = 0; i < 10; i++) {
                b.send(SPEECH, 160 * i, 160);
                Thread.sleep(20);
            }
            await("B's packets at A", Duration.ofSeconds(5), () -> a.statistics().packetsReceived() == 10);
            long bSsrc = b.ssrc();
            b.close();
            await("the BYE", Duration.ofSeconds(5), () -> events.contains(new MediaEvent.ByeReceived(bSsrc)));
            assertThat(a.statistics().listenerErrors()).isGreaterThanOrEqualTo(1);
            assertThat(a.statistics().peerByes()).isEqualTo(1);
            assertThat(a.isClosed()).isFalse();
        }
    }
}
