/**
 * JMH benchmarks of voxcore against its peers, run in the same JVM run so that ratios can be taken.
 *
 * <p>One class per operation ({@code UlawEncodeBenchmark}, ...); in each, one method per
 * implementation, named by who it measures: {@code baseline*} (a plain loop or copy over the same
 * bytes, the floor), {@code voxcore*}, {@code fmj*} (FMJ, as used by libjitsi/Jitsi) and
 * {@code jdk*} (the JDK's {@code javax.sound.sampled}). The report tool
 * ({@link io.voxcore.benchmarks.report.Report}) relies on these prefixes to take ratios, so a new
 * benchmark class that follows them is picked up with no other change. Every benchmark returns
 * its result so that the JIT cannot drop the work, and sweeps the frame size with {@code @Param}.
 *
 * <p>Each class carries the quick profile that {@code benchmarks/run-report.sh} relies on to stay
 * within its time budget: one fork, two warm-up iterations of 1 s, three measured of 1 s
 * ({@code @Fork}, {@code @Warmup}, {@code @Measurement}); a new class copies them. The JDK paths
 * get five warm-up iterations, since they take longer to reach their steady state. Options given
 * on the command line override these annotations.
 *
 * <p>Buffer ownership: every array and buffer belongs to the {@code @State} object
 * ({@link io.voxcore.benchmarks.G711Frames}) that made it in its setup; a benchmark method writes
 * only its own output arrays and buffers, and no method allocates except where the implementation
 * under test does (the JDK path).
 */
package io.voxcore.benchmarks;
