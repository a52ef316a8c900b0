package io.voxcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once through JMH's {@link Runner}, in this JVM, with minimal settings, so
 * that a benchmark that throws, is not registered or produces no score fails the build. It checks
 * that the harness works, not how fast anything is.
 */
class AllBenchmarksRunTest {

    @Test
    void everyDeclaredBenchmarkRunsAndProducesAScore() throws RunnerException, IOException, URISyntaxException {
        TreeSet<String> declared = declaredBenchmarks();
        assertThat(declared).as("benchmark methods found in the compiled classes").hasSizeGreaterThanOrEqualTo(30);

        Options options = new OptionsBuilder()
                .include("^io\\.voxcore\\.benchmarks\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .param("size", "160")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        TreeSet<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark());
            if (r.getParams().getParam("size") != null) { // the frame-size sweep; Opus and the resampler have their own
                assertThat(r.getParams().getParam("size")).isEqualTo("160");
            }
            assertThat(r.getPrimaryResult().getScore())
                    .as("score of %s", r.getParams().getBenchmark())
                    .isPositive()
                    .isFinite();
        }
        assertThat(ran).containsExactlyElementsOf(declared);
    }

    /** Every {@code @Benchmark} method in this package's compiled classes, found by reflection. */
    private static TreeSet<String> declaredBenchmarks() throws IOException, URISyntaxException {
        Path root = Path.of(G711Frames.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve("io/voxcore/benchmarks");
        List<String> classNames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .forEach(n -> classNames.add("io.voxcore.benchmarks." + n.substring(0, n.length() - 6)));
        }
        TreeSet<String> names = new TreeSet<>();
        for (String cn : classNames) {
            Class<?> c;
            try {
                c = Class.forName(cn);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("listed but not loadable: " + cn, e);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    names.add(c.getName() + "." + m.getName());
                }
            }
        }
        return names;
    }
}
