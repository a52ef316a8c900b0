package io.voxcore.media.session;

import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.sdp.Direction;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.Negotiation;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SIP call of docs/sdp.md ("A SIP call's media"), run over real sockets: Alice's code is the
 * documented code; Bob, the callee, answers each offer the way the same page shows for the
 * answering side. SIP itself is a function from an offer body to an answer body.
 */
@Timeout(60)
class SipCallExampleTest {

    @Test
    void theDocumentedCallSetsUpHoldsResumesAndHangsUp() throws Exception {
        List<AudioFrame> heardByBob = new CopyOnWriteArrayList<>();
        AtomicBoolean hungUp = new AtomicBoolean();
        try (MediaEngine engine = MediaEngine.builder().build()) {
            // Bob, the callee: a session, then an answer to each offer (INVITE and re-INVITEs)
            MediaSession bob = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", 0)).build());
            OfferAnswer bobSdp = OfferAnswer.create(MediaCapabilities.defaults(), bob.localAddress());
            bob.onAudio(heardByBob::add);
            UnaryOperator<String> sip = offerBody -> {
                Negotiation n = bobSdp.answer(SessionDescription.parse(offerBody));
                bob.update(n.audio().orElseThrow());
                bob.start();
                return n.local().write();                         // the 200 OK's body
            };
            PcmSource prompt = NegotiatedSessionTest.tone();
            String myIp = "127.0.0.1";

            // ---- Alice: the code of docs/sdp.md ----
            MediaSession call = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress(myIp, 0))
                    .natMode(NatMode.SYMMETRIC).rtpTimeoutMillis(30_000).build());
            OfferAnswer sdp = OfferAnswer.create(MediaCapabilities.defaults(), call.localAddress());
            String answer = sip.apply(sdp.createOffer().write());       // INVITE -> 200 OK
            call.update(sdp.applyAnswer(SessionDescription.parse(answer)).audio().orElseThrow());
            call.onEvent(e -> {
                if (e instanceof MediaEvent.RtpTimeout || e instanceof MediaEvent.ByeReceived) {
                    hungUp.set(true);                                     // hang up a dead call
                }
            });
            call.start();
            Playback playing = call.play(prompt);                       // paced by the engine

            await("Bob hears Alice", Duration.ofSeconds(10), () -> heardByBob.size() >= 10);
            sdp.direction(Direction.SENDONLY);                          // hold: re-INVITE, a=sendonly
            String holdAnswer = sip.apply(sdp.createOffer().write());
            call.update(sdp.applyAnswer(SessionDescription.parse(holdAnswer)).audio().orElseThrow());
            bob.send(NegotiatedSessionTest.CHUNK, 0, 160);                // Bob is recvonly now: not sent
            assertThat(bob.statistics().packetsSent()).isZero();
            assertThat(bob.statistics().packetsSuppressed()).isEqualTo(1);

            long heldAt = bob.statistics().packetsReceived();
            Thread.sleep(300);
            assertThat(bob.statistics().packetsReceived()).as("Alice's hold: she sends music-on-hold "
                    + "(sendonly), Bob receives").isGreaterThan(heldAt);

            sdp.direction(Direction.SENDRECV);                          // resume
            String resumeAnswer = sip.apply(sdp.createOffer().write());
            call.update(sdp.applyAnswer(SessionDescription.parse(resumeAnswer)).audio().orElseThrow());
            int resumed = heardByBob.size();
            await("audio after resume", Duration.ofSeconds(10), () -> heardByBob.size() >= resumed + 5);

            playing.cancel();
            call.close();                                               // BYE: RTCP BYE, ports freed
            assertThat(call.isClosed()).isTrue();
            assertThat(hungUp.get()).isFalse();
            assertThat(bob.statistics().remoteSsrc()).isEqualTo(call.statistics().ssrc());
            assertThat(bob.statistics().wrongPayloadType() + bob.statistics().foreignAddress()).isZero();
        }
    }
}
