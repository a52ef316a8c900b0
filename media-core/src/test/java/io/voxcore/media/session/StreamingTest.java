package io.voxcore.media.session;

import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.AudioFrame;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two sessions on one engine exchange 3 s of speech over loopback. The sender runs ten times
 * faster than real time (a 20 ms packet every 2 ms): the jitter buffer's playout point follows
 * the newest packets, so it delivers early instead of piling up (docs/sessions.md).
 */
@Timeout(60)
class StreamingTest {

    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    static MediaSessionConfig.Builder pcmu() {
        // the receive-path tests compare what was decoded packet for packet: no concealment, and time
        // the jitter buffer adds on a loaded machine stays a gap instead of becoming stretched audio
        return MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(0).ptimeMillis(20)
                .rtcpMode(RtcpMode.OFF).gapPolicy(GapPolicy.REPORT);
    }

    @Test
    void receivedAudioEqualsTheG711RoundTripOfWhatWasSentBothWays() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        short[] reversed = new short[speech.length];
        for (int i = 0; i < speech.length; i++) {
            reversed[i] = speech[speech.length - 1 - i];
        }
        try (MediaEngine engine = MediaEngine.builder().ioThreads(2).build()) {
            MediaSession a = engine.createSession(pcmu().build());
            MediaSession b = engine.createSession(pcmu().remoteAddress(a.localAddress()).build());
            a.remoteAddress(b.localAddress());
            List<AudioFrame> atB = new CopyOnWriteArrayList<>();
            List<AudioGap> gapsAtB = new CopyOnWriteArrayList<>();
            b.onAudio(new AudioListener() {
                @Override
                public void onAudio(AudioFrame frame) {
                    atB.add(frame);
                }

                @Override
                public void onGap(AudioGap gap) {
                    gapsAtB.add(gap);
                }
            });
            a.start();
            b.start();
            // a sends in uneven chunks (the remainder is carried over), b in 20 ms frames.
            int[] chunks = {100, 220, 160, 37, 283, 480};
            int at = 0;
            int bAt = 0;
            int k = 0;
            while (at < speech.length || bAt < reversed.length) {
                if (at < speech.length) {
                    int n = Math.min(chunks[k++ % chunks.length], speech.length - at);
                    a.send(new AudioFrame(java.util.Arrays.copyOfRange(speech, at, at + n), 8000, 1, 0));
                    at += n;
                }
                if (bAt < reversed.length) {
                    b.send(reversed, bAt, 160);
                    bAt += 160;
                }
                Thread.sleep(2);
            }
            await("all of a's audio at b", Duration.ofSeconds(30), () -> samples(atB) == speech.length);
            await("all of b's audio at a", Duration.ofSeconds(30), () -> queued(a) == speech.length);

            assertSamePcm(concat(atB), TestAudio.ulawRoundTrip(speech));
            assertThat(gapsAtB).as("no packet lost (gaps with packets == 0 are time the buffer added under load)")
                    .allMatch(g -> g.packets() == 0);
            long first = atB.get(0).timestamp();
            for (int i = 0; i < atB.size(); i++) {
                assertThat(atB.get(i).timestamp()).isEqualTo((first + 160L * i) & 0xFFFF_FFFFL);
                assertThat(atB.get(i).sampleRate()).isEqualTo(8000);
            }
            assertSamePcm(concat(drained), TestAudio.ulawRoundTrip(reversed));

            SessionStatistics sb = b.statistics();
            assertThat(sb.packetsReceived()).isEqualTo(150);
            assertThat(sb.octetsReceived()).isEqualTo(24_000);
            assertThat(sb.expectedPackets()).isEqualTo(150);
            assertThat(sb.cumulativeLost()).isZero();
            assertThat(sb.duplicates()).isZero();
            assertThat(sb.late()).isZero();
            assertThat(sb.remoteSsrc()).isEqualTo(a.ssrc());
            SessionStatistics sa = a.statistics();
            assertThat(sa.packetsSent()).isEqualTo(150);
            assertThat(sa.octetsSent()).isEqualTo(24_000);
            assertThat(sa.packetsReceived()).isEqualTo(150);
        }
    }

    private final List<AudioFrame> drained = new ArrayList<>();

    private int queued(MediaSession session) {
        AudioFrame f;
        while ((f = session.poll()) != null) {
            drained.add(f);
        }
        return samples(drained);
    }

    /** Compares without printing 24,000 samples: length, then the first differing index. */
    static void assertSamePcm(short[] actual, short[] expected) {
        assertThat(actual.length).as("sample count").isEqualTo(expected.length);
        assertThat(io.voxcore.codec.testkit.ItuVectors.firstDifference(expected, actual))
                .as("first differing sample").isEqualTo(-1);
    }

    static int samples(List<AudioFrame> frames) {
        int n = 0;
        for (AudioFrame f : frames) {
            n += f.samples().length;
        }
        return n;
    }

    static short[] concat(List<AudioFrame> frames) {
        short[] out = new short[samples(frames)];
        int at = 0;
        for (AudioFrame f : frames) {
            System.arraycopy(f.samples(), 0, out, at, f.samples().length);
            at += f.samples().length;
        }
        return out;
    }
}
