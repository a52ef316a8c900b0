package io.voxcore.codec.opus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opus over RTP both ways with ffmpeg, whose Opus is libopus (float), against Concentus (fixed
 * point): the same packets decoded by both must agree at 25 dB SNR or better. Skipped with a
 * message when ffmpeg or its libopus is missing.
 */
@Timeout(120)
class FfmpegOpusInteropTest {

    private static final int RATE = 48000;

    @TempDir
    Path dir;

    /**
     * ffmpeg encodes the ITU speech with libopus once and writes the same packets both to RTP (to
     * our socket) and to an Ogg file; ffmpeg's libopus decodes the Ogg file, we decode the RTP
     * payloads, and the two decodings are compared. Measured: SILK-only streams (24 kbit/s from
     * 16 kHz) decode bit-identically (SNR reported as 200 dB: no difference), CELT streams
     * (64 kbit/s, 48 kHz, application audio) at 71 dB.
     */
    @ParameterizedTest(name = "{0} from {1} Hz, application {2}")
    @CsvSource({"24k, 16000, voip", "64k, 48000, audio"})
    void weDecodeFfmpegsRtpAsLibopusDoes(String bitrate, String inputRate, String application) throws Exception {
        int lag = variant(bitrate, inputRate, application);
        assertThat(lag).as("offset: the Ogg pre-skip of libopus's 48 kHz encoder delay").isEqualTo(312);
    }

    private int variant(String bitrate, String inputRate, String application) throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        Path raw = dir.resolve("in.raw");
        short[] speech = Audio.ituSpeech16k();
        if (inputRate.equals("48000")) {
            io.voxcore.codec.Resampler r = io.voxcore.codec.Resampler.create(16000, 48000);
            short[] up = new short[r.maxOutput(speech.length)];
            speech = Arrays.copyOf(up, r.process(speech, 0, speech.length, up, 0));
        }
        Ffmpeg.writeS16le(raw, speech);
        List<byte[]> payloads = new ArrayList<>();
        try (DatagramChannel socket = DatagramChannel.open()) {
            socket.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
            Path ogg = dir.resolve("same.ogg");
            Files.deleteIfExists(ogg);
            ffmpeg.run("-hide_banner", "-loglevel", "error", "-nostdin", "-f", "s16le", "-ar", inputRate, "-ac", "1",
                    "-i", raw.toString(), "-map", "0:a", "-c:a", "libopus", "-b:a", bitrate, "-application", application,
                    "-frame_duration", "20", "-f", "tee",
                    "[f=rtp:payload_type=111]rtp://127.0.0.1:" + port + "|[f=ogg]" + ogg);
            // ffmpeg has ended: every datagram it sent is queued on our socket
            socket.configureBlocking(false);
            ByteBuffer buf = ByteBuffer.allocate(2048);
            int lastSeq = -1;
            while (socket.receive(buf.clear()) != null) {
                buf.flip();
                int pt = buf.get(1) & 0x7F;
                int seq = buf.getShort(2) & 0xFFFF;
                assertThat(pt).isEqualTo(111);
                if (lastSeq >= 0) {
                    assertThat(seq).as("sequence without gaps").isEqualTo((lastSeq + 1) & 0xFFFF);
                }
                lastSeq = seq;
                int headerLength = 12 + 4 * (buf.get(0) & 0x0F);
                payloads.add(Arrays.copyOfRange(buf.array(), headerLength, buf.limit()));
            }
            Path decoded = dir.resolve("ffmpeg.raw");
            ffmpeg.run("-hide_banner", "-loglevel", "error", "-nostdin", "-c:a", "libopus", "-i", ogg.toString(),
                    "-f", "s16le", "-ar", "48000", "-y", decoded.toString());
            // the Ogg header says mono, so libopus decodes mono; no -ac, which would remix
            short[] theirs = Ffmpeg.readS16le(decoded);

            OpusCodec ours = OpusCodec.create(OpusSettings.defaults().withSampleRate(RATE));
            short[] mine = new short[payloads.size() * 960 * 6];
            int at = 0;
            for (byte[] p : payloads) {
                at += ours.decode(p, 0, p.length, mine, at);
            }
            assertThat(payloads.size()).as("RTP packets").isGreaterThan(290);
            assertThat(at).as("samples we decoded").isEqualTo(payloads.size() * 960);
            return assertSameAudio(Arrays.copyOf(mine, at), theirs);
        }
    }

    /**
     * We encode the ITU speech and send it as RTP; ffmpeg receives it through an SDP file
     * ({@code a=rtpmap:111 opus/48000/2}), decodes it with libopus without error, and its output
     * matches our own decoding of our packets.
     */
    @Test
    void ffmpegDecodesOurRtpAsWeDo() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require();
        OpusSettings settings = OpusSettings.defaults().withSampleRate(16000).withBitrate(24000).withFec(10);
        byte[][] packets = OpusCodecTest.encodeAll(OpusCodec.create(settings), Audio.ituSpeech16k(), 320);
        int port;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        Path sdp = dir.resolve("opus.sdp");
        Files.write(sdp, String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=voxcore opus", "c=IN IP4 127.0.0.1",
                "t=0 0", "m=audio " + port + " RTP/AVP 111", "a=rtpmap:111 " + OpusConfig.RTPMAP,
                "a=fmtp:111 " + OpusConfig.describing(settings).toFmtp(), "a=recvonly", "").getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("out.raw");
        int seconds = 5;
        Process receiver = ffmpeg.start("-hide_banner", "-loglevel", "error", "-nostdin", "-protocol_whitelist",
                "file,udp,rtp", "-c:a", "libopus", "-i", sdp.toString(), "-t", String.valueOf(seconds),
                "-f", "s16le", "-ar", "48000", "-ac", "2", "-y", out.toString());
        try (DatagramChannel socket = DatagramChannel.open()) {
            awaitBound(port, receiver);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            ByteBuffer rtp = ByteBuffer.allocate(1500);
            for (int k = 0; k < packets.length; k++) {
                rtp.clear();
                rtp.put((byte) 0x80).put((byte) 111).putShort((short) k).putInt(k * 960).putInt(0x0BADCAFE);
                rtp.put(packets[k]).flip();
                socket.write(rtp);
            }
            Ffmpeg.await(receiver, 60, "receive");
        } finally {
            receiver.destroyForcibly();
        }
        short[] theirs = Ffmpeg.left(Ffmpeg.readS16le(out));
        assertThat(theirs.length).as("samples ffmpeg wrote").isGreaterThanOrEqualTo(RATE * seconds - 960);

        OpusCodec ours = OpusCodec.create(settings.withSampleRate(RATE));
        short[] mine = new short[packets.length * 960];
        int at = 0;
        for (byte[] p : packets) {
            at += ours.decode(p, 0, p.length, mine, at);
        }
        assertThat(assertSameAudio(mine, theirs)).as("offset: RTP has no pre-skip").isZero();
    }

    /** Waits until ffmpeg has bound the port (our own bind then fails), or fails if ffmpeg died. */
    private static void awaitBound(int port, Process receiver) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!receiver.isAlive()) {
                throw new AssertionError("ffmpeg ended before receiving: "
                        + new String(receiver.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            try (DatagramChannel test = DatagramChannel.open()) {
                test.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (BindException bound) {
                return;
            }
            Thread.sleep(20); // polling a condition we cannot be notified of, not a timing assumption
        }
        throw new AssertionError("ffmpeg did not bind port " + port + " within 30 s");
    }

    /**
     * Finds the offset between the two decodings (Ogg strips the encoder's pre-skip, RTP does not)
     * and requires 25 dB SNR over four seconds; returns the offset.
     */
    private static int assertSameAudio(short[] ours, short[] theirs) {
        int window = RATE * 4;
        int bestLag = 0;
        double bestSnr = -99;
        for (int lag = -1000; lag <= 1000; lag++) {
            int from = Math.max(0, -lag) + RATE / 10;
            if (from + lag + window > ours.length || from + window > theirs.length) {
                continue;
            }
            double snr = Audio.snr(theirs, from, ours, lag, window);
            if (snr > bestSnr) {
                bestSnr = snr;
                bestLag = lag;
            }
        }
        System.out.printf("ffmpeg interop: lag %d samples, SNR %.2f dB%n", bestLag, bestSnr);
        assertThat(bestSnr).as("SNR of our decoding against libopus's, at lag %d", bestLag).isGreaterThanOrEqualTo(25);
        return bestLag;
    }
}
