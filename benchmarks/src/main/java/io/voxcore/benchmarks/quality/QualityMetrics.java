package io.voxcore.benchmarks.quality;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Objective distortion figures of a degraded signal against its reference, both 16-bit PCM on the
 * same sample grid.
 *
 * <p><b>Segmental SNR</b>: the signal is cut into segments of {@link #SEGMENT} samples (10 ms at
 * 8 kHz) from the start of the range; each segment's SNR is
 * {@code 10 log10(sum ref^2 / sum (ref - test)^2)}, clamped to [{@link #FLOOR_DB},
 * {@link #CEILING_DB}] dB (an exact segment counts as the ceiling), and the figure is the mean
 * over the segments that are not silent. A segment is silent when the reference's mean square is
 * below {@link #SILENCE_DBOV} dBov, 0 dBov being a mean square of 32768^2 (the RFC 3389
 * convention, as in docs/playout.md). A trailing part shorter than a segment is left out.
 *
 * <p><b>Mean absolute error</b>: {@code sum |ref - test| / n} over every sample of the range, in
 * 16-bit sample units.
 */
final class QualityMetrics {

    /** Segment length in samples: 10 ms at 8000 Hz. */
    static final int SEGMENT = 80;
    /** Lowest segment SNR counted, dB. */
    static final double FLOOR_DB = -10;
    /** Highest segment SNR counted, dB (also the value of an exact segment). */
    static final double CEILING_DB = 35;
    /** Reference segments quieter than this (mean square, dBov) are silent and left out. */
    static final double SILENCE_DBOV = -50;

    private static final double FULL_SCALE_SQUARE = 32768.0 * 32768.0;

    /** A segmental SNR and how many segments it averages. @param db the mean, NaN without segments @param segments the count */
    record SegmentalSnr(double db, int segments) {
    }

    private QualityMetrics() {
    }

    /**
     * The clamped SNR of one segment.
     *
     * @param ref reference samples
     * @param test degraded samples, same positions
     * @param offset index of the segment's first sample
     * @param length its length
     * @return dB in [{@link #FLOOR_DB}, {@link #CEILING_DB}]
     */
    static double segmentSnrDb(short[] ref, short[] test, int offset, int length) {
        checkRange(ref, test, offset, length);
        double signal = 0;
        double noise = 0;
        for (int i = offset; i < offset + length; i++) {
            double r = ref[i];
            double e = r - test[i];
            signal += r * r;
            noise += e * e;
        }
        if (noise == 0) {
            return CEILING_DB;
        }
        if (signal == 0) {
            return FLOOR_DB;
        }
        return Math.max(FLOOR_DB, Math.min(CEILING_DB, 10 * Math.log10(signal / noise)));
    }

    /**
     * The reference's level over a range.
     *
     * @param ref the samples
     * @param offset index of the first
     * @param length how many, above 0
     * @return mean square in dBov (negative infinity for digital silence)
     */
    static double levelDbov(short[] ref, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, ref.length);
        if (length <= 0) {
            throw new IllegalArgumentException("level of an empty range, length " + length);
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) ref[i] * ref[i];
        }
        return 10 * Math.log10(sum / length / FULL_SCALE_SQUARE);
    }

    /**
     * Segmental SNR over {@code [from, to)}, over the speech segments {@code include} accepts.
     *
     * @param ref reference
     * @param test degraded signal
     * @param from first sample of the first segment
     * @param to end of the range (exclusive)
     * @param include given a segment's first sample index, whether to count it (if not silent)
     * @return the mean and the number of segments averaged
     */
    static SegmentalSnr segmentalSnr(short[] ref, short[] test, int from, int to, IntPredicate include) {
        checkRange(ref, test, from, to - from);
        double sum = 0;
        int count = 0;
        for (int s = from; s + SEGMENT <= to; s += SEGMENT) {
            if (!include.test(s) || levelDbov(ref, s, SEGMENT) < SILENCE_DBOV) {
                continue;
            }
            sum += segmentSnrDb(ref, test, s, SEGMENT);
            count++;
        }
        return new SegmentalSnr(count == 0 ? Double.NaN : sum / count, count);
    }

    /**
     * Mean absolute error over {@code [from, to)}.
     *
     * @param ref reference
     * @param test degraded signal
     * @param from first sample
     * @param to end (exclusive), above {@code from}
     * @return mean of {@code |ref - test|}
     */
    static double meanAbsoluteError(short[] ref, short[] test, int from, int to) {
        checkRange(ref, test, from, to - from);
        if (to <= from) {
            throw new IllegalArgumentException("mean absolute error of an empty range " + from + ".." + to);
        }
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(ref[i] - test[i]);
        }
        return sum / (double) (to - from);
    }

    private static void checkRange(short[] ref, short[] test, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, ref.length);
        Objects.checkFromIndexSize(offset, length, test.length);
    }
}
