package io.voxcore.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AES_CM_128_HMAC_SHA1_80 against libavformat's own SRTP implementation, over real UDP sockets on
 * loopback, in both directions. Skipped with a message when ffmpeg is not installed.
 */
@Timeout(120)
class FfmpegSrtpInteropTest {

    private static final int RATE = 8000;

    @TempDir
    Path dir;

    /** Noise-like audio (seeded): every 20 ms of it is unique, so a decoded stretch has one place in it. */
    private static short[] signal(int samples) {
        Random random = new Random(3711);
        short[] out = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            phase += 2 * Math.PI * (300 + 200 * Math.sin(i / 900.0)) / RATE;
            out[i] = (short) (6000 * Math.sin(phase) + random.nextInt(4001) - 2000);
        }
        return out;
    }

    /**
     * ffmpeg encodes PCMU and sends it as SRTP (and SRTCP sender reports to port + 1) with a key we
     * gave it; the a=crypto line it writes in its SDP parses with {@link SdesCrypto}; every packet
     * we read unprotects, and the decrypted payloads are exactly ffmpeg's own PCMU encoding of the
     * input, byte for byte, while no protected payload equals its plaintext.
     */
    @Test
    void ffmpegSendsSrtpAndWeRecoverItsExactPayload() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require(dir);
        short[] signal = signal(RATE * 2);
        Path raw = dir.resolve("in.raw");
        writeS16le(raw, signal);
        Path ulaw = dir.resolve("in.ulaw");
        ffmpeg.run(60, "-f", "s16le", "-ar", "8000", "-ac", "1", "-i", raw.toString(), "-c:a", "pcm_mulaw",
                "-f", "mulaw", "-y", ulaw.toString());
        byte[] expected = Files.readAllBytes(ulaw);
        assertThat(expected).hasSize(signal.length);

        SdesCrypto ours = SdesCrypto.generate(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        String inline = ours.attributeValue().split("inline:")[1];
        try (DatagramChannel rtp = DatagramChannel.open(); DatagramChannel rtcp = DatagramChannel.open();
                Selector selector = Selector.open()) {
            int port = bindPair(rtp, rtcp);
            Path sdp = dir.resolve("out.sdp");
            ffmpeg.run(60, "-f", "s16le", "-ar", "8000", "-ac", "1", "-i", raw.toString(), "-c:a", "pcm_mulaw",
                    "-f", "rtp", "-srtp_out_suite", "AES_CM_128_HMAC_SHA1_80", "-srtp_out_params", inline,
                    "-sdp_file", sdp.toString(), "srtp://127.0.0.1:" + port + "?rtcpport=" + (port + 1));

            String cryptoLine = Files.readAllLines(sdp, StandardCharsets.US_ASCII).stream()
                    .filter(l -> l.startsWith("a=crypto:")).findFirst().orElseThrow();
            SdesCrypto written = SdesCrypto.parse(cryptoLine);
            assertThat(written.suite()).isEqualTo(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
            assertThat(written.masterKey()).containsExactly(ours.masterKey());
            SrtpContext rx = written.receivingContext();

            rtp.configureBlocking(false).register(selector, SelectionKey.OP_READ, Boolean.TRUE);
            rtcp.configureBlocking(false).register(selector, SelectionKey.OP_READ, Boolean.FALSE);
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048).order(ByteOrder.LITTLE_ENDIAN);
            byte[] payloads = new byte[expected.length];
            int got = 0;
            int reports = 0;
            int plaintextLookalikes = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (got < expected.length && System.nanoTime() < deadline) {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    buffer.clear();
                    while (channel.receive(buffer) != null) {
                        int length = buffer.position();
                        if ((Boolean) key.attachment()) {
                            int seqPayloadAt = 12;
                            byte[] cipher = new byte[length - 12 - 10];
                            buffer.get(seqPayloadAt, cipher);
                            int n = rx.unprotectRtp(buffer, 0, length);
                            assertThat(n).as("SRTP from ffmpeg: %s", n < 0 ? SrtpFailure.of(n) : "").isPositive();
                            int count = n - 12;
                            buffer.get(12, payloads, got, count);
                            if (Arrays.equals(cipher, 0, count, payloads, got, got + count)) {
                                plaintextLookalikes++;
                            }
                            got += count;
                        } else {
                            int n = rx.unprotectRtcp(buffer, 0, length);
                            assertThat(n).as("SRTCP from ffmpeg: %s", n < 0 ? SrtpFailure.of(n) : "").isPositive();
                            assertThat(buffer.get(1) & 0xff).as("sender report").isEqualTo(200);
                            reports++;
                        }
                        buffer.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
            assertThat(got).as("PCMU bytes recovered").isEqualTo(expected.length);
            assertThat(payloads).isEqualTo(expected);
            assertThat(plaintextLookalikes).as("packets whose ciphertext equals the plaintext").isZero();
            assertThat(reports).as("SRTCP sender reports").isPositive();
            assertThat(rx.failures(SrtpFailure.AUTH_FAILED) + rx.failures(SrtpFailure.REPLAYED)).isZero();
        }
    }

    /**
     * We send PCMU as SRTP, paced at 20 ms, and SRTCP sender reports; ffmpeg reads the SDP we
     * write (RTP/SAVP with our a=crypto line), decrypts with libavformat's SRTP and decodes; what
     * it decodes is found, sample for sample, in the G.711 round trip of what we sent.
     */
    @Test
    void weSendSrtpAndFfmpegDecodesOurAudio() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.require(dir);
        short[] signal = signal(RATE * 8);
        byte[] ulaw = new byte[signal.length];
        short[] reference = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            ulaw[i] = G711.linearToUlaw(signal[i]);
            reference[i] = G711.ulawToLinear(ulaw[i]);
        }
        SdesCrypto crypto = SdesCrypto.generate(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        int port;
        try (DatagramChannel probe = DatagramChannel.open(); DatagramChannel probe2 = DatagramChannel.open()) {
            port = bindPair(probe, probe2);
        }
        Path sdp = dir.resolve("in.sdp");
        Files.write(sdp, String.join("\r\n", List.of("v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=voxcore srtp",
                "c=IN IP4 127.0.0.1", "t=0 0", "m=audio " + port + " RTP/SAVP 0", "a=rtpmap:0 PCMU/8000",
                "a=crypto:" + crypto.attributeValue(), "a=recvonly", "")).getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("out.raw");
        Process receiver = ffmpeg.start("-protocol_whitelist", "file,udp,rtp,srtp", "-i", sdp.toString(),
                "-t", "2", "-f", "s16le", "-ar", "8000", "-ac", "1", "-y", out.toString());
        // Our first packets carry sequence numbers just before the wrap: a receiver that joins after
        // it would assume ROC 0 and could authenticate nothing (RFC 3711 3.3.1), so start once
        // ffmpeg's socket is bound (it queues what arrives before it reads).
        awaitUdpBound(port, receiver);
        SrtpContext tx = crypto.sendingContext();
        int ssrc = 0x5EC0_0001;
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            InetSocketAddress rtpTarget = new InetSocketAddress("127.0.0.1", port);
            InetSocketAddress rtcpTarget = new InetSocketAddress("127.0.0.1", port + 1);
            ByteBuffer packet = ByteBuffer.allocateDirect(256);
            long next = System.nanoTime();
            // Send, paced, while ffmpeg runs (it stops after 2 s of audio); what it decodes is aligned
            // against the reference below.
            for (int frame = 0; frame * 160 + 160 <= signal.length && receiver.isAlive(); frame++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                next += 20_000_000L;
                Packets.writeRtp(packet, 0, ssrc, (65_500 + frame) & 0xffff, 0); // crosses the wrap
                Packets.putInt(packet, 4, frame * 160);
                packet.put(12, ulaw, frame * 160, 160);
                int n = tx.protectRtp(packet, 0, 172);
                assertThat(n).isEqualTo(182);
                channel.send(packet.duplicate().limit(n), rtpTarget);
                if (frame % 50 == 0) {
                    ByteBuffer sr = ByteBuffer.allocate(28 + 20);
                    sr.put(0, (byte) 0x80).put(1, (byte) 200).put(2, (byte) 0).put(3, (byte) 6);
                    Packets.putInt(sr, 4, ssrc);
                    Packets.putInt(sr, 16, frame * 160);
                    Packets.putInt(sr, 20, frame);
                    Packets.putInt(sr, 24, frame * 160);
                    int m = tx.protectRtcp(sr, 0, 28);
                    channel.send(sr.duplicate().limit(m), rtcpTarget);
                }
            }
            ffmpeg.await(receiver, 30);
        } finally {
            receiver.destroyForcibly();
        }
        short[] decoded = readS16le(out);
        assertThat(decoded.length).as("samples ffmpeg decoded").isGreaterThanOrEqualTo(RATE * 2 - 160);
        assertThat(indexOf(reference, decoded)).as("ffmpeg's output inside our audio, sample for sample; ffmpeg: %s",
                ffmpeg.output()).isNotNegative();
        assertThat(tx.rolloverCounter(ssrc)).isEqualTo(tx.rtpPackets() > 36 ? 1 : 0);
    }

    /** Waits until a UDP socket is bound to {@code port} (Linux /proc/net/udp), or skips where that cannot be seen. */
    private static void awaitUdpBound(int port, Process process) throws IOException, InterruptedException {
        Path table = Path.of("/proc/net/udp");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(table),
                "no /proc/net/udp to see when ffmpeg listens; SRTP send interop test skipped");
        String needle = String.format(":%04X ", port);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : Files.readAllLines(table)) {
                String[] columns = line.strip().split("\\s+");
                if (columns.length > 1 && (columns[1] + " ").endsWith(needle)) {
                    return;
                }
            }
            LockSupport.parkNanos(5_000_000L);
        }
        throw new IOException("ffmpeg did not bind UDP port " + port + " within 30 s");
    }

    /** Binds two channels to an even port and the next one. */
    private static int bindPair(DatagramChannel rtp, DatagramChannel rtcp) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                port = ((InetSocketAddress) probe.getLocalAddress()).getPort() & ~1;
            }
            try {
                rtp.bind(new InetSocketAddress("127.0.0.1", port));
                rtcp.bind(new InetSocketAddress("127.0.0.1", port + 1));
                rtp.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
                return port;
            } catch (IOException busy) {
                if (rtp.getLocalAddress() != null) {
                    throw busy; // bound the first but not the second: give up rather than rebind
                }
            }
        }
        throw new IOException("no free even/odd UDP port pair on 127.0.0.1");
    }

    private static void writeS16le(Path file, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        Files.write(file, b.array());
    }

    private static short[] readS16le(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[b.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getShort();
        }
        return out;
    }

    /** Where {@code part} occurs in {@code whole}, or -1. */
    private static int indexOf(short[] whole, short[] part) {
        outer:
        for (int at = 0; at + part.length <= whole.length; at++) {
            for (int i = 0; i < part.length; i++) {
                if (whole[at + i] != part[i]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }
}
