package io.voxcore.media.session;

import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.Direction;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.Negotiation;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two real sessions that negotiate with SDP offer/answer (through SDP text, as over SIP) and
 * follow the negotiation: a codec switch by re-INVITE, hold and resume, DTMF only when agreed.
 */
@Timeout(60)
class NegotiatedSessionTest {

    /** 400 Hz at 8 kHz: exactly eight periods per 20 ms packet, so every packet carries the same samples. */
    static final short[] CHUNK = new short[160];

    static {
        for (int i = 0; i < CHUNK.length; i++) {
            CHUNK[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0));
        }
    }

    static MediaCapabilities caps(String... codecs) {
        MediaCapabilities.Builder b = MediaCapabilities.builder();
        for (String c : codecs) {
            b.codec(CodecCapability.of(c, 8000));
        }
        return b.build();
    }

    static MediaSessionConfig.Builder config() {
        return MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT).localAddress(StreamingTest.LOOPBACK).rtcpIntervalMillis(200);
    }

    /** Offer from {@code offerer}, answer from {@code answerer}, both through SDP text. */
    static NegotiatedMedia[] negotiate(OfferAnswer offerer, OfferAnswer answerer) {
        SessionDescription offer = SessionDescription.parse(offerer.createOffer().write());
        Negotiation answered = answerer.answer(offer);
        Negotiation applied = offerer.applyAnswer(SessionDescription.parse(answered.local().write()));
        return new NegotiatedMedia[] {applied.audio().orElseThrow(), answered.audio().orElseThrow()};
    }

    static short[] roundTrip(short[] pcm, boolean alaw) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = alaw ? G711.alawToLinear(G711.linearToAlaw(pcm[i])) : G711.ulawToLinear(G711.linearToUlaw(pcm[i]));
        }
        return out;
    }

    /** A source that plays {@link #CHUNK} for ever. */
    static PcmSource tone() {
        return (pcm, offset, length) -> {
            for (int i = 0; i < length; i++) {
                pcm[offset + i] = CHUNK[i % CHUNK.length];
            }
            return length;
        };
    }

    @Test
    void aReInviteSwitchesTheSendCodecAndTheReceiverDecodesEachPayloadTypeWithItsOwnCodec() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        List<MediaEvent> aEvents = new CopyOnWriteArrayList<>();
        List<MediaEvent> bEvents = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession a = engine.createSession(config().build());
            MediaSession b = engine.createSession(config().build());
            OfferAnswer oaA = OfferAnswer.create(caps("PCMU", "PCMA"), a.localAddress());
            OfferAnswer oaB = OfferAnswer.create(caps("PCMU", "PCMA"), b.localAddress());
            NegotiatedMedia[] first = negotiate(oaA, oaB);
            assertThat(first[0].sendCodec().encodingName()).isEqualTo("PCMU");
            a.update(first[0]).onEvent(aEvents::add);
            b.update(first[1]).onEvent(bEvents::add).onAudio(frames::add);
            a.start();
            b.start();
            a.play(tone());
            await("PCMU frames", Duration.ofSeconds(10), () -> frames.size() >= 10);

            // re-INVITE from A offering PCMA first: both now send PCMA
            OfferAnswer reA = OfferAnswer.create(caps("PCMA", "PCMU"), a.localAddress());
            NegotiatedMedia[] second = negotiate(reA, oaB);
            assertThat(second[0].sendCodec().encodingName()).isEqualTo("PCMA");
            int before = frames.size();
            a.update(second[0]);
            b.update(second[1]);
            await("the receive-side codec change", Duration.ofSeconds(10), () -> bEvents.stream()
                    .anyMatch(e -> e instanceof MediaEvent.CodecChanged c && !c.sending() && c.payloadType() == 8));
            int switched = frames.size();
            await("PCMA frames", Duration.ofSeconds(10), () -> frames.size() >= switched + 10);

            short[] ulaw = roundTrip(CHUNK, false);
            short[] alaw = roundTrip(CHUNK, true);
            assertThat(ulaw).isNotEqualTo(alaw); // the two decodings tell the codecs apart
            for (AudioFrame f : frames.subList(0, before)) {
                assertThat(f.samples()).as("a PCMU frame decoded by the PCMU decoder").isEqualTo(ulaw);
            }
            for (AudioFrame f : frames.subList(switched + 2, frames.size())) {
                assertThat(f.samples()).as("a PCMA frame decoded by the PCMA decoder").isEqualTo(alaw);
            }
            assertThat(aEvents).contains(new MediaEvent.CodecChanged(true, 8, "PCMA/8000/1"));
            SessionStatistics bs = b.statistics();
            assertThat(bs.wrongPayloadType()).isZero();
            assertThat(bs.undecodable()).isZero();
            assertThat(bs.remoteSsrc()).isEqualTo(a.ssrc()); // one stream throughout: SSRC and sequence carried on
            assertThat(bs.badSequence()).isZero();
        }
    }

    @Test
    void holdSendsNoMediaButKeepsRtcpAndTheMediaClockAndResumeContinuesTheStatistics() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession a = engine.createSession(config().build());
            MediaSession b = engine.createSession(config().build());
            OfferAnswer oaA = OfferAnswer.create(caps("PCMU"), a.localAddress());
            OfferAnswer oaB = OfferAnswer.create(caps("PCMU"), b.localAddress());
            NegotiatedMedia[] call = negotiate(oaA, oaB);
            a.update(call[0]);
            b.update(call[1]).onAudio(frames::add);
            a.start();
            b.start();
            a.play(tone());
            await("media before hold", Duration.ofSeconds(10), () -> frames.size() >= 10);

            // B puts A on hold: B offers sendonly, A answers recvonly and stops sending
            oaB.direction(Direction.SENDONLY);
            NegotiatedMedia[] hold = negotiate(oaB, oaA);
            assertThat(hold[1].sends()).isFalse(); // A's side
            a.update(hold[1]);
            b.update(hold[0]);
            long sentAtHold = a.statistics().packetsSent();
            Thread.sleep(100);
            long frozen = a.statistics().packetsSent();
            long rtcpBefore = b.statistics().rtcpReceived();
            Thread.sleep(700);
            assertThat(a.statistics().packetsSent()).as("nothing sent on hold").isEqualTo(frozen);
            assertThat(frozen - sentAtHold).isLessThanOrEqualTo(5); // at most what was in flight
            assertThat(b.statistics().rtcpReceived()).as("RTCP continues on hold").isGreaterThan(rtcpBefore);
            assertThatThrownBy(() -> a.sendDtmf('1', Duration.ofMillis(100), 10))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("hold");

            // resume: B offers sendrecv again
            int beforeResume = frames.size();
            long lastTs = frames.get(beforeResume - 1).timestamp();
            oaB.direction(Direction.SENDRECV);
            NegotiatedMedia[] resume = negotiate(oaB, oaA);
            a.update(resume[1]);
            b.update(resume[0]);
            await("media after resume", Duration.ofSeconds(10), () -> frames.size() >= beforeResume + 5);
            long resumedTs = frames.get(beforeResume).timestamp();
            long advanced = (resumedTs - lastTs) & 0xFFFF_FFFFL;
            assertThat(advanced).as("the media clock ran on through the hold (800 ms = 6400 units)")
                    .isGreaterThan(5000).isLessThan(80_000);
            SessionStatistics bs = b.statistics();
            assertThat(bs.packetsReceived()).isGreaterThanOrEqualTo(15); // counted across hold and resume
            assertThat(bs.remoteSsrc()).isEqualTo(a.ssrc());
            assertThat(a.statistics().packetsSuppressed()).isGreaterThan(0);
        }
    }

    @Test
    void dtmfIsRefusedWhenTelephoneEventWasNotNegotiated() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession a = engine.createSession(config().build());
            MediaSession b = engine.createSession(config().build());
            MediaCapabilities noEvents = MediaCapabilities.builder().codec(CodecCapability.of("PCMU", 8000))
                    .telephoneEvents(null).build();
            NegotiatedMedia[] call = negotiate(OfferAnswer.create(noEvents, a.localAddress()),
                    OfferAnswer.create(caps("PCMU"), b.localAddress()));
            a.update(call[0]);
            assertThatThrownBy(() -> a.sendDtmf("12", Duration.ofMillis(100), 10))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("telephone-event was not negotiated");
            assertThat(a.statistics().packetsSent()).isZero();
        }
    }

    @Test
    void aNegotiatedFormatOfAnotherRateIsRefusedNamingIt() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession b = engine.createSession(config().build());
            MediaCapabilities wide = MediaCapabilities.builder().codec(CodecCapability.of("PCMU", 8000))
                    .codec(CodecCapability.of("G722", 8000)).build();
            NegotiatedMedia[] call = negotiate(OfferAnswer.create(wide, new InetSocketAddress("127.0.0.1", 40000)),
                    OfferAnswer.create(wide, b.localAddress()));
            assertThatThrownBy(() -> b.update(call[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("G722").hasMessageContaining("16000");
            assertThatThrownBy(() -> config().negotiated(call[1]).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("G722");
            assertThat(Arrays.asList(b.config().payloadType())).containsExactly(0); // nothing changed
        }
    }
}
