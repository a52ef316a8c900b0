package io.voxcore.benchmarks.quality;

import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.testnet.Impairments;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The playout quality report: measures speech quality under loss (concealment, silence, frame
 * repetition) and the jitter buffer's delay and late loss under jitter through real sessions and
 * the impairment harness, prints the section and writes it into the playout document.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.voxcore.benchmarks.quality.PlayoutReport \
 *     --vectors ../shared/testvectors --doc docs/playout.md --command "benchmarks/playout-report.sh" \
 *     [--loss-packets 2296] [--jitter-packets 1500]
 * </pre>
 */
public final class PlayoutReport {

    private PlayoutReport() {
    }

    /**
     * Runs the report.
     *
     * @param args see the class description
     * @throws Exception if a run fails; exit status 2 with a message when the speech file is absent
     */
    public static void main(String[] args) throws Exception {
        Path vectors = null;
        Path doc = null;
        String command = "PlayoutReport";
        int lossPackets = 2296; // f2.le 16 times: 46 s
        int jitterPackets = 1500; // 30 s per level
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--vectors" -> vectors = Path.of(require(args[i], value));
                case "--doc" -> doc = Path.of(require(args[i], value));
                case "--command" -> command = require(args[i], value);
                case "--loss-packets" -> lossPackets = Integer.parseInt(require(args[i], value));
                case "--jitter-packets" -> jitterPackets = Integer.parseInt(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --vectors DIR "
                        + "--doc FILE --command TEXT --loss-packets N --jitter-packets N");
            }
            i++;
        }
        if (vectors == null) {
            throw new IllegalArgumentException("--vectors DIR (the shared/testvectors folder) is required");
        }
        short[] input;
        try {
            input = Speech.read(vectors);
        } catch (IllegalArgumentException e) {
            System.err.println("playout report: " + e.getMessage());
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String environment = String.format(Locale.ROOT, "JDK %s, %d cores, load average %.1f at the start",
                Runtime.version().feature(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<LossQuality.Row> loss;
        List<DelayQuality.Row> delay = new ArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().name("quality").build()) {
            System.out.println("loss conditions: " + lossPackets + " packets each, all at once ...");
            loss = LossQuality.run(engine, Speech.loop(input, lossPackets), conditions());
            for (double j : new double[] {0, 20, 40, 60}) { // 0: the machine alone, for comparison
                System.out.println("jitter " + j + " ms: " + jitterPackets + " packets ...");
                delay.add(DelayQuality.run(engine, Speech.loop(input, jitterPackets), j, 0x0713_0100L + (long) j));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String section = QualitySection.render(new QualitySection.Run(command, date, environment, seconds, lossPackets,
                jitterPackets), loss, delay);
        System.out.println(section);
        if (doc != null) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Files.writeString(doc, replaceSection(text, section), StandardCharsets.UTF_8);
            System.out.println("written: " + doc);
        }
    }

    /** The loss conditions, each with its own seed. */
    static List<LossQuality.Condition> conditions() {
        List<LossQuality.Condition> c = new ArrayList<>();
        double[] random = {0, 0.01, 0.03, 0.05, 0.10, 0.20};
        for (int i = 0; i < random.length; i++) {
            c.add(new LossQuality.Condition(String.format(Locale.ROOT, "%.0f %% random", random[i] * 100),
                    Impairments.none(0x0713_0000L + i).withRandomLoss(random[i])));
        }
        c.add(new LossQuality.Condition("2 % burst (mean 3)", Impairments.none(0x0713_0010L).withBurstLoss(0.02, 3)));
        return c;
    }

    /**
     * Replaces the section that starts at {@link QualitySection#HEADING} (up to the next level-2
     * heading or the end), or appends it when the document has none.
     *
     * @param text the document
     * @param section the new section, ending with a blank line
     * @return the document with the section
     */
    static String replaceSection(String text, String section) {
        int start = text.startsWith(QualitySection.HEADING + "\n") ? 0 : text.indexOf("\n" + QualitySection.HEADING + "\n");
        if (start < 0) {
            return text.endsWith("\n") ? text + "\n" + section : text + "\n\n" + section;
        }
        if (start > 0) {
            start++;
        }
        int next = text.indexOf("\n## ", start + 1);
        return text.substring(0, start) + section + (next < 0 ? "" : text.substring(next + 1));
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
