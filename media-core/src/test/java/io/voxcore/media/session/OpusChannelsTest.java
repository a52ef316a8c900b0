package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * RFC 7587 7: Opus is {@code opus/48000/2} in every SDP, whatever is sent; the channels a session
 * codes follow {@code stereo=1} on the format it sends (the peer's wish), mono otherwise.
 * Needs codec-opus on the test class path (media-core's test scope has it).
 */
class OpusChannelsTest {

    private static MediaSessionConfig negotiated(String peerFmtp, String ourFmtp) {
        CodecCapability peer = CodecCapability.of("opus", 48000, 2);
        CodecCapability ours = CodecCapability.of("opus", 48000, 2);
        MediaCapabilities peerCaps = MediaCapabilities.builder().codec(peerFmtp.isEmpty() ? peer : peer.withFmtp(peerFmtp))
                .build();
        MediaCapabilities ourCaps = MediaCapabilities.builder().codec(ourFmtp.isEmpty() ? ours : ours.withFmtp(ourFmtp))
                .build();
        SessionDescription offer = SessionDescription.parse(
                OfferAnswer.create(peerCaps, new InetSocketAddress("127.0.0.1", 40000)).createOffer().write());
        NegotiatedMedia n = OfferAnswer.create(ourCaps, new InetSocketAddress("127.0.0.1", 40002)).answer(offer).audio()
                .orElseThrow();
        assertThat(n.sendCodec().channels()).as("the SDP's own channel count (RFC 7587)").isEqualTo(2);
        return MediaSessionConfig.builder().localAddress(new InetSocketAddress("127.0.0.1", 0)).negotiated(n).build();
    }

    @Test
    void anOpusCallWithoutStereoIsCodedMono() {
        MediaSessionConfig config = negotiated("useinbandfec=1", "");
        assertThat(config.codec().channels()).isEqualTo(1);
        assertThat(config.codec().sampleRate()).isEqualTo(48000);
        assertThat(config.codec().clockRate()).isEqualTo(48000);
    }

    @Test
    void stereoIsCodedWhenThePeerAsksForIt() {
        assertThat(negotiated("stereo=1; sprop-stereo=1", "").codec().channels()).isEqualTo(2);
    }

    @Test
    void thePeersSendingStereoAloneDoesNotMakeTheSessionStereo() {
        // sprop-stereo says what the peer may send; the decoder mixes it to the session's mono
        assertThat(negotiated("sprop-stereo=1;stereo=0", "").codec().channels()).isEqualTo(1);
    }
}
