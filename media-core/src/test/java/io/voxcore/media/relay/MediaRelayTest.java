package io.voxcore.media.relay;

import static io.voxcore.media.relay.Legs.await;
import static io.voxcore.media.relay.Legs.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.TelephoneEvent;
import io.voxcore.media.session.AudioGap;
import io.voxcore.media.session.AudioListener;
import io.voxcore.media.session.DtmfEvent;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A relay between a PCMU leg and a PCMA leg, over real loopback sockets. */
@Timeout(60)
class MediaRelayTest {

    /** Collects decoded audio in playout order, counting gaps. */
    private static final class Collector implements AudioListener {
        final List<short[]> frames = new CopyOnWriteArrayList<>();
        final AtomicLong gaps = new AtomicLong();

        @Override
        public void onAudio(AudioFrame frame) {
            frames.add(frame.samples());
        }

        @Override
        public void onGap(AudioGap gap) {
            gaps.incrementAndGet();
        }

        int samples() {
            int n = 0;
            for (short[] f : frames) {
                n += f.length;
            }
            return n;
        }

        short[] all() {
            short[] out = new short[samples()];
            int at = 0;
            for (short[] f : frames) {
                System.arraycopy(f, 0, out, at, f.length);
                at += f.length;
            }
            return out;
        }
    }

    private static void sendPaced(MediaSession s, short[] pcm) throws InterruptedException {
        for (int at = 0; at + 160 <= pcm.length; at += 160) {
            s.send(pcm, at, 160);
            Thread.sleep(2);
        }
    }

    @Test
    void pcmuToPcmaAndBackGivesTheDirectTableTranscodingOfTheG711RoundTripBothWays() throws Exception {
        short[] fromA = Legs.speech(16_000, 1);
        short[] fromB = Legs.speech(16_000, 2);
        Collector atA = new Collector();
        Collector atB = new Collector();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(2).build()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(8, 96).build());
            MediaSession a = session(engine, 0, 101, legA.localAddress());
            MediaSession b = session(engine, 8, 96, legB.localAddress());
            legA.remoteAddress(a.localAddress());
            legB.remoteAddress(b.localAddress());
            a.onAudio(atA);
            b.onAudio(atB);
            for (MediaSession s : List.of(legA, legB, a, b)) {
                s.start();
            }
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                Thread sender = new Thread(() -> {
                    try {
                        sendPaced(b, fromB);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                sender.start();
                sendPaced(a, fromA);
                sender.join();
                await("audio at B", Duration.ofSeconds(20), () -> atB.samples() == fromA.length);
                await("audio at A", Duration.ofSeconds(20), () -> atA.samples() == fromB.length);

                short[] expectedAtB = new short[fromA.length];
                short[] expectedAtA = new short[fromB.length];
                for (int i = 0; i < fromA.length; i++) {
                    expectedAtB[i] = G711.alawToLinear(G711.ulawToAlaw(G711.linearToUlaw(fromA[i])));
                    expectedAtA[i] = G711.ulawToLinear(G711.alawToUlaw(G711.linearToAlaw(fromB[i])));
                }
                assertThat(atB.all()).as("what B decodes").isEqualTo(expectedAtB);
                assertThat(atA.all()).as("what A decodes").isEqualTo(expectedAtA);
                assertThat(atA.gaps.get() + atB.gaps.get()).isZero();

                RelayStatistics stats = relay.statistics();
                assertThat(stats.aToB().packetsForwarded()).isEqualTo(100);
                assertThat(stats.aToB().packetsTranscoded()).isEqualTo(100);
                assertThat(stats.aToB().bytesForwarded()).isEqualTo(16_000);
                assertThat(stats.bToA().packetsForwarded()).isEqualTo(100);
                assertThat(stats.bToA().packetsTranscoded()).isEqualTo(100);
                assertThat(stats.aToB().droppedTotal() + stats.bToA().droppedTotal()).isZero();
                // Each leg's own statistics describe its leg: the relay legs received what the ends sent.
                assertThat(legA.statistics().packetsReceived()).isEqualTo(100);
                assertThat(legB.statistics().packetsSent()).isEqualTo(100);
            }
        }
    }

    /** One datagram as the far end sees it. */
    private record Seen(int payloadType, int sequence, long timestamp, long ssrc, boolean marker, byte[] payload) {
    }

    private static Seen read(DatagramChannel channel) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        channel.receive(buf);
        RtpPacket p = new RtpPacket().wrap(buf, 0, buf.position());
        assertThat(p.validate().name()).isEqualTo("VALID");
        byte[] payload = new byte[p.payloadLength()];
        buf.get(p.payloadOffset(), payload);
        return new Seen(p.payloadType(), p.sequenceNumber(), p.timestamp(), p.ssrc(), p.marker(), payload);
    }

    @Test
    void sameCodecIsForwardedByteForByteWithTheOutboundLegsSsrcAndAContinuousSequence() throws Exception {
        short[] fromA = Legs.speech(8000, 3);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel farEnd = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(0, 101)
                    .remoteAddress((InetSocketAddress) farEnd.getLocalAddress()).ssrc(0xB0B0_B0B0L).build());
            MediaSession a = engine.createSession(Legs.config(0, 101).remoteAddress(legA.localAddress())
                    .ssrc(0xA0A0_A0A0L).build());
            legA.start();
            legB.start();
            a.start();
            MediaRelay relay = MediaRelay.between(legA, legB);
            sendPaced(a, fromA);
            List<Seen> seen = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                seen.add(read(farEnd));
            }
            ByteArrayOutputStream payloads = new ByteArrayOutputStream();
            for (int i = 0; i < seen.size(); i++) {
                Seen s = seen.get(i);
                assertThat(s.ssrc()).as("SSRC of packet %d", i).isEqualTo(0xB0B0_B0B0L);
                assertThat(s.payloadType()).isZero();
                assertThat(s.sequence()).as("sequence of packet %d", i).isEqualTo((seen.get(0).sequence() + i) & 0xFFFF);
                assertThat(s.timestamp()).as("timestamp of packet %d", i)
                        .isEqualTo((seen.get(0).timestamp() + 160L * i) & 0xFFFF_FFFFL);
                assertThat(s.marker()).as("marker of packet %d (A's first packet starts a talkspurt)", i)
                        .isEqualTo(i == 0);
                payloads.write(s.payload());
            }
            byte[] expected = new byte[fromA.length];
            for (int i = 0; i < fromA.length; i++) {
                expected[i] = G711.linearToUlaw(fromA[i]);
            }
            assertThat(payloads.toByteArray()).as("payload bytes forwarded").isEqualTo(expected);
            RelayDirectionStatistics stats = relay.statistics().aToB();
            assertThat(stats.packetsForwarded()).isEqualTo(50);
            assertThat(stats.packetsTranscoded()).isZero();
            relay.close();
            assertThat(relay.isClosed()).isTrue();
            assertThat(legA.isClosed()).as("closing the relay leaves the sessions open").isFalse();
        }
    }

    @Test
    void dtmfCrossesTheRelayAsTheSameDigitsWithTheOutboundLegsPayloadType() throws Exception {
        List<DtmfEvent> atB = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel tapOfB = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(8, 96).build());
            MediaSession a = session(engine, 0, 101, legA.localAddress());
            MediaSession b = session(engine, 8, 96, legB.localAddress());
            legB.remoteAddress(b.localAddress());
            b.onDtmf(atB::add);
            for (MediaSession s : List.of(legA, legB, a, b)) {
                s.start();
            }
            MediaRelay relay = MediaRelay.between(legA, legB);
            java.util.concurrent.CompletableFuture<Void> sent =
                    a.sendDtmf("147*0#", Duration.ofMillis(80), 12).toCompletableFuture();
            assertThat(sent).as("sendDtmf returns before the digits are out").isNotDone();
            sent.get(10, java.util.concurrent.TimeUnit.SECONDS); // every packet of every digit is out
            await("six digits at B", Duration.ofSeconds(10), () -> atB.stream().filter(DtmfEvent::end).count() == 6);
            StringBuilder digits = new StringBuilder();
            for (DtmfEvent e : atB) {
                if (e.end()) {
                    digits.append(e.digit());
                    assertThat(e.durationSamples()).isEqualTo(640);
                    assertThat(e.volume()).isEqualTo(12);
                }
            }
            assertThat(digits.toString()).isEqualTo("147*0#");
            assertThat(b.statistics().wrongPayloadType()).as("B accepted PT 96 as its event type").isZero();
            // 80 ms at 20 ms ptime: 3 updates and 3 end packets per digit.
            await("36 event packets forwarded", Duration.ofSeconds(5),
                    () -> relay.statistics().aToB().eventPacketsForwarded() == 6 * 6);
            assertThat(relay.statistics().aToB().eventPacketsForwarded()).isEqualTo(6 * 6);

            // On the wire towards B: payload type 96, the event code of the digit.
            legB.remoteAddress((InetSocketAddress) tapOfB.getLocalAddress());
            a.sendDtmf('9', Duration.ofMillis(40), 12);
            Seen first = read(tapOfB);
            assertThat(first.payloadType()).isEqualTo(96);
            assertThat(first.marker()).isTrue();
            assertThat(first.payload()[0]).isEqualTo((byte) 9);
            assertThat(first.payload()).hasSize(TelephoneEvent.BLOCK_LENGTH);
        }
    }

    @Test
    void packetsTheOutboundLegCannotSendAreCountedAsDropped() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(8, 101).build()); // no remote yet
            MediaSession a = session(engine, 0, 101, legA.localAddress());
            legA.start();
            legB.start();
            a.start();
            MediaRelay relay = MediaRelay.between(legA, legB);
            sendPaced(a, Legs.speech(1600, 4));
            await("ten packets seen", Duration.ofSeconds(10),
                    () -> relay.statistics().aToB().dropped(DropReason.NOT_SENT) == 10);
            assertThat(relay.statistics().aToB().packetsForwarded()).isZero();
            assertThat(legB.statistics().packetsUnsent()).isEqualTo(10);
        }
    }

    @Test
    void setupMistakesAreRejectedNamingTheSessions() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(8, 101).build());
            assertThatThrownBy(() -> MediaRelay.between(legA, legA))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two different sessions");
            legB.close();
            assertThatThrownBy(() -> MediaRelay.between(legA, legB))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void lossCarriesOverAndANewInboundSsrcContinuesTheOutboundSequenceAndTimestampLine() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel farEnd = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).relatchSilenceMillis(0).build());
            MediaSession legB = engine.createSession(Legs.config(8, 101)
                    .remoteAddress((InetSocketAddress) farEnd.getLocalAddress()).build());
            legA.start();
            legB.start();
            MediaRelay relay = MediaRelay.between(legA, legB);
            InetSocketAddress to = legA.localAddress();
            // SSRC 1: sequence 100-109, then 111-114 (110 lost on the way to the relay).
            for (int seq = 100; seq <= 114; seq++) {
                if (seq != 110) {
                    sendRaw(sender, to, 1, seq, 8000 + 160L * (seq - 100));
                }
            }
            // SSRC 2 takes over with unrelated sequence numbers and timestamps.
            for (int i = 0; i < 10; i++) {
                sendRaw(sender, to, 2, 60_000 + i, 3_000_000_000L + 160L * i);
            }
            farEnd.configureBlocking(false);
            List<Seen> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline) {
                ByteBuffer buf = ByteBuffer.allocate(2048);
                if (farEnd.receive(buf) == null) {
                    Thread.sleep(5);
                    continue;
                }
                RtpPacket p = new RtpPacket().wrap(buf, 0, buf.position());
                seen.add(new Seen(p.payloadType(), p.sequenceNumber(), p.timestamp(), p.ssrc(), p.marker(), new byte[0]));
            }
            assertThat(seen.size()).as("packets forwarded: 14 of SSRC 1, most of SSRC 2's 10").isBetween(14 + 5, 24);
            Seen first = seen.get(0);
            for (int i = 0; i < seen.size(); i++) {
                Seen s = seen.get(i);
                assertThat(s.ssrc()).isEqualTo(legB.ssrc());
                assertThat(s.payloadType()).isEqualTo(8);
                // Up to the loss: consecutive; after it, shifted by the one lost packet; after the
                // SSRC change: continuing one by one.
                int expectedSeq = i < 10 ? i : i + 1;
                long expectedTs = 160L * (i < 10 ? i : i + 1);
                assertThat(s.sequence()).as("sequence of packet %d", i).isEqualTo((first.sequence() + expectedSeq) & 0xFFFF);
                assertThat(s.timestamp()).as("timestamp of packet %d", i)
                        .isEqualTo((first.timestamp() + expectedTs) & 0xFFFF_FFFFL);
            }
            assertThat(relay.statistics().aToB().packetsForwarded()).isEqualTo(seen.size());
        }
    }

    private static void sendRaw(DatagramChannel sender, InetSocketAddress to, long ssrc, int seq, long ts)
            throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        RtpPacket.writeHeader(b, 0, false, 0, seq, ts & 0xFFFF_FFFFL, ssrc);
        for (int i = 0; i < 160; i++) {
            b.put(12 + i, G711.linearToUlaw((short) (i * 97)));
        }
        sender.send(b, to);
        Thread.sleep(3);
    }
}
