package io.voxcore.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result file into the published performance report: prints a table (benchmark,
 * parameters, ns/op, B/op, speed-up against FMJ and the JDK in the same run), checks the targets,
 * and writes {@code performance.md} and a bar chart {@code performance.svg}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.voxcore.benchmarks.report.Report \
 *     --input benchmarks/target/jmh-result.json --markdown docs/performance.md \
 *     --svg docs/performance.svg --command "benchmarks/run-report.sh" [--cores 2]
 * </pre>
 *
 * <p>Rows are grouped by benchmark class (one operation) and parameters; within a group the
 * method name's prefix says whose implementation it is ({@code baseline}, {@code voxcore},
 * {@code fmj}, {@code jdk}), so ratios need no table of names and a new benchmark class is
 * reported without a change here.
 */
public final class Report {

    /** Frame size, in samples, at which the targets are judged: 20 ms at 8000 Hz. */
    static final String TARGET_SIZE = "160";
    /** voxcore encode/decode must be at least this many times faster than FMJ. */
    static final double TARGET_VS_FMJ = 2.0;
    /** voxcore encode/decode must be at least this many times faster than the JDK path. */
    static final double TARGET_VS_JDK = 40.0;
    /** The direct PCMU to PCMA table must be at least this many times faster than decode+encode. */
    static final double TARGET_TRANSCODE = 3.0;
    /**
     * Largest {@code gc.alloc.rate.norm} still counted as zero allocation: JMH derives it from
     * thread allocation counters over a whole iteration, so a path that never allocates reports
     * tiny fractions of a byte (the harness's own bookkeeping spread over millions of calls).
     */
    static final double ZERO_ALLOC_TOLERANCE = 0.5;

    private Report() {
    }

    /** One benchmark result. */
    record Row(String className, String method, Map<String, String> params, double ns, double nsError,
               double nsBest, double bytesPerOp) {

        String family() {
            for (String f : new String[] {"baseline", "voxcore", "fmj", "jdk"}) {
                if (method.startsWith(f)) {
                    return f;
                }
            }
            return "other";
        }

        String paramText() {
            StringBuilder sb = new StringBuilder();
            params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
            return sb.toString();
        }

        String group() {
            return className + "|" + paramText();
        }
    }

    /** Facts about the run, from the JSON. */
    record RunInfo(String jmhVersion, String jdkVersion, String vmName, String vmVersion, String settings) {
    }

    /**
     * Runs the tool.
     *
     * @param args {@code --input FILE} (required), {@code --markdown FILE}, {@code --svg FILE},
     *     {@code --command TEXT} (the command that made the input, quoted in the report),
     *     {@code --cores N} (defaults to this JVM's processor count)
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: Report --input FILE [--markdown FILE] [--svg FILE]"
                        + " [--command TEXT] [--cores N]; bad argument '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String input = opts.get("input");
        if (input == null) {
            throw new IllegalArgumentException("--input FILE is required; got " + opts.keySet());
        }
        Object json = JsonReader.parse(Files.readString(Path.of(input), StandardCharsets.UTF_8));
        List<Row> rows = rows(json);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(input + " holds no benchmark results");
        }
        RunInfo info = runInfo(json);
        String table = table(rows);
        List<String[]> targets = targets(rows);
        PrintStream out = System.out;
        out.println(table);
        out.println(targetsTable(targets));

        if (opts.containsKey("markdown")) {
            int cores = opts.containsKey("cores") ? Integer.parseInt(opts.get("cores"))
                    : Runtime.getRuntime().availableProcessors();
            String md = markdown(info, cores, opts.getOrDefault("command", "(not given)"), table, targets,
                    opts.containsKey("svg") ? Path.of(opts.get("markdown")).toAbsolutePath().getParent()
                            .relativize(Path.of(opts.get("svg")).toAbsolutePath()).toString() : null);
            write(Path.of(opts.get("markdown")), md);
            out.println("wrote " + opts.get("markdown"));
        }
        if (opts.containsKey("svg")) {
            write(Path.of(opts.get("svg")), BarChart.svg(rows, TARGET_SIZE));
            out.println("wrote " + opts.get("svg"));
        }
    }

    private static void write(Path path, String text) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    // ---- Reading. ----

    @SuppressWarnings("unchecked")
    static List<Row> rows(Object json) {
        if (!(json instanceof List)) {
            throw new IllegalArgumentException("a JMH result file is a JSON array, got " + typeOf(json));
        }
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<Object>) json) {
            Map<String, Object> b = (Map<String, Object>) o;
            String name = (String) b.get("benchmark");
            int dot = name.lastIndexOf('.');
            String cls = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new TreeMap<>();
            Object p = b.get("params");
            if (p instanceof Map) {
                ((Map<String, Object>) p).forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            Map<String, Object> primary = (Map<String, Object>) b.get("primaryMetric");
            double scale = nanosPer(String.valueOf(primary.get("scoreUnit")));
            double ns = number(primary.get("score")) * scale;
            double err = number(primary.get("scoreError")) * scale;
            double best = Double.NaN;
            Object raw = primary.get("rawData");
            if (raw instanceof List) {
                for (Object fork : (List<Object>) raw) {
                    for (Object it : (List<Object>) fork) {
                        double v = number(it) * scale;
                        best = Double.isNaN(best) ? v : Math.min(best, v);
                    }
                }
            }
            double bytes = Double.NaN;
            Object secondary = b.get("secondaryMetrics");
            if (secondary instanceof Map) {
                Object alloc = ((Map<String, Object>) secondary).get("gc.alloc.rate.norm");
                if (alloc instanceof Map) {
                    bytes = number(((Map<String, Object>) alloc).get("score"));
                }
            }
            rows.add(new Row(cls, name.substring(dot + 1), params, ns, err, best, bytes));
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static RunInfo runInfo(Object json) {
        List<Object> all = (List<Object>) json;
        Map<String, Object> first = (Map<String, Object>) all.get(0);
        // Settings may differ per benchmark (annotations); list each distinct one with its count.
        Map<String, Integer> settings = new LinkedHashMap<>();
        for (Object o : all) {
            Map<String, Object> b = (Map<String, Object>) o;
            String s = String.format(Locale.ROOT, "%s fork, %s warm-up x %s, %s measured x %s",
                    text(b.get("forks")), text(b.get("warmupIterations")), b.get("warmupTime"),
                    text(b.get("measurementIterations")), b.get("measurementTime"));
            settings.merge(s, 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder(String.valueOf(first.get("mode")));
        settings.forEach((s, n) -> sb.append("; ").append(s).append(" (").append(n).append(n == 1 ? " result)" : " results)"));
        return new RunInfo(String.valueOf(first.get("jmhVersion")), String.valueOf(first.get("jdkVersion")),
                String.valueOf(first.get("vmName")), String.valueOf(first.get("vmVersion")), sb.toString());
    }

    private static String text(Object o) {
        return o instanceof Double && (Double) o == Math.rint((Double) o) ? String.valueOf(((Double) o).longValue())
                : String.valueOf(o);
    }

    private static double number(Object o) {
        if (o instanceof Double) {
            return (Double) o;
        }
        if (o instanceof String) {
            try {
                return Double.parseDouble((String) o);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static double nanosPer(String unit) {
        switch (unit) {
            case "ns/op":
                return 1;
            case "us/op":
                return 1e3;
            case "ms/op":
                return 1e6;
            case "s/op":
                return 1e9;
            default:
                throw new IllegalArgumentException("expected a time per operation (run in avgt mode), got " + unit);
        }
    }

    private static String typeOf(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    // ---- Ratios and targets. ----

    /** The first row of a family in the same group (class and parameters), or null. */
    static Row peer(List<Row> rows, Row row, String family) {
        for (Row r : rows) {
            if (r.group().equals(row.group()) && r.family().equals(family)) {
                return r;
            }
        }
        return null;
    }

    private static Row find(List<Row> rows, String cls, String method, String size) {
        for (Row r : rows) {
            if (r.className().equals(cls) && r.method().equals(method) && size.equals(r.params().get("size"))) {
                return r;
            }
        }
        return null;
    }

    /** How many times faster {@code row} is than {@code other}: their time ratio. */
    private static String speedup(Row row, Row other) {
        return other == null ? "" : format(other.ns() / row.ns()) + "x";
    }

    static List<String[]> targets(List<Row> rows) {
        List<String[]> t = new ArrayList<>();
        boolean any = false;
        for (Row r : rows) {
            if (!r.family().equals("voxcore") || !TARGET_SIZE.equals(r.params().get("size"))
                    || !(r.className().endsWith("EncodeBenchmark") || r.className().endsWith("DecodeBenchmark"))) {
                continue;
            }
            any = true;
            String what = r.className().replace("Benchmark", "") + "." + r.method();
            Row fmj = peer(rows, r, "fmj");
            Row jdk = peer(rows, r, "jdk");
            t.add(ratioTarget(what + " vs FMJ", r, fmj, TARGET_VS_FMJ));
            t.add(ratioTarget(what + " vs JDK AudioSystem", r, jdk, TARGET_VS_JDK));
        }
        if (!any) {
            t.add(new String[] {"voxcore encode/decode vs FMJ and JDK", ">= " + format(TARGET_VS_FMJ) + "x, >= "
                    + format(TARGET_VS_JDK) + "x", "not measured at size=" + TARGET_SIZE, "NOT MEASURED"});
        }
        Row table = find(rows, "UlawToAlawBenchmark", "voxcoreTable", TARGET_SIZE);
        Row twoStep = find(rows, "UlawToAlawBenchmark", "voxcoreDecodeEncode", TARGET_SIZE);
        t.add(ratioTarget("UlawToAlaw.voxcoreTable vs voxcoreDecodeEncode", table, twoStep, TARGET_TRANSCODE));

        int zeroRows = 0;
        List<String> allocating = new ArrayList<>();
        double worst = 0;
        for (Row r : rows) {
            if (!r.family().equals("voxcore")) {
                continue;
            }
            if (Double.isNaN(r.bytesPerOp())) {
                continue;
            }
            zeroRows++;
            worst = Math.max(worst, r.bytesPerOp());
            if (r.bytesPerOp() > ZERO_ALLOC_TOLERANCE) {
                allocating.add(r.className().replace("Benchmark", "") + "." + r.method() + "[" + r.paramText() + "] "
                        + format(r.bytesPerOp()) + " B/op");
            }
        }
        String goal = "<= " + format(ZERO_ALLOC_TOLERANCE) + " B/op (gc.alloc.rate.norm)";
        if (zeroRows == 0) {
            t.add(new String[] {"0 B/op on every voxcore path", goal, "not measured (run with -prof gc)", "NOT MEASURED"});
        } else if (allocating.isEmpty()) {
            t.add(new String[] {"0 B/op on every voxcore path (" + zeroRows + " rows)", goal,
                "largest " + String.format(Locale.ROOT, "%.4f", worst) + " B/op", "PASS"});
        } else {
            t.add(new String[] {"0 B/op on every voxcore path (" + zeroRows + " rows)", goal,
                String.join("; ", allocating), "MISS"});
        }
        return t;
    }

    private static String[] ratioTarget(String what, Row subject, Row reference, double goal) {
        String goalText = ">= " + format(goal) + "x";
        if (subject == null || reference == null) {
            return new String[] {what, goalText, "not measured", "NOT MEASURED"};
        }
        double ratio = reference.ns() / subject.ns();
        return new String[] {what, goalText, format(ratio) + "x (" + format(subject.ns()) + " vs "
                + format(reference.ns()) + " ns/op)", ratio >= goal ? "PASS" : "MISS"};
    }

    // ---- Output. ----

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The results as a Markdown table (also readable as plain text). */
    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | params | ns/op | ± | best iteration | B/op | vs baseline | voxcore speed-up vs FMJ"
                + " | voxcore speed-up vs JDK |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            Row baseline = peer(rows, r, "baseline");
            boolean vox = r.family().equals("voxcore");
            sb.append("| ").append(r.className().replace("Benchmark", "")).append('.').append(r.method())
                    .append(" | ").append(r.paramText())
                    .append(" | ").append(format(r.ns()))
                    .append(" | ").append(format(r.nsError()))
                    .append(" | ").append(format(r.nsBest()))
                    .append(" | ").append(Double.isNaN(r.bytesPerOp()) ? "n/a"
                            : String.format(Locale.ROOT, r.bytesPerOp() < 10 ? "%.3f" : "%.0f", r.bytesPerOp()))
                    .append(" | ").append(baseline == null || baseline == r ? "" : format(r.ns() / baseline.ns()) + "x")
                    .append(" | ").append(vox ? speedup(r, peer(rows, r, "fmj")) : "")
                    .append(" | ").append(vox ? speedup(r, peer(rows, r, "jdk")) : "")
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String targetsTable(List<String[]> targets) {
        StringBuilder sb = new StringBuilder();
        sb.append("| target | goal | measured | result |\n| --- | --- | --- | --- |\n");
        for (String[] t : targets) {
            sb.append("| ").append(String.join(" | ", t)).append(" |\n");
        }
        return sb.toString();
    }

    private static String markdown(RunInfo info, int cores, String command, String table, List<String[]> targets,
                                   String svg) {
        long pass = targets.stream().filter(t -> t[3].equals("PASS")).count();
        long miss = targets.stream().filter(t -> t[3].equals("MISS")).count();
        StringBuilder sb = new StringBuilder();
        sb.append("# voxcore performance\n\n");
        sb.append("Generated by the report tool from one JMH run; do not edit by hand, run the command again.\n\n");
        sb.append("- Date: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT))).append('\n');
        sb.append("- Command: `").append(command).append("`\n");
        sb.append("- JDK: ").append(info.jdkVersion()).append(" (").append(info.vmName()).append(' ')
                .append(info.vmVersion()).append(")\n");
        sb.append("- JMH ").append(info.jmhVersion()).append(": ").append(info.settings())
                .append(", allocation from `-prof gc` (`gc.alloc.rate.norm`)\n");
        sb.append("- Machine: ").append(cores).append(" cores (`nproc`). It is shared with other work and noisy:"
                + " treat differences under about 20% as noise, and compare ratios taken within this run,"
                + " not absolute times across runs.\n\n");

        sb.append("## Targets\n\n");
        sb.append("Judged at ").append(TARGET_SIZE).append(" samples (20 ms at 8000 Hz) from this run's ratios: ")
                .append(pass).append(" pass, ").append(miss).append(" miss.\n\n");
        sb.append(targetsTable(targets)).append('\n');
        sb.append("A speed-up is the peer's time per frame divided by voxcore's. FMJ (`org.jitsi:fmj`, as used by"
                + " libjitsi/Jitsi) encodes from and decodes to little-endian PCM bytes, its only bulk form; the JDK"
                + " path opens an `AudioInputStream` per frame and converts it with `AudioSystem`, as an application"
                + " would. voxcore works on `short[]` samples or `ShortBuffer`s.\n\n");

        if (svg != null) {
            sb.append("## Time per ").append(TARGET_SIZE).append("-sample frame\n\n");
            sb.append("![ns per frame, log scale](").append(svg.replace('\\', '/')).append(")\n\n");
        }
        sb.append("## All results\n\n");
        sb.append("ns/op is JMH's mean over the measured iterations and ± its 99.9% confidence half-width;"
                + " `best iteration` is the fastest single iteration, the least disturbed by other work on the"
                + " machine. `vs baseline` is the mean time relative to the plain loop or copy over the same bytes"
                + " in the same class. B/op is bytes allocated per operation.\n\n");
        sb.append(table).append('\n');
        sb.append("## How the benchmarks are built\n\n");
        sb.append("Every implementation gets the same input: a speech-like signal (harmonics of a ~140 Hz voice"
                + " under a 4 Hz syllable envelope, plus noise from a fixed seed; `SpeechSignal`), in the form each"
                + " API takes. Each benchmark returns its result; `baseline*` methods touch the same bytes with a"
                + " plain loop or `System.arraycopy`. Sources: `benchmarks/src/main/java/io/voxcore/benchmarks`.\n\n");
        sb.append("## Load\n\n");
        sb.append("Whole calls rather than single operations: N bidirectional calls (plain, or relayed PCMU<->PCMA"
                + " through `MediaRelay`) on one engine over loopback, with packets lost, per-packet latency"
                + " percentiles and CPU, and where loss and latency start to climb (the knee). The figures and the"
                + " `voxcore load` commands that produced them are in [load.md](load.md); they come from a separate"
                + " tool, not from this JMH run.\n");
        return sb.toString();
    }
}
