package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.sdp.Connection;
import io.voxcore.media.sdp.Direction;
import io.voxcore.media.sdp.MediaDescription;
import io.voxcore.media.sdp.SessionDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with ffmpeg driven only by SDP files, over real loopback sockets, in both directions:
 * ffmpeg streams with {@code -sdp_file} and {@code voxcore receive --sdp} receives from that file
 * alone; {@code voxcore send --sdp-out} streams and {@code ffmpeg -i} receives from the file it
 * wrote alone. No port, codec or payload type is told to either side but through the file.
 * Skipped with a message when ffmpeg is not installed.
 */
@Timeout(90)
class FfmpegSdpInteropTest {

    @TempDir
    Path dir;

    private static String format(String codec) {
        return codec.equals("PCMA") ? "alaw" : "mulaw";
    }

    /**
     * ffmpeg sends 4 s of a speech-like signal as G.711 RTP and writes its SDP file; receive --sdp
     * listens where that file says and decodes its payload type. What it decodes must be ffmpeg's
     * own G.711 encoding of the signal decoded by the ITU-T G.191 reference, sample for sample,
     * from the first packet it got to the end of the signal; only packets sent before it listened
     * (ffmpeg writes the file as it starts sending) may be missing, which the offset search allows,
     * and only the silence of a playout gap without a lost packet may come between samples
     * ({@link Played}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PCMA", "PCMU"})
    void ffmpegStreamsWithSdpFileAndReceiveSdpDecodesItsG711AsTheItuReference(String codec) throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        ItuG711 itu = ItuG711.load();
        short[] signal = DemoCommand.speech(8000 * 4, 7);
        Path raw = dir.resolve("signal.raw");
        Ffmpeg.writeS16le(raw, signal);
        Path coded = dir.resolve("signal." + format(codec));
        ffmpeg.run("-f", "s16le", "-ar", "8000", "-ac", "1", "-i", raw.toString(), "-c:a", "pcm_" + format(codec),
                "-f", format(codec), "-y", coded.toString());
        byte[] codes = Files.readAllBytes(coded);
        assertThat(codes).as("ffmpeg's G.711 codes, one per sample").hasSize(signal.length);
        short[] reference = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i] & 0xFF;
            reference[i] = codec.equals("PCMA") ? itu.alawDecode(code) : itu.ulawDecode(code);
        }

        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("ffmpeg.sdp");
        Path wav = dir.resolve("received.wav");
        int payloadType = codec.equals("PCMA") ? 8 : 0;
        try (Ffmpeg.Running sender = ffmpeg.start("-re", "-f", "s16le", "-ar", "8000", "-ac", "1", "-i", raw.toString(),
                "-c:a", "pcm_" + format(codec), "-f", "rtp", "-sdp_file", sdp.toString(), "rtp://127.0.0.1:" + port)) {
            Ffmpeg.await("ffmpeg to write " + sdp, 20, () -> describesAudio(sdp) || !sender.isAlive());
            Cli.Started receiving = Cli.start("receive", "--sdp", sdp.toString(), "--out", wav.toString(),
                    "--seconds", "5.5");
            // where and what come from ffmpeg's file alone
            receiving.awaitOutput("receive: listening on /127.0.0.1:" + port + " (from " + sdp + ": " + payloadType
                    + " " + codec + "/8000)");
            sender.await(30);
            Cli.Result received = receiving.await();
            assertThat(received.code()).as(received.err()).isZero();
            assertThat(received.out()).doesNotContain("not decodable").contains("\"cumulativeLost\":0")
                    .contains("\"gapPackets\":0").contains("\"wrongPayloadType\":0").contains("\"foreignAddress\":0");
            int missed = Played.assertInOrder(codec + " from ffmpeg", reference, WavFiles.read(wav), received.out());
            assertThat(missed).as("samples missed at the start (ffmpeg sent before we listened)")
                    .isLessThan(reference.length / 2);
        }
    }

    private static long count(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static boolean describesAudio(Path sdp) {
        try {
            return Files.isRegularFile(sdp)
                    && SessionDescription.parse(Files.readAllBytes(sdp)).media().stream().anyMatch(m -> m.port() > 0);
        } catch (Exception notYetComplete) {
            return false;
        }
    }

    /**
     * send --sdp-out writes the file before its first packet (and waits a second, --start-delay,
     * for a receiver); ffmpeg receives the stream from that file alone and decodes 3 s of it. What
     * ffmpeg decodes must be found, sample for sample and without a gap, in our G.711 encoding of
     * the WAV file decoded by our codec; packets sent before ffmpeg listened may be missing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PCMA", "PCMU"})
    void sendWritesAnSdpFileFromWhichFfmpegDecodesOurG711(String codec) throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        short[] signal = DemoCommand.speech(8000 * 6, 11);
        short[] reference = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            reference[i] = codec.equals("PCMA") ? G711.alawToLinear(G711.linearToAlaw(signal[i]))
                    : G711.ulawToLinear(G711.linearToUlaw(signal[i]));
        }
        Path in = dir.resolve("in.wav");
        WavFiles.write(in, signal, signal.length);
        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("voxcore.sdp");
        Path out = dir.resolve("ffmpeg.raw");
        int payloadType = codec.equals("PCMA") ? 8 : 0;

        Cli.Started sending = Cli.start("send", "--to", "127.0.0.1:" + port, "--codec", codec, "--in", in.toString(),
                "--sdp-out", sdp.toString(), "--start-delay", "1");
        sending.awaitOutput("send: wrote " + sdp);
        SessionDescription described = SessionDescription.parse(Files.readAllBytes(sdp));
        MediaDescription m = described.media().get(0);
        assertThat(described.connection(m)).contains(Connection.of("127.0.0.1"));
        assertThat(m.port()).isEqualTo(port);
        assertThat(m.payloadTypes()).containsExactly(payloadType);
        assertThat(m.format(payloadType).orElseThrow().encodingName()).isEqualTo(codec);
        assertThat(described.direction(m)).isEqualTo(Direction.SENDONLY);
        try (Ffmpeg.Running receiver = ffmpeg.start("-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(),
                "-t", "3", "-f", "s16le", "-ar", "8000", "-ac", "1", "-y", out.toString())) {
            Cli.Result sent = sending.await();
            assertThat(sent.code()).as(sent.err()).isZero();
            // every packet of the 6 s went out, but those after ffmpeg ended (-t 3) may meet its closed
            // port: ICMP port unreachable makes a send on the connected socket fail ("unsent")
            assertThat(count(sent.out(), "packetsSent") + count(sent.out(), "packetsUnsent")).isEqualTo(300);
            assertThat(count(sent.out(), "packetsSent")).isGreaterThanOrEqualTo(150);
            receiver.await(30);
        }
        short[] got = Ffmpeg.readS16le(out);
        assertThat(got.length).as("samples ffmpeg wrote").isGreaterThanOrEqualTo(8000 * 3 - 160);
        int offset = Ffmpeg.indexOf(reference, got);
        assertThat(offset).as("ffmpeg's output found, sample for sample and without gaps, in our G.711 round trip "
                + "(first samples %s)", Arrays.toString(Arrays.copyOf(got, 8))).isNotNegative();
    }
}
