package io.voxcore.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * {@link DeclarativeSdp#receiving}: the stream a file such as {@code ffmpeg -sdp_file} writes,
 * received without any answer. The ffmpeg texts are what ffmpeg 5.1 wrote on this machine.
 */
class DeclarativeSdpTest {

    /**
     * {@code ffmpeg -re -f lavfi -i sine=frequency=440:sample_rate=8000 -t 0.2 -c:a pcm_alaw -f rtp
     * rtp://127.0.0.1:5004 -sdp_file x.sdp}: static PCMA, no rtpmap, no direction, no ptime.
     */
    static final String FFMPEG_PCMA = String.join("\r\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=No Name",
            "c=IN IP4 127.0.0.1", "t=0 0", "a=tool:libavformat LIBAVFORMAT_VERSION", "m=audio 5004 RTP/AVP 8",
            "b=AS:64", "");

    private static final CodecCapability PCMU = CodecCapability.of("PCMU", 8000);
    private static final CodecCapability PCMA = CodecCapability.of("PCMA", 8000);
    private static final CodecCapability L16 = CodecCapability.of("L16", 44100);

    private static final MediaCapabilities G711 = MediaCapabilities.builder().codec(PCMU).codec(PCMA).build();

    private static NegotiatedMedia receiving(String sdp, MediaCapabilities caps) {
        return DeclarativeSdp.receiving(SessionDescription.parse(sdp), caps);
    }

    @Test
    void ffmpegsPcmaFileIsReceivedOnItsStaticTypeWithNobodyToSendTo() {
        NegotiatedMedia n = receiving(FFMPEG_PCMA, G711);
        assertThat(n.mediaIndex()).isZero();
        assertThat(n.proto()).isEqualTo("RTP/AVP");
        assertThat(n.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(n.sends()).isFalse();
        assertThat(n.receives()).isTrue();
        assertThat(n.receivePayloadTypes()).containsOnlyKeys(8);
        assertThat(n.receivePayloadTypes().get(8)).isEqualTo(new PayloadFormat(8, "PCMA", 8000, 1, ""));
        assertThat(n.sendCodec()).isEqualTo(new PayloadFormat(8, "PCMA", 8000, 1, ""));
        assertThat(n.sendPayloadTypes()).isEmpty();
        assertThat(n.sendTelephoneEventPayloadType()).isEqualTo(-1);
        assertThat(n.receiveTelephoneEventPayloadType()).isEqualTo(-1);
        assertThat(n.telephoneEvents()).isNull();
        InetSocketAddress nobody = new InetSocketAddress("0.0.0.0", 0);
        assertThat(n.remoteRtpAddress()).isEqualTo(nobody);
        assertThat(n.remoteRtcpAddress()).isEqualTo(nobody);
        assertThat(n.rtcpMux()).isFalse();
        assertThat(n.ptime()).isEqualTo(20); // the file names none: ours
        assertThat(n.maxPtime()).isZero();
        assertThat(n.remoteCryptos()).isEmpty();
        assertThat(n.localCrypto()).isNull();
    }

    @Test
    void ffmpegsIpv6FileHasTheIpv6UnspecifiedAddressAsItsRemote() {
        NegotiatedMedia n = receiving(DeviceOffers.FFMPEG_IPV6, G711);
        assertThat(n.receivePayloadTypes()).containsOnlyKeys(8);
        assertThat(n.remoteRtpAddress().getPort()).isZero();
        assertThat(n.remoteRtpAddress().getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(n.remoteRtpAddress().getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void ffmpegsPcmuAt44100IsRefusedNamingTheSectionAndTheCodecsWeHave() {
        assertThatThrownBy(() -> receiving(DeviceOffers.FFMPEG, G711)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m=audio 5004 RTP/AVP").hasMessageContaining("[97]")
                .hasMessageContaining("PCMU/8000, PCMA/8000");
    }

    @Test
    void everyMappedPayloadTypeOfTheFirstCodecsRateIsAcceptedUnderTheFilesNumbers() {
        String sdp = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.7", "s=-", "c=IN IP4 192.0.2.7", "t=0 0",
                "m=video 5000 RTP/AVP 96", "a=rtpmap:96 H264/90000",
                "m=audio 0 RTP/AVP 0",
                "m=audio 5004 RTP/AVP 8 0 97 96 101 102 13", "a=rtpmap:97 L16/44100", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16", "a=rtpmap:102 telephone-event/44100", "a=ptime:30", "a=sendonly", "a=rtcp-mux", "");
        MediaCapabilities caps = MediaCapabilities.builder().codec(PCMU).codec(L16).codec(PCMA).build();
        NegotiatedMedia n = receiving(sdp, caps);
        assertThat(n.mediaIndex()).isEqualTo(2);
        // 97 is L16 at another rate than PCMA's, 96 has no rtpmap, 102 is events at 44100 Hz
        assertThat(n.receivePayloadTypes()).containsOnlyKeys(8, 0, 101, 13);
        assertThat(n.receivePayloadTypes().get(0)).isEqualTo(new PayloadFormat(0, "PCMU", 8000, 1, ""));
        assertThat(n.receivePayloadTypes().get(101)).isEqualTo(new PayloadFormat(101, "telephone-event", 8000, 1, "0-15"));
        assertThat(n.receivePayloadTypes().get(13).isComfortNoise()).isTrue();
        assertThat(n.sendCodec().payloadType()).isEqualTo(8); // the file's first codec, not our first
        assertThat(n.receiveTelephoneEventPayloadType()).isEqualTo(101);
        assertThat(n.receiveComfortNoisePayloadType()).isEqualTo(13);
        assertThat(n.telephoneEvents()).isEqualTo(TelephoneEvents.DTMF);
        assertThat(n.direction()).as("the file's a=sendonly is the sender's").isEqualTo(Direction.RECVONLY);
        assertThat(n.ptime()).isEqualTo(30);
        assertThat(n.rtcpMux()).isTrue();
        assertThat(n.remoteRtcpAddress()).isEqualTo(new InetSocketAddress("0.0.0.0", 0));
    }

    @Test
    void theFirstCodecWeHaveSetsTheRateEvenWhenItIsNotG711() {
        String sdp = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.7", "s=-", "c=IN IP4 192.0.2.7", "t=0 0",
                "m=audio 5004 RTP/AVP 98 97 8 102", "a=rtpmap:98 opus/48000/2", "a=rtpmap:97 L16/44100",
                "a=rtpmap:102 telephone-event/44100", "");
        MediaCapabilities caps = MediaCapabilities.builder().codec(PCMA).codec(L16).build();
        NegotiatedMedia n = receiving(sdp, caps);
        assertThat(n.receivePayloadTypes()).containsOnlyKeys(97, 102);
        assertThat(n.sendCodec()).isEqualTo(new PayloadFormat(97, "L16", 44100, 1, ""));
    }

    @Test
    void capabilitiesWithoutEventsOrComfortNoiseAcceptTheCodecsAlone() {
        String sdp = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.7", "s=-", "c=IN IP4 192.0.2.7", "t=0 0",
                "m=audio 5004 RTP/AVP 0 101 13", "a=rtpmap:101 telephone-event/8000", "");
        MediaCapabilities caps = MediaCapabilities.builder().codec(PCMU).telephoneEvents(null).comfortNoise(false)
                .rtcpMux(false).ptime(0).build();
        NegotiatedMedia n = receiving(sdp, caps);
        assertThat(n.receivePayloadTypes()).containsOnlyKeys(0);
        assertThat(n.telephoneEvents()).isNull();
        assertThat(n.ptime()).isEqualTo(20);
    }

    @Test
    void aFileWithNothingToReceiveNamesEverySectionAndWhy() {
        String sdp = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.7", "s=-", "t=0 0",
                "m=video 5000 RTP/AVP 96", "c=IN IP4 192.0.2.7", "a=rtpmap:96 H264/90000",
                "m=audio 0 RTP/AVP 0",
                "m=audio 5002 RTP/SAVP 0", "c=IN IP4 192.0.2.7",
                "m=audio 5004 udp 0", "c=IN IP4 192.0.2.7", "");
        assertThatThrownBy(() -> receiving(sdp, G711)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m=video 5000 RTP/AVP: not audio")
                .hasMessageContaining("m=audio 0 RTP/AVP: port 0")
                .hasMessageContaining("m=audio 5002 RTP/SAVP: SRTP")
                .hasMessageContaining("m=audio 5004 udp: not an RTP profile");
        String empty = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.7", "s=-", "t=0 0", "");
        assertThatThrownBy(() -> receiving(empty, G711)).hasMessageEndingWith("it has no m= line");
    }
}
