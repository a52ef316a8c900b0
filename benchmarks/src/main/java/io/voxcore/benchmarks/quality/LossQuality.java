package io.voxcore.benchmarks.quality;

import static io.voxcore.benchmarks.quality.SessionRun.PACKET;

import io.voxcore.media.codec.LossConcealer;
import io.voxcore.media.session.GapPolicy;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.testnet.Impairments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Speech quality under packet loss: each condition sends the speech through two impairers with
 * the same seed (so the same packets are lost) to a {@link GapPolicy#CONCEAL} and a
 * {@link GapPolicy#SILENCE} session, all conditions at once; the previous-frame repetition is
 * computed offline on the network's loss pattern. Every output is compared with the clean
 * decoded signal (the mu-law round trip of the input) over the span from the first to the last
 * packet that got through (a session cannot know about packets lost before its first or after its
 * last), sample for sample by RTP timestamp.
 */
final class LossQuality {

    /**
     * The sessions' least jitter delay here: above the default 20 ms so that a stall of the
     * shared machine (sender, impairer or I/O thread) neither drops a packet as late nor runs the
     * buffer dry; the figures are about what plays in place of lost packets, not about timing.
     */
    static final int MIN_DELAY_MILLIS = 60;

    /** A network condition. @param label row label @param net the impairments */
    record Condition(String label, Impairments net) {
    }

    /**
     * The figures of one method.
     *
     * @param segSnr segmental SNR over all speech segments of the span
     * @param segSnrLost over the speech segments inside lost packets
     * @param segSnrFirst over the first speech segment (10 ms) of each loss
     * @param segSnrAfter over the first speech segment (10 ms) after each loss
     * @param mae mean absolute error over the span
     */
    record Figures(QualityMetrics.SegmentalSnr segSnr, QualityMetrics.SegmentalSnr segSnrLost,
            QualityMetrics.SegmentalSnr segSnrFirst, QualityMetrics.SegmentalSnr segSnrAfter, double mae) {
    }

    /**
     * One condition's results.
     *
     * @param condition the condition
     * @param packets packets in the span measured
     * @param lost packets of the span the network lost
     * @param bursts runs of consecutive lost packets
     * @param conceal the CONCEAL session
     * @param silence the SILENCE session
     * @param repeat the previous frame repeated (offline)
     * @param missedConceal packets the CONCEAL session did not play although the network delivered them (late)
     * @param missedSilence the same for the SILENCE session
     * @param offlineDiffering samples where the CONCEAL session differs from LossConcealer run offline
     *     on the packets that session played
     * @param pauses gaps without lost packets the sessions reported (the buffer ran dry: sender stalled)
     * @param holes losses in the CONCEAL session ended by a hole of a few samples without audio
     *     (concealed through, the next packet played with Appendix I's recovery)
     * @param lagP99 99th percentile of how far behind the sender's clock packets reached the impairer, ms
     * @param lagMax the largest such lag, ms
     */
    record Row(Condition condition, int packets, int lost, int bursts, Figures conceal, Figures silence, Figures repeat,
            int missedConceal, int missedSilence, long offlineDiffering, long pauses, int holes, double lagP99, double lagMax) {
    }

    private LossQuality() {
    }

    /**
     * Runs every condition at once in real time and measures.
     *
     * @param engine the engine for the sessions
     * @param speech the input, whole packets
     * @param conditions the conditions
     * @return one row per condition
     * @throws Exception if a run fails
     */
    static List<Row> run(MediaEngine engine, short[] speech, List<Condition> conditions) throws Exception {
        byte[][] payloads = Speech.ulawPackets(speech);
        short[] decoded = Speech.decoded(payloads);
        List<SessionRun> runs = new ArrayList<>();
        for (Condition c : conditions) {
            runs.add(SessionRun.start(engine, payloads, List.of(new SessionRun.Leg(GapPolicy.CONCEAL, c.net(), MIN_DELAY_MILLIS),
                    new SessionRun.Leg(GapPolicy.SILENCE, c.net(), MIN_DELAY_MILLIS))));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            List<SessionRun.Result> r = runs.get(i).finish(3000);
            double[] lag = runs.get(i).machineLagMillis(r.get(0));
            rows.add(measure(conditions.get(i), decoded, r.get(0), r.get(1), DelayQuality.percentile(lag, 0.99),
                    lag[lag.length - 1]));
        }
        return rows;
    }

    private static Row measure(Condition c, short[] decoded, SessionRun.Result conceal, SessionRun.Result silence,
            double lagP99, double lagMax) {
        boolean[] lost = conceal.networkLost();
        if (!Arrays.equals(lost, silence.networkLost())) {
            throw new IllegalStateException(c.label() + ": the two impairers lost different packets");
        }
        int first = 0;
        while (first < lost.length && lost[first]) {
            first++;
        }
        int last = lost.length - 1;
        while (last >= 0 && lost[last]) {
            last--;
        }
        if (first > last) {
            throw new IllegalStateException(c.label() + ": every packet lost");
        }
        int from = first * PACKET;
        int to = (last + 1) * PACKET;
        int lostCount = 0;
        int bursts = 0;
        for (int k = first; k <= last; k++) {
            lostCount += lost[k] ? 1 : 0;
            bursts += lost[k] && !lost[k - 1] ? 1 : 0;
        }
        short[] a = conceal.recording().samples;
        short[] b = silence.recording().samples;
        short[] rep = repeat(decoded, lost, first, last);
        boolean[] playedA = played(decoded, conceal.recording(), first, last, PACKET / 2);
        boolean[] playedB = played(decoded, silence.recording(), first, last, 0);
        int[] holes = new int[1];
        IntPredicate inLoss = s -> lost[s / PACKET];
        IntPredicate start = s -> s % PACKET == 0 && lost[s / PACKET] && s > 0 && !lost[s / PACKET - 1];
        IntPredicate after = s -> s % PACKET == 0 && !lost[s / PACKET] && s > 0 && lost[s / PACKET - 1];
        return new Row(c, last - first + 1, lostCount, bursts, figures(decoded, a, from, to, inLoss, start, after),
                figures(decoded, b, from, to, inLoss, start, after), figures(decoded, rep, from, to, inLoss, start, after),
                missed(playedA, lost, first, last), missed(playedB, lost, first, last),
                offlineDiffering(decoded, conceal.recording(), playedA, first, last, holes),
                conceal.recording().pauses + silence.recording().pauses, holes[0], lagP99, lagMax);
    }

    private static Figures figures(short[] ref, short[] test, int from, int to, IntPredicate inLoss,
            IntPredicate start, IntPredicate after) {
        return new Figures(QualityMetrics.segmentalSnr(ref, test, from, to, s -> true),
                QualityMetrics.segmentalSnr(ref, test, from, to, inLoss),
                QualityMetrics.segmentalSnr(ref, test, from, to, start),
                QualityMetrics.segmentalSnr(ref, test, from, to, after),
                QualityMetrics.meanAbsoluteError(ref, test, from, to));
    }

    /** Each lost packet replaced by the packet before it as played (so a burst repeats one packet), at full level. */
    static short[] repeat(short[] decoded, boolean[] lost, int first, int last) {
        short[] out = decoded.clone();
        for (int k = first + 1; k <= last; k++) {
            if (lost[k]) {
                System.arraycopy(out, (k - 1) * PACKET, out, k * PACKET, PACKET);
            }
        }
        return out;
    }

    /** Per packet: the session played it (its samples from {@code skip} on are the decoded packet). */
    private static boolean[] played(short[] decoded, SessionRun.Recording rec, int first, int last, int skip) {
        boolean[] played = new boolean[decoded.length / PACKET];
        for (int k = first; k <= last; k++) {
            boolean same = true;
            for (int i = k * PACKET + skip; i < (k + 1) * PACKET && same; i++) {
                same = rec.filled[i] && rec.samples[i] == decoded[i];
            }
            played[k] = same;
        }
        return played;
    }

    private static int missed(boolean[] played, boolean[] lost, int first, int last) {
        int n = 0;
        for (int k = first; k <= last; k++) {
            n += !lost[k] && !played[k] ? 1 : 0;
        }
        return n;
    }

    /**
     * LossConcealer as the session's Playout drives it, on the packets the session played, ending
     * a loss where the session's buffer ran dry (a pause: fade-out, history forgotten).
     */
    private static long offlineDiffering(short[] decoded, SessionRun.Recording rec, boolean[] played, int first,
            int last, int[] holes) {
        short[] session = rec.samples;
        LossConcealer lc = LossConcealer.create(8000);
        short[] out = decoded.clone();
        short[] fadeOut = new short[PACKET];  // what the session played and then overwrote
        long differing = 0;
        for (int k = first; k <= last; k++) {
            if (rec.pausesBefore.contains(k)) {
                lc.endWithSilence(fadeOut, 0, PACKET); // played, then overwritten by packet k (same timestamps)
            } else if (k > first && !played[k - 1] && rec.givenTwice[k] > 0) {
                // a hole of a few samples without audio after the loss (under 10 ms): Playout conceals
                // through it (given at packet k's timestamps, then overwritten by it), then packet k
                // gets Appendix I's recovery
                lc.conceal(fadeOut, 0, Math.min(rec.givenTwice[k], PACKET));
                holes[0]++;
            }
            if (played[k]) {
                lc.played(out, k * PACKET, PACKET);
            } else {
                lc.conceal(out, k * PACKET, PACKET);
            }
            int before = (int) differing;
            for (int i = k * PACKET; i < (k + 1) * PACKET; i++) {
                differing += out[i] != session[i] ? 1 : 0;
            }
            if (differing > before) { // a diagnostic for the report's check line
                System.err.printf("offline check: packet %d (%s, the one before %s): %d samples differ%n", k,
                        played[k] ? "played" : "concealed",
                        k == first ? "none" : played[k - 1] ? "played" : "concealed",
                        differing - before);
            }
        }
        return differing;
    }
}
