package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with ffmpeg, a peer nobody here wrote, in both directions over loopback. Skipped with
 * a message when ffmpeg is not installed; CI installs it.
 */
@Timeout(120)
class FfmpegInteropTest {

    private static final int SECONDS = 3;

    @TempDir
    Path dir;

    private static String format(int payloadType) {
        return payloadType == 0 ? "mulaw" : "alaw";
    }

    private static String encoder(int payloadType) {
        return payloadType == 0 ? "pcm_mulaw" : "pcm_alaw";
    }

    /** ffmpeg sends RTP (its own packet size, 40 ms here) to a MediaSession; we decode what ffmpeg decodes. */
    @ParameterizedTest(name = "payload type {0}")
    @ValueSource(ints = {0, 8})
    void ffmpegSendsAndWeDecodeExactlyWhatFfmpegDecodes(int payloadType) throws Exception {
        ExternalTool ffmpeg = ExternalTool.require("ffmpeg");
        short[] signal = TestAudio.speech(8000 * SECONDS);
        Path raw = dir.resolve("in.raw");
        Pcm.writeS16le(raw, signal);

        // ffmpeg's own encode and decode of the same input: the reference for every payload it sends.
        Path coded = dir.resolve("in." + format(payloadType));
        Path decoded = dir.resolve("decoded.raw");
        ffmpeg.run(60, "-hide_banner", "-loglevel", "error", "-nostdin", "-f", "s16le", "-ar", "8000", "-ac", "1",
                "-i", raw.toString(), "-c:a", encoder(payloadType), "-f", format(payloadType), "-y", coded.toString());
        ffmpeg.run(60, "-hide_banner", "-loglevel", "error", "-nostdin", "-f", format(payloadType), "-ar", "8000",
                "-ac", "1", "-i", coded.toString(), "-f", "s16le", "-y", decoded.toString());
        short[] ffmpegDecoded = Pcm.readS16le(decoded);
        assertThat(ffmpegDecoded).hasSize(signal.length);

        int port = Pcm.freeRtpPort();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession session = engine.createSession(MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT)
                    .localAddress(new InetSocketAddress("127.0.0.1", port)).payloadType(payloadType)
                    .rtcpMode(RtcpMode.OFF).build());
            short[] received = new short[signal.length * 2];
            int[] count = {0};
            long[] gaps = {0};
            session.onAudio(new AudioListener() {
                @Override
                public void onAudio(AudioFrame frame) {
                    synchronized (received) {
                        short[] s = frame.samples();
                        System.arraycopy(s, 0, received, count[0], Math.min(s.length, received.length - count[0]));
                        count[0] += s.length;
                    }
                }

                @Override
                public void onGap(AudioGap gap) {
                    synchronized (received) {
                        if (gap.packets() > 0) {
                            gaps[0]++;
                        }
                    }
                }
            });
            session.start();
            ffmpeg.run(60, "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "s16le", "-ar", "8000",
                    "-ac", "1", "-i", raw.toString(), "-c:a", encoder(payloadType), "-f", "rtp",
                    "rtp://127.0.0.1:" + port);
            TestAudio.await("all " + signal.length + " samples from ffmpeg", Duration.ofSeconds(20), () -> {
                synchronized (received) {
                    return count[0] >= signal.length;
                }
            });
            synchronized (received) {
                assertThat(gaps[0]).as("gaps with lost packets (time the buffer added under load has packets == 0)")
                        .isZero();
                assertThat(count[0]).isEqualTo(signal.length);
                short[] ours = java.util.Arrays.copyOf(received, count[0]);
                StreamingTest.assertSamePcm(ours, ffmpegDecoded);
            }
            SessionStatistics stats = session.statistics();
            assertThat(stats.cumulativeLost()).isZero();
            assertThat(stats.malformedTotal()).isZero();
            assertThat(stats.packetsReceived()).isPositive();
            // ffmpeg chose its own packet duration; we accepted it whatever it was.
            assertThat(stats.octetsReceived()).isEqualTo(signal.length);
        }
    }

    /** We send RTP; ffmpeg receives it through an SDP file and decodes exactly our G.711 round trip. */
    @ParameterizedTest(name = "payload type {0}")
    @ValueSource(ints = {0, 8})
    void weSendAndFfmpegDecodesOurRoundTripWithNoGaps(int payloadType) throws Exception {
        ExternalTool ffmpeg = ExternalTool.require("ffmpeg");
        short[] signal = TestAudio.speech(8000 * (SECONDS + 2));
        short[] reference = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            reference[i] = payloadType == 0
                    ? G711.ulawToLinear(G711.linearToUlaw(signal[i]))
                    : G711.alawToLinear(G711.linearToAlaw(signal[i]));
        }
        int port = Pcm.freeRtpPort();
        Path sdp = dir.resolve("stream.sdp");
        Files.write(sdp, String.join("\r\n",
                "v=0",
                "o=- 0 0 IN IP4 127.0.0.1",
                "s=voxcore interop",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "m=audio " + port + " RTP/AVP " + payloadType,
                "a=rtpmap:" + payloadType + " " + (payloadType == 0 ? "PCMU" : "PCMA") + "/8000",
                "a=recvonly",
                "").getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("out.raw");
        ExternalTool.Running receiver = ffmpeg.start("-hide_banner", "-loglevel", "error", "-nostdin",
                "-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(), "-t", String.valueOf(SECONDS),
                "-f", "s16le", "-ar", "8000", "-ac", "1", "-y", out.toString());
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession session = engine.createSession(MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT)
                    .localAddress(new InetSocketAddress("127.0.0.1", 0))
                    .remoteAddress(new InetSocketAddress("127.0.0.1", port))
                    .payloadType(payloadType).ptimeMillis(20).rtcpMode(RtcpMode.OFF).build());
            session.start();
            // ffmpeg opens its socket; what it misses before that is aligned away (the signal has 2 s to spare)
            TestAudio.await("ffmpeg to bind UDP port " + port, Duration.ofSeconds(20), () -> Pcm.udpPortBound(port));
            int chunk = 160;
            long next = System.nanoTime();
            for (int at = 0; at + chunk <= signal.length; at += chunk) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                session.send(signal, at, chunk);
                next += 20_000_000L;
            }
            receiver.await(30);
        } finally {
            receiver.kill();
        }
        short[] got = Pcm.readS16le(out);
        assertThat(got.length).as("samples ffmpeg wrote").isGreaterThanOrEqualTo(8000 * SECONDS - 160);
        int offset = Pcm.indexOf(reference, got);
        assertThat(offset).as("ffmpeg's output found, sample for sample and without gaps, in our round trip "
                + "(first samples %s)", java.util.Arrays.toString(java.util.Arrays.copyOf(got, 8))).isNotNegative();
    }
}
