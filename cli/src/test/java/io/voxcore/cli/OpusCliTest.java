package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.Resampler;
import io.voxcore.media.sdp.MediaDescription;
import io.voxcore.media.sdp.PayloadFormat;
import io.voxcore.media.sdp.SessionDescription;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI speaks Opus (issue 12): {@code send --codec opus} resamples an 8 kHz WAV to 48 kHz (and
 * says so) and sends it under the dynamic payload type of {@code --pt}; {@code receive --codec opus}
 * writes a 48 kHz WAV that is, sample for sample, codec-opus's own decoding of its own encoding of
 * the resampled file (Concentus is deterministic fixed-point code, so the two chains must agree
 * exactly); the SDP file says {@code opus/48000/2} with an fmtp line for a mono stream (RFC 7587),
 * and ffmpeg (libopus, another implementation) decodes the stream from that file alone.
 */
@Timeout(90)
class OpusCliTest {

    /** One 20 ms Opus frame at 48 kHz, mono. */
    private static final int FRAME = 960;

    @TempDir
    Path dir;

    /** codec-opus's chain: the 8 kHz signal resampled to 48 kHz, encoded and decoded frame by frame. */
    private static short[] ownChain(short[] narrow) {
        Resampler up = Resampler.create(8000, 48000);
        short[] wide = new short[up.maxOutput(narrow.length)];
        int n = up.process(narrow, 0, narrow.length, wide, 0);
        AudioCodec encoder = CodecFactory.createByName("opus/48000/1");
        AudioCodec decoder = CodecFactory.createByName("opus/48000/1");
        short[] reference = new short[n / FRAME * FRAME];
        byte[] packet = new byte[4000];
        for (int at = 0; at + FRAME <= n; at += FRAME) {
            int bytes = encoder.encode(wide, at, FRAME, packet, 0);
            assertThat(decoder.decode(packet, 0, bytes, reference, at)).isEqualTo(FRAME);
        }
        return reference;
    }

    @Test
    void sendAndReceiveOpusOnAChosenPayloadTypeEqualCodecOpusOwnChain() throws Exception {
        short[] narrow = DemoCommand.speech(8000 * 3, 29);
        Path in = dir.resolve("narrow.wav");
        WavFiles.write(in, narrow, narrow.length);
        short[] reference = ownChain(narrow);
        int port = Ffmpeg.freeRtpPort();
        Path out = dir.resolve("got.wav");
        Path sdp = dir.resolve("opus.sdp");
        Cli.Started receiving = Cli.start("receive", "--listen", "127.0.0.1:" + port, "--codec", "opus", "--pt", "100",
                "--out", out.toString(), "--seconds", "4.5");
        receiving.awaitOutput("receive: listening on");
        assertThat(receiving.out().toString()).contains("opus PT 100 (mono, 48000 Hz)");
        Cli.Result sent = Cli.run("send", "--to", "127.0.0.1:" + port, "--codec", "opus", "--pt", "100", "--in",
                in.toString(), "--sdp-out", sdp.toString());
        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("is 8000 Hz: resampled to 48000 Hz").contains("describing RTP opus (PT 100)");
        SessionDescription described = SessionDescription.parse(Files.readAllBytes(sdp));
        MediaDescription m = described.media().get(0);
        assertThat(m.payloadTypes()).containsExactly(100);
        PayloadFormat opus = m.format(100).orElseThrow();
        // RFC 7587 7: always opus/48000/2; the fmtp says what is really sent
        assertThat(opus).isEqualTo(new PayloadFormat(100, "opus", 48000, 2,
                "sprop-maxcapturerate=8000;sprop-stereo=0"));
        Cli.Result received = receiving.await();
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(WavFiles.rate(out)).isEqualTo(48000);
        int missed = Played.assertInOrder("Opus through the CLI", reference, WavFiles.read(out, 48000, null),
                received.out());
        // no packet may be missing; the decoder's first output is near 0 (its look-ahead), which the
        // alignment cannot tell from the silence of a gap
        assertThat(missed).as("samples missed at the start").isLessThan(FRAME);
        assertThat(received.out()).contains("\"cumulativeLost\":0").contains("\"wrongPayloadType\":0");
    }

    @Test
    void badOpusOptionsAreRefusedNamingTheValue() throws Exception {
        short[] narrow = DemoCommand.speech(800, 3);
        Path in = dir.resolve("short.wav");
        WavFiles.write(in, narrow, narrow.length);
        Cli.Result low = Cli.run("send", "--to", "127.0.0.1:9", "--codec", "opus", "--pt", "95", "--in", in.toString());
        assertThat(low.code()).isEqualTo(2);
        assertThat(low.err()).contains("--pt 95 is not a dynamic payload type").contains("96-127").hasLineCount(1);
        Cli.Result high = Cli.run("receive", "--listen", "127.0.0.1:0", "--codec", "OPUS", "--pt", "128", "--out",
                dir.resolve("x.wav").toString(), "--seconds", "1");
        assertThat(high.code()).isEqualTo(2);
        assertThat(high.err()).contains("--pt 128 is not a dynamic payload type").hasLineCount(1);
        Cli.Result staticCodec = Cli.run("send", "--to", "127.0.0.1:9", "--codec", "PCMU", "--pt", "111", "--in",
                in.toString());
        assertThat(staticCodec.code()).isEqualTo(2);
        assertThat(staticCodec.err()).contains("--pt 111").contains("PCMU has the static payload type 0");
        Cli.Result clash = Cli.run("send", "--to", "127.0.0.1:9", "--codec", "opus", "--pt", "101", "--dtmf", "1",
                "--in", in.toString());
        assertThat(clash.code()).isEqualTo(2);
        assertThat(clash.err()).contains("--pt 101 and --event-pt 101 must differ");
        Cli.Result ptime = Cli.run("send", "--to", "127.0.0.1:9", "--codec", "opus", "--ptime", "30", "--in",
                in.toString());
        assertThat(ptime.code()).isEqualTo(2);
        assertThat(ptime.err()).contains("--ptime 30 is not an Opus frame duration");
        Cli.Result relay = Cli.run("relay", "--a-codec", "opus", "--seconds", "1");
        assertThat(relay.code()).isEqualTo(2);
        assertThat(relay.err()).contains("leg A: relay does not take opus yet");
    }

    /**
     * ffmpeg (libopus, float) receives from the file {@code send --sdp-out} writes and decodes
     * with no error; what it decodes matches codec-opus's decoding of the same encoding at 25 dB
     * SNR or better, once aligned on a frame boundary (packets sent before ffmpeg listened are
     * missing, and its decoder starts from a fresh state, so its first 100 ms are left out).
     */
    @Test
    void ffmpegDecodesWhatSendWritesFromItsSdpFile() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        // seed 11: Concentus 1.0.2's SILK encoder throws an AssertionError (an unconditional overflow check
        // in silk_MLA, which libopus compiles out) on some 20 ms frames of other seeds' 6 s signals, e.g.
        // frame 245 of seed 31, whatever the encoder's state; reported, a codec-opus matter
        short[] narrow = DemoCommand.speech(8000 * 6, 11);
        Path in = dir.resolve("in.wav");
        WavFiles.write(in, narrow, narrow.length);
        short[] reference = ownChain(narrow);
        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("voxcore.sdp");
        Path out = dir.resolve("ffmpeg.wav");
        Cli.Started sending = Cli.start("send", "--to", "127.0.0.1:" + port, "--codec", "opus", "--in", in.toString(),
                "--sdp-out", sdp.toString(), "--start-delay", "1");
        sending.awaitOutput("send: wrote " + sdp);
        String log;
        try (Ffmpeg.Running receiver = ffmpeg.start("-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(),
                "-t", "3", "-c:a", "pcm_s16le", "-ar", "48000", "-y", out.toString())) {
            Cli.Result sent = sending.await();
            assertThat(sent.code()).as(sent.err()).isZero();
            log = receiver.await(30);
        }
        // -loglevel error: any line is an error (a packet libopus could not decode, a bad SDP)
        assertThat(log.strip()).as("ffmpeg's errors").isEmpty();
        short[] got = firstChannel(out);
        assertThat(got.length).as("samples ffmpeg wrote").isGreaterThanOrEqualTo(48000 * 2);
        int skip = 5 * FRAME;
        int window = got.length - skip - FRAME;
        // coarse: the packet ffmpeg's output starts with; fine: ffmpeg's own decoder delay, a few samples
        int coarse = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int at = 0; at + skip < reference.length; at += FRAME) {
            double snr = snr(reference, at + skip, got, skip, window);
            if (snr > best) {
                best = snr;
                coarse = at;
            }
        }
        int aligned = coarse;
        for (int at = Math.max(-skip, coarse - FRAME); at <= coarse + FRAME; at++) {
            double snr = snr(reference, at + skip, got, skip, window);
            if (snr > best) {
                best = snr;
                aligned = at;
            }
        }
        assertThat(best).as("SNR of ffmpeg's decoding against ours, ffmpeg's first sample aligned with our sample %d",
                aligned).isGreaterThanOrEqualTo(25.0);
    }

    private static short[] firstChannel(Path wav) throws Exception {
        try (AudioInputStream stream = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = stream.getFormat();
            assertThat(Math.round(f.getSampleRate())).isEqualTo(48000);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            byte[] bytes = stream.readAllBytes();
            short[] all = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer().get(all);
            int channels = f.getChannels();
            short[] first = new short[all.length / channels];
            for (int i = 0; i < first.length; i++) {
                first[i] = all[i * channels];
            }
            return first;
        }
    }

    /** 10 log10 of signal energy over error energy, for {@code length} samples (or as many as both have). */
    private static double snr(short[] reference, int from, short[] got, int gotFrom, int length) {
        int n = Math.min(length, Math.min(reference.length - from, got.length - gotFrom));
        if (n < 48000) {
            return Double.NEGATIVE_INFINITY; // less than a second overlaps: not a candidate alignment
        }
        double signal = 0;
        double error = 0;
        for (int i = 0; i < n; i++) {
            double r = reference[from + i];
            double e = r - got[gotFrom + i];
            signal += r * r;
            error += e * e;
        }
        return 10 * Math.log10(signal / Math.max(error, 1e-9));
    }
}
