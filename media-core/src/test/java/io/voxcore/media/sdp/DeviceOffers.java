package io.voxcore.media.sdp;

import static io.voxcore.media.sdp.Rfc4317.sdp;

/**
 * Offers written the way real SIP agents write them, from published captures and traces (the
 * addresses are the captures' own, documentation or private ranges), and from ffmpeg run here.
 * Each keeps the agent's habits: attribute order, session-level or media-level {@code c=} and
 * direction, static payload types with or without {@code rtpmap}, vendor attributes.
 */
final class DeviceOffers {

    private DeviceOffers() {
    }

    /** Asterisk (chan_sip, "User-Agent: Asterisk PBX"): telephone-event 0-16, silenceSupp, ptime, sendrecv. */
    static final String ASTERISK = sdp("v=0", "o=root 19191 19191 IN IP4 64.34.231.248", "s=session",
            "c=IN IP4 64.34.231.248", "t=0 0", "m=audio 13354 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=silenceSupp:off - - - -", "a=ptime:20",
            "a=sendrecv");

    /** FreeSWITCH (mod_sofia) with RFC 5761 rtcp-mux and an RFC 3605 rtcp attribute on the RTP port. */
    static final String FREESWITCH = sdp("v=0", "o=FreeSWITCH 1535391023 1535391024 IN IP4 47.98.109.96",
            "s=FreeSWITCH", "c=IN IP4 47.98.109.96", "t=0 0", "m=audio 60706 RTP/AVP 8 101", "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=ptime:20", "a=rtcp-mux",
            "a=rtcp:60706 IN IP4 47.98.109.96");

    /** FreeSWITCH offering SRTP (RTP/SAVP), as in a published emergency-call trace. */
    static final String FREESWITCH_SAVP = sdp("v=0", "o=FreeSWITCH 1636327400 1636327401 IN IP4 198.51.100.7",
            "s=FreeSWITCH", "c=IN IP4 198.51.100.7", "t=0 0", "m=audio 11398 RTP/SAVP 9 0 101", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=sendrecv", "a=ptime:20");

    /** Linphone (belle-sip test data): s=Talk, speex at two rates, GSM, G.711 without rtpmap, events 0-11, video. */
    static final String LINPHONE = sdp("v=0", "o=jehan-mac 1239 1239 IN IP4 192.168.0.18", "s=Talk",
            "c=IN IP4 192.168.0.18", "t=0 0", "m=audio 7078 RTP/AVP 111 110 3 0 8 101", "a=rtpmap:111 speex/16000",
            "a=fmtp:111 vbr=on", "a=rtpmap:110 speex/8000", "a=fmtp:110 vbr=on", "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-11", "m=video 8078 RTP/AVP 99 97 98", "a=rtpmap:99 MP4V-ES/90000",
            "a=fmtp:99 profile-level-id=3", "a=rtpmap:97 theora/90000", "a=rtpmap:98 H263-1998/90000",
            "a=fmtp:98 CIF=1;QCIF=1");

    /** A Cisco desk phone behind CUCM ("o=Cisco-SIPUA", "s=SIP Call"): c= after m=, G.729 annexb=no, iLBC, iSAC. */
    static final String CISCO = sdp("v=0", "o=Cisco-SIPUA 21908 0 IN IP4 10.24.241.238", "s=SIP Call", "t=0 0",
            "m=audio 19904 RTP/AVP 0 8 18 9 116 124 101", "c=IN IP4 10.24.241.238", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000", "a=rtpmap:18 G729/8000", "a=fmtp:18 annexb=no", "a=rtpmap:9 G722/8000",
            "a=rtpmap:116 iLBC/8000", "a=fmtp:116 mode=20", "a=rtpmap:124 ISAC/16000",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=sendrecv");

    /** A Polycom SoundPoint IP: session-level a=sendrecv, G.722 first, telephone-event on 127 without fmtp. */
    static final String POLYCOM = sdp("v=0", "o=- 1553686678 1553686678 IN IP4 188.137.44.25", "s=Polycom IP Phone",
            "c=IN IP4 188.137.44.25", "t=0 0", "a=sendrecv", "m=audio 2230 RTP/AVP 9 0 8 18 127",
            "a=rtpmap:9 G722/8000", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:18 G729/8000",
            "a=fmtp:18 annexb=no", "a=rtpmap:127 telephone-event/8000");

    /** A Polycom offering best-effort SDES: a=crypto inside plain RTP/AVP. */
    static final String POLYCOM_SDES = sdp("v=0", "o=- 1197975037 1197975037 IN IP4 192.168.9.74",
            "s=Polycom IP Phone", "c=IN IP4 192.168.9.74", "t=0 0", "m=audio 49200 RTP/AVP 8 0 9 18 96", "a=sendrecv",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:tMuyik1Aiiq9p4DQVHhAASSWDEP7K7wo0cICOn39",
            "a=rtpmap:8 PCMA/8000", "a=rtpmap:0 PCMU/8000", "a=rtpmap:9 G722/8000", "a=rtpmap:18 G729/8000",
            "a=rtpmap:96 telephone-event/8000");

    /**
     * Written by ffmpeg 5.1 on this machine:
     * {@code ffmpeg -re -f lavfi -i sine -t 1 -c:a pcm_mulaw -f rtp rtp://127.0.0.1:5004 -sdp_file x.sdp}.
     * The sine source is 44100 Hz, so ffmpeg maps PCMU at 44100 Hz on a dynamic type.
     */
    static final String FFMPEG = sdp("v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=No Name", "c=IN IP4 127.0.0.1", "t=0 0",
            "a=tool:libavformat LIBAVFORMAT_VERSION", "m=audio 5004 RTP/AVP 97", "b=AS:352", "a=rtpmap:97 PCMU/44100/1");

    /** The same with {@code -ar 8000}: the static type 0 and no rtpmap at all. */
    static final String FFMPEG_8K = sdp("v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=No Name", "c=IN IP4 127.0.0.1", "t=0 0",
            "a=tool:libavformat LIBAVFORMAT_VERSION", "m=audio 5004 RTP/AVP 0", "b=AS:64");

    /** {@code -ar 8000 -c:a pcm_alaw -f rtp rtp://[::1]:5006}: IPv6. */
    static final String FFMPEG_IPV6 = sdp("v=0", "o=- 0 0 IN IP6 ::1", "s=No Name", "c=IN IP6 ::1", "t=0 0",
            "a=tool:libavformat LIBAVFORMAT_VERSION", "m=audio 5006 RTP/AVP 8", "b=AS:64");
}
