package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.CodecType;
import io.voxcore.media.AudioFrame;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * G.722 over RTP with ffmpeg, both ways (issue 12). ffmpeg's G.722 encoder produces the ITU
 * codewords and its decoder equals the ITU reference decoder, so: what we decode from ffmpeg's
 * stream must equal codec-core's (ITU bit-exact) decoding of ffmpeg's own codewords, and what
 * ffmpeg decodes from our stream must equal our decoding of our codewords, sample for sample.
 * Skipped with a message when ffmpeg is missing; CI installs it.
 */
@Timeout(120)
class FfmpegG722InteropTest {

    private static final int SECONDS = 3;

    @TempDir
    Path dir;

    /** Wideband test audio: tones across both sub-bands under a slow envelope, plus a little noise. */
    static short[] wideband(int samples) {
        java.util.Random random = new java.util.Random(7);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 16000.0;
            double envelope = 0.3 + 0.7 * Math.abs(Math.sin(2 * Math.PI * 1.7 * t));
            double v = 5000 * Math.sin(2 * Math.PI * 310 * t) + 2500 * Math.sin(2 * Math.PI * 1900 * t)
                    + 1500 * Math.sin(2 * Math.PI * 5300 * t) + 150 * random.nextGaussian();
            out[i] = (short) Math.max(-32768, Math.min(32767, envelope * v));
        }
        return out;
    }

    private static short[] decodeAll(byte[] codewords) {
        AudioCodec decoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        short[] out = new short[codewords.length * 2];
        for (int at = 0; at < codewords.length; at += 160) {
            int n = Math.min(160, codewords.length - at);
            decoder.decode(codewords, at, n, out, 2 * at);
        }
        return out;
    }

    @Test
    void ffmpegSendsG722AndWeDecodeTheItuDecodingOfItsCodewords() throws Exception {
        ExternalTool ffmpeg = ExternalTool.require("ffmpeg");
        short[] signal = wideband(16000 * SECONDS);
        Path raw = dir.resolve("in.raw");
        Pcm.writeS16le(raw, signal);
        Path coded = dir.resolve("in.g722");
        ffmpeg.run(60, "-hide_banner", "-loglevel", "error", "-nostdin", "-f", "s16le", "-ar", "16000", "-ac", "1",
                "-i", raw.toString(), "-c:a", "g722", "-f", "g722", "-y", coded.toString());
        short[] reference = decodeAll(Files.readAllBytes(coded));
        assertThat(reference.length).isEqualTo(signal.length);

        int port = Pcm.freeRtpPort();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession session = engine.createSession(MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT)
                    .localAddress(new InetSocketAddress("127.0.0.1", port)).payloadType(9)
                    .rtcpMode(RtcpMode.OFF).jitterDelayMillis(40, 400).build());
            short[] received = new short[signal.length * 2];
            int[] count = {0};
            long[] lost = {0};
            session.onAudio(new AudioListener() {
                @Override
                public void onAudio(AudioFrame frame) {
                    synchronized (received) {
                        assertThat(frame.sampleRate()).isEqualTo(16_000);
                        short[] s = frame.samples();
                        System.arraycopy(s, 0, received, count[0], Math.min(s.length, received.length - count[0]));
                        count[0] += s.length;
                    }
                }

                @Override
                public void onGap(AudioGap gap) {
                    synchronized (received) {
                        lost[0] += gap.packets();
                    }
                }
            });
            session.start();
            ffmpeg.run(60, "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "s16le", "-ar", "16000",
                    "-ac", "1", "-i", raw.toString(), "-c:a", "g722", "-f", "rtp", "rtp://127.0.0.1:" + port);
            TestAudio.await("all " + signal.length + " samples from ffmpeg", Duration.ofSeconds(20), () -> {
                synchronized (received) {
                    return count[0] >= signal.length;
                }
            });
            synchronized (received) {
                assertThat(lost[0]).as("packets lost").isZero();
                assertThat(count[0]).isEqualTo(signal.length);
                StreamingTest.assertSamePcm(java.util.Arrays.copyOf(received, count[0]), reference);
            }
            SessionStatistics stats = session.statistics();
            assertThat(stats.cumulativeLost()).isZero();
            assertThat(stats.octetsReceived()).as("one byte per two samples").isEqualTo(signal.length / 2);
            assertThat(stats.clockRate()).isEqualTo(8000);
        }
    }

    @Test
    void weSendG722AndFfmpegDecodesOurDecodingOfOurCodewords() throws Exception {
        ExternalTool ffmpeg = ExternalTool.require("ffmpeg");
        short[] signal = wideband(16000 * (SECONDS + 1));
        AudioCodec encoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        byte[] ours = new byte[signal.length / 2];
        for (int at = 0; at < signal.length; at += 320) {
            encoder.encode(signal, at, 320, ours, at / 2);
        }
        short[] reference = decodeAll(ours);
        int port = Pcm.freeRtpPort();
        Path sdp = dir.resolve("stream.sdp");
        Files.write(sdp, String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=voxcore G.722 interop",
                "c=IN IP4 127.0.0.1", "t=0 0", "m=audio " + port + " RTP/AVP 9", "a=rtpmap:9 G722/8000",
                "a=recvonly", "").getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("out.raw");
        ExternalTool.Running receiver = ffmpeg.start("-hide_banner", "-loglevel", "error", "-nostdin",
                "-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(), "-t", String.valueOf(SECONDS),
                "-f", "s16le", "-ar", "16000", "-ac", "1", "-y", out.toString());
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession session = engine.createSession(MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT)
                    .localAddress(new InetSocketAddress("127.0.0.1", 0))
                    .remoteAddress(new InetSocketAddress("127.0.0.1", port))
                    .payloadType(9).ptimeMillis(20).rtcpMode(RtcpMode.OFF).build());
            session.start();
            // G.722 is adaptive: ffmpeg must hear the stream from its first packet to decode as we do
            TestAudio.await("ffmpeg to bind UDP port " + port, Duration.ofSeconds(20), () -> Pcm.udpPortBound(port));
            long next = System.nanoTime();
            for (int at = 0; at + 320 <= signal.length; at += 320) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                session.send(signal, at, 320);
                next += 20_000_000L;
            }
            receiver.await(30);
        } finally {
            receiver.kill();
        }
        short[] got = Pcm.readS16le(out);
        assertThat(got.length).as("samples ffmpeg wrote").isGreaterThanOrEqualTo(16000 * SECONDS - 320);
        assertThat(Pcm.indexOf(reference, got)).as("ffmpeg's decoding found, sample for sample, in ours (first "
                + "samples %s)", java.util.Arrays.toString(java.util.Arrays.copyOf(got, 8))).isZero();
    }
}
