package io.voxcore.media.sdp;

import static io.voxcore.media.sdp.Fixtures.ILBC;
import static io.voxcore.media.sdp.Fixtures.PCMA;
import static io.voxcore.media.sdp.Fixtures.PCMU;
import static io.voxcore.media.sdp.Fixtures.at;
import static io.voxcore.media.sdp.Fixtures.codecs;
import static io.voxcore.media.sdp.Fixtures.parse;
import static io.voxcore.media.sdp.Fixtures.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * Every audio example of RFC 4317: our answerer (or offerer) is configured with the codecs the
 * RFC's agent shows, and our description is checked against the RFC's: codecs and payload types,
 * ports, directions, refusals, origin versions. Where we differ on purpose the test says why:
 * we serve one audio stream per leg and no video, so a section the RFC's agent accepted for a
 * second audio stream or for video is refused by us with port 0 (RFC 3264 6).
 */
class Rfc4317Test {

    private static OfferAnswer bob(MediaCapabilities caps, String host, int port) {
        return OfferAnswer.create(caps, at(host, port), "bob", "2808844564", 2808844564L, "");
    }

    private static OfferAnswer alice(MediaCapabilities caps, int port) {
        return OfferAnswer.create(caps, at("host.atlanta.example.com", port), "alice", "2890844526", 2890844526L, "");
    }

    @Test
    void s2_1_audioAndVideo1_acceptsPcmuOnlyAndRefusesVideo() {
        SessionDescription rfc = parse(Rfc4317.ANSWER_2_1);
        Negotiation n = bob(plain(PCMU).build(), "host.biloxi.example.com", 49174).answer(parse(Rfc4317.OFFER_AUDIO_VIDEO));
        SessionDescription ours = n.local();
        assertThat(codecs(ours.media().get(0))).isEqualTo(codecs(rfc.media().get(0))).containsExactly("0 PCMU/8000");
        assertThat(ours.media().get(0).port()).isEqualTo(rfc.media().get(0).port());
        assertThat(ours.direction(ours.media().get(0))).isEqualTo(rfc.direction(rfc.media().get(0)));
        // the RFC's Bob accepts MPV video; we have no video: refused, kept in place
        assertThat(ours.media().get(1).port()).isZero();
        assertThat(ours.media().get(1).media()).isEqualTo("video");
        assertThat(ours.origin().toString()).isEqualTo(rfc.origin().toString());
        NegotiatedMedia audio = n.audio().orElseThrow();
        assertThat(audio.sendCodec()).isEqualTo(new PayloadFormat(0, "PCMU", 8000, 1, ""));
        assertThat(audio.remoteRtpAddress()).isEqualTo(at("host.atlanta.example.com", 49170));
        assertThat(audio.remoteRtcpAddress()).isEqualTo(at("host.atlanta.example.com", 49171));
    }

    @Test
    void s2_2_audioAndVideo2_twoCodecsThenLockedToOneWithTheVersionIncremented() {
        OfferAnswer bob = bob(plain(PCMU, PCMA).build(), "host.biloxi.example.com", 49172);
        SessionDescription first = bob.answer(parse(Rfc4317.OFFER_AUDIO_VIDEO)).local();
        SessionDescription rfcFirst = parse(Rfc4317.ANSWER_2_2);
        assertThat(codecs(first.media().get(0))).isEqualTo(codecs(rfcFirst.media().get(0)))
                .containsExactly("0 PCMU/8000", "8 PCMA/8000");
        assertThat(first.media().get(0).port()).isEqualTo(49172);
        assertThat(first.media().get(1).port()).isEqualTo(rfcFirst.media().get(1).port()).isZero();

        Negotiation second = bob.answer(parse(Rfc4317.SECOND_OFFER_2_2));
        SessionDescription rfcSecond = parse(Rfc4317.SECOND_ANSWER_2_2);
        assertThat(codecs(second.local().media().get(0))).isEqualTo(codecs(rfcSecond.media().get(0)));
        assertThat(second.local().media().get(1).port()).isZero();
        assertThat(second.local().origin().sessionVersion()).isEqualTo(rfcSecond.origin().sessionVersion())
                .isEqualTo(2808844565L);
        assertThat(second.audio().orElseThrow().remoteRtpAddress()).isEqualTo(at("host.atlanta.example.com", 51372));
    }

    @Test
    void s2_3_audioAndVideo3_keepsTheOfferersPayloadTypeForIlbc() {
        // Bob's own number for iLBC is 99, as in the RFC's answer; RFC 3264 6.1 says the answerer
        // SHOULD use the offerer's number, which RFC 4317 notes is equally valid: we answer 97.
        MediaCapabilities caps = plain(ILBC.withPayloadType(99)).build();
        Negotiation n = bob(caps, "host.biloxi.example.com", 49172).answer(parse(Rfc4317.OFFER_AUDIO_VIDEO));
        SessionDescription rfc = parse(Rfc4317.ANSWER_2_3);
        assertThat(codecs(rfc.media().get(0))).containsExactly("99 ILBC/8000");
        assertThat(codecs(n.local().media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(n.local().media().get(0).port()).isEqualTo(rfc.media().get(0).port());
        NegotiatedMedia audio = n.audio().orElseThrow();
        assertThat(audio.sendCodec().payloadType()).isEqualTo(97);
        assertThat(audio.receivePayloadTypes()).containsOnlyKeys(97);
        assertThat(n.local().media().get(1).port()).isZero(); // RFC's Bob takes H261 video; we refuse video
    }

    @Test
    void s2_4_twoAudioStreams_firstAcceptedTheEventStreamRefused() {
        MediaCapabilities caps = plain(ILBC).telephoneEvents(TelephoneEvents.DTMF).build();
        SessionDescription ours = bob(caps, "host.biloxi.example.com", 49172).answer(parse(Rfc4317.OFFER_TWO_AUDIO)).local();
        SessionDescription rfc = parse(Rfc4317.ANSWER_2_4);
        assertThat(codecs(ours.media().get(0))).isEqualTo(codecs(rfc.media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(ours.media().get(0).port()).isEqualTo(rfc.media().get(0).port());
        // the RFC's Bob opens a second, events-only audio stream (recvonly); a voxcore leg is one
        // RTP stream, and a section without a codec is refused: port 0, the offer's format kept
        assertThat(rfc.direction(rfc.media().get(1))).isEqualTo(Direction.RECVONLY);
        assertThat(ours.media().get(1).port()).isZero();
        assertThat(ours.media().get(1).formats()).containsExactly("98");
    }

    @Test
    void s2_5_audioAndVideo4_answersTheNewAddressAndFollowsIt() {
        OfferAnswer alice = alice(plain(ILBC).build(), 49170);
        Negotiation n = alice.answer(parse(Rfc4317.SECOND_OFFER_2_5));
        assertThat(codecs(n.local().media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(n.local().media().get(0).port()).isEqualTo(49170);
        assertThat(n.local().media().get(1).port()).isZero(); // H261 video refused
        assertThat(n.audio().orElseThrow().remoteRtpAddress()).isEqualTo(at("newhost.biloxi.example.com", 49178));
    }

    @Test
    void s2_6_audioOnly1_refusesThePcmuStreamAndAcceptsIlbcWithTelephoneEvents() {
        MediaCapabilities caps = plain(ILBC).telephoneEvents(TelephoneEvents.DTMF).build();
        Negotiation n = bob(caps, "host.biloxi.example.com", 49170).answer(parse(Rfc4317.OFFER_2_6));
        SessionDescription rfc = parse(Rfc4317.ANSWER_2_6);
        for (int i = 0; i < 2; i++) {
            assertThat(n.local().media().get(i).port()).as("section %d", i).isEqualTo(rfc.media().get(i).port());
        }
        assertThat(codecs(n.local().media().get(1))).isEqualTo(codecs(rfc.media().get(1)))
                .containsExactly("97 ILBC/8000", "101 TELEPHONE-EVENT/8000");
        NegotiatedMedia audio = n.audio().orElseThrow();
        assertThat(audio.mediaIndex()).isEqualTo(1);
        assertThat(audio.sendTelephoneEventPayloadType()).isEqualTo(101);
        assertThat(audio.receiveTelephoneEventPayloadType()).isEqualTo(101);
        assertThat(audio.telephoneEvents()).isEqualTo(TelephoneEvents.DTMF); // no fmtp offered: RFC 4733 default 0-15
        assertThat(audio.remoteRtpAddress()).isEqualTo(at("host.atlanta.example.com", 51372));
    }

    @Test
    void s2_7_audioAndVideo5_secondExchangeIncrementsTheVersion() {
        OfferAnswer bob = bob(plain(ILBC).build(), "host.biloxi.example.com", 49172);
        Negotiation first = bob.answer(parse(Rfc4317.OFFER_2_7));
        assertThat(codecs(first.local().media().get(0))).containsExactly("99 ILBC/8000");
        Negotiation second = bob.answer(parse(Rfc4317.SECOND_OFFER_2_7));
        assertThat(codecs(second.local().media().get(0))).containsExactly("99 ILBC/8000");
        assertThat(second.local().media().get(1).port()).isZero();
        // the refused video section now lists the offer's two formats: the description changed
        assertThat(second.local().origin().sessionVersion()).isEqualTo(2808844565L);
    }

    @Test
    void s2_8_audioAndVideo6_acceptsAudio() {
        Negotiation n = bob(plain(PCMU).build(), "host.biloxi.example.com", 49174).answer(parse(Rfc4317.OFFER_AUDIO_VIDEO));
        SessionDescription rfc = parse(Rfc4317.ANSWER_2_8);
        assertThat(codecs(n.local().media().get(0))).isEqualTo(codecs(rfc.media().get(0)));
        assertThat(n.local().media().get(0).port()).isEqualTo(rfc.media().get(0).port());
        // the RFC's Bob sends video to another host; we refuse video
        assertThat(rfc.connection(rfc.media().get(1)).orElseThrow().address()).isEqualTo("otherhost.biloxi.example.com");
        assertThat(n.local().media().get(1).port()).isZero();
    }

    @Test
    void s3_1_holdAndUnhold1_answerOnHoldThenOfferToResume() {
        OfferAnswer bob = bob(plain(ILBC).build(), "placeholder.biloxi.example.com", 49172);
        bob.direction(Direction.SENDONLY);
        Negotiation held = bob.answer(parse(Rfc4317.OFFER_PCMU_ILBC));
        SessionDescription rfc = parse(Rfc4317.ANSWER_3_1);
        MediaDescription m = held.local().media().get(0);
        assertThat(codecs(m)).isEqualTo(codecs(rfc.media().get(0)));
        assertThat(held.local().direction(m)).isEqualTo(rfc.direction(rfc.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(held.local().connection().address()).isEqualTo("placeholder.biloxi.example.com");
        assertThat(held.audio().orElseThrow().direction()).isEqualTo(Direction.SENDONLY);

        bob.direction(Direction.SENDRECV);
        bob.localAddress(at("host.biloxi.example.com", 49170));
        SessionDescription offer = bob.createOffer();
        SessionDescription rfcOffer = parse(Rfc4317.SECOND_OFFER_3_1);
        assertThat(codecs(offer.media().get(0))).isEqualTo(codecs(rfcOffer.media().get(0)));
        assertThat(offer.media().get(0).port()).isEqualTo(49170);
        assertThat(offer.origin().sessionVersion()).isEqualTo(rfcOffer.origin().sessionVersion());
        assertThat(offer.direction(offer.media().get(0))).isEqualTo(Direction.SENDRECV);

        // Alice's second answer, as the RFC prints it, moves her to port 49178
        Negotiation resumed = bob.applyAnswer(parse(Rfc4317.sdp("v=0",
                "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com", "s= ", Rfc4317.ALICE_C, "t=0 0",
                "m=audio 49178 RTP/AVP 97", "a=rtpmap:97 iLBC/8000")));
        NegotiatedMedia audio = resumed.audio().orElseThrow();
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.remoteRtpAddress()).isEqualTo(at("host.atlanta.example.com", 49178));
        assertThat(audio.sendCodec().payloadType()).isEqualTo(97);

        // the same exchange seen from Alice: her answer to Bob's second offer, on her new port
        OfferAnswer alice = alice(plain(PCMU, ILBC).build(), 49170);
        alice.createOffer();
        alice.applyAnswer(parse(Rfc4317.ANSWER_3_1));
        assertThat(alice.current().audio().orElseThrow().direction()).isEqualTo(Direction.RECVONLY);
        alice.localAddress(at("host.atlanta.example.com", 49178));
        Negotiation aliceAnswer = alice.answer(parse(Rfc4317.SECOND_OFFER_3_1));
        assertThat(aliceAnswer.local().media().get(0).port()).isEqualTo(49178);
        assertThat(codecs(aliceAnswer.local().media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(aliceAnswer.local().origin().sessionVersion()).isEqualTo(2890844527L);
    }

    @Test
    void s3_2_holdWithTwoStreams_aSendonlyOfferIsAnsweredRecvonly() {
        MediaCapabilities caps = plain(PCMU, ILBC).telephoneEvents(TelephoneEvents.DTMF).build();
        OfferAnswer alice = alice(caps, 49170);
        Negotiation n = alice.answer(parse(Rfc4317.SECOND_OFFER_3_2));
        MediaDescription audio = n.local().media().get(0);
        assertThat(codecs(audio)).containsExactly("97 ILBC/8000");
        // RFC 4317's second answer shows no direction (sendrecv) for this section although the offer
        // is sendonly; RFC 3264 6.1 requires recvonly or inactive, and that is what we answer
        assertThat(n.local().direction(audio)).isEqualTo(Direction.RECVONLY);
        assertThat(n.audio().orElseThrow().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(n.audio().orElseThrow().sends()).isFalse();
        assertThat(n.local().media().get(1).port()).isZero(); // the events-only second stream

        // Bob's side: he answered the first offer, then puts Alice's audio on hold
        OfferAnswer bob = bob(plain(ILBC).telephoneEvents(TelephoneEvents.DTMF).build(), "host.biloxi.example.com", 49172);
        bob.answer(parse(Rfc4317.OFFER_TWO_AUDIO));
        bob.direction(Direction.SENDONLY);
        SessionDescription hold = bob.createOffer();
        assertThat(hold.direction(hold.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(hold.media()).hasSize(2);
        assertThat(hold.media().get(1).port()).isZero();
        assertThat(hold.origin().sessionVersion()).isEqualTo(2808844565L);
    }

    @Test
    void s4_1_secondAudioStreamAdded_theFirstStaysTheSecondIsRefused() {
        OfferAnswer alice = alice(plain(PCMU, ILBC).build(), 49170);
        Negotiation n = alice.answer(parse(Rfc4317.SECOND_OFFER_4_1));
        assertThat(codecs(n.local().media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(n.local().media().get(0).port()).isEqualTo(49170);
        assertThat(n.local().media().get(1).port()).isZero(); // the RFC's Alice accepts it sendonly on 49172
        assertThat(n.media()).hasSize(1);
    }

    @Test
    void s4_2_audioThenVideoAdded_ourOfferAndTheRfcAnswer() {
        OfferAnswer alice = alice(plain(PCMU).build(), 49170);
        SessionDescription offer = alice.createOffer();
        SessionDescription rfcOffer = parse(Rfc4317.OFFER_4_2);
        assertThat(codecs(offer.media().get(0))).isEqualTo(codecs(rfcOffer.media().get(0)));
        assertThat(offer.origin()).isEqualTo(rfcOffer.origin());
        assertThat(offer.connection()).isEqualTo(rfcOffer.connection());
        NegotiatedMedia audio = alice.applyAnswer(parse(Rfc4317.ANSWER_4_2)).audio().orElseThrow();
        assertThat(audio.remoteRtpAddress()).isEqualTo(at("host.biloxi.example.com", 49172));
        assertThat(audio.sendCodec()).isEqualTo(new PayloadFormat(0, "PCMU", 8000, 1, ""));
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);

        // Bob answering Alice's second offer (video added): audio unchanged, video refused
        OfferAnswer bob = bob(plain(PCMU).build(), "host.biloxi.example.com", 49172);
        bob.answer(parse(Rfc4317.OFFER_4_2));
        Negotiation second = bob.answer(parse(Rfc4317.SECOND_OFFER_4_2));
        assertThat(codecs(second.local().media().get(0))).containsExactly("0 PCMU/8000");
        assertThat(second.local().media().get(1).port()).isZero(); // the RFC's Bob accepts video on 49168
    }

    @Test
    void s4_3_videoDeleted_answeredWithPortZero() {
        OfferAnswer alice = alice(plain(ILBC).build(), 49170);
        Negotiation n = alice.answer(parse(Rfc4317.SECOND_OFFER_4_3));
        assertThat(codecs(n.local().media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(n.local().media().get(0).port()).isEqualTo(49170);
        assertThat(n.local().media().get(1).port()).isZero();
        assertThat(n.local().media().get(1).formats()).containsExactly("31");
    }

    @Test
    void s5_1_noMediaThenAudioAdded() {
        OfferAnswer bob = bob(plain(ILBC).build(), "host.biloxi.example.com", 49172);
        Negotiation first = bob.answer(parse(Rfc4317.OFFER_5_1));
        assertThat(first.local().media()).isEmpty();
        assertThat(first.audio()).isEmpty();
        Negotiation second = bob.answer(parse(Rfc4317.SECOND_OFFER_5_1));
        assertThat(codecs(second.local().media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(second.local().media().get(0).port()).isEqualTo(49172);
        assertThat(second.local().origin().sessionVersion()).isEqualTo(2808844565L);
    }

    @Test
    void s5_2_holdAndUnhold2_aBlackHoledOfferIsNotSentTo() {
        OfferAnswer bob = bob(plain(ILBC).build(), "host.biloxi.example.com", 49170);
        Negotiation held = bob.answer(parse(Rfc4317.OFFER_5_2));
        assertThat(codecs(held.local().media().get(0))).containsExactly("97 ILBC/8000");
        assertThat(held.local().direction(held.local().media().get(0))).isEqualTo(Direction.SENDRECV);
        NegotiatedMedia audio = held.audio().orElseThrow();
        assertThat(audio.sends()).isFalse();
        assertThat(audio.receives()).isTrue();
        assertThat(audio.remoteRtpAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 23442));

        Negotiation resumed = bob.answer(parse(Rfc4317.sdp("v=0",
                "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com", "s= ", Rfc4317.ALICE_C, "t=0 0",
                "m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000")));
        assertThat(resumed.audio().orElseThrow().sends()).isTrue();
        // Bob's answer is the same as before, so, as in the RFC, its version is not incremented
        assertThat(resumed.local().origin().sessionVersion()).isEqualTo(2808844564L);
        assertThat(resumed.local()).isEqualTo(held.local());
    }

    @Test
    void s5_3_holdAndUnhold3_aBlackHoledAnswerIsNotSentToAndAnUnchangedAnswerKeepsItsVersion() {
        OfferAnswer alice = alice(plain(ILBC.withPayloadType(97)).build(), 49170); // Alice numbers iLBC 97
        SessionDescription offer = alice.createOffer();
        assertThat(codecs(offer.media().get(0))).isEqualTo(codecs(parse(Rfc4317.OFFER_ILBC).media().get(0)));
        NegotiatedMedia held = alice.applyAnswer(parse(Rfc4317.ANSWER_5_3)).audio().orElseThrow();
        assertThat(held.sends()).isFalse();
        assertThat(held.remoteRtpAddress().getPort()).isEqualTo(9322);

        Negotiation resumed = alice.answer(parse(Rfc4317.SECOND_OFFER_5_3));
        assertThat(resumed.audio().orElseThrow().sends()).isTrue();
        assertThat(resumed.audio().orElseThrow().remoteRtpAddress()).isEqualTo(at("host.biloxi.example.com", 49172));
        // the RFC's second answer keeps version 2890844526: our answer equals our offer
        assertThat(resumed.local().origin().sessionVersion()).isEqualTo(2890844526L);
    }
}
