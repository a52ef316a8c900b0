package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The RFC 3550 section 6.3.1 / A.7 transmission interval. */
class RtcpIntervalTest {

    private static final double E_MINUS_3_2 = 2.718281828459045 - 1.5;

    @Test
    void smallSessionsUseTheFiveSecondMinimumAndHalfOfItInitially() {
        // 2 members, 1 sender (more than a quarter: no split), 400 B/s, 100 B packets: 0.5 s -> 5 s
        assertThat(RtcpInterval.deterministicSeconds(2, 1, 400, true, 100, false)).isEqualTo(5.0);
        assertThat(RtcpInterval.deterministicSeconds(2, 1, 400, true, 100, true)).isEqualTo(2.5);
    }

    @Test
    void largeSessionsSplitTheBandwidthBetweenSendersAndReceivers() {
        // 1000 members, 10 senders (<= 250): receivers share 75%: 100 * 990 / 300 = 330 s
        assertThat(RtcpInterval.deterministicSeconds(1000, 10, 400, false, 100, false)).isCloseTo(330.0, within(1e-9));
        // a sender shares 25% with 9 other senders: 100 * 10 / 100 = 10 s
        assertThat(RtcpInterval.deterministicSeconds(1000, 10, 400, true, 100, false)).isCloseTo(10.0, within(1e-9));
        // 1000 members, 500 senders (> 250): everyone shares the whole: 100 * 1000 / 400 = 250 s
        assertThat(RtcpInterval.deterministicSeconds(1000, 500, 400, false, 100, false)).isCloseTo(250.0, within(1e-9));
    }

    @Test
    void randomizedIntervalsStayWithinHalfToOneAndAHalfTimesTdOverTheCompensation() {
        SplittableRandom random = new SplittableRandom(42);
        double[][] cases = {{2, 1, 400, 1, 100, 0}, {2, 0, 400, 0, 100, 1}, {1000, 10, 400, 0, 120, 0},
            {50, 50, 8000, 1, 200, 0}, {1, 0, 1, 0, 1000, 1}};
        for (double[] c : cases) {
            double td = RtcpInterval.deterministicSeconds((int) c[0], (int) c[1], c[2], c[3] != 0, c[4], c[5] != 0);
            double low = 0.5 * td / E_MINUS_3_2;
            double high = 1.5 * td / E_MINUS_3_2;
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int i = 0; i < 10_000; i++) {
                double t = RtcpInterval.randomizedSeconds((int) c[0], (int) c[1], c[2], c[3] != 0, c[4], c[5] != 0,
                        random);
                assertThat(t).isBetween(low, high);
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
            // the draws cover the whole range, not a constant or a narrow band
            assertThat(min).isLessThan(low * 1.01);
            assertThat(max).isGreaterThan(high * 0.99);
        }
    }

    @Test
    void nanosAgreeWithSeconds() {
        long nanos = RtcpInterval.randomizedNanos(2, 1, 400, true, 100, false, new SplittableRandom(7));
        double seconds = RtcpInterval.randomizedSeconds(2, 1, 400, true, 100, false, new SplittableRandom(7));
        assertThat(nanos).isCloseTo((long) (seconds * 1e9), within(1L));
    }

    @Test
    void averageSizeMovesOneSixteenthOfTheWay() {
        assertThat(RtcpInterval.updateAverageSize(100, 260)).isEqualTo(110.0);
    }

    @Test
    void rejectsImpossibleInputsWithTheirValues() {
        assertThatThrownBy(() -> RtcpInterval.deterministicSeconds(0, 0, 400, false, 100, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members=0");
        assertThatThrownBy(() -> RtcpInterval.deterministicSeconds(2, 3, 400, false, 100, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("senders=3");
        assertThatThrownBy(() -> RtcpInterval.deterministicSeconds(2, 1, 0, false, 100, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtcpBandwidth");
        assertThatThrownBy(() -> RtcpInterval.deterministicSeconds(2, 1, 400, false, Double.NaN, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
