package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the jitter buffer plays: delay changes only at talkspurt boundaries or through reported
 * gaps (issue 10, defect 6), and every stretch of the sender's timeline is either played or
 * reported (defect 10). The buffer is driven directly on a simulated clock: each packet is
 * inserted at its arrival time, and {@link JitterBuffer#playout} is called at each arrival and
 * at exactly the due time it returned, as the session's timer does.
 */
class JitterBufferTimingTest {

    /** 8 kHz units: 20 ms packets, min delay 40 ms, max 200 ms, 2 s window. */
    private static final int PTIME = 160;
    private static final long MIN = 320;
    private static final long MAX = 1600;
    private static final long WINDOW = 16000;

    /** One packet of a synthetic stream; {@code length} is per channel, 0 for a telephone event. */
    record Packet(int seq, long ts, long arrival, int length, boolean marker) {
    }

    /** What the buffer did, and the simulated time it did it at. */
    record Event(long now, boolean gap, int seq, long ts, int samples, int packets) {
    }

    /** Plays a stream through a buffer and records each playout and gap with its time. */
    static final class Simulation implements JitterBuffer.Output {
        final JitterBuffer jb;
        final int channels;
        final List<Event> events = new ArrayList<>();
        final List<Integer> late = new ArrayList<>();
        long now;

        Simulation(int channels, long min, long max) {
            this.channels = channels;
            this.jb = new JitterBuffer(channels, min, max, WINDOW, 64, this);
        }

        @Override
        public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence) {
            assertThat(pcm[0]).as("audio of packet %d", sequence).isEqualTo((short) sequence);
            events.add(new Event(now, false, sequence, rtpTimestamp, length / channels, 0));
        }

        @Override
        public void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets) {
            events.add(new Event(now, true, firstSequence, rtpTimestamp, samplesPerChannel, packets));
        }

        Simulation run(List<Packet> stream) {
            List<Packet> byArrival = new ArrayList<>(stream);
            byArrival.sort(Comparator.comparingLong(Packet::arrival)); // stable: ties keep sending order
            long timer = Long.MAX_VALUE;
            for (Packet p : byArrival) {
                while (timer <= p.arrival()) {
                    now = timer;
                    timer = jb.playout(now);
                }
                now = p.arrival();
                int slot = p.length() == 0 ? jb.prepareEmpty(p.seq(), p.ts()) : jb.prepare(p.seq(), p.ts(), now, p.marker());
                if (slot == JitterBuffer.LATE) {
                    late.add(p.seq());
                } else if (slot >= 0) {
                    if (p.length() > 0) {
                        short[] pcm = jb.pcm(slot, p.length() * channels);
                        pcm[0] = (short) p.seq();
                    }
                    jb.commit(slot, p.length() * channels);
                }
                timer = jb.playout(now);
            }
            while (timer != Long.MAX_VALUE) {
                now = timer;
                timer = jb.playout(now);
            }
            return this;
        }

        List<Event> played() {
            return events.stream().filter(e -> !e.gap()).toList();
        }

        List<Event> gaps() {
            return events.stream().filter(Event::gap).toList();
        }

        /** Each packet plays when the one before it, and any gap after that, have run out. */
        void assertOnTheRealTimeLine() {
            long line = Long.MIN_VALUE;
            for (Event e : events) {
                if (line == Long.MIN_VALUE && !e.gap()) {
                    line = e.now();
                }
                if (!e.gap()) {
                    assertThat(e.now()).as("play time of packet %d (events %s)", e.seq(), events).isEqualTo(line);
                }
                if (line != Long.MIN_VALUE) {
                    line += e.samples();
                }
            }
        }
    }

    private static List<Packet> talkspurt(int firstSeq, long firstTs, int packets, long transit) {
        List<Packet> list = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            long ts = firstTs + (long) PTIME * i;
            list.add(new Packet(firstSeq + i, ts, ts + transit, PTIME, i == 0));
        }
        return list;
    }

    @Test
    void aDelaySpikeThatAgesOutReleasesNoBurstMidTalkspurtAndTheDelayShrinksAtTheNextPause() {
        // 8 s of speech at transit 1000; packet 20 alone is held up 1200 units (150 ms).
        List<Packet> stream = talkspurt(0, 0, 400, 1000);
        Packet spike = stream.get(20);
        stream.set(20, new Packet(spike.seq(), spike.ts(), spike.arrival() + 1200, PTIME, false));
        // A pause of 1 s, then a second talkspurt at the same transit.
        long resume = 400L * PTIME + 8000;
        stream.addAll(talkspurt(400, resume, 50, 1000));

        Simulation sim = new Simulation(1, MIN, MAX).run(stream);

        assertThat(sim.late).containsExactly(20); // given up when 21 was due, then arrived
        List<Event> played = sim.played();
        assertThat(played).hasSize(449);
        for (int i = 1; i < played.size(); i++) {
            assertThat(played.get(i).now()).as("play time of packet %d after %d", played.get(i).seq(), played.get(i - 1).seq())
                    .isGreaterThan(played.get(i - 1).now());
        }
        sim.assertOnTheRealTimeLine();
        // The spike's excess was put in as time (a gap without lost packets) right after it.
        assertThat(sim.gaps()).filteredOn(g -> g.packets() == 0 && g.seq() < 400)
                .extracting(Event::samples).containsExactly(1200 + 1000 - 1320);
        // At the pause the buffer went back to the minimum delay: the second talkspurt is held 320.
        Event firstAfterPause = played.get(399);
        assertThat(firstAfterPause.seq()).isEqualTo(400);
        assertThat(firstAfterPause.now() - (resume + 1000)).isEqualTo(MIN);
    }

    @Test
    void delayGrowthMidTalkspurtIsReportedAsAGapOfTheGrowth() {
        // The network delay steps up by 600 units (75 ms) at packet 50, mid-talkspurt.
        List<Packet> stream = talkspurt(0, 0, 50, 1000);
        for (Packet p : talkspurt(50, 50L * PTIME, 50, 1600)) {
            stream.add(new Packet(p.seq(), p.ts(), p.arrival(), PTIME, false));
        }

        Simulation sim = new Simulation(1, MIN, MAX).run(stream);

        assertThat(sim.late).isEmpty();
        assertThat(sim.played()).hasSize(100);
        // 49 ended at 50 * 160 + 1320; 50 cannot start before it arrives at 50 * 160 + 1600.
        assertThat(sim.gaps()).containsExactly(new Event(50L * PTIME + 1600, true, 50, 50L * PTIME, 280, 0));
        sim.assertOnTheRealTimeLine();
    }

    @Test
    void aPeerSettingTheMarkerOnEveryPacketStillGetsBuffering() {
        // Arrival jitter of 0 to 600 units, the marker on every packet, no timestamp jumps.
        List<Packet> stream = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long ts = (long) PTIME * i;
            stream.add(new Packet(i, ts, ts + 1000 + (i * 37L % 5) * 150, PTIME, true));
        }

        Simulation sim = new Simulation(1, MIN, MAX).run(stream);

        assertThat(sim.jb.delay()).as("delay").isEqualTo(600);
        // Only while the estimate was learning the jitter (the first 600-unit excess) was a packet late.
        assertThat(sim.late).allSatisfy(seq -> assertThat(seq).isLessThan(5));
        assertThat(sim.played()).hasSize(200 - sim.late.size());
        sim.assertOnTheRealTimeLine();
    }

    @Test
    void theSenderTimelineIsPlayedOrReportedAcrossLossDtmfAndPauses() {
        // Stereo, transit 500: samples per channel played plus gap samples cover every timestamp.
        List<Packet> stream = new ArrayList<>();
        for (Packet p : talkspurt(100, 1000, 10, 500)) {
            if (p.seq() != 104) { // lost
                stream.add(p);
            }
        }
        // A DTMF digit at 2600: five event packets, all with the event's start timestamp.
        for (int i = 0; i < 5; i++) {
            stream.add(new Packet(110 + i, 2600, 2600 + 500 + (long) PTIME * i, 0, i == 0));
        }
        // Audio resumes 1120 units later (event 800 + silence 320), without a marker.
        for (Packet p : talkspurt(115, 3720, 5, 500)) {
            stream.add(new Packet(p.seq(), p.ts(), p.arrival(), PTIME, false));
        }
        // A silence-suppressed pause of 4000 units, then a talkspurt with the marker.
        stream.addAll(talkspurt(120, 3720 + 5 * PTIME + 4000, 5, 500));

        Simulation sim = new Simulation(2, MIN, MAX).run(stream);

        long covered = sim.events.stream().mapToLong(Event::samples).sum();
        Packet first = stream.get(0);
        Packet last = stream.get(stream.size() - 1);
        assertThat(covered).isEqualTo(last.ts() + last.length() - first.ts());
        assertThat(sim.gaps()).extracting(g -> g.seq() + " " + g.packets() + " " + g.ts() + " " + g.samples())
                .containsExactly("104 1 1640 160", "115 0 2600 1120", "120 0 4520 4000");
        sim.assertOnTheRealTimeLine();
    }

    @Test
    void aSenderFasterThanRealTimeIsHeldNoLongerThanTheMaximumDelay() {
        // 20 ms packets every 2 ms, as the session tests send.
        List<Packet> stream = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            stream.add(new Packet(i, (long) PTIME * i, 16L * i, PTIME, i == 0));
        }
        Simulation sim = new Simulation(1, MIN, MAX).run(stream);
        assertThat(sim.played()).hasSize(300);
        assertThat(sim.gaps()).isEmpty();
        for (Event e : sim.played()) {
            assertThat(e.now() - 16L * e.seq()).as("hold of packet %d", e.seq()).isBetween(0L, MAX);
        }
    }

    @Test
    void aPeerWhoseTimestampsStandStillOverAPauseIsBufferedAgainRightAfterIt() {
        // Timestamps continue from the last sample after a 3 s pause (RFC 3550 wants them to
        // advance, issue 10 defect 3): the transit jumps by the pause, far beyond the maximum delay.
        List<Packet> stream = talkspurt(0, 0, 50, 1000);
        long pause = 24_000;
        for (Packet p : talkspurt(50, 50L * PTIME, 100, 1000 + pause)) {
            long jitter = (p.seq() * 37L % 5) * 70; // 0 to 280 units, within the minimum delay
            stream.add(new Packet(p.seq(), p.ts(), p.arrival() + jitter, PTIME, p.marker()));
        }

        Simulation sim = new Simulation(1, MIN, MAX).run(stream);

        assertThat(sim.late).isEmpty();
        assertThat(sim.played()).hasSize(150);
        Event resumed = sim.played().get(50);
        assertThat(resumed.now() - stream.get(50).arrival()).as("hold of the first packet after the pause").isEqualTo(MIN);
        assertThat(sim.gaps()).as("only the pause").hasSize(1);
        sim.assertOnTheRealTimeLine();
    }
}
