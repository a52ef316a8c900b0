package io.voxcore.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written SVG bar chart: one group of horizontal bars per operation (benchmark class), one
 * bar per implementation, time per frame on a logarithmic axis so that the JDK path's
 * microseconds and the kernels' nanoseconds are both readable.
 */
final class BarChart {

    private static final int LABEL_WIDTH = 250;
    private static final int PLOT_WIDTH = 560;
    private static final int VALUE_WIDTH = 90;
    private static final int BAR_HEIGHT = 16;
    private static final int BAR_GAP = 4;
    private static final int GROUP_GAP = 30;
    private static final int TOP = 60;

    private BarChart() {
    }

    private static String color(String family, int index) {
        switch (family) {
            case "baseline":
                return "#9e9e9e";
            case "voxcore":
                return new String[] {"#1565c0", "#1e88e5", "#42a5f5", "#90caf9"}[Math.min(index, 3)];
            case "fmj":
                return "#ef6c00";
            case "jdk":
                return "#c62828";
            default:
                return "#6a1b9a";
        }
    }

    /**
     * Draws the rows measured at one frame size.
     *
     * @param rows all rows of the run
     * @param size the {@code size} parameter to draw
     * @return the SVG document
     */
    static String svg(List<Report.Row> rows, String size) {
        Map<String, List<Report.Row>> groups = new LinkedHashMap<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Report.Row r : rows) {
            if (!size.equals(r.params().get("size")) || !(r.ns() > 0)) {
                continue;
            }
            groups.computeIfAbsent(r.className(), k -> new ArrayList<>()).add(r);
            min = Math.min(min, r.ns());
            max = Math.max(max, r.ns());
        }
        if (groups.isEmpty()) {
            min = 1;
            max = 10;
        }
        int lo = (int) Math.floor(Math.log10(min));
        int hi = (int) Math.ceil(Math.log10(max));
        if (hi == lo) {
            hi++;
        }
        int barCount = 0;
        for (List<Report.Row> g : groups.values()) {
            barCount += g.size();
        }
        int height = TOP + groups.size() * (GROUP_GAP + 6) + barCount * (BAR_HEIGHT + BAR_GAP) + 64;
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        int x0 = LABEL_WIDTH;

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">"
                + "Time per %s-sample frame (ns/op, log scale; shorter is faster)</text>%n", 10, esc(size)));
        int plotBottom = height - 54;
        for (int d = lo; d <= hi; d++) {
            double x = x0 + (double) (d - lo) / (hi - lo) * PLOT_WIDTH;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP - 15, x, plotBottom));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, plotBottom + 16, esc(decade(d))));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, TOP - 20, esc(decade(d))));
        }
        int y = TOP;
        for (Map.Entry<String, List<Report.Row>> g : groups.entrySet()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                    y + 12, esc(g.getKey().replace("Benchmark", ""))));
            y += 18;
            int voxIndex = 0;
            for (Report.Row r : g.getValue()) {
                double len = Math.max(1, (Math.log10(r.ns()) - lo) / (hi - lo) * PLOT_WIDTH);
                String family = r.family();
                String fill = color(family, family.equals("voxcore") ? voxIndex++ : 0);
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                        x0 - 8, y + BAR_HEIGHT - 4, esc(r.method())));
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s.%s: %s ns/op</title></rect>%n", x0, y, len, BAR_HEIGHT, fill,
                        esc(r.className()), esc(r.method()), esc(Report.format(r.ns()))));
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#333\">%s ns</text>%n",
                        x0 + len + 4, y + BAR_HEIGHT - 4, esc(Report.format(r.ns()))));
                y += BAR_HEIGHT + BAR_GAP;
            }
            y += GROUP_GAP - 18 + 6;
        }
        int lx = 10;
        String[][] legend = {{"baseline", "baseline (plain loop or copy)"}, {"voxcore", "voxcore"}, {"fmj", "FMJ"},
            {"jdk", "JDK javax.sound.sampled"}, {"other", "voxcore convenience forms (allocate)"}};
        for (String[] l : legend) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, height - 20, color(l[0], 0), lx + 16, height - 10,
                    esc(l[1])));
            lx += 40 + 7 * l[1].length();
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String decade(int d) {
        String[] units = {"ns", "µs", "ms", "s"};
        int unit = Math.max(0, Math.min(3, Math.floorDiv(d, 3)));
        long value = (long) Math.pow(10, d - unit * 3);
        return d < 0 ? String.format(Locale.ROOT, "%.3f ns", Math.pow(10, d)) : value + " " + units[unit];
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
