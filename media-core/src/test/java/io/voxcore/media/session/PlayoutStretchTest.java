package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the jitter buffer's delay grows mid-talkspurt, the playout conceals instead of going silent. */
class PlayoutStretchTest {

    /** Collects what reaches the sink. */
    static final class Sink implements PcmSink {
        final List<short[]> frames = new ArrayList<>();
        int gaps;

        @Override
        public void onPcm(short[] samples, int offset, int length, long timestamp) {
            frames.add(java.util.Arrays.copyOfRange(samples, offset, offset + length));
        }

        @Override
        public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
            gaps++;
        }
    }

    private static short[] voiced(int from) {
        short[] pcm = new short[160];
        for (int i = 0; i < 160; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 200 * (from + i) / 8000.0));
        }
        return pcm;
    }

    private static Playout playout(GapPolicy policy, Sink sink) {
        Playout p = new Playout(8000, 8000, 1, 16, new CallbackGuard(new InetSocketAddress("127.0.0.1", 9)), policy, 20);
        p.sink(sink);
        return p;
    }

    @Test
    void aStretchIsConcealedAudioUnderConcealAndAGapOtherwise() {
        Sink concealed = new Sink();
        Playout p = playout(GapPolicy.CONCEAL, concealed);
        for (int i = 0; i < 10; i++) {
            p.onPlayout(voiced(160 * i), 160, 160L * i, i, false);
        }
        p.onStretch(1600, 160, 10);
        assertThat(p.stretchedSamples()).isEqualTo(160);
        assertThat(p.concealedSamples()).as("a stretch is not a loss").isZero();
        assertThat(concealed.gaps).isZero();
        short[] last = concealed.frames.get(concealed.frames.size() - 1);
        assertThat(concealed.frames).hasSize(11);
        double energy = 0;
        for (short s : last) {
            energy += (double) s * s;
        }
        assertThat(Math.sqrt(energy / last.length)).as("the stretch continues the voice, not silence")
                .isGreaterThan(1000);

        Sink reported = new Sink();
        Playout q = playout(GapPolicy.REPORT, reported);
        q.onPlayout(voiced(0), 160, 0, 0, false);
        q.onStretch(160, 160, 1);
        assertThat(reported.gaps).isEqualTo(1);
        assertThat(q.stretchedSamples()).isZero();
    }

    /**
     * The click a reviewer suspected: a loss, then a hole of a few samples without audio before
     * the next packet (the buffer's timing). The concealment runs on through the hole and the
     * packet starts with Appendix I's recovery, exactly as a {@code LossConcealer} driven by hand
     * with the same calls; no fade-out to silence, no gap, no unfaded start.
     */
    @Test
    void aHoleOfAFewSamplesAfterALossIsConcealedThroughAndThePacketRecoversAsAppendixI() {
        Sink sink = new Sink();
        Playout p = playout(GapPolicy.CONCEAL, sink);
        io.voxcore.media.codec.LossConcealer reference = io.voxcore.media.codec.LossConcealer.create(8000);
        for (int i = 0; i < 10; i++) {
            p.onPlayout(voiced(160 * i), 160, 160L * i, i, false);
            reference.played(voiced(160 * i), 0, 160);
        }
        p.onGap(1600, 160, 10, 1); // packet 10 lost
        p.onGap(1760, 5, 11, 0); // a hole of 5 samples, then packet 11
        short[] next = voiced(1765);
        p.onPlayout(next.clone(), 160, 1765, 11, false);
        assertThat(sink.gaps).as("nothing reported").isZero();
        assertThat(p.concealedSamples()).isEqualTo(160);
        assertThat(p.stretchedSamples()).as("the hole, concealed").isEqualTo(5);
        short[] lost = new short[160];
        reference.conceal(lost, 0, 160);
        short[] hole = new short[5];
        reference.conceal(hole, 0, 5);
        short[] recovered = next.clone();
        reference.played(recovered, 0, 160);
        int n = sink.frames.size();
        assertThat(sink.frames.get(n - 3)).isEqualTo(lost);
        assertThat(sink.frames.get(n - 2)).as("the hole continues the substitute").isEqualTo(hole);
        assertThat(sink.frames.get(n - 1)).as("the packet after it, with Appendix I's recovery").isEqualTo(recovered);
        assertThat(recovered[0]).as("its start is cross-faded").isNotEqualTo(next[0]);
        assertThat(Math.abs(hole[4])).as("no drop to silence in the hole").isGreaterThan(100);
    }
}
