package io.voxcore.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.G711;
import io.voxcore.codec.Resampler;
import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import io.voxcore.media.session.GapPolicy;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.session.RtcpMode;
import io.voxcore.media.session.SessionFormats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay across RTP clocks (issue 12), over real sockets with raw RTP far ends, so every
 * header field sent and received is the test's: PCMU at 8000 Hz to Opus at 48000 Hz and back,
 * each side's timestamps on its own clock (through an inbound 32-bit wrap), the audio exactly
 * codec-core's chain (Concentus is deterministic: same input, same bytes), RFC 4733 durations
 * rescaled; and the relay following the codecs the legs have now: a re-INVITE's
 * {@link MediaSession#update} and a peer switching payload types per packet.
 */
@Timeout(60)
class RelayAcrossClocksTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MASK = 0xFFFF_FFFFL;
    private static final int FRAMES = 80;
    /** The telephone-event packets of one 100 ms digit: four updates and three end packets. */
    private static final int EVENT_PACKETS = 7;

    private static MediaCapabilities caps(String... codecs) {
        MediaCapabilities.Builder b = MediaCapabilities.builder();
        for (String c : codecs) {
            b.codec(c.equals("opus") ? CodecCapability.of("opus", 48000, 2).withFmtp("stereo=1") : CodecCapability.of(c, 8000));
        }
        return b.build();
    }

    /** The leg's side of an offer from the peer, through SDP text: its remote is the peer. */
    private static NegotiatedMedia answer(MediaCapabilities caps, InetSocketAddress peer) {
        SessionDescription offer = SessionDescription.parse(OfferAnswer.create(caps, peer).createOffer().write());
        return OfferAnswer.create(caps, new InetSocketAddress("127.0.0.1", 40000)).answer(offer).audio().orElseThrow();
    }

    private static MediaSession negotiatedLeg(MediaEngine engine, NegotiatedMedia n) throws Exception {
        return engine.createSession(MediaSessionConfig.builder().localAddress(Legs.LOOPBACK).rtcpMode(RtcpMode.OFF)
                .gapPolicy(GapPolicy.REPORT).negotiated(n).build());
    }

    private static void start(MediaSession... sessions) {
        for (MediaSession s : sessions) {
            s.start();
        }
    }

    /** Sends one packet per 20 ms of media, in real time (the inbound session refuses media from the future). */
    private static final class Pacer {
        private long next = System.nanoTime();

        void await() {
            LockSupport.parkNanos(next - System.nanoTime());
            next += 20_000_000L;
        }
    }

    private static List<RawPeer.Packet> receive(RawPeer peer, int count) throws Exception {
        List<RawPeer.Packet> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(peer.receive(WAIT));
        }
        return out;
    }

    /** Sends a 100 ms digit (5) as RFC 4733 packets at {@code timestamp}, one per 20 ms, durations in steps of {@code step}. */
    private static int sendDigit(RawPeer peer, InetSocketAddress to, Pacer pacer, int pt, int seq, long timestamp,
            long ssrc, int step) throws Exception {
        for (int i = 1; i <= EVENT_PACKETS; i++) {
            pacer.await();
            boolean end = i >= 5;
            peer.send(to, i == 1, pt, seq++ & 0xFFFF, timestamp & MASK, ssrc, RawPeer.event(5, end, 10,
                    step * Math.min(i, 5)));
        }
        return seq;
    }

    private static void assertEvents(List<RawPeer.Packet> got, int pt, long timestamp, int step) {
        for (int i = 0; i < EVENT_PACKETS; i++) {
            RawPeer.Packet p = got.get(i);
            assertThat(p.payloadType()).as("event packet %d's payload type", i).isEqualTo(pt);
            assertThat(p.timestamp()).as("event packet %d's timestamp: the event's start", i).isEqualTo(timestamp);
            assertThat(RawPeer.duration(p.payload())).as("event packet %d's duration", i).isEqualTo(step * Math.min(i + 1, 5));
            assertThat((p.payload()[1] & 0x80) != 0).as("event packet %d's E bit", i).isEqualTo(i >= 4);
            assertThat(p.payload()[0]).isEqualTo((byte) 5);
        }
    }

    /** Consecutive sequence numbers (through a wrap) and one SSRC. */
    private static void assertSequence(List<RawPeer.Packet> got, long ssrc) {
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i).sequence()).as("sequence of packet %d", i).isEqualTo((got.get(i - 1).sequence() + 1) & 0xFFFF);
            assertThat(got.get(i).ssrc()).isEqualTo(ssrc);
        }
    }

    /** Consecutive sequence numbers, one SSRC, and the timestamp advancing {@code step} per packet (mod 2^32). */
    private static void assertLine(List<RawPeer.Packet> got, long ssrc, long step) {
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i).sequence()).as("sequence of packet %d", i).isEqualTo((got.get(i - 1).sequence() + 1) & 0xFFFF);
            assertThat((got.get(i).timestamp() - got.get(i - 1).timestamp()) & MASK).as("timestamp step before packet %d", i)
                    .isEqualTo(step);
            assertThat(got.get(i).ssrc()).isEqualTo(ssrc);
        }
    }

    @Test
    void pcmuToOpusRestampsOnTheOpusClockEncodesAsCodecCoreAndRescalesDtmf() throws Exception {
        short[] speech = Legs.speech(160 * FRAMES, 11);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer pa = new RawPeer();
                RawPeer pb = new RawPeer()) {
            MediaSession legA = Legs.session(engine, 0, 101, pa.address());
            MediaSession legB = negotiatedLeg(engine, answer(caps("opus"), pb.address()));
            SessionFormats opus = SessionFormats.of(legB);
            assertThat(opus.sendFormat().toString()).isEqualTo("opus/48000/2");
            assertThat(opus.sendEventPayloadType()).as("telephone-event/48000 negotiated").isPositive();
            start(legA, legB);
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Pacer pacer = new Pacer();
                long ts = MASK + 1 - 160 * 40; // the inbound timestamp wraps after 40 packets
                int seq = 65_500; // and so does the sequence number
                byte[][] ulaw = new byte[FRAMES][160];
                for (int f = 0; f < FRAMES; f++) {
                    for (int k = 0; k < 160; k++) {
                        ulaw[f][k] = G711.linearToUlaw(speech[160 * f + k]);
                    }
                    pacer.await();
                    pa.send(legA.localAddress(), f == 0, 0, seq++ & 0xFFFF, (ts + 160L * f) & MASK, 0xA1, ulaw[f]);
                }
                sendDigit(pa, legA.localAddress(), pacer, 101, seq, ts + 160L * FRAMES, 0xA1, 160);
                List<RawPeer.Packet> got = receive(pb, FRAMES + EVENT_PACKETS);
                List<RawPeer.Packet> audio = got.subList(0, FRAMES);
                assertSequence(got, legB.ssrc());
                for (int i = 1; i < FRAMES; i++) {
                    assertThat((audio.get(i).timestamp() - audio.get(i - 1).timestamp()) & MASK)
                            .as("Opus timestamp step before packet %d", i).isEqualTo(960);
                }
                assertEvents(got.subList(FRAMES, got.size()), opus.sendEventPayloadType(),
                        (audio.get(FRAMES - 1).timestamp() + 960) & MASK, 960);

                AudioCodec encoder = CodecFactory.createByName("opus/48000/2");
                Resampler up = Resampler.create(8000, 48000);
                short[] narrow = new short[160];
                short[] wide = new short[960];
                short[] stereo = new short[1920];
                for (int f = 0; f < FRAMES; f++) {
                    RawPeer.Packet p = audio.get(f);
                    assertThat(p.payloadType()).isEqualTo(opus.sendPayloadType());
                    assertThat(p.marker()).isEqualTo(f == 0);
                    for (int k = 0; k < 160; k++) {
                        narrow[k] = G711.ulawToLinear(ulaw[f][k]);
                    }
                    assertThat(up.process(narrow, 0, 160, wide, 0)).isEqualTo(960);
                    for (int i = 0; i < 960; i++) {
                        stereo[2 * i] = wide[i];
                        stereo[2 * i + 1] = wide[i];
                    }
                    assertThat(p.payload()).as("Opus packet %d", f).isEqualTo(encoder.encode(stereo));
                }
                RelayDirectionStatistics aToB = relay.statistics().aToB();
                assertThat(aToB.packetsTranscoded()).isEqualTo(FRAMES);
                assertThat(aToB.eventPacketsForwarded()).isEqualTo(EVENT_PACKETS);
                assertThat(aToB.droppedTotal()).isZero();
            }
        }
    }

    @Test
    void opusToPcmuRestampsOnThePcmuClockDecodesAsCodecCoreAndRescalesDtmf() throws Exception {
        short[] narrowSpeech = Legs.speech(160 * FRAMES, 12);
        short[] wideSpeech = new short[960 * FRAMES];
        Resampler toWide = Resampler.create(8000, 48000);
        for (int f = 0; f < FRAMES; f++) {
            toWide.process(narrowSpeech, 160 * f, 160, wideSpeech, 960 * f);
        }
        AudioCodec sender = CodecFactory.createByName("opus/48000/2");
        byte[][] packets = new byte[FRAMES][];
        short[] stereo = new short[1920];
        for (int f = 0; f < FRAMES; f++) {
            for (int i = 0; i < 960; i++) {
                stereo[2 * i] = wideSpeech[960 * f + i];
                stereo[2 * i + 1] = (short) (wideSpeech[960 * f + i] / 2); // the channels differ: the mean counts
            }
            packets[f] = sender.encode(stereo);
        }
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer pa = new RawPeer();
                RawPeer pb = new RawPeer()) {
            MediaSession legA = Legs.session(engine, 0, 101, pa.address());
            MediaSession legB = negotiatedLeg(engine, answer(caps("opus"), pb.address()));
            SessionFormats opus = SessionFormats.of(legB);
            start(legA, legB);
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Pacer pacer = new Pacer();
                long ts = MASK + 1 - 960 * 40; // the inbound 48 kHz timestamp wraps after 40 packets
                int seq = 1000;
                for (int f = 0; f < FRAMES; f++) {
                    pacer.await();
                    pb.send(legB.localAddress(), f == 0, opus.sendPayloadType(), seq++, (ts + 960L * f) & MASK, 0xB2,
                            packets[f]);
                }
                sendDigit(pb, legB.localAddress(), pacer, opus.sendEventPayloadType(), seq, ts + 960L * FRAMES, 0xB2, 960);
                List<RawPeer.Packet> got = receive(pa, FRAMES + EVENT_PACKETS);
                List<RawPeer.Packet> audio = got.subList(0, FRAMES);
                assertLine(audio, legA.ssrc(), 160);
                assertSequence(got, legA.ssrc());
                assertEvents(got.subList(FRAMES, got.size()), 101, (audio.get(FRAMES - 1).timestamp() + 160) & MASK, 160);

                AudioCodec decoder = CodecFactory.createByName("opus/48000/2");
                Resampler down = Resampler.create(48000, 8000);
                short[] mono = new short[960];
                short[] narrow = new short[160];
                byte[] expected = new byte[160];
                for (int f = 0; f < FRAMES; f++) {
                    short[] decoded = decoder.decode(packets[f]);
                    assertThat(decoded).hasSize(1920);
                    for (int i = 0; i < 960; i++) {
                        mono[i] = (short) Math.floorDiv(decoded[2 * i] + decoded[2 * i + 1], 2);
                    }
                    assertThat(down.process(mono, 0, 960, narrow, 0)).isEqualTo(160);
                    for (int k = 0; k < 160; k++) {
                        expected[k] = G711.linearToUlaw(narrow[k]);
                    }
                    assertThat(audio.get(f).payloadType()).isZero();
                    assertThat(audio.get(f).payload()).as("PCMU packet %d", f).isEqualTo(expected);
                }
                assertThat(relay.statistics().bToA().packetsTranscoded()).isEqualTo(FRAMES);
                assertThat(relay.statistics().bToA().eventPacketsForwarded()).isEqualTo(EVENT_PACKETS);
            }
        }
    }

    /**
     * A new inbound SSRC (the PCMU side re-latched) continues the Opus side's line: the next
     * sequence number, and the timestamp one inbound packet's duration (160 at 8000 Hz) later on
     * the Opus clock (960).
     */
    @Test
    void aNewInboundSsrcContinuesTheOutboundLineOnTheOutboundClock() throws Exception {
        byte[] silence = new byte[160];
        Arrays.fill(silence, (byte) 0xFF);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer pa = new RawPeer();
                RawPeer pb = new RawPeer()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).relatchSilenceMillis(0).build());
            MediaSession legB = negotiatedLeg(engine, answer(caps("opus"), pb.address()));
            start(legA, legB);
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Pacer pacer = new Pacer();
                for (int i = 0; i < 10; i++) {
                    pacer.await();
                    pa.send(legA.localAddress(), false, 0, 100 + i, 8000 + 160L * i, 1, silence);
                }
                for (int i = 0; i < 10; i++) { // unrelated numbers and timestamps
                    pacer.await();
                    pa.send(legA.localAddress(), false, 0, 60_000 + i, 3_000_000_000L + 160L * i, 2, silence);
                }
                List<RawPeer.Packet> got = new ArrayList<>(receive(pb, 10));
                long forwarded = 10;
                try {
                    while (true) {
                        got.add(pb.receive(Duration.ofMillis(500)));
                        forwarded++;
                    }
                } catch (AssertionError timedOut) {
                    // all there is: the new source may lose its first packets to RFC 3550 probation
                }
                assertThat(forwarded).as("packets of SSRC 2 forwarded").isGreaterThan(10);
                assertThat(relay.statistics().aToB().packetsForwarded()).isEqualTo(forwarded);
                assertLine(got, legB.ssrc(), 960);
            }
        }
    }

    @ParameterizedTest(name = "{0} I/O thread(s)") // with two, the legs are on different threads
    @ValueSource(ints = {1, 2})
    void aReInviteSwitchingTheOutboundLegToPcmaIsFollowedFromTheNextPacket(int ioThreads) throws Exception {
        short[] speech = Legs.speech(160 * 20, 13);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(ioThreads).build(); RawPeer pa = new RawPeer();
                RawPeer pb = new RawPeer()) {
            MediaSession legA = Legs.session(engine, 0, 101, pa.address());
            MediaSession legB = negotiatedLeg(engine, answer(caps("PCMU", "PCMA"), pb.address()));
            assertThat(SessionFormats.of(legB).sendPayloadType()).isZero();
            start(legA, legB);
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Pacer pacer = new Pacer();
                byte[][] ulaw = new byte[20][160];
                for (int f = 0; f < 20; f++) {
                    for (int k = 0; k < 160; k++) {
                        ulaw[f][k] = G711.linearToUlaw(speech[160 * f + k]);
                    }
                }
                for (int f = 0; f < 10; f++) {
                    pacer.await();
                    pa.send(legA.localAddress(), false, 0, 7 + f, 3200 + 160L * f, 0xA1, ulaw[f]);
                }
                List<RawPeer.Packet> before = receive(pb, 10);
                legB.update(answer(caps("PCMA", "PCMU"), pb.address())); // the re-INVITE: PCMA first
                assertThat(SessionFormats.of(legB).sendFormat().encoding()).isEqualTo("PCMA");
                for (int f = 10; f < 20; f++) {
                    pacer.await();
                    pa.send(legA.localAddress(), false, 0, 7 + f, 3200 + 160L * f, 0xA1, ulaw[f]);
                }
                List<RawPeer.Packet> after = receive(pb, 10);
                List<RawPeer.Packet> all = new ArrayList<>(before);
                all.addAll(after);
                assertLine(all, legB.ssrc(), 160);
                for (int f = 0; f < 10; f++) {
                    assertThat(before.get(f).payloadType()).isZero();
                    assertThat(before.get(f).payload()).as("PCMU passed through, packet %d", f).isEqualTo(ulaw[f]);
                    RawPeer.Packet p = after.get(f);
                    assertThat(p.payloadType()).as("after the re-INVITE").isEqualTo(8);
                    byte[] alaw = new byte[160];
                    G711.ulawToAlaw(ulaw[10 + f], 0, alaw, 0, 160);
                    assertThat(p.payload()).as("PCMA packet %d after the switch", f).isEqualTo(alaw);
                }
                assertThat(relay.statistics().aToB().packetsTranscoded()).isEqualTo(10);
            }
        }
    }

    @Test
    void aPeerSwitchingBetweenNegotiatedCodecsPerPacketIsFollowed() throws Exception {
        short[] speech = Legs.speech(160 * 30, 14);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer pa = new RawPeer();
                RawPeer pb = new RawPeer()) {
            MediaSession legA = negotiatedLeg(engine, answer(caps("PCMU", "PCMA"), pa.address())); // accepts 0 and 8
            MediaSession legB = Legs.session(engine, 0, 101, pb.address());
            start(legA, legB);
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Pacer pacer = new Pacer();
                byte[][] sent = new byte[30][160];
                byte[][] expected = new byte[30][];
                for (int f = 0; f < 30; f++) {
                    boolean alaw = f >= 10 && f < 20;
                    for (int k = 0; k < 160; k++) {
                        short s = speech[160 * f + k];
                        sent[f][k] = alaw ? G711.linearToAlaw(s) : G711.linearToUlaw(s);
                    }
                    expected[f] = sent[f].clone();
                    if (alaw) {
                        G711.alawToUlaw(sent[f], 0, expected[f], 0, 160);
                    }
                    pacer.await();
                    pa.send(legA.localAddress(), false, alaw ? 8 : 0, 500 + f, 160L * f, 0xA1, sent[f]);
                }
                List<RawPeer.Packet> got = receive(pb, 30);
                assertLine(got, legB.ssrc(), 160);
                for (int f = 0; f < 30; f++) {
                    assertThat(got.get(f).payloadType()).isZero();
                    assertThat(got.get(f).payload()).as("packet %d (sent as PT %d)", f, f >= 10 && f < 20 ? 8 : 0)
                            .isEqualTo(expected[f]);
                }
                assertThat(relay.statistics().aToB().packetsTranscoded()).as("the PCMA packets").isEqualTo(10);
                assertThat(relay.statistics().aToB().packetsForwarded()).isEqualTo(30);
            }
        }
    }

    /**
     * Towards G.722, a peer switching from PCMU to PCMA and back: each inbound codec has its own
     * path (decoder and resampler, whose state carries on when that codec comes back), while the
     * outbound G.722 stream goes on from one encoder, as one G.722 stream must (ADPCM state).
     */
    @Test
    void aPeerSwitchTowardsG722KeepsOneG722EncoderAcrossTheSwitch() throws Exception {
        short[] speech = Legs.speech(160 * 30, 15);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer pa = new RawPeer();
                RawPeer pb = new RawPeer()) {
            MediaSession legA = negotiatedLeg(engine, answer(caps("PCMU", "PCMA"), pa.address()));
            MediaSession legB = Legs.session(engine, 9, 101, pb.address());
            start(legA, legB);
            byte[][] sent = new byte[30][160];
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Pacer pacer = new Pacer();
                for (int f = 0; f < 30; f++) {
                    boolean alaw = f >= 10 && f < 20;
                    for (int k = 0; k < 160; k++) {
                        short x = speech[160 * f + k];
                        sent[f][k] = alaw ? G711.linearToAlaw(x) : G711.linearToUlaw(x);
                    }
                    pacer.await();
                    pa.send(legA.localAddress(), false, alaw ? 8 : 0, 500 + f, 160L * f, 0xA1, sent[f]);
                }
                List<RawPeer.Packet> got = receive(pb, 30);
                assertLine(got, legB.ssrc(), 160);
                Resampler fromUlaw = Resampler.create(8000, 16000);
                Resampler fromAlaw = Resampler.create(8000, 16000);
                AudioCodec encoder = CodecFactory.create(io.voxcore.codec.CodecConfig.of(io.voxcore.codec.CodecType.G722));
                short[] narrow = new short[160];
                short[] wide = new short[320];
                byte[] expected = new byte[160];
                for (int f = 0; f < 30; f++) {
                    boolean alaw = f >= 10 && f < 20;
                    for (int k = 0; k < 160; k++) {
                        narrow[k] = alaw ? G711.alawToLinear(sent[f][k]) : G711.ulawToLinear(sent[f][k]);
                    }
                    assertThat((alaw ? fromAlaw : fromUlaw).process(narrow, 0, 160, wide, 0)).isEqualTo(320);
                    assertThat(encoder.encode(wide, 0, 320, expected, 0)).isEqualTo(160);
                    assertThat(got.get(f).payloadType()).isEqualTo(9);
                    assertThat(got.get(f).payload()).as("G.722 packet %d", f).isEqualTo(expected);
                }
                assertThat(relay.statistics().aToB().packetsTranscoded()).isEqualTo(30);
            }
        }
    }

    /** PCMU audio with one comfort-noise packet (PT 13) in the middle, to an Opus leg; returns what arrives. */
    private static List<RawPeer.Packet> comfortNoiseTowardsOpus(boolean opusLegNegotiatesNoise, long[] untranscodable)
            throws Exception {
        byte[] silence = new byte[160];
        Arrays.fill(silence, (byte) 0xFF);
        MediaCapabilities opusCaps = MediaCapabilities.builder().codec(CodecCapability.of("opus", 48000, 2).withFmtp("stereo=1"))
                .comfortNoise(opusLegNegotiatesNoise).build();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer pa = new RawPeer();
                RawPeer pb = new RawPeer()) {
            MediaSession legA = Legs.session(engine, 0, 101, pa.address());
            MediaSession legB = negotiatedLeg(engine, answer(opusCaps, pb.address()));
            start(legA, legB);
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Pacer pacer = new Pacer();
                for (int i = 0; i < 7; i++) {
                    pacer.await();
                    boolean noise = i == 3;
                    pa.send(legA.localAddress(), false, noise ? 13 : 0, 40 + i, 160L * i, 0xA1,
                            noise ? new byte[] {40, 1, 2} : silence);
                }
                List<RawPeer.Packet> got = receive(pb, opusLegNegotiatesNoise ? 7 : 6);
                untranscodable[0] = relay.statistics().aToB().dropped(DropReason.UNTRANSCODABLE);
                assertThat(relay.statistics().aToB().packetsTranscoded()).isEqualTo(6);
                assertThat(SessionFormats.of(legB).sendComfortNoisePayloadType() >= 0).isEqualTo(opusLegNegotiatesNoise);
                return got;
            }
        }
    }

    /**
     * An Opus leg that negotiated no comfort noise has no payload type for it: the noise packet is
     * dropped and counted, its place a gap in the Opus side's sequence for the far end to conceal.
     */
    @Test
    void comfortNoiseTowardsAnOpusLegWithoutItIsCountedAsUntranscodable() throws Exception {
        long[] untranscodable = new long[1];
        List<RawPeer.Packet> got = comfortNoiseTowardsOpus(false, untranscodable);
        assertThat(untranscodable[0]).isEqualTo(1);
        assertThat(got.get(3).sequence()).as("the noise packet's place is a gap").isEqualTo((got.get(2).sequence() + 2) & 0xFFFF);
        assertThat((got.get(3).timestamp() - got.get(2).timestamp()) & MASK).isEqualTo(2 * 960);
    }

    /**
     * An Opus leg that negotiated CN/48000 gets the RFC 3389 noise description (a level and
     * spectral coefficients, independent of the rate) untouched, under its own CN payload type,
     * on its own clock.
     */
    @Test
    void comfortNoiseTowardsAnOpusLegWithCnAt48000IsForwardedUntouched() throws Exception {
        long[] untranscodable = new long[1];
        List<RawPeer.Packet> got = comfortNoiseTowardsOpus(true, untranscodable);
        assertThat(untranscodable[0]).isZero();
        assertLine(got, got.get(0).ssrc(), 960);
        assertThat(got.get(3).payload()).isEqualTo(new byte[] {40, 1, 2});
        assertThat(got.get(3).payloadType()).as("the Opus leg's CN/48000 type").isNotEqualTo(13)
                .isNotEqualTo(got.get(2).payloadType());
    }

    @Test
    void legsOfDifferentClocksAndPtimesAreRefusedNamingBothPtimes() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build(); RawPeer pb = new RawPeer()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).ptimeMillis(30).build());
            MediaSession legB = negotiatedLeg(engine, answer(caps("opus"), pb.address()));
            assertThatThrownBy(() -> MediaRelay.between(legA, legB)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PCMU/8000/1 at ptime 30 ms").hasMessageContaining("opus/48000/2 at ptime 20 ms");
            assertThat(legA.tap()).as("nothing half set up").isEmpty();
            assertThat(legB.tap()).isEmpty();
        }
    }
}
