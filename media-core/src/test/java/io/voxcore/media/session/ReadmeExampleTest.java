package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's session example, line for line, so that the README cannot drift from the API. */
@Timeout(30)
class ReadmeExampleTest {

    @Test
    void readmeSessionExampleStreamsAFrame() throws Exception {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(i * 2 * Math.PI * 400 / 8000));
        }
        List<AudioFrame> heard = new CopyOnWriteArrayList<>();
        // --- README example begins ---
        try (MediaEngine engine = MediaEngine.create()) {
            var config = MediaSessionConfig.builder().localAddress(new InetSocketAddress("127.0.0.1", 0)).payloadType(0);
            MediaSession alice = engine.createSession(config.build());
            MediaSession bob = engine.createSession(config.remoteAddress(alice.localAddress()).build());
            alice.remoteAddress(bob.localAddress());                  // e.g. from the SDP answer
            bob.onAudio(frame -> heard.add(frame));                    // runs on the engine's I/O thread
            alice.start();
            bob.start();
            alice.send(new AudioFrame(pcm, 8000, 1, 0));               // 20 ms of PCMU
            // --- README example ends (the README sleeps; the test waits for the frame) ---
            TestAudio.await("bob hears alice", Duration.ofSeconds(10), () -> !heard.isEmpty());
        }
        short[] got = heard.get(0).samples();
        assertThat(got).hasSize(160);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(got[i]).isEqualTo(G711.ulawToLinear(G711.linearToUlaw(pcm[i])));
        }
    }
}
