package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.sdp.MediaDescription;
import io.voxcore.media.sdp.SessionDescription;
import io.voxcore.media.srtp.SdesCrypto;
import io.voxcore.media.srtp.SrtpSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's SRTP (issue 14) against ffmpeg's, driven by SDP files alone: ffmpeg encrypts with
 * {@code -srtp_out_suite} and writes its key as {@code a=crypto} on an {@code RTP/AVP} line (RFC
 * 8643's opportunistic form), and {@code receive --sdp} decrypts with it; {@code send --srtp}
 * encrypts under a fresh key it writes into {@code --sdp-out}, from which ffmpeg decrypts. The
 * audio equals the plaintext case sample for sample. Skipped with a message without ffmpeg.
 */
@Timeout(90)
class FfmpegSrtpCliTest {

    @TempDir
    Path dir;

    @Test
    void ffmpegSendsSrtpAndReceiveSdpDecryptsItWithTheFilesKey() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        ItuG711 itu = ItuG711.load();
        short[] signal = DemoCommand.speech(8000 * 4, 5);
        Path raw = dir.resolve("signal.raw");
        Ffmpeg.writeS16le(raw, signal);
        Path coded = dir.resolve("signal.mulaw");
        ffmpeg.run("-f", "s16le", "-ar", "8000", "-ac", "1", "-i", raw.toString(), "-c:a", "pcm_mulaw", "-f", "mulaw",
                "-y", coded.toString());
        byte[] codes = Files.readAllBytes(coded);
        short[] reference = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            reference[i] = itu.ulawDecode(codes[i] & 0xFF);
        }
        String inline = SdesCrypto.generate(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80).attributeValue().split("inline:")[1];
        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("ffmpeg.sdp");
        Path wav = dir.resolve("received.wav");
        try (Ffmpeg.Running sender = ffmpeg.start("-re", "-f", "s16le", "-ar", "8000", "-ac", "1", "-i", raw.toString(),
                "-c:a", "pcm_mulaw", "-f", "rtp", "-srtp_out_suite", "AES_CM_128_HMAC_SHA1_80", "-srtp_out_params",
                inline, "-sdp_file", sdp.toString(), "srtp://127.0.0.1:" + port)) {
            Ffmpeg.await("ffmpeg to write " + sdp, 20, () -> Files.isRegularFile(sdp) && crypto(sdp) != null);
            assertThat(crypto(sdp)).as("ffmpeg's key line").contains("AES_CM_128_HMAC_SHA1_80");
            Cli.Started receiving = Cli.start("receive", "--sdp", sdp.toString(), "--out", wav.toString(),
                    "--seconds", "5.5");
            sender.await(30);
            Cli.Result received = receiving.await();
            assertThat(received.code()).as(received.err()).isZero();
            assertThat(received.out()).contains("\"suite\":\"AES_CM_128_HMAC_SHA1_80\"")
                    .contains("\"authenticationFailures\":0").contains("\"replays\":0").contains("\"cumulativeLost\":0");
            int missed = Played.assertInOrder("PCMU over SRTP from ffmpeg", reference, WavFiles.read(wav),
                    received.out());
            assertThat(missed).isLessThan(reference.length / 2);
        }
    }

    private static String crypto(Path sdp) {
        try {
            SessionDescription d = SessionDescription.parse(Files.readAllBytes(sdp));
            for (MediaDescription m : d.media()) {
                if (!m.cryptos().isEmpty()) {
                    return m.cryptos().get(0).value();
                }
            }
            return null;
        } catch (Exception notYetComplete) {
            return null;
        }
    }

    @Test
    void sendSrtpWritesItsKeyIntoTheSdpFileAndFfmpegDecryptsFromThatFile() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        short[] signal = DemoCommand.speech(8000 * 6, 13);
        short[] reference = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            reference[i] = G711.ulawToLinear(G711.linearToUlaw(signal[i]));
        }
        Path in = dir.resolve("in.wav");
        WavFiles.write(in, signal, signal.length);
        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("voxcore.sdp");
        Path out = dir.resolve("ffmpeg.raw");
        Cli.Started sending = Cli.start("send", "--to", "127.0.0.1:" + port, "--codec", "PCMU", "--in", in.toString(),
                "--srtp", "AES_CM_128_HMAC_SHA1_80", "--sdp-out", sdp.toString(), "--start-delay", "1");
        sending.awaitOutput("send: wrote " + sdp);
        MediaDescription m = SessionDescription.parse(Files.readAllBytes(sdp)).media().get(0);
        assertThat(m.proto()).isEqualTo("RTP/SAVP");
        assertThat(m.cryptos()).singleElement().satisfies(c -> assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80"));
        try (Ffmpeg.Running receiver = ffmpeg.start("-protocol_whitelist", "file,udp,rtp,srtp", "-i", sdp.toString(),
                "-t", "3", "-f", "s16le", "-ar", "8000", "-ac", "1", "-y", out.toString())) {
            Cli.Result sent = sending.await();
            assertThat(sent.code()).as(sent.err()).isZero();
            assertThat(sent.out()).doesNotContain(m.cryptos().get(0).keyParams()); // the key is never printed
            assertThat(sent.out()).contains("\"suite\":\"AES_CM_128_HMAC_SHA1_80\"");
            receiver.await(30);
        }
        short[] got = Ffmpeg.readS16le(out);
        assertThat(got.length).as("samples ffmpeg wrote").isGreaterThanOrEqualTo(8000 * 3 - 160);
        assertThat(Ffmpeg.indexOf(reference, got)).as("ffmpeg's decryption and decoding found, sample for sample, in "
                + "our G.711 round trip (first samples %s)", Arrays.toString(Arrays.copyOf(got, 8))).isNotNegative();
    }

    @Test
    void srtpWithoutAnSdpFileIsRefusedNamingWhy() throws Exception {
        Path in = dir.resolve("in.wav");
        WavFiles.write(in, new short[800], 800);
        Cli.Result r = Cli.run("send", "--to", "127.0.0.1:40000", "--in", in.toString(), "--srtp",
                "AES_CM_128_HMAC_SHA1_80");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--srtp needs --sdp-out");
        Cli.Result bad = Cli.run("send", "--to", "127.0.0.1:40000", "--in", in.toString(), "--srtp", "ROT13",
                "--sdp-out", dir.resolve("x.sdp").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("ROT13");
    }
}
