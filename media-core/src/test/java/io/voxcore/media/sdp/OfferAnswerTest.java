package io.voxcore.media.sdp;

import static io.voxcore.media.sdp.Fixtures.PCMA;
import static io.voxcore.media.sdp.Fixtures.PCMU;
import static io.voxcore.media.sdp.Fixtures.codecs;
import static io.voxcore.media.sdp.Fixtures.plain;
import static io.voxcore.media.sdp.Rfc4317.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Offer/answer rules beyond the RFC examples: payload type mapping, SRTP flag, versions, ptime, RTCP. */
class OfferAnswerTest {

    private static final InetSocketAddress ALICE = new InetSocketAddress("192.0.2.1", 30000);
    private static final InetSocketAddress BOB = new InetSocketAddress("192.0.2.2", 40000);

    private static String offerWith(String... mediaLines) {
        String[] head = {"v=0", "o=peer 1 1 IN IP4 198.51.100.1", "s=-", "c=IN IP4 198.51.100.1", "t=0 0"};
        String[] all = new String[head.length + mediaLines.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(mediaLines, 0, all, head.length, mediaLines.length);
        return sdp(all);
    }

    @Test
    void twoLegsNegotiateEndToEnd() {
        OfferAnswer alice = OfferAnswer.create(MediaCapabilities.builder().codec(PCMA).codec(PCMU).build(), ALICE);
        OfferAnswer bob = OfferAnswer.create(MediaCapabilities.builder().codec(PCMU).codec(PCMA).build(), BOB);
        SessionDescription offer = alice.createOffer();
        assertThat(codecs(offer.media().get(0))).containsExactly("8 PCMA/8000", "0 PCMU/8000",
                "101 TELEPHONE-EVENT/8000", "13 CN/8000");
        Negotiation answered = bob.answer(SessionDescription.parse(offer.write()));
        // the offerer's order by default (RFC 3264 6.1 leaves it to us)
        assertThat(codecs(answered.local().media().get(0))).containsExactly("8 PCMA/8000", "0 PCMU/8000",
                "101 TELEPHONE-EVENT/8000", "13 CN/8000");
        Negotiation applied = alice.applyAnswer(SessionDescription.parse(answered.local().write()));

        NegotiatedMedia a = applied.audio().orElseThrow();
        NegotiatedMedia b = answered.audio().orElseThrow();
        assertThat(a.remoteRtpAddress()).isEqualTo(BOB);
        assertThat(b.remoteRtpAddress()).isEqualTo(ALICE);
        assertThat(a.rtcpMux()).isTrue();
        assertThat(b.remoteRtcpAddress()).isEqualTo(ALICE); // rtcp-mux agreed
        assertThat(a.sendCodec()).isEqualTo(b.sendCodec()).isEqualTo(new PayloadFormat(8, "PCMA", 8000, 1, ""));
        assertThat(a.sendPayloadTypes()).isEqualTo(b.receivePayloadTypes());
        assertThat(b.sendPayloadTypes().keySet()).isEqualTo(a.receivePayloadTypes().keySet());
        assertThat(a.sendComfortNoisePayloadType()).isEqualTo(13);
        assertThat(b.receiveComfortNoisePayloadType()).isEqualTo(13);
        assertThat(a.ptime()).isEqualTo(20);
    }

    @Test
    void dynamicPayloadTypesAreMappedBothWays() {
        // we offer telephone-event on 101; a sloppy peer answers it on 96
        OfferAnswer us = OfferAnswer.create(plain(PCMU).telephoneEvents(TelephoneEvents.DTMF).build(), ALICE);
        SessionDescription offer = us.createOffer();
        assertThat(offer.media().get(0).formats()).containsExactly("0", "101");
        NegotiatedMedia n = us.applyAnswer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0 96",
                "a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-15"))).audio().orElseThrow();
        assertThat(n.sendTelephoneEventPayloadType()).isEqualTo(96);
        assertThat(n.receiveTelephoneEventPayloadType()).isEqualTo(101);
        assertThat(n.sendPayloadTypes()).containsOnlyKeys(0, 96);
        assertThat(n.receivePayloadTypes()).containsOnlyKeys(0, 101);

        // as answerer, the offerer's numbers are kept: their 96 is answered as 96 although ours is 101
        Negotiation answered = OfferAnswer.create(plain(PCMU).telephoneEvents(TelephoneEvents.DTMF).build(), BOB)
                .answer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0 96", "a=rtpmap:96 telephone-event/8000")));
        assertThat(answered.local().media().get(0).formats()).containsExactly("0", "96");
        assertThat(answered.audio().orElseThrow().receiveTelephoneEventPayloadType()).isEqualTo(96);
    }

    @Test
    void telephoneEventIsMatchedToEachCodecsClockRate() {
        MediaCapabilities caps = MediaCapabilities.builder().codec(CodecCapability.of("L16", 16000)).codec(PCMU)
                .comfortNoise(false).build();
        assertThat(io.voxcore.media.codec.CodecFactory.supportedCodecs()).extracting(c -> c.name())
                .as("G.722 is there to be created").contains("G722");
        assertThat(caps.formats()).extracting(PayloadFormat::toString).containsExactly("96 L16/16000", "0 PCMU/8000",
                "97 telephone-event/16000 (0-15)", "101 telephone-event/8000 (0-15)");
        Negotiation n = OfferAnswer.create(caps, BOB).answer(SessionDescription.parse(offerWith(
                "m=audio 5000 RTP/AVP 0 110 111 112", "a=rtpmap:110 L16/16000", "a=rtpmap:111 telephone-event/16000",
                "a=rtpmap:112 telephone-event/48000")));
        // telephone-event/48000 has no codec at 48 kHz: left out
        assertThat(codecs(n.local().media().get(0))).containsExactly("0 PCMU/8000", "110 L16/16000",
                "111 TELEPHONE-EVENT/16000");
        NegotiatedMedia a = n.audio().orElseThrow();
        assertThat(a.sendCodec().encodingName()).isEqualTo("PCMU");
        assertThat(a.sendTelephoneEventPayloadType()).isEqualTo(-1); // none offered at 8000 Hz
    }

    @Test
    void answerOrderOursPutsOurPreferenceFirst() {
        MediaCapabilities caps = plain(PCMA, PCMU).answerOrder(MediaCapabilities.AnswerOrder.OURS).build();
        Negotiation n = OfferAnswer.create(caps, BOB).answer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0 8")));
        assertThat(n.local().media().get(0).formats()).containsExactly("8", "0");
        assertThat(n.audio().orElseThrow().sendCodec().encodingName()).isEqualTo("PCMA");
    }

    @Test
    void savpIsRefusedUntilAnSrtpPolicyTurnsItOn() {
        String offer = offerWith("m=audio 5000 RTP/SAVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32",
                "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32");
        Negotiation refused = OfferAnswer.create(plain(PCMU).build(), BOB).answer(SessionDescription.parse(offer));
        assertThat(refused.local().media().get(0).port()).isZero();

        Crypto ours = Crypto.parse("2 AES_CM_128_HMAC_SHA1_32 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:32");
        SrtpPolicy policy = new SrtpPolicy() {
            @Override
            public List<Crypto> offer() {
                return List.of(ours);
            }

            @Override
            public Optional<Crypto> answer(List<Crypto> offered) {
                return offered.stream().filter(c -> c.suite().equals(ours.suite())).findFirst().map(c -> ours);
            }
        };
        Negotiation accepted = OfferAnswer.create(plain(PCMU).srtp(policy).build(), BOB).answer(SessionDescription.parse(offer));
        MediaDescription m = accepted.local().media().get(0);
        assertThat(m.proto()).isEqualTo("RTP/SAVP");
        assertThat(m.cryptos()).containsExactly(ours);
        NegotiatedMedia a = accepted.audio().orElseThrow();
        assertThat(a.localCrypto()).isEqualTo(ours);
        assertThat(a.remoteCryptos()).extracting(Crypto::tag).containsExactly(1, 2);

        OfferAnswer offerer = OfferAnswer.create(plain(PCMU).srtp(policy).build(), ALICE);
        assertThat(offerer.createOffer().media().get(0).proto()).isEqualTo("RTP/SAVP");
    }

    @Test
    void unknownTransportsAndVideoAreRefusedInPlace() {
        Negotiation n = OfferAnswer.create(plain(PCMU).build(), BOB).answer(SessionDescription.parse(offerWith(
                "m=video 6000 RTP/AVP 31", "m=audio 5000 TCP/MSRP *", "m=audio 5002 RTP/AVP 0", "m=audio 5004 RTP/AVP 0")));
        List<MediaDescription> m = n.local().media();
        assertThat(m).extracting(MediaDescription::port).containsExactly(0, 0, 40000, 0);
        assertThat(m.get(1).formats()).containsExactly("*");
        assertThat(n.audio().orElseThrow().mediaIndex()).isEqualTo(2);
    }

    @Test
    void versionGrowsOnlyWhenOurDescriptionChanges() {
        OfferAnswer us = OfferAnswer.create(plain(PCMU).build(), ALICE, "-", "77", 5, "-");
        assertThat(us.createOffer().origin().sessionVersion()).isEqualTo(5);
        us.applyAnswer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0")));
        assertThat(us.createOffer().origin().sessionVersion()).isEqualTo(5); // the same offer again
        us.applyAnswer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0")));
        us.direction(Direction.SENDONLY);
        SessionDescription hold = us.createOffer();
        assertThat(hold.origin().sessionVersion()).isEqualTo(6);
        assertThat(hold.origin().sessionId()).isEqualTo("77");
        NegotiatedMedia held = us.applyAnswer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0", "a=recvonly")))
                .audio().orElseThrow();
        assertThat(held.direction()).isEqualTo(Direction.SENDONLY);
        us.direction(Direction.SENDRECV);
        assertThat(us.createOffer().origin().sessionVersion()).isEqualTo(7);
    }

    @Test
    void ptimeMaxptimeAndRtcpAttributeAreHonoured() {
        NegotiatedMedia a = OfferAnswer.create(plain(PCMU).build(), BOB).answer(SessionDescription.parse(offerWith(
                "m=audio 5000 RTP/AVP 0", "a=ptime:30", "a=rtcp:5011 IN IP4 198.51.100.9"))).audio().orElseThrow();
        assertThat(a.ptime()).isEqualTo(30);
        assertThat(a.remoteRtcpAddress()).isEqualTo(new InetSocketAddress("198.51.100.9", 5011));
        assertThat(a.rtcpMux()).isFalse();

        NegotiatedMedia capped = OfferAnswer.create(plain(PCMU).ptime(40).build(), BOB).answer(SessionDescription.parse(
                offerWith("m=audio 5000 RTP/AVP 0", "a=maxptime:20", "a=rtcp:5011"))).audio().orElseThrow();
        assertThat(capped.ptime()).isEqualTo(20);
        assertThat(capped.maxPtime()).isEqualTo(20);
        assertThat(capped.remoteRtcpAddress()).isEqualTo(new InetSocketAddress("198.51.100.1", 5011));
    }

    @Test
    void anAnswerThatDoesNotFitTheOfferIsRefusedClearly() {
        OfferAnswer us = OfferAnswer.create(plain(PCMU).build(), ALICE);
        assertThatThrownBy(() -> us.applyAnswer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no offer is pending");
        us.createOffer();
        assertThatThrownBy(() -> us.applyAnswer(SessionDescription.parse(offerWith("m=audio 5000 RTP/AVP 0",
                "m=audio 5002 RTP/AVP 0")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 media descriptions but the offer had 1");
        Negotiation none = us.applyAnswer(SessionDescription.parse(offerWith("m=audio 0 RTP/AVP 0")));
        assertThat(none.audio()).isEmpty();
    }

    @Test
    void defaultCapabilitiesHoldEveryCodecThisBuildCanCreate() {
        MediaCapabilities caps = MediaCapabilities.defaults();
        // PCMU and PCMA are built in (G.722 too, but left out: sessions cannot carry its 16 kHz audio
        // on an 8 kHz clock yet); X-L16-8K and X-L16-PLC come from the test-scope CodecProvider, whose L16/44100
        // is left out too: one session carries one rate, 8000 Hz in the defaults
        assertThat(caps.codecs()).extracting(c -> c.encodingName() + "/" + c.clockRate() + "/" + c.preferredPayloadType())
                .containsExactly("PCMU/8000/0", "PCMA/8000/8", "X-L16-8K/8000/96", "X-L16-PLC/8000/97");
        assertThat(io.voxcore.media.codec.CodecFactory.supportedCodecs()).extracting(c -> c.name())
                .as("G.722 is there to be created").contains("G722");
        assertThat(caps.formats()).extracting(PayloadFormat::toString).contains("101 telephone-event/8000 (0-15)",
                "13 CN/8000");
        assertThat(caps.formats()).extracting(PayloadFormat::clockRate).containsOnly(8000);
    }
}
