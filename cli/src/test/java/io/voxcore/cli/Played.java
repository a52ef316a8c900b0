package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * Checks a WAV file {@code voxcore receive} wrote against a reference signal. The command writes
 * the silence of every playout gap into the file to keep its timing; on a loaded machine the
 * jitter buffer may run dry without any packet being lost (a gap of time, {@code "gapPackets":0}),
 * so such silence is allowed between reference samples, never instead of them: every reference
 * sample from the first one received to the last must come, in order and equal.
 */
final class Played {

    private Played() {
    }

    /**
     * Asserts that {@code got} is {@code reference} from some offset to its end, with only zero
     * runs (gap silence) inserted.
     *
     * @param what for messages
     * @param reference the expected samples
     * @param got the samples in the file
     * @param statistics the JSON the command printed, quoted when the check fails
     * @return how many reference samples were missed at the start
     */
    static int assertInOrder(String what, short[] reference, short[] got, String statistics) {
        int first = 0;
        while (first < got.length && got[first] == 0) {
            first++;
        }
        int probe = Math.min(160, got.length - first);
        assertThat(probe).as("%s: samples received; statistics %s", what, statistics).isPositive();
        int offset = Ffmpeg.indexOf(reference, Arrays.copyOfRange(got, first, first + probe));
        assertThat(offset).as("%s: the first %d samples received (%s...) found in the reference; statistics %s",
                what, probe, Arrays.toString(Arrays.copyOfRange(got, first, first + 8)), statistics).isNotNegative();
        int r = offset;
        int inserted = 0;
        for (int i = first; r < reference.length; i++) {
            if (i >= got.length) {
                throw new AssertionError(what + ": the file ends at reference sample " + r + " of "
                        + reference.length + "; statistics " + statistics);
            }
            if (got[i] == reference[r]) {
                r++;
            } else if (got[i] == 0) {
                inserted++;
            } else {
                throw new AssertionError(what + ": file sample " + i + " is " + got[i] + " where reference sample " + r
                        + " is " + reference[r] + " (" + inserted + " gap samples before); statistics " + statistics);
            }
        }
        if (inserted > 0) {
            assertThat(statistics).as("%s: %d samples of gap silence, so the playout reported a gap", what, inserted)
                    .doesNotContain("\"gaps\":0,");
        }
        return offset;
    }
}
