package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.ComfortNoisePayload;
import io.voxcore.codec.testkit.ItuVectors;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Silence suppression on send ({@link MediaSessionConfig.Builder#silenceSuppression(boolean)}),
 * checked on the wire by a raw socket: RFC 3389 section 4 (a CN packet carries the timestamp of
 * the frame it replaces, the marker bit clear, its own payload type 13, a valid payload), RFC 3551
 * section 4.1 (the first speech packet after silence has the marker bit), RFC 3550 (sequence
 * numbers count the packets sent, without holes; timestamps keep running through what is not
 * sent), and the saving in packets on the ITU's {@code f2.le} and on speech with pauses.
 */
@Timeout(60)
class SilenceSuppressionTest {

    /** One packet as the raw socket saw it. */
    record Wire(int payloadType, boolean marker, int sequence, long timestamp, byte[] payload) {
    }

    private static List<Wire> sendAndCapture(short[] pcm, boolean suppress, SessionStatistics[] stats) throws Exception {
        List<Wire> wire = new ArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().name("dtx").ioThreads(1).build();
                DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession a = engine.createSession(pcmu().remoteAddress((InetSocketAddress) raw.getLocalAddress())
                    .silenceSuppression(suppress).build());
            a.send(pcm, 0, pcm.length / 160 * 160); // one call: every packet at once, timestamps by the media clock
            stats[0] = a.statistics();
            raw.configureBlocking(false);
            ByteBuffer b = ByteBuffer.allocate(2048);
            long sent = stats[0].packetsSent();
            await("every packet at the raw socket", Duration.ofSeconds(10), () -> {
                try {
                    b.clear();
                    while (raw.receive(b) != null) {
                        b.flip();
                        byte[] payload = new byte[b.remaining() - 12];
                        b.get(12, payload);
                        wire.add(new Wire(b.get(1) & 0x7F, (b.get(1) & 0x80) != 0, b.getShort(2) & 0xFFFF,
                                b.getInt(4) & 0xFFFF_FFFFL, payload));
                        b.clear();
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                return wire.size() == sent;
            });
        }
        return wire;
    }

    /** Checks the RTP rules on the captured packets and returns {speech packets, CN packets}. */
    private static int[] checkRules(List<Wire> wire, int frames) {
        long base = wire.get(0).timestamp();
        int speech = 0;
        int cn = 0;
        boolean silence = true; // before the first packet
        for (int i = 0; i < wire.size(); i++) {
            Wire w = wire.get(i);
            if (i > 0) {
                assertThat(w.sequence()).as("packet %d: sequence without holes", i)
                        .isEqualTo((wire.get(i - 1).sequence() + 1) & 0xFFFF);
                assertThat(w.timestamp()).as("packet %d: timestamp runs on", i).isGreaterThan(wire.get(i - 1).timestamp());
            }
            long frame = (w.timestamp() - base) / 160;
            assertThat((w.timestamp() - base) % 160).as("packet %d: the timestamp of a frame", i).isZero();
            assertThat(frame).isLessThan(frames);
            if (w.payloadType() == 13) {
                cn++;
                assertThat(w.marker()).as("CN packet %d: marker clear (RFC 3389 4)", i).isFalse();
                assertThat(ComfortNoisePayload.validate(w.payload(), 0, w.payload().length))
                        .isEqualTo(ComfortNoisePayload.Validation.VALID);
                assertThat(w.payload()).as("level and 10 reflection coefficients").hasSize(11);
                silence = true;
            } else {
                assertThat(w.payloadType()).isZero();
                assertThat(w.payload()).hasSize(160);
                boolean gapBefore = i > 0 && w.timestamp() != wire.get(i - 1).timestamp() + 160;
                assertThat(w.marker()).as("speech packet %d: marker exactly after silence (RFC 3551 4.1)", i)
                        .isEqualTo(silence || gapBefore);
                silence = false;
                speech++;
            }
        }
        return new int[] {speech, cn};
    }

    @Test
    void itusSpeechFileIsSentWithCnAndTheRtpRulesHold() throws Exception {
        short[] f2 = ItuVectors.readWords(ItuVectors.file("itu-t-g191/g711-appendix1-plc/f2.le"));
        int frames = f2.length / 160;
        SessionStatistics[] off = new SessionStatistics[1];
        List<Wire> plain = sendAndCapture(f2, false, off);
        assertThat(plain).hasSize(frames).allMatch(w -> w.payloadType() == 0);
        SessionStatistics[] on = new SessionStatistics[1];
        List<Wire> dtx = sendAndCapture(f2, true, on);
        int[] counts = checkRules(dtx, frames);
        System.out.printf("silence suppression f2.le: %d of %d packets sent (%d speech, %d CN), %.1f%% saved%n",
                dtx.size(), frames, counts[0], counts[1], 100.0 * (frames - dtx.size()) / frames);
        // the figures codec-core's VoiceActivityTest measures for the same file and detector
        assertThat(dtx).hasSize(140);
        assertThat(counts[1]).isEqualTo(2);
        assertThat(dtx.get(0).payloadType()).as("the file starts in silence: CN first").isEqualTo(13);
        SendStatistics s = on[0].send();
        assertThat(s.comfortNoiseSent()).isEqualTo(2);
        assertThat(s.silencePackets()).as("frames not sent as speech").isEqualTo(frames - counts[0]);
        assertThat(s.packetsSent()).isEqualTo(140);
        assertThat(off[0].send().silencePackets()).isZero();
    }

    @Test
    void voiceWithPausesSavesMostOfThePauses() throws Exception {
        // 0.5 s of quiet noise (the detector learns its floor), then 1 s voiced, 1.5 s quiet, 1 s
        // voiced, 1.5 s quiet, 1 s voiced: 325 frames
        short[] voiced = new short[8000];
        for (int i = 0; i < voiced.length; i++) {
            double t = i / 8000.0;
            double v = 0;
            for (int h = 1; h <= 6; h++) {
                v += Math.sin(2 * Math.PI * 150 * h * t) / h;
            }
            voiced[i] = (short) (5000 * v);
        }
        short[] pcm = new short[52_000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3389);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (r.nextInt(41) - 20); // about -66 dBov: below the detector's -60 dBov floor
        }
        System.arraycopy(voiced, 0, pcm, 4000, 8000);
        System.arraycopy(voiced, 0, pcm, 24_000, 8000);
        System.arraycopy(voiced, 0, pcm, 44_000, 8000);
        SessionStatistics[] on = new SessionStatistics[1];
        List<Wire> dtx = sendAndCapture(pcm, true, on);
        int[] counts = checkRules(dtx, 325);
        long markers = dtx.stream().filter(Wire::marker).count();
        System.out.printf("silence suppression voice with pauses: %d of 325 packets sent (%d speech, %d CN), "
                + "%.1f%% saved%n", dtx.size(), counts[0], counts[1], 100.0 * (325 - dtx.size()) / 325);
        assertThat(markers).as("three talkspurts").isEqualTo(3);
        assertThat(counts[1]).as("CN: one per silence (the start and the two pauses)").isEqualTo(3);
        assertThat(dtx.get(0).payloadType()).as("silence first: CN first").isEqualTo(13);
        // speech: the three seconds of voice plus a 200 ms hangover after each (10 frames)
        assertThat(counts[0]).isBetween(150, 150 + 3 * 10 + 3);
        assertThat(325 - dtx.size()).as("packets saved").isGreaterThanOrEqualTo(325 - 183 - 3);
    }

    @Test
    void sendingWithSilenceSuppressionAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        short[] pcm = new short[160 * 50]; // 25 frames of tone, 25 of quiet: talkspurts, CN, nothing
        for (int i = 0; i < 160 * 25; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 200 * i / 8000.0));
        }
        for (int i = 160 * 25; i < pcm.length; i++) {
            pcm[i] = (short) ((i * 7919) % 21 - 10);
        }
        try (MediaEngine engine = MediaEngine.builder().name("dtx-alloc").ioThreads(1).build();
                DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession a = engine.createSession(pcmu().remoteAddress((InetSocketAddress) raw.getLocalAddress())
                    .silenceSuppression(true).build());
            for (int i = 0; i < 30_000; i++) {
                a.send(pcm, (i % 50) * 160, 160); // warm-up: the JIT compiles the path
            }
            List<Long> windows = new ArrayList<>();
            for (int round = 0; round < 3 && !windows.contains(0L); round++) {
                long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 3000; i++) {
                    a.send(pcm, (i % 50) * 160, 160);
                }
                long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                windows.add(bytes);
            }
            assertThat(windows).as("bytes allocated by 3,000 sends with suppression, per window").contains(0L);
            SendStatistics s = a.statistics().send();
            assertThat(s.comfortNoiseSent()).as("CN packets sent").isPositive();
            assertThat(s.talkspurts()).isPositive();
            assertThat(s.silencePackets()).isGreaterThan(s.comfortNoiseSent());
        }
    }
}
