package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.opus.OpusCodec;
import io.voxcore.codec.opus.OpusPacket;
import io.voxcore.codec.opus.OpusSettings;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.DeclarativeSdp;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opus in a session conceals through its own decoder (issue 13, issue 12's loss handling): an
 * Opus stream of 99 packets of 20 ms, every 10th one never sent (and packet 48, making one burst
 * of two), arrives over a real socket at a
 * session with {@link GapPolicy#CONCEAL}. The reference is codec-opus's {@link OpusCodec} run by
 * hand on the same packet sequence: {@code decode} for every packet that arrived, and for every
 * lost one {@code conceal} (Opus PLC), or {@code decodeFec} of the packet after it when the
 * stream was encoded with in-band FEC and that packet arrived (the first of a burst of two is PLC). What the session plays must equal that reference sample
 * for sample, in the lost frames and in every frame after them (the decoder's state must have seen
 * the losses where they happened), and the counters must say how each lost frame was filled.
 *
 * <p>All packets are sent at once: they arrive well before their playout time, so the jitter
 * buffer's decisions (and so the concealment) do not depend on the machine's load.
 */
@Timeout(60)
class OpusConcealmentTest {

    private static final int RATE = 48_000;
    private static final int FRAME = 960; // 20 ms per channel
    private static final int FRAMES = 99;
    private static final int PT = 111;
    private static final int LOST = 10;

    @Test
    void everyTenthPacketLostIsOpusPlcExactlyAsTheCodecConcealsIt() throws Exception {
        Result r = run(false);
        assertThat(r.stats.concealedSamples()).as("concealed samples").isEqualTo((long) LOST * FRAME);
        assertThat(r.stats.fecRecoveredSamples()).as("FEC-recovered samples").isZero();
        assertThat(r.stats.gapPackets()).isEqualTo(LOST);
    }

    @Test
    void withInBandFecEveryLostPacketIsRecoveredFromTheNextOne() throws Exception {
        Result r = run(true);
        int withFec = 0; // lost frames whose next packet arrived and carries FEC
        for (int f = 0; f < FRAMES - 1; f++) {
            withFec += lost(f) && !lost(f + 1) && OpusPacket.hasFec(r.packets[f + 1], 0, r.packets[f + 1].length) ? 1 : 0;
        }
        assertThat(withFec).as("packets after a loss that carry FEC (the encoder decides per frame)")
                .isGreaterThanOrEqualTo(5);
        assertThat(r.stats.fecRecoveredSamples()).as("FEC-recovered samples").isEqualTo((long) withFec * FRAME);
        assertThat(r.stats.concealedSamples()).as("concealed samples").isEqualTo((long) (LOST - withFec) * FRAME);
        assertThat(r.stats.gapPackets()).isEqualTo(LOST);
        // FEC is not PLC: the recovered frames differ from what concealment would have played
        short[] plc = reference(r.packets, r.channels, false);
        int differing = 0;
        for (int f = 0; f < FRAMES - 1; f++) {
            if (!lost(f) || lost(f + 1) || !OpusPacket.hasFec(r.packets[f + 1], 0, r.packets[f + 1].length)) {
                continue;
            }
            int from = f * FRAME * r.channels;
            for (int i = from; i < from + FRAME * r.channels; i++) {
                differing += r.heard[i] != plc[i] ? 1 : 0;
            }
        }
        assertThat(differing).as("lost samples where FEC differs from PLC").isGreaterThan(FRAME);
    }

    private static final class Result {
        ReceiveStatistics stats;
        byte[][] packets;
        int channels;
        short[] heard;
        short[] expected;
    }

    private static Result run(boolean fec) throws Exception {
        Result result = new Result();
        try (DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                MediaEngine engine = MediaEngine.builder().name("opus-plc").ioThreads(1).build()) {
            int port = ((InetSocketAddress) sender.getLocalAddress()).getPort();
            SessionDescription sdp = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                    + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port + " RTP/AVP " + PT + "\r\n"
                    + "a=rtpmap:" + PT + " opus/48000/2\r\n");
            MediaCapabilities caps = MediaCapabilities.builder().codec(CodecCapability.of("opus", RATE, 2)).build();
            MediaSession session = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", 0))
                    .negotiated(DeclarativeSdp.receiving(sdp, caps)).rtcpMode(RtcpMode.OFF)
                    .jitterDelayMillis(40, 1000).gapPolicy(GapPolicy.CONCEAL).build());
            int channels = session.config().codec().channels();
            assertThat(session.config().codec().sampleRate()).isEqualTo(RATE);
            ConcealmentTest.Recording rec = new ConcealmentTest.Recording(FRAMES * FRAME * channels);
            session.onPcm(rec);

            OpusSettings settings = OpusSettings.defaults().withChannels(channels);
            // FEC (LBRR) exists in SILK frames only: a wideband speech bitrate keeps the encoder in SILK
            OpusCodec encoder = OpusCodec.create(fec
                    ? settings.withBitrate(24000).withMaxBandwidth(OpusSettings.Bandwidth.WIDEBAND).withFec(20)
                    : settings);
            short[] signal = speechLike(FRAMES * FRAME, channels);
            byte[][] packets = new byte[FRAMES][];
            byte[] out = new byte[OpusCodec.MAX_PACKET_BYTES];
            for (int f = 0; f < FRAMES; f++) {
                int n = encoder.encode(signal, f * FRAME * channels, FRAME * channels, out, 0);
                packets[f] = Arrays.copyOf(out, n);
            }
            short[] expected = reference(packets, channels, fec); // also warms the decoder up before the session runs
            ByteBuffer buf = ByteBuffer.allocate(1500);
            long timestampBase = 90_000;
            for (int f = 0; f < FRAMES; f++) {
                if (lost(f)) {
                    continue;
                }
                buf.clear();
                RtpPacket.writeHeader(buf, 0, false, PT, 3000 + f, timestampBase + (long) f * FRAME, 0x5EED_0001L);
                buf.position(12);
                buf.put(packets[f]).flip();
                sender.send(buf, session.localAddress());
            }
            session.start(); // the datagrams wait in the socket: the I/O thread reads them in one go
            long total = (long) FRAMES * FRAME * channels;
            TestAudio.await("all played", Duration.ofSeconds(30), () -> rec.length + rec.gapSamples >= total);
            result.stats = session.statistics().receive();
            assertThat(rec.gaps).as("gaps reported").isEmpty();
            assertThat(rec.length).isEqualTo(total);
            long expectTs = timestampBase;
            for (long[] fr : rec.frames) {
                assertThat(fr[0]).as("timestamp at sample %d", fr[1]).isEqualTo(expectTs);
                expectTs += fr[2] / channels;
            }
            result.heard = Arrays.copyOf(rec.samples, rec.length);
            result.packets = packets;
            result.channels = channels;
            result.expected = expected;
        }
        assertThat(result.stats.packetsReceived()).isEqualTo(FRAMES - LOST);
        assertThat(result.stats.stretchedSamples()).as("no stretch (packets arrived early)").isZero();
        short[] expected = result.expected;
        for (int f = 0; f < FRAMES; f++) {
            int from = f * FRAME * result.channels;
            int to = from + FRAME * result.channels;
            assertThat(Arrays.copyOfRange(result.heard, from, to)).as("%s frame %d", lost(f) ? "lost" : "received", f)
                    .isEqualTo(Arrays.copyOfRange(expected, from, to));
            if (lost(f)) {
                assertThat(energy(expected, from, to)).as("frame %d concealed with sound, not silence", f)
                        .isGreaterThan(0);
            }
        }
        return result;
    }

    /** codec-opus by hand: decode what arrived, conceal (or recover by FEC) what did not. */
    private static short[] reference(byte[][] packets, int channels, boolean fec) {
        OpusCodec decoder = OpusCodec.create(OpusSettings.defaults().withChannels(channels));
        short[] pcm = new short[FRAMES * FRAME * channels];
        for (int f = 0; f < FRAMES; f++) {
            int at = f * FRAME * channels;
            int n;
            if (!lost(f)) {
                n = decoder.decode(packets[f], 0, packets[f].length, pcm, at);
            } else {
                n = fec && !lost(f + 1) ? decoder.decodeFec(packets[f + 1], 0, packets[f + 1].length, pcm, at, FRAME * channels) : 0;
                if (n == 0) {
                    n = decoder.conceal(pcm, at, FRAME * channels);
                }
            }
            assertThat(n).isEqualTo(FRAME * channels);
        }
        return pcm;
    }

    /** Every 10th packet, and the one before packet 49 too: one burst of two, whose first frame only PLC can fill. */
    private static boolean lost(int frame) {
        return frame % 10 == 9 || frame == 48;
    }

    /** Voiced harmonics under a syllable envelope, with a little noise: speech enough for Opus's modes. */
    private static short[] speechLike(int samplesPerChannel, int channels) {
        short[] out = new short[samplesPerChannel * channels];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < samplesPerChannel; i++) {
            double t = i / (double) RATE;
            double envelope = 0.3 + 0.7 * Math.abs(Math.sin(2 * Math.PI * 2.3 * t));
            double f0 = 120 + 25 * Math.sin(2 * Math.PI * 0.9 * t);
            double voiced = 0;
            for (int h = 1; h <= 12; h++) {
                voiced += Math.sin(2 * Math.PI * f0 * h * t) / h;
            }
            short v = (short) Math.max(-32768, Math.min(32767, 7000 * envelope * voiced + 200 * random.nextGaussian()));
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = v;
            }
        }
        return out;
    }

    private static double energy(short[] a, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) a[i] * a[i];
        }
        return e;
    }
}
