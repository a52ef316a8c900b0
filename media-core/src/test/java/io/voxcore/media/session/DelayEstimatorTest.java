package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DelayEstimatorTest {

    /** 8 kHz units: min 40 ms, max 200 ms, window 2 s. */
    private final DelayEstimator estimator = new DelayEstimator(320, 1600, 16000);

    @Test
    void theBaseIsTheSmallestTransitAndTheDelayTheLargestExcessClamped() {
        assertThat(estimator.started()).isFalse();
        assertThat(estimator.delay()).isEqualTo(320);
        estimator.observe(1000, 0, false);
        estimator.observe(1500, 160, false);
        assertThat(estimator.base()).isEqualTo(1000);
        assertThat(estimator.delay()).isEqualTo(500);
        assertThat(estimator.target()).isEqualTo(1500);
        estimator.observe(900, 320, false); // a new minimum: later excess is measured from it
        estimator.observe(1300, 480, false);
        assertThat(estimator.base()).isEqualTo(900);
        assertThat(estimator.delay()).isEqualTo(500);
        estimator.observe(900 + 5000, 640, false);
        assertThat(estimator.delay()).isEqualTo(1600);
        estimator.observe(950, 800, false);
        assertThat(estimator.delay()).as("the maximum holds within the window").isEqualTo(1600);
    }

    @Test
    void aSpikeAgesOutAfterOneToTwoWindowsAndTheBaseFollowsDrift() {
        estimator.observe(1000, 0, false);
        estimator.observe(2000, 100, false); // excess 1000
        long arrival = 100;
        for (int i = 0; i < 300; i++) { // 6 s of packets whose transit creeps up by 1 a packet
            arrival += 160;
            estimator.observe(1000 + i, arrival, false);
            if (arrival < 16000) {
                assertThat(estimator.delay()).as("delay at %d", arrival).isEqualTo(1000);
            }
            if (arrival >= 32000 + 160) {
                assertThat(estimator.delay()).as("delay at %d", arrival).isEqualTo(320);
            }
        }
        // Windows start at arrivals 0, 16100, 32100 and 48100 (the last packet, transit 1299):
        // the base is the smallest transit of the window before, 1000 + 199.
        assertThat(estimator.base()).as("base after three windows").isEqualTo(1199);
    }

    @Test
    void resetForgetsEveryObservation() {
        estimator.observe(1000, 0, false);
        estimator.observe(2000, 160, false);
        estimator.reset();
        assertThat(estimator.started()).isFalse();
        assertThat(estimator.delay()).isEqualTo(320);
        estimator.observe(-70_000, 320, false);
        assertThat(estimator.base()).isEqualTo(-70_000);
        assertThat(estimator.delay()).isEqualTo(320);
    }

    @Test
    void inconsistentBoundsAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> new DelayEstimator(400, 300, 16000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minDelay=400").hasMessageContaining("maxDelay=300");
        assertThatThrownBy(() -> new DelayEstimator(-1, 300, 16000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minDelay=-1");
        assertThatThrownBy(() -> new DelayEstimator(0, 300, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window=0");
    }

    @Test
    void aTalkspurtStartLaterThanTheMaximumDelayRestartsTheEstimate() {
        estimator.observe(1000, 0, false);
        estimator.observe(1500, 160, true); // excess 500: within the maximum, kept
        assertThat(estimator.base()).isEqualTo(1000);
        estimator.observe(1000 + 1601, 320, false); // mid-talkspurt: clamped, kept
        assertThat(estimator.base()).isEqualTo(1000);
        assertThat(estimator.delay()).isEqualTo(1600);
        estimator.observe(1000 + 1601, 480, true);
        assertThat(estimator.base()).isEqualTo(2601);
        assertThat(estimator.delay()).isEqualTo(320);
    }
}
