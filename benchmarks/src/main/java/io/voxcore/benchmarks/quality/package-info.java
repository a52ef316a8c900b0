/**
 * The playout quality report: the ITU speech file {@code f2.le} sent as PCMU through the
 * network-impairment harness to real sessions, measured against the clean decoded signal
 * (segmental SNR, mean absolute error) with concealment, silence and frame repetition, and the
 * jitter buffer's added delay and late-loss rate under jitter. Run by
 * {@code benchmarks/playout-report.sh}, which writes the "Measured quality" section of
 * {@code docs/playout.md}.
 *
 * <p>Buffer ownership: the tool owns every array it builds; a session's audio is copied out of
 * the callback's buffer during the call.
 */
package io.voxcore.benchmarks.quality;
