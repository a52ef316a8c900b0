package io.voxcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The G.722 benchmark measures the same work as its C reference: on {@link G722Signal}, voxcore's
 * codewords and decoded samples have the checksums that spandsp's G.722 prints for the same frame
 * loop ({@code benchmarks/g722-native.sh}, spandsp 0.0.6, run on 2026-11-28), so the Java signal
 * equals the C one and the two codecs agree sample for sample; and each benchmark method writes a
 * whole frame of what it claims.
 */
class G722BenchmarkWorkTest {

    /** FNV-1a of spandsp's codewords over one pass of the signal, as g722ref prints it. */
    private static final int SPANDSP_CODEWORDS = 0xe73e17b4;
    /** FNV-1a of spandsp's decoded samples (each low byte, then high byte), as g722ref prints it. */
    private static final int SPANDSP_SAMPLES = 0x5613fcec;

    @Test
    void voxcoreGivesSpandspsCodewordsAndSamplesOnTheBenchmarkSignal() {
        short[] signal = G722Signal.samples(G722Signal.LENGTH);
        AudioCodec codec = CodecFactory.createByPayloadType(9);
        int codeSum = 0x811C9DC5;
        int pcmSum = 0x811C9DC5;
        byte[] codes = new byte[160];
        short[] out = new short[320];
        for (int at = 0; at + 320 <= signal.length; at += 320) {
            assertThat(codec.encode(signal, at, 320, codes, 0)).isEqualTo(160);
            assertThat(codec.decode(codes, 0, 160, out, 0)).isEqualTo(320);
            for (byte c : codes) {
                codeSum = (codeSum ^ (c & 0xFF)) * 16777619;
            }
            for (short s : out) {
                pcmSum = (pcmSum ^ (s & 0xFF)) * 16777619;
                pcmSum = (pcmSum ^ ((s >> 8) & 0xFF)) * 16777619;
            }
        }
        assertThat(Integer.toHexString(codeSum)).isEqualTo(Integer.toHexString(SPANDSP_CODEWORDS));
        assertThat(Integer.toHexString(pcmSum)).isEqualTo(Integer.toHexString(SPANDSP_SAMPLES));
    }

    @Test
    void theSignalIsSpeechLikeNotSilence() {
        short[] signal = G722Signal.samples(G722Signal.LENGTH);
        int peak = 0;
        int silent = 0;
        for (short s : signal) {
            peak = Math.max(peak, Math.abs(s));
            silent += Math.abs(s) <= 512 ? 1 : 0;
        }
        assertThat(peak).isBetween(8_000, 16_000);
        assertThat(silent).as("the pauses, noise only").isBetween(1_500, 8_000);
    }

    @Test
    void eachBenchmarkWritesAWholeFrame() {
        G722Benchmark.Frames f = new G722Benchmark.Frames();
        f.size = 160;
        f.setUp();
        G722Benchmark b = new G722Benchmark();
        AudioCodec fresh = CodecFactory.createByPayloadType(9);

        byte[] expectedCodes = fresh.encode(Arrays.copyOf(f.signal, 320));
        assertThat(b.voxcoreEncode(f)).isEqualTo(expectedCodes);

        f.setUp();
        short[] decoded = b.voxcoreEncodeDecode(f);
        assertThat(decoded).isEqualTo(CodecFactory.createByPayloadType(9).decode(expectedCodes));

        f.setUp();
        assertThat(b.voxcoreDecode(f)).isEqualTo(CodecFactory.createByPayloadType(9).decode(expectedCodes));
        assertThat(f.at).as("moved to the next frame").isEqualTo(320);
    }
}
