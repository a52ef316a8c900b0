package io.voxcore.media.session;

import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.CodecType;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtpPacket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A G.722 session over real sockets (issue 12): 16 kHz audio on an 8 kHz RTP clock (RFC 3551
 * 4.5.2). Timestamps step by 160 per 20 ms packet while each packet carries 320 samples, and the
 * audio heard is codec-core's G.722 decoding of codec-core's encoding, frame by frame.
 */
@Timeout(60)
class G722SessionTest {

    private static MediaSessionConfig.Builder g722() {
        return MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT).localAddress(StreamingTest.LOOPBACK).payloadType(9).ptimeMillis(20)
                .rtcpMode(RtcpMode.OFF).jitterDelayMillis(60, 300);
    }

    private static short[] wideband(int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 16000.0;
            out[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * t) + 3000 * Math.sin(2 * Math.PI * 5200 * t));
        }
        return out;
    }

    @Test
    void sixteenKilohertzAudioTravelsOnAnEightKilohertzClock() throws Exception {
        short[] audio = wideband(50 * 320);
        List<AudioFrame> heard = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer wire = new RawPeer(0)) {
            MediaSession b = engine.createSession(g722().build());
            MediaSession a = engine.createSession(g722().remoteAddress(wire.address()).build());
            List<AudioGap> gaps = new CopyOnWriteArrayList<>();
            b.onAudio(new AudioListener() {
                @Override
                public void onAudio(AudioFrame frame) {
                    heard.add(frame);
                }

                @Override
                public void onGap(AudioGap gap) {
                    gaps.add(gap);
                }
            });
            b.start();
            a.start();
            assertThat(a.config().codec().sampleRate()).isEqualTo(16_000);
            wire.channel.configureBlocking(true);
            List<byte[]> packets = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                a.send(new AudioFrame(java.util.Arrays.copyOfRange(audio, 320 * i, 320 * (i + 1)), 16_000, 1, 0));
                ByteBuffer got = ByteBuffer.allocate(2048);
                wire.channel.receive(got);
                byte[] p = new byte[got.position()];
                got.flip().get(p);
                packets.add(p);
                wire.sendBytes(p, b.localAddress()); // on to B, at real time (an absolute 20 ms schedule)
                java.util.concurrent.locks.LockSupport.parkNanos(t0 + (i + 1) * 20_000_000L - System.nanoTime());
            }
            RtpPacket first = new RtpPacket().wrap(ByteBuffer.wrap(packets.get(0)), 0, packets.get(0).length);
            assertThat(first.validate().name()).isEqualTo("VALID");
            assertThat(first.payloadType()).isEqualTo(9);
            for (int i = 1; i < packets.size(); i++) {
                RtpPacket p = new RtpPacket().wrap(ByteBuffer.wrap(packets.get(i)), 0, packets.get(i).length);
                assertThat(p.validate().name()).isEqualTo("VALID");
                assertThat(p.payloadLength()).as("64 kbit/s x 20 ms").isEqualTo(160);
                assertThat((p.timestamp() - first.timestamp()) & 0xFFFF_FFFFL).as("RTP clock 8000: 160 per packet")
                        .isEqualTo(160L * i);
            }
            await("B hears 50 frames", Duration.ofSeconds(10), () -> heard.size() == 50);

            AudioCodec encoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
            AudioCodec decoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
            for (int i = 0; i < 50; i++) {
                byte[] coded = new byte[160];
                encoder.encode(audio, 320 * i, 320, coded, 0);
                short[] expected = new short[320];
                decoder.decode(coded, 0, 160, expected, 0);
                AudioFrame f = heard.get(i);
                assertThat(f.sampleRate()).isEqualTo(16_000);
                assertThat(f.samples()).as("frame %d", i).isEqualTo(expected);
                assertThat((f.timestamp() - heard.get(0).timestamp()) & 0xFFFF_FFFFL).isEqualTo(160L * i);
            }
            assertThat(gaps).as("gaps").isEmpty();
            assertThat(b.statistics().clockRate()).isEqualTo(8000);
        }
    }
}
