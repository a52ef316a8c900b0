/**
 * The report tool: reads the JSON result file of a JMH run of {@code io.voxcore.benchmarks},
 * prints a table of time and allocation per operation with the ratios to each peer, checks the
 * published targets, and writes {@code docs/performance.md} and {@code docs/performance.png}.
 * Run by {@code benchmarks/run-report.sh}.
 *
 * <p>Buffer ownership: the tool reads its input file whole and owns every object it builds; it
 * shares nothing with the benchmarks.
 */
package io.voxcore.benchmarks.report;
