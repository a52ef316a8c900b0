package io.voxcore.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's bar chart, drawn by JFreeChart into a PNG without a display: one group of
 * horizontal bars per operation (benchmark class), one bar per implementation coloured by whose it
 * is, each labelled with its time, on a logarithmic time axis shared by all groups so that the JDK
 * path's microseconds and the kernels' nanoseconds are both readable.
 */
final class BarChart {

    private static final int WIDTH = 1000;
    private static final int PIXELS_PER_BAR = 20;
    private static final int PIXELS_PER_GROUP = 34;
    private static final int FRAME_PIXELS = 150;

    /** Implementation families in legend order, with their names on the chart. */
    private static final String[][] LEGEND = {{"baseline", "baseline (plain loop or copy)"}, {"voxcore", "voxcore"},
        {"fmj", "FMJ"}, {"jdk", "JDK javax.sound.sampled"}, {"other", "voxcore convenience forms (allocate)"}};

    private BarChart() {
    }

    private static Color color(String family, int index) {
        switch (family) {
            case "baseline":
                return new Color(0x9e9e9e);
            case "voxcore":
                return new Color(new int[] {0x1565c0, 0x1e88e5, 0x42a5f5, 0x90caf9}[Math.min(index, 3)]);
            case "fmj":
                return new Color(0xef6c00);
            case "jdk":
                return new Color(0xc62828);
            default:
                return new Color(0x6a1b9a);
        }
    }

    /**
     * Draws the rows measured at one frame size into a PNG file.
     *
     * @param rows all rows of the run
     * @param size the {@code size} parameter to draw
     * @param file the PNG file to write
     * @throws IOException when it cannot be written
     */
    static void png(List<Report.Row> rows, String size, Path file) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // no display needed (run-report.sh sets it too)
        }
        JFreeChart chart = chart(rows, size);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height(rows, size));
    }

    /**
     * The chart's height: room for every bar and group label.
     *
     * @param rows all rows
     * @param size the size drawn
     * @return pixels
     */
    static int height(List<Report.Row> rows, String size) {
        Map<String, List<Report.Row>> groups = groups(rows, size);
        int bars = 0;
        for (List<Report.Row> g : groups.values()) {
            bars += g.size();
        }
        return FRAME_PIXELS + groups.size() * PIXELS_PER_GROUP + bars * PIXELS_PER_BAR;
    }

    private static Map<String, List<Report.Row>> groups(List<Report.Row> rows, String size) {
        Map<String, List<Report.Row>> groups = new LinkedHashMap<>();
        for (Report.Row r : rows) {
            if (size.equals(r.params().get("size")) && r.ns() > 0) {
                groups.computeIfAbsent(r.className(), k -> new ArrayList<>()).add(r);
            }
        }
        return groups;
    }

    /**
     * Builds the chart.
     *
     * @param rows all rows of the run
     * @param size the {@code size} parameter to draw
     * @return the chart
     */
    static JFreeChart chart(List<Report.Row> rows, String size) {
        Map<String, List<Report.Row>> groups = groups(rows, size);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (List<Report.Row> g : groups.values()) {
            for (Report.Row r : g) {
                min = Math.min(min, r.ns());
                max = Math.max(max, r.ns());
            }
        }
        if (groups.isEmpty()) {
            min = 1;
            max = 10;
        }
        // at least half a decade below the shortest bar, so that no bar is drawn with no length
        int lo = (int) Math.floor(Math.log10(min / 2));
        int hi = (int) Math.ceil(Math.log10(max));
        if (hi == lo) {
            hi++;
        }
        LogAxis time = new LogAxis("ns/op");
        time.setBase(10);
        time.setTickUnit(new NumberTickUnit(1)); // one tick per decade (the unit is in log space)
        time.setNumberFormatOverride(new DecadeFormat());
        // beyond the last decade: room for the longest bar's label
        time.setRange(Math.pow(10, lo), Math.pow(10, hi + 0.35));
        CombinedRangeCategoryPlot plot = new CombinedRangeCategoryPlot(time);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(6);
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (Map.Entry<String, List<Report.Row>> g : groups.entrySet()) {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            List<Color> colors = new ArrayList<>();
            int voxIndex = 0;
            for (Report.Row r : g.getValue()) {
                String other = r.params().entrySet().stream().filter(e -> !e.getKey().equals("size"))
                        .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("");
                data.addValue(r.ns(), "ns/op", other.isEmpty() ? r.method() : r.method() + " [" + other + "]");
                colors.add(color(r.family(), r.family().equals("voxcore") ? voxIndex++ : 0));
            }
            CategoryAxis methods = new CategoryAxis(g.getKey().replace("Benchmark", ""));
            methods.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            methods.setTickLabelFont(label);
            methods.setCategoryMargin(0.15);
            methods.setMaximumCategoryLabelWidthRatio(0.45f); // whole names, with their parameters
            methods.setLowerMargin(0.02);
            methods.setUpperMargin(0.02);
            CategoryPlot sub = new CategoryPlot(data, methods, null, new FamilyRenderer(colors, lo, label));
            sub.setBackgroundPaint(Color.WHITE);
            sub.setRangeGridlinePaint(new Color(0xdddddd));
            sub.setRangeGridlineStroke(new BasicStroke(1f));
            plot.add(sub, g.getValue().size());
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (String[] l : LEGEND) {
            legend.add(new LegendItem(l[1], color(l[0], 0)));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setTitle(new TextTitle("Time per " + size + "-sample frame (ns/op, log scale; shorter is faster)",
                new Font(Font.SANS_SERIF, Font.BOLD, 15)));
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    /** Bars coloured one by one (by implementation family), labelled with their time. */
    private static final class FamilyRenderer extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private final Color[] colors;

        FamilyRenderer(List<Color> colors, int lowestDecade, Font font) {
            this.colors = colors.toArray(new Color[0]);
            setBase(Math.pow(10, lowestDecade)); // bars grow from the axis' start: a log axis has no 0
            setIncludeBaseInRange(false);
            setBarPainter(new StandardBarPainter());
            setShadowVisible(false);
            setDrawBarOutline(false);
            setMaximumBarWidth(1.0);
            setItemMargin(0);
            setDefaultItemLabelsVisible(true);
            setDefaultItemLabelFont(font);
            setDefaultItemLabelPaint(new Color(0x333333));
            setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2} ns", new TimeFormat()));
            setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                    TextAnchor.CENTER_LEFT));
            setDefaultToolTipGenerator(null);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            return colors[column];
        }
    }

    /** Bar labels: the time as the report's tables print it. */
    private static final class TimeFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(Report.format(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null; // labels only
        }
    }

    /** Tick labels at decades of nanoseconds: 1 ns, 10 ns, ..., 1 µs, ..., 1 s. */
    private static final class DecadeFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(decade((int) Math.round(Math.log10(number))));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null; // labels only
        }
    }

    /**
     * A decade's label.
     *
     * @param d the power of ten, in ns
     * @return e.g. "100 ns", "1 µs"
     */
    static String decade(int d) {
        String[] units = {"ns", "µs", "ms", "s"};
        int unit = Math.max(0, Math.min(3, Math.floorDiv(d, 3)));
        long value = (long) Math.pow(10, d - unit * 3);
        return d < 0 ? String.format(Locale.ROOT, "%.3f ns", Math.pow(10, d)) : value + " " + units[unit];
    }
}
