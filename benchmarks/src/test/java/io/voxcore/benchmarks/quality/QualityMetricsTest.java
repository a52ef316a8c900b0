package io.voxcore.benchmarks.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The report's figures against values worked out by hand. */
class QualityMetricsTest {

    private static final int S = QualityMetrics.SEGMENT;

    /**
     * Seven 10 ms segments of constant values, each with an SNR that is easy by hand:
     * 1000 vs 900 (20 dB), 1000 vs 0 (0 dB), 1000 vs 1000 (exact: the 35 dB ceiling),
     * 1000 vs -1000 (error 2000: -6.0206 dB), 1000 vs -3000 (error 4000: -12.04 dB, clamped to -10),
     * 50 vs 0 (0 dB, but -56.3 dBov: silent, left out of the mean), 200 vs 100 (6.0206 dB; -44.3 dBov is speech).
     */
    private static final short[][] SEGMENTS = {
        {1000, 900}, {1000, 0}, {1000, 1000}, {1000, -1000}, {1000, -3000}, {50, 0}, {200, 100}};

    private static short[] column(int which, int extra) {
        short[] a = new short[SEGMENTS.length * S + extra];
        for (int s = 0; s < SEGMENTS.length; s++) {
            Arrays.fill(a, s * S, s * S + S, SEGMENTS[s][which]);
        }
        Arrays.fill(a, SEGMENTS.length * S, a.length, (short) 1000); // a partial segment, never counted
        return a;
    }

    @Test
    void segmentSnrIsClampedAndExactSegmentsCountAsTheCeiling() {
        short[] ref = column(0, 0);
        short[] test = column(1, 0);
        double[] expected = {20, 0, 35, -6.0206, -10, 0, 6.0206};
        for (int s = 0; s < expected.length; s++) {
            assertThat(QualityMetrics.segmentSnrDb(ref, test, s * S, S)).as("segment %d", s)
                    .isCloseTo(expected[s], within(1e-4));
        }
    }

    @Test
    void segmentalSnrAveragesTheSpeechSegmentsOnly() {
        short[] ref = column(0, 40);
        short[] test = column(1, 40);
        test[SEGMENTS.length * S] = -32768; // in the partial trailing segment: must not count
        QualityMetrics.SegmentalSnr all = QualityMetrics.segmentalSnr(ref, test, 0, ref.length, s -> true);
        assertThat(all.segments()).isEqualTo(6); // the 50-valued segment is silent
        assertThat(all.db()).isCloseTo((20 + 0 + 35 - 6.0206 - 10 + 6.0206) / 6, within(1e-4)); // 7.5
        QualityMetrics.SegmentalSnr even = QualityMetrics.segmentalSnr(ref, test, 0, ref.length, s -> s / S % 2 == 0);
        assertThat(even.segments()).isEqualTo(4);
        assertThat(even.db()).isCloseTo((20 + 35 - 10 + 6.0206) / 4, within(1e-4)); // 12.755
        QualityMetrics.SegmentalSnr none = QualityMetrics.segmentalSnr(ref, test, 0, ref.length, s -> false);
        assertThat(none.segments()).isZero();
        assertThat(none.db()).isNaN();
    }

    @Test
    void levelsAreRelativeToAFullScaleSquareWave() {
        short[] ref = column(0, 0);
        assertThat(QualityMetrics.levelDbov(ref, 0, S)).isCloseTo(-30.309, within(1e-3)); // 1000^2 / 32768^2
        assertThat(QualityMetrics.levelDbov(ref, 5 * S, S)).isCloseTo(-56.330, within(1e-3)); // 50
        assertThat(QualityMetrics.levelDbov(ref, 6 * S, S)).isCloseTo(-44.289, within(1e-3)); // 200
        assertThat(QualityMetrics.SILENCE_DBOV).isBetween(-56.330, -44.289);
    }

    @Test
    void meanAbsoluteErrorIsPerSample() {
        short[] ref = column(0, 0);
        short[] test = column(1, 0);
        // |errors| per segment: 100, 1000, 0, 2000, 4000, 50, 100; 80 samples each
        assertThat(QualityMetrics.meanAbsoluteError(ref, test, 0, ref.length))
                .isCloseTo(7250.0 / 7, within(1e-9));
        assertThat(QualityMetrics.meanAbsoluteError(ref, test, S / 2, S + S / 2)).isCloseTo(550, within(1e-9));
        assertThat(QualityMetrics.meanAbsoluteError(ref, ref, 0, ref.length)).isZero();
    }

    @Test
    void badRangesAreRefused() {
        short[] a = new short[160];
        assertThatThrownBy(() -> QualityMetrics.meanAbsoluteError(a, a, 10, 10)).hasMessageContaining("10..10");
        assertThatThrownBy(() -> QualityMetrics.segmentSnrDb(a, new short[100], 80, 80))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
