package io.voxcore.benchmarks.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's pieces that need no network: where the section goes, and frame repetition. */
class PlayoutReportTest {

    private static final String SECTION = "## Measured quality\n\nnew figures\n\n";

    @Test
    void theSectionReplacesItsOldSelfUpToTheNextHeadingAndKeepsTheRest() {
        String doc = "# Playout\n\nintro\n\n## Measured quality\n\nold figures\n\n### sub\n\nold\n\n## Next\n\nkept\n";
        assertThat(PlayoutReport.replaceSection(doc, SECTION))
                .isEqualTo("# Playout\n\nintro\n\n## Measured quality\n\nnew figures\n\n## Next\n\nkept\n");
        String last = "# Playout\n\nintro\n\n## Measured quality\n\nold figures\n";
        assertThat(PlayoutReport.replaceSection(last, SECTION)).isEqualTo("# Playout\n\nintro\n\n" + SECTION);
    }

    @Test
    void aDocumentWithoutTheSectionGetsItAppended() {
        assertThat(PlayoutReport.replaceSection("# Playout\n\n## Measured qualityX\n", SECTION))
                .isEqualTo("# Playout\n\n## Measured qualityX\n\n" + SECTION);
    }

    @Test
    void repetitionCopiesThePacketPlayedBeforeThroughABurst() {
        int p = SessionRun.PACKET;
        short[] decoded = new short[5 * p];
        for (int k = 0; k < 5; k++) {
            java.util.Arrays.fill(decoded, k * p, k * p + p, (short) (100 * (k + 1)));
        }
        boolean[] lost = {false, true, true, false, false};
        short[] out = LossQuality.repeat(decoded, lost, 0, 4);
        assertThat(out[p]).isEqualTo((short) 100);
        assertThat(out[3 * p - 1]).isEqualTo((short) 100); // the burst's second packet repeats the same one
        assertThat(out[3 * p]).isEqualTo((short) 400);
        assertThat(decoded[p]).as("input untouched").isEqualTo((short) 200);
    }
}
