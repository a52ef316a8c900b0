package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.G711;
import io.voxcore.codec.Resampler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code voxcore relay} takes Opus on a leg (issue 12): a PCMU party sends raw RTP to leg A, the
 * relay (A PCMU, B opus under {@code --b-pt}) sends Opus to a raw socket at B. What arrives is
 * checked against codec-core called directly: each Opus payload equals G.711 decoding, the
 * {@code Resampler} 8 kHz to 48 kHz (one across the call) and a mono Opus encoder (Concentus is
 * deterministic, so the chains agree byte for byte); timestamps step 960 per 20 ms on the 48 kHz
 * clock, and a digit's telephone events arrive on B's event payload type with durations six times
 * the 8 kHz ones ({@code telephone-event/48000}).
 */
@Timeout(90)
class RelayOpusCliTest {

    private static final int FRAMES = 50;
    private static final int OPUS_PT = 120;
    private static final int B_EVENT_PT = 110;
    /** A 100 ms digit: four updates (160 ... 640 ticks at 8 kHz) and three end packets of 800. */
    private static final int[] EVENT_DURATIONS = {160, 320, 480, 640, 800, 800, 800};
    private static final long MASK = 0xFFFF_FFFFL;

    @Test
    void pcmuPartyThroughTheRelayToAnOpusPartyGivesCodecCoreBytesOnThe48kHzClock() throws Exception {
        short[] speech = DemoCommand.speech(160 * FRAMES, 5);
        try (DatagramSocket partyA = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket partyB = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Cli.Started relaying = Cli.start("relay", "--a-listen", "127.0.0.1:0", "--a",
                    "127.0.0.1:" + partyA.getLocalPort(), "--a-codec", "PCMU", "--b-listen", "127.0.0.1:0", "--b",
                    "127.0.0.1:" + partyB.getLocalPort(), "--b-codec", "opus", "--b-pt", String.valueOf(OPUS_PT),
                    "--b-event-pt", String.valueOf(B_EVENT_PT), "--seconds", "5");
            relaying.awaitOutput("and sends to /127.0.0.1:" + partyB.getLocalPort());
            Matcher listen = Pattern.compile("leg A listens on /127\\.0\\.0\\.1:(\\d+)").matcher(relaying.out().toString());
            assertThat(listen.find()).isTrue();
            assertThat(relaying.out().toString()).contains("(opus PT " + OPUS_PT + " mono 48000 Hz, events PT "
                    + B_EVENT_PT + " at 48000 Hz)");
            InetSocketAddress legA = new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.group(1)));

            byte[][] ulaw = new byte[FRAMES][160];
            long ts = MASK + 1 - 160 * 20; // the inbound timestamp wraps after 20 packets
            long next = System.nanoTime();
            for (int f = 0; f < FRAMES; f++) {
                for (int k = 0; k < 160; k++) {
                    ulaw[f][k] = G711.linearToUlaw(speech[160 * f + k]);
                }
                next = pace(next);
                send(partyA, legA, f == 0, 0, f, (ts + 160L * f) & MASK, ulaw[f]);
            }
            for (int i = 0; i < EVENT_DURATIONS.length; i++) {
                boolean end = i >= 4;
                byte[] event = {5, (byte) ((end ? 0x80 : 0) | 10), (byte) (EVENT_DURATIONS[i] >> 8),
                        (byte) EVENT_DURATIONS[i]};
                next = i <= 4 ? pace(next) : next;
                send(partyA, legA, i == 0, 101, FRAMES + i, (ts + 160L * FRAMES) & MASK, event);
            }

            List<byte[]> got = receive(partyB, FRAMES + EVENT_DURATIONS.length);
            Cli.Result relayed = relaying.await();
            assertThat(relayed.code()).as(relayed.err()).isZero();
            assertThat(relayed.out()).contains("\"packetsTranscoded\":" + FRAMES);

            AudioCodec encoder = CodecFactory.createByName("opus/48000/1");
            Resampler up = Resampler.create(8000, 48000);
            short[] narrow = new short[160];
            short[] wide = new short[960];
            byte[] expected = new byte[4000];
            long ssrc = ssrc(got.get(0));
            for (int f = 0; f < FRAMES; f++) {
                byte[] p = got.get(f);
                assertThat(p[1] & 0x7F).as("payload type of packet %d", f).isEqualTo(OPUS_PT);
                assertThat((p[1] & 0x80) != 0).as("marker of packet %d", f).isEqualTo(f == 0);
                assertThat(ssrc(p)).isEqualTo(ssrc);
                if (f > 0) {
                    assertThat((timestamp(p) - timestamp(got.get(f - 1))) & MASK).as("timestamp step before %d", f)
                            .isEqualTo(960);
                    assertThat((sequence(p) - sequence(got.get(f - 1))) & 0xFFFF).isEqualTo(1);
                }
                for (int k = 0; k < 160; k++) {
                    narrow[k] = G711.ulawToLinear(ulaw[f][k]);
                }
                assertThat(up.process(narrow, 0, 160, wide, 0)).isEqualTo(960);
                int n = encoder.encode(wide, 0, 960, expected, 0);
                assertThat(Arrays.copyOfRange(p, 12, p.length)).as("Opus packet %d", f)
                        .isEqualTo(Arrays.copyOf(expected, n));
            }
            long eventTimestamp = (timestamp(got.get(FRAMES - 1)) + 960) & MASK;
            for (int i = 0; i < EVENT_DURATIONS.length; i++) {
                byte[] p = got.get(FRAMES + i);
                assertThat(p[1] & 0x7F).as("event packet %d", i).isEqualTo(B_EVENT_PT);
                assertThat(timestamp(p)).isEqualTo(eventTimestamp);
                assertThat(p[12]).isEqualTo((byte) 5);
                assertThat((p[13] & 0x80) != 0).as("E bit of event packet %d", i).isEqualTo(i >= 4);
                assertThat((p[14] & 0xFF) << 8 | (p[15] & 0xFF)).as("duration of event packet %d", i)
                        .isEqualTo(EVENT_DURATIONS[i] * 6);
            }
        }
    }

    @Test
    void opusPayloadTypeMistakesExitWithTwoAndOneLineNamingTheValue() {
        Cli.Result notDynamic = Cli.run("relay", "--a-codec", "opus", "--a-pt", "95", "--seconds", "1");
        assertThat(notDynamic.code()).isEqualTo(2);
        assertThat(notDynamic.err()).contains("leg A").contains("--a-pt 95").hasLineCount(1);

        Cli.Result staticCodec = Cli.run("relay", "--a-codec", "PCMU", "--a-pt", "111", "--seconds", "1");
        assertThat(staticCodec.code()).isEqualTo(2);
        assertThat(staticCodec.err()).contains("--a-pt 111").contains("PCMU").hasLineCount(1);

        Cli.Result tooHigh = Cli.run("relay", "--b-codec", "opus", "--b-pt", "128", "--seconds", "1");
        assertThat(tooHigh.code()).isEqualTo(2);
        assertThat(tooHigh.err()).contains("leg B").contains("--b-pt 128").hasLineCount(1);

        Cli.Result clash = Cli.run("relay", "--b-codec", "opus", "--b-pt", "101", "--seconds", "1");
        assertThat(clash.code()).isEqualTo(2);
        assertThat(clash.err()).contains("--b-pt 101 and --b-event-pt 101").hasLineCount(1);
    }

    /**
     * Without {@code --b} the Opus leg latches to its party's first packet and sends there: the
     * party's Opus (made by codec-core) reaches A as PCMU, and A's PCMU reaches the party as Opus
     * on the 48 kHz clock, with a digit on the default event payload type 101 at 48 kHz.
     */
    @Test
    void anOpusLegWithoutAPartyAddressLatchesToItsFirstSourceAndSendsThere() throws Exception {
        try (DatagramSocket partyA = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket partyB = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Cli.Started relaying = Cli.start("relay", "--a-listen", "127.0.0.1:0", "--a",
                    "127.0.0.1:" + partyA.getLocalPort(), "--a-codec", "PCMU", "--b-listen", "127.0.0.1:0",
                    "--b-codec", "OPUS", "--seconds", "3");
            relaying.awaitOutput("(opus PT 111 mono 48000 Hz, events PT 101 at 48000 Hz) and sends to the first "
                    + "source (latching)");
            Matcher listen = Pattern.compile("leg A listens on /127\\.0\\.0\\.1:(\\d+).*leg B listens on "
                    + "/127\\.0\\.0\\.1:(\\d+)").matcher(relaying.out().toString());
            assertThat(listen.find()).isTrue();
            InetSocketAddress legA = new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.group(1)));
            InetSocketAddress legB = new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.group(2)));
            AudioCodec encoder = CodecFactory.createByName("opus/48000/1");
            short[] wide = DemoCommand.speech(960, 3); // any audio: what matters is where the answer goes
            byte[] opus = new byte[4000];
            int n = encoder.encode(wide, 0, 960, opus, 0);
            long next = System.nanoTime();
            next = pace(next);
            send(partyB, legB, true, 111, 0, 48_000, Arrays.copyOf(opus, n));
            assertThat(receive(partyA, 1).get(0)[1] & 0x7F).as("B's Opus reaches A as PCMU").isEqualTo(0);
            byte[] ulaw = new byte[160];
            Arrays.fill(ulaw, G711.linearToUlaw((short) 1000));
            for (int f = 0; f < 5; f++) {
                next = pace(next);
                send(partyA, legA, f == 0, 0, f, 8000 + 160L * f, ulaw);
            }
            next = pace(next);
            send(partyA, legA, true, 101, 5, 8000 + 160L * 5, new byte[] {1, (byte) 0x8A, 0, (byte) 160});
            List<byte[]> got = receive(partyB, 6);
            for (int f = 0; f < 5; f++) {
                assertThat(got.get(f)[1] & 0x7F).as("payload type of packet %d", f).isEqualTo(111);
                if (f > 0) {
                    assertThat((timestamp(got.get(f)) - timestamp(got.get(f - 1))) & MASK).isEqualTo(960);
                }
            }
            byte[] event = got.get(5);
            assertThat(event[1] & 0x7F).isEqualTo(101);
            assertThat((event[14] & 0xFF) << 8 | (event[15] & 0xFF)).as("160 ticks at 8 kHz at 48 kHz").isEqualTo(960);
            Cli.Result relayed = relaying.await();
            assertThat(relayed.code()).as(relayed.err()).isZero();
        }
    }

    /** Waits until the next 20 ms slot: the inbound session refuses media from the future. */
    private static long pace(long next) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return next + TimeUnit.MILLISECONDS.toNanos(20);
    }

    private static void send(DatagramSocket from, InetSocketAddress to, boolean marker, int pt, int seq, long ts,
            byte[] payload) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) (65_530 + seq))
                .putInt((int) ts).putInt(0x0A1B2C3D).put(payload);
        from.send(new DatagramPacket(b.array(), b.capacity(), to));
    }

    private static List<byte[]> receive(DatagramSocket socket, int count) throws Exception {
        socket.setSoTimeout(10_000);
        List<byte[]> got = new ArrayList<>();
        byte[] buffer = new byte[2048];
        while (got.size() < count) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            socket.receive(p); // SocketTimeoutException fails the test when packets stop coming
            int type = buffer[1] & 0xFF;
            if (p.getLength() >= 12 && (buffer[0] & 0xC0) == 0x80 && (type < 200 || type > 204)) {
                got.add(Arrays.copyOf(buffer, p.getLength()));
            }
        }
        return got;
    }

    private static long timestamp(byte[] p) {
        return ByteBuffer.wrap(p, 4, 4).getInt() & MASK;
    }

    private static long ssrc(byte[] p) {
        return ByteBuffer.wrap(p, 8, 4).getInt() & MASK;
    }

    private static int sequence(byte[] p) {
        return ByteBuffer.wrap(p, 2, 2).getShort() & 0xFFFF;
    }
}
