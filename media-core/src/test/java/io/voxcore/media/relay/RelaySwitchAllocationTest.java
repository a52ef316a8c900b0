package io.voxcore.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.Negotiation;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.SessionFormats;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
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
        Legs.Counter atA = new Legs.Counter();
        Legs.Counter atB = new Legs.Counter();
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

            int sent = sendUntilAccounted(a, aSamples, b, wide, 0, WARM_UP, atA, atB);

            NegotiatedMedia[] reInvite = negotiate(caps("PCMA", "PCMU"), legB, b); // PCMA first: both switch
            legB.update(reInvite[0]);
            b.update(reInvite[1]);
            assertThat(SessionFormats.of(legB).sendPayloadType()).isEqualTo(8);
            assertThat(SessionFormats.of(b).sendPayloadType()).isEqualTo(8);
            RelayStatistics atSwitch = relay.statistics();

            // The first packet each way after the switch.
            long before = threads.getThreadAllocatedBytes(ioThread);
            sent = sendUntilAccounted(a, aSamples, b, wide, sent, 1, atA, atB);
            long first = threads.getThreadAllocatedBytes(ioThread) - before;

            before = threads.getThreadAllocatedBytes(ioThread);
            RelayStatistics windowStart = relay.statistics();
            sendUntilAccounted(a, aSamples, b, wide, sent, MEASURED, atA, atB);
            long bytes = threads.getThreadAllocatedBytes(ioThread) - before;
            RelayStatistics end = relay.statistics();

            long relayed = end.aToB().packetsForwarded() - windowStart.aToB().packetsForwarded()
                    + end.bToA().packetsForwarded() - windowStart.bToA().packetsForwarded();
            assertThat(relayed).as("packets relayed in the window").isGreaterThanOrEqualTo(2L * MEASURED * 9 / 10);
            assertThat(end.aToB().packetsTranscoded() - atSwitch.aToB().packetsTranscoded())
                    .as("A to B transcoded to PCMA after the switch")
                    .isEqualTo(end.aToB().packetsForwarded() - atSwitch.aToB().packetsForwarded());
            assertThat(end.aToB().droppedTotal() + end.bToA().droppedTotal()).as("dropped by the relay").isZero();
            // The first packets: far end b's own first PCMA packet (its MediaEvent.CodecChanged, a
            // decoder's first use) stays well under the bound; a relay route made on that packet
            // instead of in update() is at least a kilobyte (two 128-entry tables and a transcoder),
            // with G.722 codecs tens of kilobytes.
            assertThat(first).as("bytes allocated on the I/O thread by the first packet each way after the switch")
                    .isLessThan(512);
            // Any per-packet allocation fails the quotient; a one-off JVM allocation in the window does not.
            assertThat(bytes / relayed).as("bytes per relayed packet on the I/O thread (%d in total)", bytes).isZero();
            assertThat(bytes).as("one-off allocations on the I/O thread in the window").isLessThan(4096);
            relay.close();
        }
    }

    /**
     * Sends {@code count} packets each way, then one more each way every 20 ms until both far ends
     * have accounted for every packet sent (played, or reported missing once a later one came):
     * a datagram lost on the loaded machine's loopback then cannot stall the test.
     *
     * @return the number of packets sent each way so far
     */
    private static int sendUntilAccounted(MediaSession a, int aSamples, MediaSession b, short[] pcm, int first,
            int count, Legs.Counter atA, Legs.Counter atB) throws InterruptedException {
        int next = first;
        for (; next < first + count; next++) {
            send(a, aSamples, b, pcm, next);
            LockSupport.parkNanos(300_000);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            long deadlineStep = System.nanoTime() + 20_000_000L;
            int target = next;
            while (System.nanoTime() - deadlineStep < 0) {
                if (atA.total() >= target && atB.total() >= target) {
                    return next;
                }
                Thread.sleep(1);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("far ends accounted for " + atA.total() + " and " + atB.total() + " of "
                        + target + " packets after 60 s");
            }
            send(a, aSamples, b, pcm, next++); // a later packet reveals a lost one as missing
        }
    }

    private static void send(MediaSession a, int aSamples, MediaSession b, short[] pcm, int i) {
        a.send(pcm, (aSamples * i) % (pcm.length - aSamples), aSamples);
        b.send(pcm, (160 * i) % (pcm.length - 160), 160);
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
