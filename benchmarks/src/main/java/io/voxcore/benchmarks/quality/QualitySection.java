package io.voxcore.benchmarks.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the "Measured quality" section of docs/playout.md from the figures (no verdict written in advance). */
final class QualitySection {

    /** The section's heading; the report replaces everything from it to the next heading of its level. */
    static final String HEADING = "## Measured quality";

    /**
     * What the section says about the run itself.
     *
     * @param command the command that produced it
     * @param date the run's date and time, UTC
     * @param environment JDK, cores, load
     * @param seconds the run's length
     * @param lossPackets packets per loss condition
     * @param jitterPackets packets per jitter level
     */
    record Run(String command, String date, String environment, double seconds, int lossPackets, int jitterPackets) {
    }

    private QualitySection() {
    }

    static String render(Run run, List<LossQuality.Row> loss, List<DelayQuality.Row> delay) {
        StringBuilder m = new StringBuilder();
        m.append(HEADING).append("\n\n");
        m.append("Written by `").append(run.command()).append("` on ").append(run.date()).append(" (")
                .append(run.environment()).append(String.format(Locale.ROOT, ", %.0f s); the script replaces this section"
                        + " on every run and keeps the rest of the file. Command:%n%n", run.seconds()));
        m.append("```\n").append(run.command()).append("\n```\n\n");
        m.append("### Speech under packet loss\n\n");
        m.append(String.format(Locale.ROOT, "The ITU speech file `f2.le` (8 kHz, 22,960 samples) looped to %d packets "
                + "(%.1f s), coded as PCMU in 20 ms packets and sent in real time from a raw socket through the "
                + "impairment harness (`UdpImpairer`, loopback) to real `MediaSession`s in their default configuration "
                + "apart from a least jitter delay of %d ms instead of 20, so that a stall of the shared machine "
                + "neither makes a packet late nor runs the buffer dry (RTCP off): per condition one `GapPolicy.CONCEAL` and one "
                + "`GapPolicy.SILENCE` session, each behind its own impairer with the same seed, so both lose the same "
                + "packets (the harness draws each loss from the seed and the packet's index); all conditions at once. "
                + "What each session gives its `PcmSink` is placed by RTP timestamp and compared with the clean decoded "
                + "signal (the mu-law round trip, what a session plays without loss), from the first to the last "
                + "packet that got through (a session cannot know about losses outside that span). "
                + "**Repeat** is computed offline: each lost packet replaced by the packet played before it, at full "
                + "level (a burst repeats one packet). Loss models: *random*, each packet lost independently; "
                + "*burst*, Gilbert-Elliott with every packet in the bad state lost, 2 %% of packets in the long run, "
                + "geometric bursts of mean length 3 packets; every condition has its own fixed seed, so the loss "
                + "patterns are the same on every run and machine, and so are the figures, except where the "
                + "machine's timing made a session's buffer leave time without audio right after a loss (counted in "
                + "the checks below), which moves the concealment figures slightly.%n%n",
                run.lossPackets(), run.lossPackets() * 0.02, LossQuality.MIN_DELAY_MILLIS));
        m.append(String.format(Locale.ROOT, "Segmental SNR: %d-sample (10 ms) segments, each "
                + "`10 log10(sum ref² / sum (ref - out)²)` clamped to [%.0f, %.0f] dB (an exact segment counts %.0f), "
                + "averaged over the segments whose reference is above %.0f dBov (silent segments left out); "
                + "segments are cut from the first sample of the span. MAE: mean of `|ref - out|` over every sample of "
                + "the span, in 16-bit units. Higher SNR and lower MAE are better.%n%n",
                QualityMetrics.SEGMENT, QualityMetrics.FLOOR_DB, QualityMetrics.CEILING_DB, QualityMetrics.CEILING_DB,
                QualityMetrics.SILENCE_DBOV));
        m.append("Whole span:\n\n");
        m.append("| network | packets lost (bursts) | seg. SNR, dB: conceal | silence | repeat "
                + "| MAE: conceal | silence | repeat |\n");
        m.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (LossQuality.Row r : loss) {
            m.append(String.format(Locale.ROOT, "| %s | %d of %d, %.1f %% (%d) | %s | %s | %s | %s | %s | %s |%n",
                    r.condition().label(), r.lost(), r.packets(), 100.0 * r.lost() / r.packets(), r.bursts(),
                    db(r.conceal().segSnr()), db(r.silence().segSnr()), db(r.repeat().segSnr()),
                    mae(r.conceal().mae()), mae(r.silence().mae()), mae(r.repeat().mae())));
        }
        m.append("\nWhere the methods differ: the speech segments inside lost packets, the first 10 ms of each "
                + "loss, and the first 10 ms after each loss (segments counted in brackets):\n\n");
        m.append("| network | in lost packets, dB: conceal | silence | repeat | first 10 ms of a loss: conceal "
                + "| silence | repeat | 10 ms after a loss: conceal | silence | repeat |\n");
        m.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (LossQuality.Row r : loss) {
            if (r.lost() == 0) {
                continue;
            }
            m.append(String.format(Locale.ROOT, "| %s | %s (%d) | %s | %s | %s (%d) | %s | %s | %s (%d) | %s | %s |%n",
                    r.condition().label(), db(r.conceal().segSnrLost()), r.conceal().segSnrLost().segments(),
                    db(r.silence().segSnrLost()), db(r.repeat().segSnrLost()),
                    db(r.conceal().segSnrFirst()), r.conceal().segSnrFirst().segments(),
                    db(r.silence().segSnrFirst()), db(r.repeat().segSnrFirst()),
                    db(r.conceal().segSnrAfter()), r.conceal().segSnrAfter().segments(),
                    db(r.silence().segSnrAfter()), db(r.repeat().segSnrAfter())));
        }
        m.append('\n').append(verdict(loss, "silence", LossQuality.Row::silence)).append("\n\n");
        m.append(verdict(loss, "repeating the previous frame", LossQuality.Row::repeat)).append("\n\n");
        m.append("Reading these: they compare waveforms. Silence in a lost segment scores exactly 0 dB (its error "
                + "is the signal) and leaves the audio after the loss exact; a substitute scores above 0 dB only "
                + "where it stays in phase with the speech that was lost, down to -6 dB where it is in antiphase (an "
                + "error of twice the signal), and Appendix I's recovery after a loss (a cross-fade from the "
                + "substitute over a quarter pitch period, 1.25-3.75 ms, plus 4 ms per further lost 10 ms) changes "
                + "received audio that silence and repetition play unchanged. What a listener "
                + "hears (a gap or a click against a voice that carries on) is what listening tests and perceptual "
                + "measures (ITU-T P.862 PESQ, P.863 POLQA) assess; neither is part of this report.\n\n");
        m.append(checks(loss)).append("\n\n");
        m.append("### Added delay and late loss under jitter\n\n");
        m.append(String.format(Locale.ROOT, "%d packets (%.0f s) of the same PCMU stream per level, one level at a "
                + "time, through an impairer that delays each packet by an independent draw, **uniform on [0, J] ms** "
                + "(mean J/2; no loss, no base latency; packets overtake one another where their draws say so), to "
                + "one session in the default configuration (concealment, jitter delay 20-200 ms, adapting). "
                + "*Added delay*: when a packet's audio reached the sink, minus the time the sender's clock stamped it, "
                + "minus the run's smallest transit (the loopback's own): the delay the buffer plays at above the "
                + "fastest packet, over the packets played. *Wait*: time a packet sat in the buffer. *Late*: "
                + "`ReceiveStatistics.late()`, packets that came after their playout point (dropped and concealed), "
                + "per packet received; beside it the count seen from outside (time played before the packet "
                + "arrived). *Machine's own delay*: how long after the sender's clock stamped a packet it reached the "
                + "impairer (sender wake-up, loopback, impairer thread), before any jitter is added; the row without "
                + "jitter shows what the machine alone makes the buffer do. The buffer follows the largest excess "
                + "transit it saw recently, whatever its cause, so where the machine's own delay approaches J the "
                + "row describes the machine as much as the jitter. These figures depend on timing, unlike the ones "
                + "above: they were measured on a shared machine (%s) and move with its load.%n%n",
                run.jitterPackets(), run.jitterPackets() * 0.02, run.environment()));
        m.append("| jitter J | late (seen from outside) | late loss | added delay: median | 95th pct | max "
                + "| mean wait in buffer | RFC 3550 jitter at the end | machine's own delay: 99th pct | max |\n");
        m.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (DelayQuality.Row r : delay) {
            m.append(String.format(Locale.ROOT, "| %s | %d of %d (%d) | %.2f %% | %.1f ms | %.1f ms | %.1f ms "
                    + "| %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
                    r.jitterMillis() == 0 ? "0 (none)" : String.format(Locale.ROOT, "%.0f ms", r.jitterMillis()),
                    r.late(), r.received(), r.lateByTiming(), 100 * r.lateRate(), r.delayMedian(), r.delayP95(),
                    r.delayMax(), r.waitMean(), r.rfcJitterMillis(), r.lagP99(), r.lagMax()));
        }
        m.append('\n');
        return m.toString();
    }

    /** One method's figures in a row. */
    interface Method {
        /** @param row the row @return the method's figures in it */
        LossQuality.Figures of(LossQuality.Row row);
    }

    /** One figure of a method, and which way is better. */
    private record Figure(String name, java.util.function.ToDoubleFunction<LossQuality.Figures> value,
            boolean higherIsBetter, String unit) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("segmental SNR over all speech", f -> f.segSnr().db(), true, " dB"),
            new Figure("segmental SNR in lost packets", f -> f.segSnrLost().db(), true, " dB"),
            new Figure("MAE", LossQuality.Figures::mae, false, ""));

    /** Where concealment beats the other method, figure by figure, from the numbers. */
    static String verdict(List<LossQuality.Row> loss, String name, Method other) {
        List<LossQuality.Row> lossy = loss.stream().filter(r -> r.lost() > 0).toList();
        if (lossy.isEmpty()) {
            return "No condition lost a packet: nothing to compare with " + name + ".";
        }
        List<String> lines = new ArrayList<>();
        int everywhere = 0;
        for (Figure f : FIGURES) {
            List<String> better = new ArrayList<>();
            List<String> not = new ArrayList<>();
            for (LossQuality.Row r : lossy) {
                double c = f.value().applyAsDouble(r.conceal());
                double o = f.value().applyAsDouble(other.of(r));
                boolean wins = f.higherIsBetter() ? c > o : c < o;
                String pair = String.format(Locale.ROOT, "%s: %.2f vs %.2f%s", r.condition().label(), c, o, f.unit());
                (wins ? better : not).add(pair);
            }
            String line;
            if (not.isEmpty()) {
                everywhere++;
                line = "better at every loss rate (" + String.join("; ", better) + ")";
            } else if (better.isEmpty()) {
                line = "not better at any loss rate (" + String.join("; ", not) + ")";
            } else {
                line = "better at " + String.join("; ", better) + "; not at " + String.join("; ", not);
            }
            lines.add("- " + f.name() + ", concealment vs " + name + ": " + line + ".");
        }
        String head = everywhere == FIGURES.size()
                ? "**Concealment beats " + name + " at every loss rate measured, on all three figures.** Figure by "
                        + "figure:"
                : everywhere == 0
                        ? "**Concealment does not beat " + name + " at every loss rate: on none of the three figures "
                                + "is it better at all loss rates.** Figure by figure:"
                        : "**Concealment beats " + name + " at every loss rate on " + everywhere + " of the three "
                                + "figures; on the others it does not.** Figure by figure:";
        return head + "\n\n" + String.join("\n", lines);
    }

    private static String checks(List<LossQuality.Row> loss) {
        long offline = 0;
        long missed = 0;
        long pauses = 0;
        long holes = 0;
        double lagP99 = 0;
        double lagMax = 0;
        for (LossQuality.Row r : loss) {
            offline += r.offlineDiffering();
            missed += r.missedConceal() + r.missedSilence();
            pauses += r.pauses();
            holes += r.holes();
            lagP99 = Math.max(lagP99, r.lagP99());
            lagMax = Math.max(lagMax, r.lagMax());
        }
        StringBuilder s = new StringBuilder("Checks on the sessions: ");
        s.append(offline == 0 ? "the `CONCEAL` sessions' output equals `LossConcealer` run offline on the packets "
                + "they played, sample for sample, in every condition (the offline run ends a loss where the "
                + "session's buffer left time without audio, as the session does); "
                : offline + " samples of the `CONCEAL` sessions' output differ from `LossConcealer` run offline on "
                        + "the packets they played; ");
        s.append(missed == 0 ? "every packet the network delivered was played (none late); "
                : missed + " packets the network delivered were not played (late, lost to the machine's load; "
                        + "they count as losses in the session columns but not in *repeat*); ");
        s.append(pauses == 0 ? "no gap without loss reported" : pauses + " gaps without loss reported (time "
                + "without audio the buffer left; the offline run ends a loss there too, as the session does)");
        if (holes > 0) {
            s.append("; ").append(holes).append(holes == 1 ? " loss" : " losses").append(" in the `CONCEAL` "
                    + "sessions ended in a hole of a few samples without audio just before the next packet (the "
                    + "buffer's timing): the session conceals through the hole (under 10 ms) and plays that packet "
                    + "with Appendix I's recovery, which the figures above include");
        }
        s.append(String.format(Locale.ROOT, ". The machine's own delay (sender wake-up, loopback, impairer thread: "
                + "when a packet reached the impairer after the sender's clock stamped it) was at most %.1f ms in the "
                + "99th percentile and %.1f ms at worst in any condition.", lagP99, lagMax));
        return s.toString();
    }

    private static String db(QualityMetrics.SegmentalSnr s) {
        return Double.isNaN(s.db()) ? "-" : String.format(Locale.ROOT, "%.2f", s.db());
    }

    private static String mae(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
