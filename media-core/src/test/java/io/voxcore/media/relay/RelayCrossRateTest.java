package io.voxcore.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.G711;
import io.voxcore.codec.Resampler;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.session.AudioListener;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A relay between legs of different sample rates (issue 12): PCMU at 8 kHz to G.722 at 16 kHz
 * (both on an 8 kHz RTP clock), over real sockets. What the G.722 end hears is exactly codec-core's
 * chain: G.711 decoding, the resampler, G.722 encoding, G.722 decoding, frame by frame with state.
 */
@Timeout(60)
class RelayCrossRateTest {

    @Test
    void pcmuIsTranscodedToG722AcrossRatesExactlyAsCodecCoreWould() throws Exception {
        short[] speech = Legs.speech(8000 * 2, 5);
        List<AudioFrame> atB = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(9, 101).build());
            MediaSession a = Legs.session(engine, 0, 101, legA.localAddress());
            MediaSession b = Legs.session(engine, 9, 101, legB.localAddress());
            legB.remoteAddress(b.localAddress());
            b.onAudio(new AudioListener() {
                @Override
                public void onAudio(AudioFrame frame) {
                    atB.add(frame);
                }
            });
            for (MediaSession s : List.of(legA, legB, a, b)) {
                s.start();
            }
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                long next = System.nanoTime();
                for (int at = 0; at + 160 <= speech.length; at += 160) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    a.send(speech, at, 160);
                    next += 20_000_000L;
                }
                Legs.await("100 G.722 frames at B", Duration.ofSeconds(10), () -> atB.size() == 100);
                assertThat(relay.statistics().aToB().packetsTranscoded()).isEqualTo(100);
            }
        }
        Resampler up = Resampler.create(8000, 16000);
        AudioCodec encoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        AudioCodec decoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        short[] narrow = new short[160];
        short[] wide = new short[up.maxOutput(160)];
        byte[] coded = new byte[160];
        short[] expected = new short[320];
        for (int i = 0; i < 100; i++) {
            for (int k = 0; k < 160; k++) {
                narrow[k] = G711.ulawToLinear(G711.linearToUlaw(speech[160 * i + k]));
            }
            int n = up.process(narrow, 0, 160, wide, 0);
            assertThat(n).isEqualTo(320);
            encoder.encode(wide, 0, 320, coded, 0);
            decoder.decode(coded, 0, 160, expected, 0);
            AudioFrame f = atB.get(i);
            assertThat(f.sampleRate()).isEqualTo(16_000);
            assertThat(f.samples()).as("frame %d at B", i).isEqualTo(expected);
        }
    }
}
