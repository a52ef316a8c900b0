package io.voxcore.media.sdp;

/**
 * The audio examples of RFC 4317 ("SDP Offer/Answer Examples", Johnston and Sparks, December
 * 2005), written as data exactly as the RFC prints them (its {@code s=} line holds a single
 * space, section 1). Sections 2.1-2.8, 3.1-3.2, 4.1-4.3 and 5.1-5.3 all carry audio.
 */
final class Rfc4317 {

    private Rfc4317() {
    }

    static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static final String ALICE = "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com";
    static final String ALICE_C = "c=IN IP4 host.atlanta.example.com";
    static final String BOB = "o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com";
    static final String BOB_C = "c=IN IP4 host.biloxi.example.com";

    /** 2.1, 2.2, 2.3 and 2.8 share this offer. */
    static final String OFFER_AUDIO_VIDEO = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0",
            "m=audio 49170 RTP/AVP 0 8 97", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:97 iLBC/8000",
            "m=video 51372 RTP/AVP 31 32", "a=rtpmap:31 H261/90000", "a=rtpmap:32 MPV/90000");

    static final String ANSWER_2_1 = sdp("v=0", BOB, "s= ", BOB_C, "t=0 0",
            "m=audio 49174 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "m=video 49170 RTP/AVP 32", "a=rtpmap:32 MPV/90000");

    static final String ANSWER_2_2 = sdp("v=0", BOB, "s= ", BOB_C, "t=0 0",
            "m=audio 49172 RTP/AVP 0 8", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
            "m=video 0 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String SECOND_OFFER_2_2 = sdp("v=0", "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com",
            "s= ", ALICE_C, "t=0 0", "m=audio 51372 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=video 0 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String SECOND_ANSWER_2_2 = sdp("v=0", "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
            "s= ", BOB_C, "t=0 0", "m=audio 49172 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=video 0 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String ANSWER_2_3 = sdp("v=0", BOB, "s= ", BOB_C, "t=0 0",
            "m=audio 49172 RTP/AVP 99", "a=rtpmap:99 iLBC/8000", "m=video 51374 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    /** 2.4 and 3.2 share this offer. */
    static final String OFFER_TWO_AUDIO = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0",
            "m=audio 49170 RTP/AVP 0 97", "a=rtpmap:0 PCMU/8000", "a=rtpmap:97 iLBC/8000",
            "m=audio 49172 RTP/AVP 98", "a=rtpmap:98 telephone-event/8000", "a=sendonly");

    static final String ANSWER_2_4 = sdp("v=0", BOB, "s= ", BOB_C, "t=0 0",
            "m=audio 49172 RTP/AVP 97", "a=rtpmap:97 iLBC/8000",
            "m=audio 49174 RTP/AVP 98", "a=rtpmap:98 telephone-event/8000", "a=recvonly");

    static final String OFFER_2_5 = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0",
            "m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000", "m=video 51372 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String SECOND_OFFER_2_5 = sdp("v=0", "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
            "s= ", "c=IN IP4 newhost.biloxi.example.com", "t=0 0",
            "m=audio 49178 RTP/AVP 97", "a=rtpmap:97 iLBC/8000", "m=video 49188 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String OFFER_2_6 = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0",
            "m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=audio 51372 RTP/AVP 97 101", "a=rtpmap:97 iLBC/8000", "a=rtpmap:101 telephone-event/8000");

    static final String ANSWER_2_6 = sdp("v=0", BOB, "s= ", BOB_C, "t=0 0",
            "m=audio 0 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=audio 49170 RTP/AVP 97 101", "a=rtpmap:97 iLBC/8000", "a=rtpmap:101 telephone-event/8000");

    static final String OFFER_2_7 = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0",
            "m=audio 49170 RTP/AVP 99", "a=rtpmap:99 iLBC/8000", "m=video 51372 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String SECOND_OFFER_2_7 = sdp("v=0", "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com",
            "s= ", ALICE_C, "t=0 0", "m=audio 49170 RTP/AVP 99", "a=rtpmap:99 iLBC/8000",
            "m=video 51372 RTP/AVP 31 32", "a=rtpmap:31 H261/90000", "a=rtpmap:32 MPV/90000");

    static final String ANSWER_2_8 = sdp("v=0", BOB, "s= ", BOB_C, "t=0 0",
            "m=audio 49174 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=video 49172 RTP/AVP 32", "c=IN IP4 otherhost.biloxi.example.com", "a=rtpmap:32 MPV/90000");

    /** 3.1, 4.1 share this offer. */
    static final String OFFER_PCMU_ILBC = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0",
            "m=audio 49170 RTP/AVP 0 97", "a=rtpmap:0 PCMU/8000", "a=rtpmap:97 iLBC/8000");

    static final String ANSWER_3_1 = sdp("v=0", BOB, "s= ", "c=IN IP4 placeholder.biloxi.example.com", "t=0 0",
            "m=audio 49172 RTP/AVP 97", "a=rtpmap:97 iLBC/8000", "a=sendonly");

    static final String SECOND_OFFER_3_1 = sdp("v=0", "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
            "s= ", BOB_C, "t=0 0", "m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000");

    static final String SECOND_OFFER_3_2 = sdp("v=0", "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
            "s= ", BOB_C, "t=0 0", "m=audio 49172 RTP/AVP 97", "a=rtpmap:97 iLBC/8000", "a=sendonly",
            "m=audio 49174 RTP/AVP 98", "a=rtpmap:98 telephone-event/8000", "a=recvonly");

    static final String SECOND_OFFER_4_1 = sdp("v=0", "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
            "s= ", BOB_C, "t=0 0", "m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000",
            "m=audio 48282 RTP/AVP 98", "c=IN IP4 mediaserver.biloxi.example.com", "a=rtpmap:98 telephone-event/8000",
            "a=recvonly");

    static final String OFFER_4_2 = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0", "m=audio 49170 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000");

    static final String ANSWER_4_2 = sdp("v=0", BOB, "s= ", BOB_C, "t=0 0", "m=audio 49172 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000");

    static final String SECOND_OFFER_4_2 = sdp("v=0", "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com",
            "s= ", ALICE_C, "t=0 0", "m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
            "m=video 49172 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String SECOND_OFFER_4_3 = sdp("v=0", "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
            "s= ", BOB_C, "t=0 0", "m=audio 49174 RTP/AVP 97", "a=rtpmap:97 iLBC/8000",
            "m=video 0 RTP/AVP 31", "a=rtpmap:31 H261/90000");

    static final String OFFER_5_1 = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0");

    static final String SECOND_OFFER_5_1 = sdp("v=0", "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com",
            "s= ", ALICE_C, "t=0 0", "m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000");

    static final String OFFER_5_2 = sdp("v=0", ALICE, "s= ", "c=IN IP4 0.0.0.0", "t=0 0",
            "m=audio 23442 RTP/AVP 97", "a=rtpmap:97 iLBC/8000");

    static final String OFFER_ILBC = sdp("v=0", ALICE, "s= ", ALICE_C, "t=0 0",
            "m=audio 49170 RTP/AVP 97", "a=rtpmap:97 iLBC/8000");

    static final String ANSWER_5_3 = sdp("v=0", BOB, "s= ", "c=IN IP4 0.0.0.0", "t=0 0",
            "m=audio 9322 RTP/AVP 97", "a=rtpmap:97 iLBC/8000");

    static final String SECOND_OFFER_5_3 = sdp("v=0", "o=bob 2808844564 2808844565 IN IP4 host.biloxi.example.com",
            "s= ", BOB_C, "t=0 0", "m=audio 49172 RTP/AVP 97", "a=rtpmap:97 iLBC/8000");
}
