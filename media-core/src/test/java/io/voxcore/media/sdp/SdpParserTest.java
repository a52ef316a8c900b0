package io.voxcore.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The parser's tolerant and strict rules, the typed views and the writer. */
class SdpParserTest {

    /** RFC 8866 section 5's example, as the RFC prints it. */
    static final String RFC8866_EXAMPLE = String.join("\r\n", "v=0",
            "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1", "s=Call to John Smith",
            "i=SDP Offer #1", "u=http://www.jdoe.example.com/home.html", "e=Jane Doe <jane@jdoe.example.com>",
            "p=+1 617 555-6011", "c=IN IP4 198.51.100.1", "t=0 0", "m=audio 49170 RTP/AVP 0",
            "m=audio 49180 RTP/AVP 0", "m=video 51372 RTP/AVP 99", "c=IN IP6 2001:db8::2", "a=rtpmap:99 h263-1998/90000",
            "") ;

    @Test
    void parsesTheRfc8866ExampleAndWritesItBackByteForByte() {
        SessionDescription sd = SessionDescription.parse(RFC8866_EXAMPLE);
        assertThat(sd.origin().username()).isEqualTo("jdoe");
        assertThat(sd.origin().sessionVersion()).isEqualTo(3724394405L);
        assertThat(sd.sessionName()).isEqualTo("Call to John Smith");
        assertThat(sd.otherLines()).extracting(SdpLine::type).containsExactly('i', 'u', 'e', 'p');
        assertThat(sd.media()).hasSize(3);
        MediaDescription video = sd.media().get(2);
        assertThat(video.connection()).isEqualTo(new Connection("IN", "IP6", "2001:db8::2"));
        assertThat(video.format(99).orElseThrow()).isEqualTo(new PayloadFormat(99, "h263-1998", 90000, 1, ""));
        assertThat(sd.media().get(0).format(0).orElseThrow().encodingName()).isEqualTo("PCMU"); // static, no rtpmap
        assertThat(sd.write()).isEqualTo(RFC8866_EXAMPLE);
    }

    @Test
    void toleratesLfEndingsTrailingSpacesBlankLinesAndMissingSessionNameAndTiming() {
        String sloppy = "v=0\no=- 1 1 IN IP4 10.0.0.1  \n\nc=IN IP4 10.0.0.1\t\nm=audio 4000 RTP/AVP 8 0 \n"
                + "a=rtpmap:8 pcma/8000   \na=sendonly \n\n";
        SessionDescription sd = SessionDescription.parse(sloppy);
        assertThat(sd.sessionName()).isEqualTo("-");
        assertThat(sd.timing()).containsExactly(SessionDescription.UNBOUNDED);
        MediaDescription m = sd.media().get(0);
        assertThat(m.formats()).containsExactly("8", "0");
        assertThat(m.format(8).orElseThrow().sameEncoding("PCMA", 8000, 1)).isTrue();
        assertThat(m.format(0).orElseThrow().encodingName()).isEqualTo("PCMU");
        assertThat(sd.direction(m)).isEqualTo(Direction.SENDONLY);
        assertThat(sd.write()).startsWith("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n");
        assertThat(SessionDescription.parse(sd.write())).isEqualTo(sd);
    }

    @Test
    void readsIpv6ConnectionsRtcpRtcpMuxPtimeAndCrypto() {
        String text = String.join("\r\n", "v=0", "o=- 7 7 IN IP6 2001:db8::1", "s=-", "c=IN IP6 2001:db8::1", "t=0 0",
                "m=audio 5004 RTP/SAVP 0 101", "a=rtcp:5005 IN IP6 2001:db8::9", "a=rtcp-mux", "a=ptime:30",
                "a=maxptime:60", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15,66,70",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32 KDR=1",
                "a=X-unknown:keep me  exactly", "a=recvonly", "");
        SessionDescription sd = SessionDescription.parse(text);
        MediaDescription m = sd.media().get(0);
        assertThat(m.rtcp().orElseThrow()).isEqualTo(new RtcpAttribute(5005, new Connection("IN", "IP6", "2001:db8::9")));
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.ptime()).isEqualTo(OptionalInt.of(30));
        assertThat(m.maxptime()).isEqualTo(OptionalInt.of(60));
        TelephoneEvents events = TelephoneEvents.parse(m.fmtp(101).orElseThrow().parameters());
        assertThat(events.contains(15)).isTrue();
        assertThat(events.contains(16)).isFalse();
        assertThat(events.contains(66)).isTrue();
        assertThat(events.contains(70)).isTrue();
        assertThat(events).hasToString("0-15,66,70");
        Crypto crypto = m.cryptos().get(0);
        assertThat(crypto.tag()).isEqualTo(1);
        assertThat(crypto.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(crypto.keyParams()).isEqualTo("inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32");
        assertThat(crypto.sessionParams()).isEqualTo("KDR=1");
        assertThat(m.attribute("X-unknown").orElseThrow().value()).isEqualTo("keep me  exactly");
        assertThat(sd.direction(m)).isEqualTo(Direction.RECVONLY);
        assertThat(sd.write()).isEqualTo(text); // unknown attributes and all, in order
    }

    @Test
    void strictRefusalsNameTheLine() {
        assertError("hello\r\n", 1, "first line must be v=0");
        assertError("", 0, "empty body");
        assertError("v=1\r\n", 1, "version 0");
        assertError("v=0\r\ns=-\r\n", 0, "no o= line");
        assertError("v=0\r\no=- 1 1 IN IP4\r\n", 2, "o= needs");
        assertError("v=0\r\no=- 1 x IN IP4 1.2.3.4\r\n", 2, "session version \"x\"");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nx=what\r\n", 3, "unknown SDP line type 'x'");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n", 3, "c= needs");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n", 4,
                "outside 0-65535");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0 200\r\n", 4,
                "outside RTP's range");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP\r\n", 4, "m= needs");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n", 3, "no c= line");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 96\r\n"
                + "a=rtpmap:96 opus\r\n", 5, "rtpmap encoding");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:abc\r\n", 5,
                "ptime \"abc\"");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80\r\n", 5, "crypto needs");
        assertError("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\ns=late\r\n", 5,
                "session-level line");
    }

    @Test
    void aPayloadTypeWrittenWithALeadingZeroIsStillResolved() {
        MediaDescription m = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\n"
                + "m=audio 4000 RTP/AVP 08\r\n").media().get(0);
        assertThat(m.payloadTypes()).containsExactly(8);
        assertThat(m.format(8).orElseThrow().encodingName()).isEqualTo("PCMA");
    }

    @Test
    void aRefusedSectionNeedsNoAddress() {
        SessionDescription sd = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=video 0 RTP/AVP 31\r\n");
        assertThat(sd.media().get(0).port()).isZero();
        assertThat(sd.connection(sd.media().get(0))).isEmpty();
    }

    @Test
    void builtModelsWriteAndParseBackEqual() {
        MediaDescription m = MediaDescription.builder("audio", 40000, "RTP/AVP").addFormat(0).addFormat(101)
                .addAttribute(new Rtpmap(0, "PCMU", 8000, 1).toAttribute())
                .addAttribute(new Rtpmap(101, "telephone-event", 8000, 1).toAttribute())
                .addAttribute(new Fmtp(101, "0-16").toAttribute()).addAttribute(new RtcpAttribute(40001, null).toAttribute())
                .addAttribute(Attribute.property("sendrecv")).addBandwidth(new Bandwidth("AS", 80)).build();
        SessionDescription sd = SessionDescription.builder(new Origin("-", "42", 42, Connection.of("192.0.2.1")))
                .connection(Connection.of("192.0.2.1")).addMedia(m).build();
        assertThat(SessionDescription.parse(sd.write())).isEqualTo(sd);
        assertThat(sd.write()).contains("m=audio 40000 RTP/AVP 0 101\r\nb=AS:80\r\na=rtpmap:0 PCMU/8000\r\n");
    }

    @Test
    void modelsRefuseValuesThatWouldNotParseBack() {
        assertThatThrownBy(() -> Attribute.of("x", "line\r\nbreak")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> new Connection("IN", "IP4", "two words")).hasMessageContaining("one token");
        assertThatThrownBy(() -> MediaDescription.builder("audio", 1, "RTP/AVP").build())
                .hasMessageContaining("at least one format");
        assertThatThrownBy(() -> MediaDescription.builder("audio", 1, "RTP/AVP").addFormat("x").build())
                .hasMessageContaining("payload type \"x\"");
        assertThatThrownBy(() -> TelephoneEvents.parse("0-300")).hasMessageContaining("outside 0-255");
        assertThat(List.of(Direction.values())).extracting(Direction::reverse)
                .containsExactly(Direction.SENDRECV, Direction.RECVONLY, Direction.SENDONLY, Direction.INACTIVE);
    }

    private static void assertError(String text, int line, String reason) {
        assertThatThrownBy(() -> SessionDescription.parse(text)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((SdpParseException) e).lineNumber()).as(e.getMessage()).isEqualTo(line));
    }
}
