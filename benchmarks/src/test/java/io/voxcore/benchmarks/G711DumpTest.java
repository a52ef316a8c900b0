package io.voxcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dump that the C reference ({@code benchmarks/native/g711ref.c}) reads has the layout it
 * expects: 65,536 mu-law codes, 65,536 A-law codes, both indexed by the sample's 16 bits, then
 * the signal. Checked with published G.711 codes (silence is 0xFF in mu-law and 0xD5 in A-law;
 * the most negative sample is 0x00 and 0x2A) and against {@link SpeechSignal} itself.
 */
class G711DumpTest {

    @Test
    void writesBothTablesInSampleOrderThenTheSignal(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g711-dump.bin");
        G711Dump.main(new String[] {file.toString()});
        byte[] dump = Files.readAllBytes(file);

        assertThat(dump).hasSize(2 * 65536 + 2 * G711Dump.SAMPLES);
        assertThat(dump[0]).as("mu-law of 0").isEqualTo((byte) 0xFF);
        assertThat(dump[0x8000]).as("mu-law of -32768").isEqualTo((byte) 0x00);
        assertThat(dump[65536]).as("A-law of 0").isEqualTo((byte) 0xD5);
        assertThat(dump[65536 + 0x8000]).as("A-law of -32768").isEqualTo((byte) 0x2A);
        short[] signal = SpeechSignal.samples(G711Dump.SAMPLES);
        for (int i = 0; i < signal.length; i++) {
            int at = 2 * 65536 + 2 * i;
            short read = (short) ((dump[at] & 0xFF) | dump[at + 1] << 8);
            assertThat(read).as("sample %d", i).isEqualTo(signal[i]);
        }
    }
}
