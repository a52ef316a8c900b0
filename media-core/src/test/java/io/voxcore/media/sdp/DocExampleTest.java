package io.voxcore.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The code of docs/sdp.md, run: offer -> answer -> negotiated leg, then a hold re-offer. */
class DocExampleTest {

    @Test
    void theDocumentedCallSetUpWorks() {
        OfferAnswer alice = OfferAnswer.create(MediaCapabilities.defaults(), new InetSocketAddress("192.0.2.10", 30000));
        String inviteBody = alice.createOffer().write();

        OfferAnswer bob = OfferAnswer.create(MediaCapabilities.defaults(), new InetSocketAddress("192.0.2.20", 40000));
        Negotiation n = bob.answer(SessionDescription.parse(inviteBody));
        String answerBody = n.local().write();
        NegotiatedMedia audio = n.audio().orElseThrow();
        assertThat(audio.remoteRtpAddress()).isEqualTo(new InetSocketAddress("192.0.2.10", 30000));
        assertThat(audio.sendCodec()).isEqualTo(new PayloadFormat(0, "PCMU", 8000, 1, ""));
        assertThat(audio.sendTelephoneEventPayloadType()).isEqualTo(101);

        NegotiatedMedia leg = alice.applyAnswer(SessionDescription.parse(answerBody)).audio().orElseThrow();
        assertThat(leg.remoteRtpAddress()).isEqualTo(new InetSocketAddress("192.0.2.20", 40000));
        assertThat(leg.direction()).isEqualTo(Direction.SENDRECV);

        long before = n.remote().origin().sessionVersion();
        alice.direction(Direction.SENDONLY);
        SessionDescription hold = alice.createOffer();
        assertThat(hold.origin().sessionVersion()).isEqualTo(before + 1);
        NegotiatedMedia held = bob.answer(SessionDescription.parse(hold.write())).audio().orElseThrow();
        assertThat(held.direction()).isEqualTo(Direction.RECVONLY);
    }
}
