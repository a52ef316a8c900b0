package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adaptation without artefacts (issue 13): when the stream starts arriving later in the middle of
 * a talkspurt, the time the buffer adds is a stretch (for the playout to fill with concealment),
 * not a gap; when it arrives earlier again, the delay shrinks only at a talkspurt boundary, by
 * playing the pause shorter, and the left-out pause is counted. Driven on a simulated clock.
 */
class JitterAdaptationTest {

    private static final int PTIME = 160;

    /** Records playouts, gaps and stretches. */
    static final class Recorder implements JitterBuffer.Output {
        final List<long[]> played = new ArrayList<>();
        final List<long[]> gaps = new ArrayList<>();
        final List<long[]> stretches = new ArrayList<>();

        @Override
        public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence) {
            played.add(new long[] {rtpTimestamp, sequence});
        }

        @Override
        public void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets) {
            gaps.add(new long[] {rtpTimestamp, samplesPerChannel, packets});
        }

        @Override
        public void onStretch(long rtpTimestamp, int samplesPerChannel, int nextSequence) {
            stretches.add(new long[] {rtpTimestamp, samplesPerChannel, nextSequence});
        }
    }

    /** Feeds packets (seq, ts, arrival, marker) in arrival order, playing out at every due time. */
    private static void run(JitterBuffer jb, long[][] packets) {
        long timer = Long.MAX_VALUE;
        for (long[] p : packets) {
            while (timer <= p[2]) {
                timer = jb.playout(timer);
            }
            int slot = jb.prepare((int) p[0], p[1], p[2], p[3] == 1);
            if (slot >= 0) {
                jb.pcm(slot, PTIME);
                jb.commit(slot, PTIME);
            }
            timer = jb.playout(p[2]);
        }
        while (timer != Long.MAX_VALUE) {
            timer = jb.playout(timer);
        }
    }

    @Test
    void aDelayThatGrowsMidTalkspurtIsAStretchAndOneThatShrinksLeavesOutPauseAtTheNextTalkspurt() {
        Recorder out = new Recorder();
        JitterBuffer jb = new JitterBuffer(1, 320, 1600, 16000, 64, out);
        List<long[]> packets = new ArrayList<>();
        int seq = 0;
        long ts = 0;
        // talkspurt 1: 50 packets, 20 ms transit, then from packet 30 the network adds 100 ms
        for (int i = 0; i < 50; i++, seq++, ts += PTIME) {
            long transit = i < 30 ? 160 : 960;
            packets.add(new long[] {seq, ts, ts + transit, i == 0 ? 1 : 0});
        }
        // a pause, then 2.6 s of talkspurt 2 at the old 20 ms transit (the estimator forgets the
        // extra delay after two of its 2 s windows), a 1 s pause, and talkspurt 3: the delay shrinks
        // at talkspurt 3's start, by playing that pause shorter
        ts += 8000;
        for (int i = 0; i < 130; i++, seq++, ts += PTIME) {
            packets.add(new long[] {seq, ts, ts + 160, i == 0 ? 1 : 0});
        }
        ts += 8000;
        for (int i = 0; i < 20; i++, seq++, ts += PTIME) {
            packets.add(new long[] {seq, ts, ts + 160, i == 0 ? 1 : 0});
        }
        run(jb, packets.toArray(new long[0][]));

        assertThat(out.played).hasSize(200);
        assertThat(out.stretches).as("the delay grew mid-talkspurt: one stretch, where packet 30 was due")
                .singleElement().satisfies(s -> {
                    assertThat(s[0]).isEqualTo(30L * PTIME);
                    assertThat(s[1]).isPositive();
                    assertThat(s[2]).isEqualTo(30);
                });
        assertThat(out.gaps).as("no gap inside talkspurt 1").noneMatch(g -> g[0] < 50L * PTIME);
        assertThat(jb.shortenedSilence()).as("a pause played shorter by at most the extra delay")
                .isPositive().isLessThanOrEqualTo(out.stretches.get(0)[1]);
    }

    @Test
    void aSteadyStreamNeitherStretchesNorShortens() {
        Recorder out = new Recorder();
        JitterBuffer jb = new JitterBuffer(1, 320, 1600, 16000, 64, out);
        List<long[]> packets = new ArrayList<>();
        long ts = 0;
        for (int i = 0; i < 100; i++, ts += PTIME) {
            packets.add(new long[] {i, ts, ts + 160, i == 0 || i == 50 ? 1 : 0});
            if (i == 49) {
                ts += 4000;
            }
        }
        run(jb, packets.toArray(new long[0][]));
        assertThat(out.played).hasSize(100);
        assertThat(out.stretches).isEmpty();
        assertThat(jb.shortenedSilence()).isZero();
    }
}
