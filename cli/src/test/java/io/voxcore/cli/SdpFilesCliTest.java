package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.sdp.DeclarativeSdp;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.NegotiatedMedia;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code receive --sdp} and {@code send --sdp-out} without ffmpeg: real loopback sockets, RTP written by hand. */
@Timeout(60)
class SdpFilesCliTest {

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return f;
    }

    /**
     * A file whose address is not this machine's (TEST-NET-1) mapping PCMA, PCMU, telephone-event
     * and CN, plus three payload types no session here decodes. receive --sdp says it listens on
     * the wildcard instead, names the three, ignores a packet of one of them (and does not latch
     * to its sender), and decodes PCMA then PCMU packets of one stream each with its own codec,
     * as the ITU-T G.191 reference decodes them, then counts the digit and the CN packet.
     */
    @Test
    void receiveSdpListensOnTheWildcardForAForeignAddressAndDecodesEveryMappedTypeItHas() throws Exception {
        ItuG711 itu = ItuG711.load();
        int port = Ffmpeg.freeRtpPort();
        Path sdp = file("stream.sdp", "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio " + port + " RTP/AVP 8 0 97 96 101 102 13", "a=rtpmap:97 PCMU/44100",
                "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=rtpmap:102 telephone-event/16000");
        Path wav = dir.resolve("out.wav");
        Cli.Started receiving = Cli.start("receive", "--sdp", sdp.toString(), "--out", wav.toString(), "--seconds", "3");
        receiving.awaitOutput("receive: listening on /0.0.0.0:" + port + " (from " + sdp
                + ": 8 PCMA/8000, 0 PCMU/8000, 101 telephone-event/8000 (0-15), 13 CN/8000)");
        String screen = receiving.out().toString();
        assertThat(screen).contains("receive: 192.0.2.1 (the c= address of " + sdp
                + ") is not an address of this machine: listening on 0.0.0.0 instead")
                .contains("receive: not decodable here: 97 PCMU/44100: no codec in this jar decodes it (it has PCMU/8000, "
                        + "PCMA/8000, G722/8000, opus/48000, opus/48000/2)")
                .contains("receive: not decodable here: payload type 96 has no a=rtpmap and is not a static type")
                .contains("receive: not decodable here: 102 telephone-event/16000 runs at another rate");

        short[] signal = DemoCommand.speech(8000, 3);
        short[] expected = new short[signal.length];
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            stranger.send(packet(to, 97, false, 1, 0, 0x1111, new byte[160]));
            int seq = 100;
            long next = System.nanoTime();
            for (int p = 0; p < 50; p++, seq++) {
                boolean alaw = p < 25;
                byte[] payload = new byte[160];
                for (int i = 0; i < 160; i++) {
                    short s = signal[p * 160 + i];
                    int code = alaw ? itu.alawEncode(s) : itu.ulawEncode(s);
                    payload[i] = (byte) code;
                    expected[p * 160 + i] = alaw ? itu.alawDecode(code) : itu.ulawDecode(code);
                }
                next = pace(next);
                peer.send(packet(to, alaw ? 8 : 0, p == 0, seq, p * 160, 0x2222, payload));
            }
            long eventTs = 8000;
            for (int d = 1; d <= 5; d++, seq++) {
                boolean end = d >= 3; // RFC 4733: the end packet three times
                int duration = Math.min(d, 3) * 160;
                byte[] event = {5, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
                next = pace(next);
                peer.send(packet(to, 101, d == 1, seq, eventTs, 0x2222, event));
            }
            next = pace(next);
            peer.send(packet(to, 13, true, seq, eventTs + 480, 0x2222, new byte[] {60}));
        }
        Cli.Result received = receiving.await();
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(Played.assertInOrder("PCMA then PCMU", expected, WavFiles.read(wav), received.out()))
                .as("samples missed at the start").isZero();
        assertThat(received.out()).contains("\"wrongPayloadType\":1").contains("\"cumulativeLost\":0")
                .contains("\"gapPackets\":0").contains("\"dtmfReceived\":1").contains("\"comfortNoisePackets\":1")
                .contains("\"undecodable\":0");
    }

    private static long pace(long next) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait); // a real sender's 20 ms packet clock, not a synchronisation
        }
        return next + 20_000_000L;
    }

    private static DatagramPacket packet(InetSocketAddress to, int pt, boolean marker, int seq, long ts, int ssrc,
            byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq).putInt((int) ts).putInt(ssrc)
                .put(payload);
        return new DatagramPacket(b.array(), b.capacity(), to);
    }

    @Test
    void sdpAndListenAreAlternativesAndBadFilesExitWithTwoAndOneLine() throws Exception {
        Path sdp = file("ok.sdp", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 0");
        String out = dir.resolve("x.wav").toString();
        Cli.Result both = Cli.run("receive", "--sdp", sdp.toString(), "--listen", "127.0.0.1:0", "--out", out,
                "--seconds", "1");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--sdp").contains("--listen").contains("mutually exclusive").hasLineCount(1);
        Cli.Result sdpAndCodec = Cli.run("receive", "--sdp", sdp.toString(), "--codec", "PCMA", "--out", out,
                "--seconds", "1");
        assertThat(sdpAndCodec.code()).isEqualTo(2);
        assertThat(sdpAndCodec.err()).contains("--sdp").contains("--codec").contains("mutually exclusive")
                .hasLineCount(1);
        Cli.Result codecAlone = Cli.run("receive", "--codec", "PCMA", "--out", out, "--seconds", "1");
        assertThat(codecAlone.code()).isEqualTo(2);
        assertThat(codecAlone.err()).contains("--codec and --event-pt go with --listen").hasLineCount(1);
        Cli.Result neither = Cli.run("receive", "--out", out, "--seconds", "1");
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).contains("specify one of these").contains("--sdp").contains("--listen").hasLineCount(1);

        Path text = file("notes.sdp", "hello");
        Cli.Result notSdp = Cli.run("receive", "--sdp", text.toString(), "--out", out, "--seconds", "1");
        assertThat(notSdp.code()).isEqualTo(2);
        assertThat(notSdp.err()).contains(text.toString()).contains("not SDP").hasLineCount(1);

        Path video = file("video.sdp", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=video 5004 RTP/AVP 96", "a=rtpmap:96 H264/90000");
        Cli.Result noAudio = Cli.run("receive", "--sdp", video.toString(), "--out", out, "--seconds", "1");
        assertThat(noAudio.code()).isEqualTo(2);
        assertThat(noAudio.err()).contains("no audio stream we can receive").contains("m=video 5004 RTP/AVP: not audio")
                .hasLineCount(1);

        Path multicast = file("multicast.sdp", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 239.1.2.3/16",
                "t=0 0", "m=audio 5004 RTP/AVP 8");
        Cli.Result group = Cli.run("receive", "--sdp", multicast.toString(), "--out", out, "--seconds", "1");
        assertThat(group.code()).isEqualTo(2);
        assertThat(group.err()).contains("239.1.2.3 is multicast").hasLineCount(1);

        Cli.Result missing = Cli.run("receive", "--sdp", dir.resolve("absent.sdp").toString(), "--out", out,
                "--seconds", "1");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("voxcore: error:").contains("absent.sdp").hasLineCount(1);

        Cli.Result badDelay = Cli.run("send", "--to", "127.0.0.1:9", "--in", "x.wav", "--start-delay", "-1");
        assertThat(badDelay.code()).isEqualTo(2);
        assertThat(badDelay.err()).contains("--start-delay -1.0").hasLineCount(1);
    }

    /** The file send --sdp-out writes, line by line (RFC 8866 order, CRLF), for IPv4 with DTMF and IPv6 without. */
    @Test
    void theSendSdpIsTheDeclarativeDescriptionOfTheStream() throws Exception {
        long unix = 1_700_000_000L; // NTP 3908988800
        String v4 = SendSdp.describe(new InetSocketAddress("127.0.0.1", 5004), Codec.PCMA, 30, 101, unix).write();
        assertThat(v4).isEqualTo("v=0\r\no=- 3908988800 3908988800 IN IP4 127.0.0.1\r\ns=voxcore send\r\n"
                + "c=IN IP4 127.0.0.1\r\nt=0 0\r\na=tool:voxcore\r\nm=audio 5004 RTP/AVP 8 101\r\n"
                + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:30\r\n"
                + "a=sendonly\r\n");
        String v6 = SendSdp.describe(new InetSocketAddress("::1", 5006), Codec.PCMU, 20, -1, unix).write();
        assertThat(v6).isEqualTo("v=0\r\no=- 3908988800 3908988800 IN IP6 ::1\r\ns=voxcore send\r\n"
                + "c=IN IP6 ::1\r\nt=0 0\r\na=tool:voxcore\r\nm=audio 5006 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendonly\r\n");
        // RFC 5952 section 4: the longest run of zero groups (the first of equals) shortened, never a single one
        assertThat(SendSdp.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(SendSdp.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(SendSdp.text(InetAddress.getByName("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
        assertThat(SendSdp.text(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(SendSdp.text(InetAddress.getByName("192.0.2.1"))).isEqualTo("192.0.2.1");
    }

    /**
     * voxcore to voxcore through the file alone: send --sdp-out writes it (with the digit's
     * telephone-event), receive --sdp reads it, decodes the G.711 round trip of the WAV file and
     * hears the digit; over IPv4 and IPv6.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void sendSdpOutToReceiveSdpCarriesTheAudioAndTheDigit(String host) throws Exception {
        short[] signal = DemoCommand.speech(8000, 5);
        Path in = dir.resolve("in.wav");
        WavFiles.write(in, signal, signal.length);
        int port = Ffmpeg.freeRtpPort();
        Path sdp = dir.resolve("send.sdp");
        Path wav = dir.resolve("out.wav");
        String hostPort = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        Cli.Started sending = Cli.start("send", "--to", hostPort, "--codec", "PCMU", "--ptime", "40",
                "--dtmf", "7", "--in", in.toString(), "--sdp-out", sdp.toString(), "--start-delay", "1");
        sending.awaitOutput("send: wrote " + sdp);
        NegotiatedMedia described = DeclarativeSdp.receiving(
                io.voxcore.media.sdp.SessionDescription.parse(Files.readAllBytes(sdp)), MediaCapabilities.defaults());
        assertThat(described.receivePayloadTypes()).containsOnlyKeys(0, 101);
        assertThat(described.ptime()).isEqualTo(40);
        Cli.Started receiving = Cli.start("receive", "--sdp", sdp.toString(), "--out", wav.toString(),
                "--seconds", "3");
        receiving.awaitOutput("receive: listening on " + new InetSocketAddress(host, port) + " (from " + sdp
                + ": 0 PCMU/8000, 101 telephone-event/8000 (0-15))");
        assertThat(Files.readString(sdp)).contains("\r\nc=IN " + (host.contains(":") ? "IP6 " : "IP4 ") + host + "\r\n");
        Cli.Result sent = sending.await();
        assertThat(sent.code()).as(sent.err()).isZero();
        Cli.Result received = receiving.await();
        assertThat(received.code()).as(received.err()).isZero();
        assertThat(received.out()).contains("\"dtmfReceived\":1").contains("\"cumulativeLost\":0")
                .contains("\"gapPackets\":0").contains("\"wrongPayloadType\":0");
        short[] reference = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            reference[i] = G711.ulawToLinear(G711.linearToUlaw(signal[i]));
        }
        assertThat(Played.assertInOrder("PCMU", reference, WavFiles.read(wav), received.out()))
                .as("samples missed at the start").isLessThan(signal.length / 2);
    }
}
