package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.assertSamePcm;
import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.AudioFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loss, reordering and duplication induced by {@link LossyRelay}, against exact expectations. */
@Timeout(60)
class LossyNetworkTest {

    @Test
    void statisticsCountExactlyTheInducedLossDuplicatesAndReorderingAndGapsSitWhereDropsWere() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        short[] reference = TestAudio.ulawRoundTrip(speech);
        int packets = speech.length / 160;
        List<String> events = new CopyOnWriteArrayList<>();
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession b = engine.createSession(pcmu().gapPolicy(GapPolicy.REPORT).build()); // gaps as events
            try (LossyRelay relay = new LossyRelay(b.localAddress())) {
                b.remoteAddress(relay.outbound());
                MediaSession a = engine.createSession(pcmu().remoteAddress(relay.inbound()).build());
                b.onAudio(new AudioListener() {
                    @Override
                    public void onAudio(AudioFrame frame) {
                        frames.add(frame);
                        events.add("frame ts=" + frame.timestamp() + " n=" + frame.samples().length);
                    }

                    @Override
                    public void onGap(AudioGap gap) {
                        if (gap.packets() == 0) {
                            return; // time without lost audio (delay added under load): not a drop
                        }
                        events.add("gap ts=" + gap.timestamp() + " samples=" + gap.samplesPerChannel() + " seq="
                                + gap.firstSequence() + " packets=" + gap.packets());
                    }
                });
                a.start();
                b.start();
                for (int i = 0; i < packets; i++) {
                    a.send(speech, 160 * i, 160);
                    Thread.sleep(2);
                }
                await("the relay to see every packet", Duration.ofSeconds(20), () -> relay.seen.size() == packets);
                // the last packet (index 149) is dropped: its loss is invisible, as in RFC 3550 A.3
                int lastDelivered = packets - 2;
                await("b to play all it received", Duration.ofSeconds(20),
                        () -> events.size() == lastDelivered + 1);
                assertThat(relay.failure).isNull();

                List<String> expected = new ArrayList<>();
                List<short[]> expectedPcm = new ArrayList<>();
                for (LossyRelay.Seen s : relay.seen.subList(0, lastDelivered + 1)) {
                    if (s.dropped()) {
                        expected.add("gap ts=" + s.timestamp() + " samples=160 seq=" + s.sequence() + " packets=1");
                    } else {
                        expected.add("frame ts=" + s.timestamp() + " n=160");
                        expectedPcm.add(Arrays.copyOfRange(reference, 160 * s.index(), 160 * s.index() + 160));
                    }
                }
                assertThat(events).containsExactlyElementsOf(expected);
                assertSamePcm(StreamingTest.concat(frames), concat(expectedPcm));

                SessionStatistics stats = b.statistics();
                assertThat(stats.expectedPackets()).isEqualTo(lastDelivered + 1);
                assertThat(stats.cumulativeLost()).isEqualTo(14);
                assertThat(stats.packetsReceived()).isEqualTo(packets - 15);
                assertThat(stats.duplicates()).isEqualTo(15);
                assertThat(stats.reordered()).isEqualTo(15);
                assertThat(stats.late()).isZero();
                assertThat(stats.gaps()).isGreaterThanOrEqualTo(14); // plus any time the buffer added
                assertThat(stats.gapPackets()).isEqualTo(14);
                assertThat(stats.malformedTotal()).isZero();
            }
        }
    }

    private static short[] concat(List<short[]> parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
