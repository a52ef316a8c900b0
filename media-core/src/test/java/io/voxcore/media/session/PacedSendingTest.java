package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.G711;
import io.voxcore.media.rtp.RtpPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sending paced by the engine: {@code play(source)} and asynchronous DTMF (issue 10). */
class PacedSendingTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private static MediaSessionConfig.Builder config(DatagramChannel to) throws Exception {
        return MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(0).rtcpMode(RtcpMode.OFF)
                .remoteAddress((InetSocketAddress) to.getLocalAddress());
    }

    /** A source of {@code packets} packets of a ramp; {@code silentFrom..silentTo} are silence (0). */
    private static PcmSource ramp(int packets, int silentFrom, int silentTo) {
        int[] n = {0};
        return (pcm, offset, length) -> {
            int k = n[0]++;
            if (k >= packets) {
                return -1;
            }
            if (k >= silentFrom && k < silentTo) {
                return 0;
            }
            for (int i = 0; i < length; i++) {
                pcm[offset + i] = (short) ((k * length + i) * 3);
            }
            return length;
        };
    }

    private static List<RtpPacket> read(DatagramChannel c, int count) throws Exception {
        c.configureBlocking(true);
        List<RtpPacket> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuffer b = ByteBuffer.allocate(2048);
            c.receive(b);
            b.flip();
            RtpPacket p = new RtpPacket().wrap(b, 0, b.limit());
            assertThat(p.validate()).isEqualTo(io.voxcore.media.rtp.RtpValidation.VALID);
            out.add(p);
        }
        return out;
    }

    @Test
    void playSendsTheSourceAtRealTimeFromTheEnginesTimersAndSilenceAdvancesTheClock() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel peer = DatagramChannel.open().bind(LOOPBACK)) {
            MediaSession s = engine.createSession(config(peer).build());
            s.start();
            Playback playback = s.play(ramp(20, 10, 15)); // 10 packets, 5 silent, 5 packets
            assertThat(playback.done().toCompletableFuture()).as("play returns at once").isNotDone();
            playback.done().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(playback.packetsSent()).isEqualTo(15);
            List<RtpPacket> got = read(peer, 15);
            for (int i = 0; i < 15; i++) {
                RtpPacket p = got.get(i);
                long expectedTs = (got.get(0).timestamp() + 160L * (i < 10 ? i : i + 5)) & 0xFFFF_FFFFL;
                assertThat(p.timestamp()).as("timestamp of packet %d: silence advanced the clock", i)
                        .isEqualTo(expectedTs);
                assertThat(p.sequenceNumber()).isEqualTo((got.get(0).sequenceNumber() + i) & 0xFFFF);
                assertThat(p.marker()).as("marker of packet %d", i).isEqualTo(i == 0 || i == 10);
                int k = i < 10 ? i : i + 5;
                for (int j = 0; j < 160; j += 40) {
                    assertThat(p.buffer().get(p.payloadOffset() + j)).as("packet %d sample %d", i, j)
                            .isEqualTo(G711.linearToUlaw((short) ((k * 160 + j) * 3)));
                }
            }
            s.send(new short[160], 0, 160); // the playback is over: send works again
        }
    }

    @Test
    void aPlaybackCanBeCancelledAndRefusesSendWhileItRuns() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel peer = DatagramChannel.open().bind(LOOPBACK)) {
            MediaSession s = engine.createSession(config(peer).build());
            s.start();
            Playback playback = s.play((pcm, offset, length) -> length); // endless silence-free audio
            read(peer, 3);
            assertThatThrownBy(() -> s.send(new short[160], 0, 160)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("playing");
            assertThatThrownBy(() -> s.play((pcm, offset, length) -> -1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already playing");
            assertThat(playback.cancel()).isTrue();
            CompletableFuture<Void> done = playback.done().toCompletableFuture();
            assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            TestAudio.await("playback slot released", Duration.ofSeconds(5), () -> {
                try {
                    s.send(new short[160], 0, 160);
                    return true;
                } catch (IllegalStateException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void manySessionsPlayWithoutAThreadEach() throws Exception {
        int sessions = 200;
        try (MediaEngine engine = MediaEngine.builder().ioThreads(2).build();
             DatagramChannel sink = DatagramChannel.open().bind(LOOPBACK)) {
            int threadsBefore = Thread.activeCount();
            List<Playback> playing = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                MediaSession s = engine.createSession(config(sink).build());
                s.start();
                playing.add(s.play(ramp(10, 100, 100)));
            }
            assertThat(Thread.activeCount() - threadsBefore).as("no thread per playing session").isLessThan(5);
            for (Playback p : playing) {
                p.done().toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertThat(p.packetsSent()).isEqualTo(10);
            }
        }
    }

    @Test
    void sendDtmfReturnsAtOnceAndTheDigitsGoOutPacedWithAudioSuppressedMeanwhile() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel peer = DatagramChannel.open().bind(LOOPBACK)) {
            MediaSession s = engine.createSession(config(peer).build());
            s.start();
            CompletableFuture<Void> sent = s.sendDtmf("12", Duration.ofMillis(100), 10).toCompletableFuture();
            assertThat(sent).as("the call returned before the 300 ms of digits and pause").isNotDone();
            s.send(new short[160], 0, 160); // audio during the digits: suppressed, never ahead of them
            sent.get(10, TimeUnit.SECONDS);
            List<RtpPacket> got = read(peer, 2 * 7);
            for (RtpPacket p : got) {
                assertThat(p.payloadType()).as("only event packets").isEqualTo(101);
            }
            assertThat(s.statistics().dtmfSent()).isEqualTo(2);
            assertThat(s.statistics().send().packetsSuppressed()).isEqualTo(1);
            long firstDigit = got.get(0).timestamp();
            long secondDigit = got.get(7).timestamp();
            // Digit 1 occupies 7 packet intervals (4 updates + 3 ends), then a 100 ms pause.
            assertThat((secondDigit - firstDigit) & 0xFFFF_FFFFL).isEqualTo(7 * 160 + 800);
        }
    }

    @Test
    void dtmfNotYetSentFailsItsStageWhenTheSessionCloses() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel peer = DatagramChannel.open().bind(LOOPBACK)) {
            MediaSession s = engine.createSession(config(peer).build());
            s.start();
            CompletableFuture<Void> sent = s.sendDtmf("123", Duration.ofSeconds(2), 10).toCompletableFuture();
            read(peer, 1);
            s.close();
            assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            // The tone under way was ended on the wire at close (E bit), not played to its 2 s.
            RtpPacket end;
            do {
                end = read(peer, 1).get(0);
            } while ((end.buffer().get(end.payloadOffset() + 1) & 0x80) == 0);
            int duration = end.buffer().getShort(end.payloadOffset() + 2) & 0xFFFF;
            assertThat(duration).as("ended at close, not after 16,000 samples").isLessThan(16_000);
            assertThatThrownBy(() -> s.sendDtmf('1', Duration.ofMillis(100), 10))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }
}
