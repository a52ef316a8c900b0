package io.voxcore.media.session;

import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.srtp.SdesPolicy;
import io.voxcore.media.srtp.SrtpSuite;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions negotiated with RTP/SAVP and SDES keys (issue 14) over real sockets: the audio equals
 * the plaintext case sample for sample, nothing of the signal is on the wire, and forged,
 * replayed and bit-flipped packets are counted and dropped without touching the stream.
 */
@Timeout(60)
class SrtpSessionTest {

    @TempDir
    Path dir;

    static MediaCapabilities secure(SrtpSuite... suites) {
        return MediaCapabilities.builder().codec(CodecCapability.of("PCMU", 8000))
                .srtp(suites.length == 0 ? SdesPolicy.defaults() : SdesPolicy.of(suites)).build();
    }

    static short[] ulaw(short[] pcm) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = G711.ulawToLinear(G711.linearToUlaw(pcm[i]));
        }
        return out;
    }

    @Test
    void twoSessionsNegotiateSavpAndHearEachOtherExactlyWithSrtcp() throws Exception {
        List<AudioFrame> atB = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSessionConfig.Builder config = NegotiatedSessionTest.config();
            MediaSession a = engine.createSession(config.build());
            MediaSession b = engine.createSession(config.build());
            NegotiatedMedia[] call = NegotiatedSessionTest.negotiate(OfferAnswer.create(secure(), a.localAddress()),
                    OfferAnswer.create(secure(SrtpSuite.AEAD_AES_128_GCM, SrtpSuite.AES_CM_128_HMAC_SHA1_80),
                            b.localAddress()));
            assertThat(call[0].proto()).isEqualTo("RTP/SAVP");
            a.update(call[0]);
            b.update(call[1]).onAudio(atB::add);
            a.start();
            b.start();
            a.play(NegotiatedSessionTest.tone());
            await("audio at B", Duration.ofSeconds(10), () -> atB.size() >= 25);
            await("SRTCP both ways", Duration.ofSeconds(10),
                    () -> a.statistics().srtp().rtcpUnprotected() > 0 && b.statistics().srtp().rtcpUnprotected() > 0);
            short[] expected = ulaw(NegotiatedSessionTest.CHUNK);
            for (AudioFrame f : atB) {
                assertThat(f.samples()).as("decrypted and decoded, as in the plaintext case").isEqualTo(expected);
            }
            SrtpStatistics sb = b.statistics().srtp();
            assertThat(sb.active()).isTrue();
            assertThat(sb.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80"); // the offerer's first choice B accepts
            assertThat(sb.rtpUnprotected()).isGreaterThanOrEqualTo(25);
            assertThat(sb.authenticationFailures() + sb.replays() + sb.otherFailures()).isZero();
            assertThat(a.statistics().srtp().rtpProtected()).isGreaterThanOrEqualTo(25);
            assertThat(call[0].localCrypto().toString()).doesNotContain(call[0].localCrypto().keyParams());
        }
    }

    @Test
    void forgedReplayedAndFlippedPacketsAreCountedAndDroppedAndTheWireHoldsNoPlaintext() throws Exception {
        List<AudioFrame> atB = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer wire = new RawPeer(0)) {
            MediaSession a = engine.createSession(NegotiatedSessionTest.config().build());
            MediaSession b = engine.createSession(NegotiatedSessionTest.config().natMode(NatMode.SYMMETRIC).build());
            OfferAnswer oaA = OfferAnswer.create(secure(), a.localAddress());
            OfferAnswer oaB = OfferAnswer.create(secure(), b.localAddress());
            NegotiatedMedia[] call = NegotiatedSessionTest.negotiate(oaA, oaB);
            a.update(call[0]);
            b.update(call[1]).onAudio(atB::add);
            a.remoteAddress(wire.address()); // A's packets reach the wire first, a man in the middle
            a.start();
            b.start();
            a.play(NegotiatedSessionTest.tone());
            wire.channel.configureBlocking(true);
            List<byte[]> seen = new ArrayList<>();
            while (seen.size() < 30) {
                ByteBuffer got = ByteBuffer.allocate(2048);
                wire.channel.receive(got);
                if (got.position() > 1 && (got.get(1) & 0x7F) == 0) {
                    byte[] p = new byte[got.position()];
                    got.flip().get(p);
                    seen.add(p);
                }
            }
            byte[] plainPayload = new byte[160];
            for (int i = 0; i < 160; i++) {
                plainPayload[i] = G711.linearToUlaw(NegotiatedSessionTest.CHUNK[i]);
            }
            String plainHex = HexFormat.of().formatHex(plainPayload, 0, 32);
            for (byte[] p : seen) {
                assertThat(p).hasSize(12 + 160 + 10); // header, encrypted payload, 80-bit tag
                assertThat(HexFormat.of().formatHex(p)).as("no plaintext on the wire").doesNotContain(plainHex);
            }
            for (byte[] p : seen) { // the man in the middle delivers honestly
                wire.sendBytes(p, b.localAddress());
                Thread.sleep(2);
            }
            await("the genuine packets heard", Duration.ofSeconds(10), () -> atB.size() == 30);
            long received = b.statistics().packetsReceived();

            wire.sendBytes(seen.get(29), b.localAddress()); // a replay
            wire.sendBytes(seen.get(3), b.localAddress());  // an old one
            byte[] flipped = seen.get(29).clone();
            flipped[12 + 40] ^= 0x01;                        // one bit of ciphertext
            flipped[3] = (byte) (flipped[3] + 1);            // as the next sequence number
            wire.sendBytes(flipped, b.localAddress());
            ByteBuffer forged = RawPeer.packet(60_000, 5_000_000L, 0x1234_5678L, 0, NegotiatedSessionTest.CHUNK, 0);
            wire.send(forged, b.localAddress());             // plaintext RTP into an SRTP session
            await("the refusals counted", Duration.ofSeconds(5), () -> {
                SrtpStatistics s = b.statistics().srtp();
                return s.replays() == 2 && s.authenticationFailures() == 2;
            });
            assertThat(b.statistics().packetsReceived()).as("nothing refused reached the stream").isEqualTo(received);
            assertThat(b.statistics().remoteSsrc()).isEqualTo(a.ssrc());
            assertThat(atB).hasSize(30);
        }
    }

    @Test
    void tsharkFindsNoPlaintextOfTheSignalInACapture() throws Exception {
        ExternalTool tshark = ExternalTool.require("tshark");
        int port = Pcm.freeRtpPort();
        Path capture = dir.resolve("srtp.pcapng");
        // wait for every packet, so that tshark is stopped after the stream, never in the middle of it
        ExternalTool.Capture capturing = tshark.captureLoopback(port, 60, capture);
        DatagramSocket sink = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession a = engine.createSession(NegotiatedSessionTest.config().rtcpMode(RtcpMode.OFF).build());
            OfferAnswer oaA = OfferAnswer.create(secure(), a.localAddress());
            OfferAnswer peer = OfferAnswer.create(secure(), new InetSocketAddress("127.0.0.1", port));
            NegotiatedMedia[] call = NegotiatedSessionTest.negotiate(oaA, peer);
            a.update(call[0]);
            a.start();
            for (int i = 0; i < 60; i++) {
                a.send(NegotiatedSessionTest.CHUNK, 0, 160);
                Thread.sleep(2);
            }
            capturing.awaitPackets(60);
        } finally {
            capturing.close();
            sink.close();
        }
        String payloads = tshark.run(60, "-r", capture.toString(), "-Y", "udp.dstport==" + port, "-d",
                "udp.port==" + port + ",rtp", "-T", "fields", "-e", "rtp.payload");
        byte[] plain = new byte[160];
        for (int i = 0; i < 160; i++) {
            plain[i] = G711.linearToUlaw(NegotiatedSessionTest.CHUNK[i]);
        }
        String signal = HexFormat.of().formatHex(plain, 0, 16);
        List<String> rows = payloads.lines().filter(l -> l.matches("[0-9a-f:]{100,}")).toList();
        assertThat(rows).as("RTP payloads tshark dissected: %s", payloads).hasSize(60);
        for (String row : rows) {
            assertThat(row.replace(":", "")).as("a dissected payload").doesNotContain(signal);
        }
    }
}
