package io.voxcore.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.Negotiation;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.session.PcmSource;
import io.voxcore.media.session.RtcpMode;
import io.voxcore.media.srtp.SdesPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SBC's SRTP jobs over real sockets (issue 14): an SRTP leg bridged to a plain one, and two
 * SRTP legs with different keys, through {@link MediaRelay}; each end hears the other's audio
 * exactly as in the plaintext case.
 */
@Timeout(60)
class RelaySrtpTest {

    private static final short[] CHUNK = new short[160];

    static {
        for (int i = 0; i < 160; i++) {
            CHUNK[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0));
        }
    }

    private static MediaCapabilities caps(boolean secure) {
        MediaCapabilities.Builder b = MediaCapabilities.builder().codec(CodecCapability.of("PCMU", 8000));
        return (secure ? b.srtp(SdesPolicy.defaults()) : b).build();
    }

    private static MediaSession session(MediaEngine engine) throws Exception {
        return engine.createSession(MediaSessionConfig.builder().gapPolicy(io.voxcore.media.session.GapPolicy.REPORT).localAddress(Legs.LOOPBACK).rtcpMode(RtcpMode.OFF)
                .build());
    }

    /** Negotiates between an end and its relay leg through SDP text, and applies it to both. */
    private static void connect(MediaSession end, MediaSession leg, boolean secure) {
        OfferAnswer offerer = OfferAnswer.create(caps(secure), end.localAddress());
        OfferAnswer answerer = OfferAnswer.create(caps(secure), leg.localAddress());
        Negotiation answered = answerer.answer(SessionDescription.parse(offerer.createOffer().write()));
        Negotiation applied = offerer.applyAnswer(SessionDescription.parse(answered.local().write()));
        assertThat(applied.audio().orElseThrow().proto()).isEqualTo(secure ? "RTP/SAVP" : "RTP/AVP");
        end.update(applied.audio().orElseThrow());
        leg.update(answered.audio().orElseThrow());
    }

    private static void bridge(boolean secureA, boolean secureB) throws Exception {
        List<AudioFrame> atB = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession a = session(engine);
            MediaSession legA = session(engine);
            MediaSession legB = session(engine);
            MediaSession b = session(engine);
            connect(a, legA, secureA);
            connect(b, legB, secureB);
            b.onAudio(atB::add);
            for (MediaSession s : List.of(a, legA, legB, b)) {
                s.start();
            }
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                PcmSource tone = (pcm, offset, length) -> {
                    for (int i = 0; i < length; i++) {
                        pcm[offset + i] = CHUNK[i % 160];
                    }
                    return length;
                };
                a.play(tone);
                Legs.await("audio at B", Duration.ofSeconds(10), () -> atB.size() >= 25);
                for (AudioFrame f : atB) {
                    for (int i = 0; i < 160; i++) {
                        assertThat(f.samples()[i]).isEqualTo(G711.ulawToLinear(G711.linearToUlaw(CHUNK[i])));
                    }
                }
                assertThat(legA.statistics().srtp().active()).isEqualTo(secureA);
                assertThat(legB.statistics().srtp().active()).isEqualTo(secureB);
                if (secureA) {
                    assertThat(legA.statistics().srtp().rtpUnprotected()).isGreaterThanOrEqualTo(25);
                }
                if (secureB) {
                    assertThat(legB.statistics().srtp().rtpProtected()).isGreaterThanOrEqualTo(25);
                    assertThat(b.statistics().srtp().authenticationFailures()).isZero();
                }
                assertThat(relay.statistics().aToB().droppedTotal()).isZero();
            }
        }
    }

    @Test
    void anSrtpLegIsBridgedToAPlainOne() throws Exception {
        bridge(true, false);
    }

    @Test
    void twoSrtpLegsWithTheirOwnKeysAreBridged() throws Exception {
        bridge(true, true);
    }
}
