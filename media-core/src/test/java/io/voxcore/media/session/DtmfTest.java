package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.TelephoneEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 4733 telephone events: what a session sends on the wire, and what it reports on receipt. */
@Timeout(60)
class DtmfTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /** One datagram as read off the wire. */
    private record Wire(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, int event,
            boolean end, int volume, int duration, int payloadLength) {
    }

    private static Wire read(DatagramChannel channel) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2048);
        channel.receive(b);
        RtpPacket p = new RtpPacket().wrap(b, 0, b.position());
        assertThat(p.validate().name()).isEqualTo("VALID");
        if (p.payloadType() == 101) {
            TelephoneEvent e = new TelephoneEvent().wrap(b, p.payloadOffset(), p.payloadLength());
            return new Wire(p.marker(), p.payloadType(), p.sequenceNumber(), p.timestamp(), p.ssrc(), e.event(),
                    e.end(), e.volume(), e.duration(), p.payloadLength());
        }
        return new Wire(p.marker(), p.payloadType(), p.sequenceNumber(), p.timestamp(), p.ssrc(), -1, false, -1, -1,
                p.payloadLength());
    }

    @Test
    void aDigitGoesOutAsRfc4733StartUpdatesAndThreeEndPacketsInTheAudioSequenceAndTimestampLine() throws Exception {
        try (DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession s = engine.createSession(pcmu().remoteAddress((InetSocketAddress) peer.getLocalAddress())
                    .ssrc(0x1234_5678L).build());
            s.start();
            short[] audio = TestAudio.speech(320);
            s.send(audio, 0, 320); // two audio packets
            s.sendDtmf('5', Duration.ofMillis(100), 10) // 800 samples at 8 kHz, ptime 160 samples
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            s.send(audio, 0, 160); // audio after the event
            List<Wire> wire = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                wire.add(read(peer));
            }
            Wire a0 = wire.get(0);
            // Every packet: the same SSRC, consecutive sequence numbers.
            for (int i = 0; i < wire.size(); i++) {
                assertThat(wire.get(i).ssrc()).isEqualTo(0x1234_5678L);
                assertThat(wire.get(i).sequence()).as("sequence of packet %d", i).isEqualTo((a0.sequence() + i) & 0xFFFF);
            }
            long start = (a0.timestamp() + 320) & 0xFFFF_FFFFL; // the event starts where the audio stopped
            // RFC 4733 2.5.1.2-2.5.1.4: updates every ptime with the duration so far, the marker on the
            // first, then the final duration with E three times; all with the event's start timestamp.
            int[] durations = {160, 320, 480, 640, 800, 800, 800};
            boolean[] ends = {false, false, false, false, true, true, true};
            for (int i = 0; i < 7; i++) {
                Wire e = wire.get(2 + i);
                assertThat(e.payloadType()).as("payload type of event packet %d", i).isEqualTo(101);
                assertThat(e.payloadLength()).isEqualTo(4);
                assertThat(e.marker()).as("marker of event packet %d", i).isEqualTo(i == 0);
                assertThat(e.timestamp()).as("timestamp of event packet %d", i).isEqualTo(start);
                assertThat(e.event()).isEqualTo(5);
                assertThat(e.volume()).isEqualTo(10);
                assertThat(e.duration()).as("duration of event packet %d", i).isEqualTo(durations[i]);
                assertThat(e.end()).as("E bit of event packet %d", i).isEqualTo(ends[i]);
            }
            Wire after = wire.get(9);
            assertThat(after.payloadType()).isZero();
            // The 7 event packets occupy intervals 0-6 of 160 samples; audio resumes at interval 7.
            assertThat(after.timestamp()).isEqualTo((start + 7 * 160) & 0xFFFF_FFFFL);
            SessionStatistics stats = s.statistics();
            assertThat(stats.dtmfSent()).isEqualTo(1);
            assertThat(stats.eventPacketsSent()).isEqualTo(7);
            assertThat(stats.packetsSent()).isEqualTo(10);
        }
    }

    @Test
    void digitsBetweenTwoSessionsAreReportedOnceAtStartAndOnceAtEndWithoutAudioGaps() throws Exception {
        List<DtmfEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong gaps = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession b = engine.createSession(pcmu().telephoneEventPayloadType(96).build());
            MediaSession a = engine.createSession(pcmu().telephoneEventPayloadType(96)
                    .remoteAddress(b.localAddress()).build());
            b.onDtmf(events::add).onAudio(new AudioListener() {
                @Override
                public void onAudio(io.voxcore.media.AudioFrame frame) {
                    frames.incrementAndGet();
                }

                @Override
                public void onGap(AudioGap gap) {
                    if (gap.packets() > 0) {
                        gaps.incrementAndGet(); // lost packets; time without audio (the digits) has packets == 0
                    }
                }
            });
            a.start();
            b.start();
            short[] audio = TestAudio.speech(1600);
            for (int i = 0; i < 10; i++) {
                a.send(audio, 160 * i, 160);
                Thread.sleep(20);
            }
            a.sendDtmf("19*#AD", Duration.ofMillis(60), 7).toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                a.send(audio, 160 * i, 160);
                Thread.sleep(20);
            }
            await("six digits ended", Duration.ofSeconds(10), () -> events.stream().filter(DtmfEvent::end).count() == 6);
            await("audio after the events", Duration.ofSeconds(10), () -> frames.get() == 20);
            StringBuilder starts = new StringBuilder();
            StringBuilder endsSeen = new StringBuilder();
            for (DtmfEvent e : events) {
                (e.end() ? endsSeen : starts).append(e.digit());
                assertThat(e.volume()).isEqualTo(7);
                assertThat(e.clockRate()).isEqualTo(8000);
                if (e.end()) {
                    assertThat(e.durationSamples()).isEqualTo(480);
                    assertThat(e.duration()).isEqualTo(Duration.ofMillis(60));
                }
            }
            assertThat(endsSeen.toString()).isEqualTo("19*#AD");
            assertThat(starts.toString()).isEqualTo("19*#AD");
            assertThat(events).hasSize(12);
            SessionStatistics stats = b.statistics();
            assertThat(stats.dtmfReceived()).isEqualTo(6);
            assertThat(stats.eventPacketsReceived()).isEqualTo(6 * (2 + 3));
            assertThat(stats.wrongPayloadType()).isZero();
            assertThat(stats.cumulativeLost()).isZero();
            assertThat(gaps.get()).as("loss gaps reported around the events").isZero();
        }
    }

    @Test
    void theReceiverDeduplicatesByTimestampAndCopesWithLostStartsLostEndsAndMalformedPayloads() throws Exception {
        List<DtmfEvent> events = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             RawPeer peer = new RawPeer(0xABCDL)) {
            MediaSession s = engine.createSession(pcmu().build());
            s.onDtmf(events::add).start();
            InetSocketAddress to = s.localAddress();
            int[] seq = {500};
            // Event '3' at ts 8000: start, update, three ends (the two retransmissions ignored).
            send(peer, to, seq, 8000, 3, false, 160);
            send(peer, to, seq, 8000, 3, false, 320);
            send(peer, to, seq, 8000, 3, true, 400);
            send(peer, to, seq, 8000, 3, true, 400);
            send(peer, to, seq, 8000, 3, true, 400);
            // Event '#' at ts 9000: its start lost, only its ends arrive.
            send(peer, to, seq, 9000, 11, true, 480);
            send(peer, to, seq, 9000, 11, true, 480);
            // Event 'B' at 10000 whose end packets are all lost, then '0' at 11000.
            send(peer, to, seq, 10_000, 13, false, 160);
            send(peer, to, seq, 10_000, 13, false, 320);
            send(peer, to, seq, 11_000, 0, false, 160);
            send(peer, to, seq, 11_000, 0, true, 320);
            // A late update of '3' (older timestamp): ignored.
            send(peer, to, seq, 8000, 3, false, 160);
            // A 3-byte payload: malformed.
            ByteBuffer bad = ByteBuffer.allocate(15);
            RtpPacket.writeHeader(bad, 0, false, 101, seq[0]++, 12_000, peer.ssrc);
            peer.send(bad, to);
            await("the malformed event counted", Duration.ofSeconds(10), () -> s.statistics().eventsMalformed() == 1);
            List<String> seen = new ArrayList<>();
            for (DtmfEvent e : events) {
                seen.add(e.digit() + (e.end() ? " end " : " start ") + e.durationSamples() + " @" + e.timestamp());
            }
            assertThat(seen).containsExactly(
                    "3 start 160 @8000", "3 end 400 @8000",
                    "# end 480 @9000",
                    "B start 160 @10000", "B end 320 @10000",
                    "0 start 160 @11000", "0 end 320 @11000");
            SessionStatistics stats = s.statistics();
            assertThat(stats.dtmfReceived()).isEqualTo(4);
            assertThat(stats.eventPacketsReceived()).isEqualTo(13);
        }
    }

    private static void send(RawPeer peer, InetSocketAddress to, int[] seq, long ts, int event, boolean end,
            int duration) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16);
        RtpPacket.writeHeader(b, 0, false, 101, seq[0], ts, peer.ssrc);
        seq[0]++;
        TelephoneEvent.write(b, 12, event, end, 10, duration);
        peer.send(b, to);
        Thread.sleep(2);
    }

    @Test
    void badDigitsDurationsVolumesAndPayloadTypesAreRejectedNamingTheValue() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession s = engine.createSession(pcmu().build());
            assertThatThrownBy(() -> s.sendDtmf('x', Duration.ofMillis(100), 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
            assertThatThrownBy(() -> s.sendDtmf("12e4", Duration.ofMillis(100), 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'e' at index 2");
            assertThatThrownBy(() -> s.sendDtmf('1', Duration.ofMillis(5), 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 ms");
            assertThatThrownBy(() -> s.sendDtmf('1', Duration.ofSeconds(9), 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9000 ms");
            assertThatThrownBy(() -> s.sendDtmf('1', Duration.ofMillis(100), 64))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 64");
            assertThat(s.statistics().packetsSent() + s.statistics().packetsUnsent()).isZero();
        }
        assertThatThrownBy(() -> pcmu().telephoneEventPayloadType(95).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("96-127, got 95");
        assertThatThrownBy(() -> pcmu().telephoneEventPayloadType(128).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 128");
        assertThat(pcmu().build().telephoneEventPayloadType()).isEqualTo(101);
    }
}
