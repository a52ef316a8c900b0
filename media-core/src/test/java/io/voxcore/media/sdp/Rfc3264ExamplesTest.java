package io.voxcore.media.sdp;

import static io.voxcore.media.sdp.Fixtures.G723;
import static io.voxcore.media.sdp.Fixtures.PCMU;
import static io.voxcore.media.sdp.Fixtures.at;
import static io.voxcore.media.sdp.Fixtures.codecs;
import static io.voxcore.media.sdp.Fixtures.parse;
import static io.voxcore.media.sdp.Fixtures.plain;
import static io.voxcore.media.sdp.Rfc4317.sdp;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 3264 section 10 (10.1 Basic Exchange, 10.2 One of N Codec Selection),
 * the SDP written as data as the RFC prints it, our agent configured with the RFC agent's codecs.
 */
class Rfc3264ExamplesTest {

    static final String OFFER_10_1 = sdp("v=0", "o=alice 2890844526 2890844526 IN IP4 host.anywhere.com", "s= ",
            "c=IN IP4 host.anywhere.com", "t=0 0", "m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=video 51372 RTP/AVP 31", "a=rtpmap:31 H261/90000", "m=video 53000 RTP/AVP 32", "a=rtpmap:32 MPV/90000");

    static final String ANSWER_10_1 = sdp("v=0", "o=bob 2890844730 2890844730 IN IP4 host.example.com", "s= ",
            "c=IN IP4 host.example.com", "t=0 0", "m=audio 49920 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=video 0 RTP/AVP 31", "m=video 53000 RTP/AVP 32", "a=rtpmap:32 MPV/90000");

    static final String SECOND_OFFER_10_1 = sdp("v=0", "o=bob 2890844730 2890844731 IN IP4 host.example.com", "s= ",
            "c=IN IP4 host.example.com", "t=0 0", "m=audio 65422 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=video 0 RTP/AVP 31", "m=video 53000 RTP/AVP 32", "a=rtpmap:32 MPV/90000",
            "m=audio 51434 RTP/AVP 110", "a=rtpmap:110 telephone-events/8000", "a=recvonly");

    static final String OFFER_10_2 = sdp("v=0", "o=alice 2890844526 2890844526 IN IP4 host.anywhere.com", "s= ",
            "c=IN IP4 host.anywhere.com", "t=0 0", "m=audio 62986 RTP/AVP 0 4 18", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:4 G723/8000", "a=rtpmap:18 G729/8000", "a=inactive");

    static final String ANSWER_10_2 = sdp("v=0", "o=bob 2890844730 2890844731 IN IP4 host.example.com", "s= ",
            "c=IN IP4 host.example.com", "t=0 0", "m=audio 54344 RTP/AVP 0 4", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:4 G723/8000", "a=inactive");

    static final String SECOND_OFFER_10_2 = sdp("v=0", "o=alice 2890844526 2890844527 IN IP4 host.anywhere.com", "s= ",
            "c=IN IP4 host.anywhere.com", "t=0 0", "m=audio 62986 RTP/AVP 4", "a=rtpmap:4 G723/8000", "a=sendrecv");

    static final String SECOND_ANSWER_10_2 = sdp("v=0", "o=bob 2890844730 2890844732 IN IP4 host.example.com", "s= ",
            "c=IN IP4 host.example.com", "t=0 0", "m=audio 54344 RTP/AVP 4", "a=rtpmap:4 G723/8000", "a=sendrecv");

    @Test
    void s10_1_basicExchange_answerThenReofferWithANewPort() {
        OfferAnswer bob = OfferAnswer.create(plain(PCMU).build(), at("host.example.com", 49920), "bob", "2890844730",
                2890844730L, "");
        Negotiation n = bob.answer(parse(OFFER_10_1));
        SessionDescription rfc = parse(ANSWER_10_1);
        assertThat(n.local().media()).hasSize(3);
        assertThat(codecs(n.local().media().get(0))).isEqualTo(codecs(rfc.media().get(0))).containsExactly("0 PCMU/8000");
        assertThat(n.local().media().get(0).port()).isEqualTo(49920);
        assertThat(n.local().media().get(1).port()).isEqualTo(rfc.media().get(1).port()).isZero();
        assertThat(n.local().media().get(2).port()).isZero(); // the RFC's Bob takes MPV video; we have none
        assertThat(n.local().origin()).isEqualTo(rfc.origin());

        bob.localAddress(at("host.example.com", 65422));
        SessionDescription reoffer = bob.createOffer();
        SessionDescription rfcOffer = parse(SECOND_OFFER_10_1);
        assertThat(reoffer.origin()).isEqualTo(rfcOffer.origin()); // version 2890844731
        assertThat(reoffer.media()).hasSize(3); // the m= lines keep their order; we add no event stream
        assertThat(codecs(reoffer.media().get(0))).isEqualTo(codecs(rfcOffer.media().get(0)));
        assertThat(reoffer.media().get(0).port()).isEqualTo(65422);
        assertThat(reoffer.media().get(1).port()).isZero();

        // Alice answering the RFC's second offer: PCMU kept, the "telephone-events" stream refused
        OfferAnswer alice = OfferAnswer.create(plain(PCMU).build(), at("host.anywhere.com", 49170), "alice",
                "2890844526", 2890844526L, "");
        Negotiation second = alice.answer(rfcOffer);
        assertThat(second.local().media()).hasSize(4);
        assertThat(codecs(second.local().media().get(0))).containsExactly("0 PCMU/8000");
        assertThat(second.local().media().get(3).port()).isZero(); // the RFC's Alice accepts it sendonly
        assertThat(second.audio().orElseThrow().remoteRtpAddress()).isEqualTo(at("host.example.com", 65422));
    }

    @Test
    void s10_2_oneOfNCodecSelection_inactiveThenLockedToG723() {
        OfferAnswer bob = OfferAnswer.create(plain(PCMU, G723).build(), at("host.example.com", 54344), "bob",
                "2890844730", 2890844731L, "");
        Negotiation first = bob.answer(parse(OFFER_10_2));
        SessionDescription rfc = parse(ANSWER_10_2);
        MediaDescription m = first.local().media().get(0);
        assertThat(codecs(m)).isEqualTo(codecs(rfc.media().get(0))).containsExactly("0 PCMU/8000", "4 G723/8000");
        assertThat(first.local().direction(m)).isEqualTo(rfc.direction(rfc.media().get(0))).isEqualTo(Direction.INACTIVE);
        assertThat(first.local().origin()).isEqualTo(rfc.origin());
        assertThat(first.audio().orElseThrow().direction()).isEqualTo(Direction.INACTIVE);

        Negotiation second = bob.answer(parse(SECOND_OFFER_10_2));
        SessionDescription rfc2 = parse(SECOND_ANSWER_10_2);
        MediaDescription m2 = second.local().media().get(0);
        assertThat(codecs(m2)).isEqualTo(codecs(rfc2.media().get(0))).containsExactly("4 G723/8000");
        assertThat(second.local().direction(m2)).isEqualTo(Direction.SENDRECV);
        assertThat(second.local().origin()).isEqualTo(rfc2.origin()); // version 2890844732
        assertThat(second.audio().orElseThrow().sendCodec()).isEqualTo(new PayloadFormat(4, "G723", 8000, 1, ""));
    }
}
