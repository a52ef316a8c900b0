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
        // relay's --a-pt and --b-pt: RelayOpusCliTest
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
        double[] best = align(reference, got);
        assertThat(best[0]).as("SNR of ffmpeg's decoding against ours, ffmpeg's first sample aligned with our "
                + "sample %d", (int) best[1]).isGreaterThanOrEqualTo(25.0);
    }

    /**
     * ffmpeg streams an Ogg Opus file's packets unchanged ({@code -c:a copy}, libopus's encoding)
     * and writes its SDP file ({@code opus/48000/2}, no fmtp); {@code receive --sdp} listens where
     * the file says, decodes to mono (said on screen) and writes a 48 kHz WAV, which matches
     * ffmpeg's own libopus decoding of the same packets at 25 dB SNR or better once aligned
     * (packets sent before we listened are missing; the file's decoding drops Opus's pre-skip).
     */
    @Test
    void receiveSdpDecodesTheOpusFfmpegStreamsFromItsSdpFile() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        short[] signal = DemoCommand.speech(8000 * 4, 5);
        Path raw = dir.resolve("signal.raw");
        Ffmpeg.writeS16le(raw, signal);
        Path ogg = dir.resolve("libopus.ogg");
        ffmpeg.run("-f", "s16le", "-ar", "8000", "-ac", "1", "-i", raw.toString(), "-ar", "48000", "-c:a", "libopus",
                "-b:a", "32k", "-y", ogg.toString());
        Path decoded = dir.resolve("libopus.raw");
        ffmpeg.run("-c:a", "libopus", "-i", ogg.toString(), "-f", "s16le", "-ac", "1", "-ar", "48000", "-y",
                decoded.toString());
        short[] reference = Ffmpeg.readS16le(decoded);
        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("ffmpeg.sdp");
        Path wav = dir.resolve("got.wav");
        Cli.Result received;
        try (Ffmpeg.Running sender = ffmpeg.start("-re", "-i", ogg.toString(), "-c:a", "copy", "-f", "rtp",
                "-sdp_file", sdp.toString(), "rtp://127.0.0.1:" + port)) {
            Ffmpeg.await("ffmpeg to write " + sdp, 20, () -> Files.isRegularFile(sdp) && hasAudio(sdp)
                    || !sender.isAlive());
            assertThat(Files.readString(sdp)).contains("opus/48000/2").doesNotContain("sprop-stereo=1");
            Cli.Started receiving = Cli.start("receive", "--sdp", sdp.toString(), "--out", wav.toString(), "--seconds",
                    "3");
            receiving.awaitOutput("receive: listening on /127.0.0.1:" + port);
            received = receiving.await();
        }
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(received.out()).contains("has no sprop-stereo=1: decoded to mono").contains("\"wrongPayloadType\":0");
        assertThat(WavFiles.rate(wav)).isEqualTo(48000);
        // receive writes the silence of a playout gap (the jitter buffer ran dry on a loaded machine)
        // into the file to keep its timing; every packet is still decoded in order, so the gaps come out
        short[] got = withoutGaps(WavFiles.read(wav, 48000, null));
        assertThat(got.length).as("samples received").isGreaterThanOrEqualTo(48000 * 2);
        double[] best = align(reference, got);
        assertThat(best[0]).as("SNR of our decoding of ffmpeg's packets against libopus's, our first sample aligned "
                + "with its sample %d; statistics %s", (int) best[1], received.out()).isGreaterThanOrEqualTo(25.0);
    }

    /** The samples without their runs of 48 or more zeros (1 ms: gap silence, not decoded audio). */
    private static short[] withoutGaps(short[] samples) {
        short[] out = new short[samples.length];
        int n = 0;
        for (int i = 0; i < samples.length; ) {
            int j = i;
            while (j < samples.length && samples[j] == 0) {
                j++;
            }
            if (j - i < 48) {
                System.arraycopy(samples, i, out, n, j - i);
                n += j - i;
            }
            if (j == i) {
                out[n++] = samples[i];
                j++;
            }
            i = j;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Finds where {@code got} starts in {@code reference}: a coarse search over every other offset
     * on 100 ms, then every offset near the best on a second; both leave out {@code got}'s first
     * 100 ms (a decoder starting mid-stream converges there).
     *
     * @return the SNR in dB over the second and the offset in {@code reference} of {@code got[0]}
     */
    private static double[] align(short[] reference, short[] got) {
        int skip = 5 * FRAME;
        double coarseBest = Double.NEGATIVE_INFINITY;
        int coarse = 0;
        for (int at = -skip; at + skip < reference.length; at += 2) {
            double snr = snr(reference, at + skip, got, skip, 4800, 4800);
            if (snr > coarseBest) {
                coarseBest = snr;
                coarse = at;
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        int aligned = coarse;
        for (int at = Math.max(-skip, coarse - 4); at <= coarse + 4; at++) {
            double snr = snr(reference, at + skip, got, skip, 48000, 48000);
            if (snr > best) {
                best = snr;
                aligned = at;
            }
        }
        return new double[] {best, aligned};
    }

    private static boolean hasAudio(Path sdp) {
        try {
            return SessionDescription.parse(Files.readAllBytes(sdp)).media().stream().anyMatch(m -> m.port() > 0);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false; // not written whole yet
        }
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

    /**
     * 10 log10 of signal energy over error energy, for {@code length} samples (or as many as both
     * have, at least {@code least}, else minus infinity: not a candidate alignment).
     */
    private static double snr(short[] reference, int from, short[] got, int gotFrom, int length, int least) {
        int n = Math.min(length, Math.min(reference.length - from, got.length - gotFrom));
        if (n < least || from < 0) {
            return Double.NEGATIVE_INFINITY;
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
