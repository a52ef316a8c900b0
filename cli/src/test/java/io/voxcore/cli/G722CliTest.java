package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.Resampler;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI speaks G.722 (issue 12): {@code send --codec G722} resamples an 8 kHz WAV to 16 kHz
 * (and says so), {@code receive --codec G722} writes a 16 kHz WAV, and what it wrote is codec-core's
 * G.722 decoding of codec-core's encoding of the resampled file, sample for sample, and the SDP
 * file {@code send} writes names {@code G722/8000}.
 */
@Timeout(60)
class G722CliTest {

    @TempDir
    Path dir;

    @Test
    void sendAndReceiveG722WithAResampledWavFile() throws Exception {
        short[] narrow = DemoCommand.speech(8000 * 3, 21);
        Path in = dir.resolve("narrow.wav");
        WavFiles.write(in, narrow, narrow.length);
        Resampler up = Resampler.create(8000, 16000);
        short[] wide = new short[up.maxOutput(narrow.length)];
        int n = up.process(narrow, 0, narrow.length, wide, 0);
        AudioCodec encoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        AudioCodec decoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        short[] reference = new short[n / 320 * 320];
        byte[] coded = new byte[160];
        for (int at = 0; at + 320 <= n; at += 320) {
            encoder.encode(wide, at, 320, coded, 0);
            decoder.decode(coded, 0, 160, reference, at);
        }
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort() & ~1;
        }
        Path out = dir.resolve("got.wav");
        Path sdp = dir.resolve("g722.sdp");
        Cli.Started receiving = Cli.start("receive", "--listen", "127.0.0.1:" + port, "--codec", "G722", "--out",
                out.toString(), "--seconds", "4.5");
        receiving.awaitOutput("receive: listening on");
        Cli.Result sent = Cli.run("send", "--to", "127.0.0.1:" + port, "--codec", "G722", "--in", in.toString(),
                "--sdp-out", sdp.toString());
        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("is 8000 Hz: resampled to 16000 Hz");
        assertThat(Files.readString(sdp)).contains("m=audio " + port + " RTP/AVP 9").contains("a=rtpmap:9 G722/8000");
        Cli.Result received = receiving.await();
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(WavFiles.rate(out)).isEqualTo(16000);
        int missed = Played.assertInOrder("G.722 through the CLI", reference, WavFiles.read(out, 16000, null),
                received.out());
        // no packet may be missing; the reference's first samples are near 0 (the decoder starts from
        // silence), which the alignment cannot tell from the silence of a gap
        assertThat(missed).as("samples missed at the start").isLessThan(320);
        assertThat(received.out()).contains("\"cumulativeLost\":0").contains("\"wrongPayloadType\":0");
    }

    /**
     * {@code receive --sdp} of the file {@code send --codec G722 --sdp-out} writes (static payload
     * type 9, {@code G722/8000}) listens where it says and decodes G.722 to a 16 kHz WAV file:
     * codec-core's decoding of codec-core's encoding, in order.
     */
    @Test
    void receiveSdpDecodesTheG722StreamSendDescribes() throws Exception {
        short[] wide = DemoCommand.speech(16000 * 3, 23);
        Path in = dir.resolve("wide.wav");
        WavFiles.write(in, wide, wide.length, 16000, 1);
        AudioCodec encoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        AudioCodec decoder = CodecFactory.create(CodecConfig.of(CodecType.G722));
        short[] reference = new short[wide.length];
        byte[] coded = new byte[160];
        for (int at = 0; at + 320 <= wide.length; at += 320) {
            encoder.encode(wide, at, 320, coded, 0);
            decoder.decode(coded, 0, 160, reference, at);
        }
        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("g722.sdp");
        Path out = dir.resolve("got.wav");
        Cli.Started sending = Cli.start("send", "--to", "127.0.0.1:" + port, "--codec", "G722", "--in", in.toString(),
                "--sdp-out", sdp.toString(), "--start-delay", "1.5");
        sending.awaitOutput("send: wrote " + sdp);
        Cli.Started receiving = Cli.start("receive", "--sdp", sdp.toString(), "--out", out.toString(), "--seconds",
                "5");
        receiving.awaitOutput("receive: listening on /127.0.0.1:" + port + " (from " + sdp + ": 9 G722/8000");
        Cli.Result sent = sending.await();
        assertThat(sent.code()).as(sent.err()).isZero();
        Cli.Result received = receiving.await();
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(WavFiles.rate(out)).isEqualTo(16000);
        int missed = Played.assertInOrder("G.722 from an SDP file", reference, WavFiles.read(out, 16000, null),
                received.out());
        assertThat(missed).as("samples missed at the start (the receiver started in the 1.5 s delay)")
                .isLessThan(320);
    }
}
