package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wraparound laws of {@link RtpMath}, checked over generated sequence numbers and timestamps. */
class RtpMathPropertyTest {

    @Test
    void sequenceDeltaIsAntisymmetricExceptHalfWayRound() {
        Gen.forAll(1, g -> {
            int a = g.intIn(0, 0xFFFF);
            int b = g.bool() ? g.intIn(0, 0xFFFF) : (a + 0x8000) & 0xFFFF;
            int forward = RtpMath.sequenceDelta(a, b);
            int backward = RtpMath.sequenceDelta(b, a);
            assertThat(forward).isBetween(-32768, 32767);
            if (forward == -32768) {
                // 2^15 apart: both ways round are equally long, and both read as -32768.
                assertThat(backward).isEqualTo(-32768);
            } else {
                assertThat(backward).isEqualTo(-forward);
            }
        });
    }

    @Test
    void addingTheSequenceDeltaReachesTheTarget() {
        Gen.forAll(2, g -> {
            int a = g.intIn(0, 0xFFFF);
            int b = g.intIn(0, 0xFFFF);
            assertThat(RtpMath.addSequence(a, RtpMath.sequenceDelta(a, b))).isEqualTo(b);
        });
    }

    @Test
    void sequenceDeltaUndoesAnAddWithinHalfTheCircle() {
        Gen.forAll(3, g -> {
            int a = g.intIn(0, 0xFFFF);
            int d = g.intIn(-32768, 32767);
            int sum = RtpMath.addSequence(a, d);
            assertThat(sum).isBetween(0, 0xFFFF);
            assertThat(RtpMath.sequenceDelta(a, sum)).isEqualTo(d);
            assertThat(RtpMath.isNewerSequence(sum, a)).isEqualTo(d > 0);
        });
    }

    @Test
    void timestampDeltaIsAntisymmetricExceptHalfWayRound() {
        Gen.forAll(4, g -> {
            long a = g.longIn(0, 0xFFFF_FFFFL);
            long b = g.bool() ? g.longIn(0, 0xFFFF_FFFFL) : (a + 0x8000_0000L) & 0xFFFF_FFFFL;
            long forward = RtpMath.timestampDelta(a, b);
            long backward = RtpMath.timestampDelta(b, a);
            assertThat(forward).isBetween((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
            if (forward == Integer.MIN_VALUE) {
                assertThat(backward).isEqualTo(Integer.MIN_VALUE);
            } else {
                assertThat(backward).isEqualTo(-forward);
            }
        });
    }

    @Test
    void addingTheTimestampDeltaReachesTheTarget() {
        Gen.forAll(5, g -> {
            long a = g.longIn(0, 0xFFFF_FFFFL);
            long b = g.longIn(0, 0xFFFF_FFFFL);
            assertThat(RtpMath.addTimestamp(a, RtpMath.timestampDelta(a, b))).isEqualTo(b);
        });
    }

    @Test
    void timestampDeltaUndoesAnAddWithinHalfTheCircle() {
        Gen.forAll(6, g -> {
            long a = g.longIn(0, 0xFFFF_FFFFL);
            long d = g.longIn(Integer.MIN_VALUE, Integer.MAX_VALUE);
            long sum = RtpMath.addTimestamp(a, d);
            assertThat(sum).isBetween(0L, 0xFFFF_FFFFL);
            assertThat(RtpMath.timestampDelta(a, sum)).isEqualTo(d);
        });
    }
}
