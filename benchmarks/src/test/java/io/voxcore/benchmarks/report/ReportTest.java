package io.voxcore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    /** A JMH result file in the shape JMH 1.37 writes, with round numbers to check by hand. */
    private static String result(String benchmark, String size, double score, String unit, double bytes) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"io.voxcore.benchmarks." + benchmark + "\",\"mode\":\"avgt\","
                + "\"forks\":1,\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK\",\"vmVersion\":\"17\","
                + "\"warmupIterations\":2,\"warmupTime\":\"1 s\",\"measurementIterations\":3,\"measurementTime\":\"1 s\","
                + "\"params\":{\"size\":\"" + size + "\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":1.0,\"scoreUnit\":\"" + unit + "\","
                + "\"rawData\":[[" + (score * 1.5) + "," + (score * 0.8) + "],[" + score + "]]},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + bytes + ",\"scoreUnit\":\"B/op\"}}}";
    }

    private static final String RUN = "[" + String.join(",",
            result("UlawEncodeBenchmark.baselineLoop", "160", 10, "ns/op", 0),
            result("UlawEncodeBenchmark.voxcoreG711", "160", 50, "ns/op", 0.002),
            result("UlawEncodeBenchmark.voxcoreCodecDirectBuffer", "160", 100, "ns/op", 16),
            result("UlawEncodeBenchmark.fmjMuLawEncoderUtil", "160", 120, "ns/op", 0),
            result("UlawEncodeBenchmark.jdkAudioSystem", "160", 3.0, "us/op", 3600),
            result("UlawEncodeBenchmark.voxcoreG711", "80", 25, "ns/op", 0),
            result("UlawToAlawBenchmark.voxcoreTable", "160", 20, "ns/op", 0),
            result("UlawToAlawBenchmark.voxcoreDecodeEncode", "160", 50, "ns/op", 0)) + "]";

    @Test
    void readsRowsAndConvertsTimesToNanoseconds() {
        List<Report.Row> rows = Report.rows(JsonReader.parse(RUN));
        assertThat(rows).hasSize(8);
        Report.Row jdk = rows.get(4);
        assertThat(jdk.className()).isEqualTo("UlawEncodeBenchmark");
        assertThat(jdk.method()).isEqualTo("jdkAudioSystem");
        assertThat(jdk.family()).isEqualTo("jdk");
        assertThat(jdk.ns()).isEqualTo(3000.0);
        assertThat(jdk.bytesPerOp()).isEqualTo(3600.0);
        assertThat(jdk.nsBest()).as("fastest raw iteration, in ns").isCloseTo(2400.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(jdk.paramText()).isEqualTo("size=160");
        assertThat(Report.peer(rows, rows.get(1), "fmj")).isSameAs(rows.get(3));
        assertThat(Report.peer(rows, rows.get(5), "fmj")).as("no FMJ row at size 80").isNull();
    }

    @Test
    void judgesEachTargetFromTheRatiosOfOneRun() {
        List<String[]> targets = Report.targets(Report.rows(JsonReader.parse(RUN)));
        // voxcoreG711: 120/50 = 2.4x FMJ (pass), 3000/50 = 60x JDK (pass).
        assertThat(targets.get(0)).containsExactly("UlawEncode.voxcoreG711 vs FMJ", ">= 2.00x",
                "2.40x (50.0 vs 120 ns/op)", "PASS");
        assertThat(targets.get(1)[2]).startsWith("60.0x");
        assertThat(targets.get(1)[3]).isEqualTo("PASS");
        // The direct-buffer row: 1.2x FMJ (miss), 30x JDK (miss).
        assertThat(targets.get(2)[2]).startsWith("1.20x");
        assertThat(targets.get(2)[3]).isEqualTo("MISS");
        assertThat(targets.get(3)[2]).startsWith("30.0x");
        assertThat(targets.get(3)[3]).isEqualTo("MISS");
        // Transcoding: 50/20 = 2.5x, under the 3x goal.
        assertThat(targets.get(4)[0]).contains("voxcoreTable");
        assertThat(targets.get(4)[2]).startsWith("2.50x");
        assertThat(targets.get(4)[3]).isEqualTo("MISS");
        // Allocation: the 16 B/op voxcore row is named and the target missed.
        assertThat(targets.get(5)[2]).contains("voxcoreCodecDirectBuffer[size=160] 16.0 B/op");
        assertThat(targets.get(5)[3]).isEqualTo("MISS");
        assertThat(targets).hasSize(6);
    }

    @Test
    void tableShowsSpeedUpsOnlyOnVoxcoreRows() {
        String table = Report.table(Report.rows(JsonReader.parse(RUN)));
        assertThat(table).contains("| UlawEncode.voxcoreG711 | size=160 | 50.0 | 1.00 | 40.0 | 0.002 | 5.00x | 2.40x | 60.0x |");
        assertThat(table).contains("| UlawEncode.fmjMuLawEncoderUtil | size=160 | 120 | 1.00 | 96.0 | 0.000 | 12.0x |  |  |");
    }
}
