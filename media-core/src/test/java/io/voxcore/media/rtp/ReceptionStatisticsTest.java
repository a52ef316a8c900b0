package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {

    @Test
    void countsLossDuplicatesAndReorderingAcrossTheSequenceWrap() {
        ReceptionStatistics stats = new ReceptionStatistics();
        int start = 65530;
        for (int i = 0; i < 20; i++) {
            if (i == 10) {
                continue; // lost
            }
            int seq = (start + i) & 0xFFFF;
            stats.onPacket(seq, 160L * i, 160L * i);
        }
        assertThat(stats.onPacket((start + 5) & 0xFFFF, 0, 0)).isEqualTo(ReceptionStatistics.Verdict.DUPLICATE);
        assertThat(stats.onPacket((start + 10) & 0xFFFF, 1600, 3300)).isEqualTo(ReceptionStatistics.Verdict.REORDERED);
        assertThat(stats.expected()).isEqualTo(20);
        assertThat(stats.received()).isEqualTo(20);
        assertThat(stats.cumulativeLost()).isZero();
        assertThat(stats.duplicates()).isEqualTo(1);
        assertThat(stats.reordered()).isEqualTo(1);
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536L + ((start + 19) & 0xFFFF));
    }

    @Test
    void fractionLostIsTheEightBitFixedPointOfTheInterval() {
        ReceptionStatistics stats = new ReceptionStatistics();
        for (int i = 0; i < 100; i++) {
            if (i % 4 != 3) {
                stats.onPacket(i, 160L * i, 160L * i);
            }
        }
        // Sent: 0..98 except every index with i % 4 == 3; 99 itself is dropped, so the highest
        // sequence is 98: expected 99 (0..98), lost 24 (3, 7, ..., 95).
        assertThat(stats.expected()).isEqualTo(99);
        assertThat(stats.cumulativeLost()).isEqualTo(24);
        assertThat(stats.takeFractionLost()).isEqualTo((24 << 8) / 99);
        assertThat(stats.takeFractionLost()).isZero();
    }

    @Test
    void jitterFollowsRfc3550A8() {
        ReceptionStatistics stats = new ReceptionStatistics();
        // Transit alternates 0 and 32: |D| = 32 each step after the first; J += (32 - J)/16.
        double expected = 0;
        for (int i = 0; i < 50; i++) {
            stats.onPacket(i, 160L * i, 160L * i + (i % 2 == 0 ? 0 : 32));
            if (i >= 2) {
                expected += (32 - expected) / 16;
            }
        }
        assertThat(stats.jitter()).isEqualTo((long) expected);
        assertThat(stats.jitter()).isGreaterThan(20);
    }
}
