package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.testkit.ItuVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * G.722 against the ITU-T G.191 reference vectors in {@code ../shared/testvectors/itu-t-g191/g722}:
 * encoding {@code inpsp.bin} gives the codewords of {@code codspw.cod}, and decoding those gives
 * {@code outsp1.bin}, {@code outsp2.bin} and {@code outsp3.bin} in the 64, 56 and 48 kbit/s modes,
 * all exactly, whether the file goes through in one call or in 20 ms frames (state carrying across
 * calls). Skipped, with the missing path named, when the vectors are absent.
 */
class G722ReferenceVectorTest {

    /** 20 ms at 16 kHz. */
    private static final int FRAME_SAMPLES = 320;
    /** 20 ms of codewords: one per two samples. */
    private static final int FRAME_BYTES = FRAME_SAMPLES / 2;

    static AudioCodec codec(int bitrate) {
        return CodecFactory.create(CodecConfig.of(CodecType.G722).withBitrate(bitrate));
    }

    static void assertSameCodewords(byte[] expected, byte[] actual, String what) {
        int at = ItuVectors.firstDifference(expected, actual);
        assertThat(at).as("%s: first differing codeword %d (input samples %d-%d): expected %s, got %s", what, at,
                2 * at, 2 * at + 1, at >= 0 && at < expected.length ? expected[at] & 0xFF : "none",
                at >= 0 && at < actual.length ? actual[at] & 0xFF : "none").isEqualTo(-1);
    }

    static void assertSameSamples(short[] expected, short[] actual, String what) {
        int at = ItuVectors.firstDifference(expected, actual);
        assertThat(at).as("%s: first differing sample %d (codeword %d): expected %s, got %s", what, at, at / 2,
                at >= 0 && at < expected.length ? expected[at] : "none",
                at >= 0 && at < actual.length ? actual[at] : "none").isEqualTo(-1);
    }

    @Test
    void encodingTheWholeFileGivesTheItuCodewords() {
        short[] input = ItuVectors.readWords(ItuVectors.g722("inpsp.bin"));
        byte[] expected = ItuVectors.g722Codewords();
        assertThat(input).hasSize(2 * expected.length);
        assertSameCodewords(expected, codec(64_000).encode(input), "inpsp.bin encoded in one call");
    }

    /** The encoder ignores the mode, as the ITU reference encoder has none: 64 kbit/s codewords always. */
    @ParameterizedTest(name = "{0} bit/s")
    @CsvSource({"64000", "56000", "48000"})
    void encodingInTwentyMillisecondFramesGivesTheItuCodewords(int bitrate) {
        short[] input = ItuVectors.readWords(ItuVectors.g722("inpsp.bin"));
        byte[] expected = ItuVectors.g722Codewords();
        AudioCodec codec = codec(bitrate);
        byte[] actual = new byte[input.length / 2];
        for (int i = 0; i < input.length; i += FRAME_SAMPLES) {
            int n = Math.min(FRAME_SAMPLES, input.length - i);
            assertThat(codec.encode(input, i, n, actual, i / 2)).isEqualTo(n / 2);
        }
        assertSameCodewords(expected, actual, "inpsp.bin encoded in 20 ms frames at " + bitrate + " bit/s");
    }

    @ParameterizedTest(name = "mode {0}: {1} bit/s gives {2}")
    @CsvSource({"1, 64000, outsp1.bin", "2, 56000, outsp2.bin", "3, 48000, outsp3.bin"})
    void decodingTheWholeFileGivesTheItuOutput(int mode, int bitrate, String file) {
        byte[] codes = ItuVectors.g722Codewords();
        short[] expected = ItuVectors.readWords(ItuVectors.g722(file));
        assertSameSamples(expected, codec(bitrate).decode(codes), "codspw.cod decoded in one call, mode " + mode);
    }

    @ParameterizedTest(name = "mode {0}: {1} bit/s gives {2}")
    @CsvSource({"1, 64000, outsp1.bin", "2, 56000, outsp2.bin", "3, 48000, outsp3.bin"})
    void decodingInTwentyMillisecondFramesGivesTheItuOutput(int mode, int bitrate, String file) {
        byte[] codes = ItuVectors.g722Codewords();
        short[] expected = ItuVectors.readWords(ItuVectors.g722(file));
        AudioCodec codec = codec(bitrate);
        short[] actual = new short[2 * codes.length];
        for (int i = 0; i < codes.length; i += FRAME_BYTES) {
            int n = Math.min(FRAME_BYTES, codes.length - i);
            assertThat(codec.decode(codes, i, n, actual, 2 * i)).isEqualTo(2 * n);
        }
        assertSameSamples(expected, actual, "codspw.cod decoded in 20 ms frames, mode " + mode);
    }

    /** The three modes really differ on this file, so the mode tests above test three things. */
    @Test
    void theThreeReferenceOutputsDiffer() {
        short[] one = ItuVectors.readWords(ItuVectors.g722("outsp1.bin"));
        short[] two = ItuVectors.readWords(ItuVectors.g722("outsp2.bin"));
        short[] three = ItuVectors.readWords(ItuVectors.g722("outsp3.bin"));
        assertThat(ItuVectors.firstDifference(one, two)).isNotNegative();
        assertThat(ItuVectors.firstDifference(two, three)).isNotNegative();
    }

    /**
     * reset() returns encoder and decoder to the initial state: after coding the first second of
     * the file, a reset and the same input again give the ITU output from its start, as a fresh
     * codec does.
     */
    @Test
    void resetReturnsToTheInitialState() {
        short[] input = ItuVectors.readWords(ItuVectors.g722("inpsp.bin"));
        byte[] codes = ItuVectors.g722Codewords();
        short[] decoded = ItuVectors.readWords(ItuVectors.g722("outsp1.bin"));
        short[] second = Arrays.copyOf(input, 16_000);
        byte[] secondCodes = Arrays.copyOf(codes, 8_000);

        AudioCodec codec = codec(64_000);
        byte[] first = codec.encode(second);
        short[] firstDecoded = codec.decode(secondCodes);
        byte[] continued = codec.encode(second);
        assertThat(continued).as("without reset the state carries on").isNotEqualTo(first);
        codec.reset();
        byte[] again = codec.encode(second);
        short[] againDecoded = codec.decode(secondCodes);

        assertSameCodewords(Arrays.copyOf(codes, 8_000), first, "fresh codec");
        assertSameCodewords(Arrays.copyOf(codes, 8_000), again, "after reset");
        assertSameCodewords(codec(64_000).encode(second), again, "after reset against a fresh codec");
        assertSameSamples(Arrays.copyOf(decoded, 16_000), firstDecoded, "fresh decoder");
        assertSameSamples(Arrays.copyOf(decoded, 16_000), againDecoded, "decoder after reset");
    }
}
