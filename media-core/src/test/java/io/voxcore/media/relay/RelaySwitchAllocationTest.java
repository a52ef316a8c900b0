package io.voxcore.media.relay;

import static io.voxcore.media.relay.Legs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.Negotiation;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.PcmSink;
import io.voxcore.media.session.SessionFormats;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After a re-INVITE switches leg B from PCMU to PCMA ({@link MediaSession#update} on the leg and
 * on its far end), the relay forwards and transcodes both ways with no allocation from the first
 * packet on: its paths for the new codecs were made during {@code update()}, not on a packet.
 * Leg A is PCMU (then the G.711 table, in place) or G.722 (then decode, resample, encode).
 * Measured on the engine's only I/O thread, which also runs both far ends' receive paths.
 */
@Timeout(120)
class RelaySwitchAllocationTest {

    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 3_000;

    private static MediaCapabilities caps(String first, String second) {
        return MediaCapabilities.builder().codec(CodecCapability.of(first, 8000)).codec(CodecCapability.of(second, 8000))
                .build();
    }

    /** Offer from {@code offerer}, answer from {@code answerer}, through SDP text: {offerer's, answerer's}. */
    private static NegotiatedMedia[] negotiate(MediaCapabilities caps, MediaSession offerer, MediaSession answerer) {
        OfferAnswer o = OfferAnswer.create(caps, offerer.localAddress());
        SessionDescription offer = SessionDescription.parse(o.createOffer().write());
        Negotiation answered = OfferAnswer.create(caps, answerer.localAddress()).answer(offer);
        Negotiation applied = o.applyAnswer(SessionDescription.parse(answered.local().write()));
        return new NegotiatedMedia[] {applied.audio().orElseThrow(), answered.audio().orElseThrow()};
    }

    @ParameterizedTest(name = "leg A payload type {0}")
    @ValueSource(ints = {0, 9})
    void afterAReInviteToPcmaTheRelayAllocatesNothingFromTheFirstPacket(int legAPayloadType) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        Counter atA = new Counter();
        Counter atB = new Counter();
        String name = "relay-switch-alloc-" + legAPayloadType;
        try (MediaEngine engine = MediaEngine.builder().name(name).ioThreads(1).build()) {
            MediaSession legA = engine.createSession(Legs.config(legAPayloadType, 101).build());
            MediaSession a = Legs.session(engine, legAPayloadType, 101, legA.localAddress());
            legA.remoteAddress(a.localAddress());
            MediaSession legB = engine.createSession(Legs.config(0, 101).build());
            MediaSession b = engine.createSession(Legs.config(0, 101).build());
            NegotiatedMedia[] call = negotiate(caps("PCMU", "PCMA"), legB, b);
            legB.update(call[0]);
            b.update(call[1]);
            a.onPcm(atA);
            b.onPcm(atB);
            for (MediaSession s : List.of(legA, legB, a, b)) {
                s.start();
            }
            MediaRelay relay = MediaRelay.between(legA, legB);
            long ioThread = threadId(name + "-io-0");
            short[] wide = Legs.speech(2 * 24_000, 5); // 16 kHz for G.722's a, read as 8 kHz by the others
            int aSamples = legAPayloadType == 9 ? 320 : 160;

            sendPaced(a, aSamples, b, wide, 0, WARM_UP);
            await("warm-up played", Duration.ofSeconds(60), () -> atA.total() >= WARM_UP && atB.total() >= WARM_UP);

            NegotiatedMedia[] reInvite = negotiate(caps("PCMA", "PCMU"), legB, b); // PCMA first: both switch
            legB.update(reInvite[0]);
            b.update(reInvite[1]);
            assertThat(SessionFormats.of(legB).sendPayloadType()).isEqualTo(8);
            assertThat(SessionFormats.of(b).sendPayloadType()).isEqualTo(8);
            long transcodedBefore = relay.statistics().aToB().packetsTranscoded();

            long before = threads.getThreadAllocatedBytes(ioThread);
            sendPaced(a, aSamples, b, wide, WARM_UP, MEASURED);
            long target = WARM_UP + MEASURED;
            await("measured packets played", Duration.ofSeconds(60), () -> atA.total() >= target && atB.total() >= target);
            long after = threads.getThreadAllocatedBytes(ioThread);

            assertThat(atA.played.get() + atB.played.get()).as("played, none missing").isEqualTo(2 * target);
            RelayStatistics stats = relay.statistics();
            assertThat(stats.aToB().packetsTranscoded() - transcodedBefore).as("A to B transcoded to PCMA after the switch")
                    .isEqualTo(MEASURED);
            assertThat(stats.aToB().droppedTotal() + stats.bToA().droppedTotal()).isZero();
            long bytes = after - before;
            // 2 x 3,000 packets relayed: any per-packet allocation fails the quotient. The bound
            // leaves room for far end b's one MediaEvent.CodecChanged (its first PCMA packet) but
            // not for a relay route or transcoding path made on the first packet after the switch.
            assertThat(bytes / (2 * MEASURED)).as("bytes per relayed packet on the I/O thread (%d in total)", bytes)
                    .isZero();
            assertThat(bytes).as("one-off allocations on the I/O thread after the switch").isLessThan(512);
            relay.close();
        }
    }

    /** Counts what a party plays and the packets it reports missing. */
    private static final class Counter implements PcmSink {
        final AtomicLong played = new AtomicLong();
        final AtomicLong missing = new AtomicLong();

        @Override
        public void onPcm(short[] samples, int offset, int length, long timestamp) {
            played.incrementAndGet();
        }

        @Override
        public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
            missing.addAndGet(packets);
        }

        long total() {
            return played.get() + missing.get();
        }
    }

    private static void sendPaced(MediaSession a, int aSamples, MediaSession b, short[] pcm, int first, int count) {
        for (int i = first; i < first + count; i++) {
            a.send(pcm, (aSamples * i) % (pcm.length - aSamples), aSamples);
            b.send(pcm, (160 * i) % (pcm.length - 160), 160);
            LockSupport.parkNanos(300_000);
        }
    }

    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new AssertionError("no thread named " + name);
    }
}
