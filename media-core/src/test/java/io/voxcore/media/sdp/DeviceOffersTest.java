package io.voxcore.media.sdp;

import static io.voxcore.media.sdp.Fixtures.codecs;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Offers as Asterisk, FreeSWITCH, Linphone, a Cisco and a Polycom desk phone and ffmpeg write
 * them ({@link DeviceOffers}): each is parsed, written back unchanged, answered with the codecs
 * this build has ({@link MediaCapabilities#defaults()}: PCMU and PCMA built in, plus the test
 * SPI's 8 kHz L16 codec), and the answer checked.
 */
class DeviceOffersTest {

    private static final InetSocketAddress US = new InetSocketAddress("192.0.2.10", 40000);

    private static Negotiation answer(String offer) {
        SessionDescription sd = SessionDescription.parse(offer);
        assertThat(sd.write()).as("written back unchanged").isEqualTo(offer);
        Negotiation n = OfferAnswer.create(MediaCapabilities.defaults(), US).answer(sd);
        // our answer is itself SDP that parses back equal, with one section per offered section
        assertThat(SessionDescription.parse(n.local().write())).isEqualTo(n.local());
        assertThat(n.local().media()).hasSameSizeAs(sd.media());
        return n;
    }

    @Test
    void asterisk() {
        Negotiation n = answer(DeviceOffers.ASTERISK);
        MediaDescription m = n.local().media().get(0);
        assertThat(codecs(m)).containsExactly("0 PCMU/8000", "101 TELEPHONE-EVENT/8000");
        assertThat(m.fmtp(101).orElseThrow().parameters()).isEqualTo("0-15"); // 0-16 offered, we do 0-15
        assertThat(m.port()).isEqualTo(40000);
        assertThat(n.local().connection()).isEqualTo(Connection.of("192.0.2.10"));
        NegotiatedMedia a = n.audio().orElseThrow();
        assertThat(a.remoteRtpAddress()).isEqualTo(new InetSocketAddress("64.34.231.248", 13354));
        assertThat(a.remoteRtcpAddress()).isEqualTo(new InetSocketAddress("64.34.231.248", 13355));
        assertThat(a.ptime()).isEqualTo(20);
        assertThat(a.sendTelephoneEventPayloadType()).isEqualTo(101);
        assertThat(a.telephoneEvents()).isEqualTo(TelephoneEvents.DTMF);
    }

    @Test
    void freeswitchWithRtcpMux() {
        Negotiation n = answer(DeviceOffers.FREESWITCH);
        MediaDescription m = n.local().media().get(0);
        assertThat(codecs(m)).containsExactly("8 PCMA/8000", "101 TELEPHONE-EVENT/8000");
        assertThat(m.rtcpMux()).isTrue();
        NegotiatedMedia a = n.audio().orElseThrow();
        assertThat(a.rtcpMux()).isTrue();
        assertThat(a.remoteRtcpAddress()).isEqualTo(a.remoteRtpAddress())
                .isEqualTo(new InetSocketAddress("47.98.109.96", 60706));
        assertThat(a.sendCodec()).isEqualTo(new PayloadFormat(8, "PCMA", 8000, 1, ""));
    }

    @Test
    void freeswitchSrtpIsRefusedWithPortZeroUntilSrtpExists() {
        Negotiation n = answer(DeviceOffers.FREESWITCH_SAVP);
        assertThat(n.local().media().get(0).port()).isZero();
        assertThat(n.local().media().get(0).proto()).isEqualTo("RTP/SAVP");
        assertThat(n.audio()).isEmpty();
    }

    @Test
    void linphoneVideoRefusedAudioOnG711WithItsEventRange() {
        Negotiation n = answer(DeviceOffers.LINPHONE);
        MediaDescription m = n.local().media().get(0);
        assertThat(codecs(m)).containsExactly("0 PCMU/8000", "8 PCMA/8000", "101 TELEPHONE-EVENT/8000");
        assertThat(m.fmtp(101).orElseThrow().parameters()).isEqualTo("0-11");
        assertThat(n.local().media().get(1).port()).isZero();
        assertThat(n.local().media().get(1).media()).isEqualTo("video");
        assertThat(n.audio().orElseThrow().telephoneEvents()).isEqualTo(TelephoneEvents.range(0, 11));
    }

    @Test
    void ciscoWithMediaLevelConnection() {
        Negotiation n = answer(DeviceOffers.CISCO);
        assertThat(codecs(n.local().media().get(0))).containsExactly("0 PCMU/8000", "8 PCMA/8000",
                "101 TELEPHONE-EVENT/8000");
        assertThat(n.audio().orElseThrow().remoteRtpAddress()).isEqualTo(new InetSocketAddress("10.24.241.238", 19904));
    }

    @Test
    void polycomSessionLevelDirectionAndEventsOn127() {
        Negotiation n = answer(DeviceOffers.POLYCOM);
        MediaDescription m = n.local().media().get(0);
        assertThat(codecs(m)).containsExactly("0 PCMU/8000", "8 PCMA/8000", "127 TELEPHONE-EVENT/8000");
        assertThat(n.local().direction(m)).isEqualTo(Direction.SENDRECV);
        NegotiatedMedia a = n.audio().orElseThrow();
        assertThat(a.sendTelephoneEventPayloadType()).isEqualTo(127);
        assertThat(a.sendCodec().encodingName()).isEqualTo("PCMU"); // G.722 is first but not in this build
    }

    @Test
    void polycomBestEffortSdesKeepsItsCryptoForLater() {
        Negotiation n = answer(DeviceOffers.POLYCOM_SDES);
        NegotiatedMedia a = n.audio().orElseThrow();
        assertThat(a.proto()).isEqualTo("RTP/AVP");
        assertThat(a.remoteCryptos()).extracting(Crypto::suite).containsExactly("AES_CM_128_HMAC_SHA1_80");
        assertThat(a.localCrypto()).isNull();
        assertThat(a.sendCodec().encodingName()).isEqualTo("PCMA");
        assertThat(a.sendTelephoneEventPayloadType()).isEqualTo(96);
    }

    @Test
    void ffmpegPcmuAt44100IsRefusedBecauseNoCodecHereRunsPcmuAtThatRate() {
        Negotiation n = answer(DeviceOffers.FFMPEG);
        assertThat(n.local().media().get(0).port()).isZero();
        assertThat(n.audio()).isEmpty();
    }

    @Test
    void ffmpegAt8000WithoutRtpmapAndOverIpv6() {
        NegotiatedMedia a = answer(DeviceOffers.FFMPEG_8K).audio().orElseThrow();
        assertThat(a.sendCodec()).isEqualTo(new PayloadFormat(0, "PCMU", 8000, 1, ""));
        assertThat(a.remoteRtpAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 5004));
        assertThat(a.sendPayloadTypes()).containsOnlyKeys(0); // ffmpeg offers no telephone-event
        NegotiatedMedia v6 = answer(DeviceOffers.FFMPEG_IPV6).audio().orElseThrow();
        assertThat(v6.sendCodec().encodingName()).isEqualTo("PCMA");
        assertThat(v6.remoteRtpAddress()).isEqualTo(new InetSocketAddress("::1", 5006));
        assertThat(v6.remoteRtcpAddress().getPort()).isEqualTo(5007);
    }

    @Test
    void everyDeviceOfferParsesAndRoundTrips() {
        for (String offer : List.of(DeviceOffers.ASTERISK, DeviceOffers.FREESWITCH, DeviceOffers.FREESWITCH_SAVP,
                DeviceOffers.LINPHONE, DeviceOffers.CISCO, DeviceOffers.POLYCOM, DeviceOffers.POLYCOM_SDES,
                DeviceOffers.FFMPEG, DeviceOffers.FFMPEG_8K, DeviceOffers.FFMPEG_IPV6)) {
            SessionDescription sd = SessionDescription.parse(offer);
            assertThat(SessionDescription.parse(sd.write())).isEqualTo(sd);
        }
    }
}
