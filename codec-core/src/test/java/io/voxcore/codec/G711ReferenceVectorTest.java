package io.voxcore.codec;

import static io.voxcore.codec.testkit.ItuVectors.firstDifference;
import static io.voxcore.codec.testkit.ItuVectors.g711;
import static io.voxcore.codec.testkit.ItuVectors.readWords;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.testkit.ItuVectors;
import org.junit.jupiter.api.Test;

/**
 * G.711 against the ITU-T G.191 reference files in {@code ../shared/testvectors/itu-t-g191/g711}.
 * Skipped, with a message, when the folder is absent; {@link G711CrcTest} proves the same
 * anywhere.
 */
class G711ReferenceVectorTest {

    @Test
    void sweepSourceIsTheFullRamp() {
        assertSameWords("sweep.src", ItuVectors.ramp(), readWords(g711("sweep.src")));
    }

    @Test
    void ulawEncodeMatchesReference() {
        short[] src = readWords(g711("sweep.src"));
        byte[] codes = CodecFactory.createByPayloadType(0).encode(src);
        assertSameWords("sweep-r.u", readWords(g711("sweep-r.u")), asWords(codes));
    }

    @Test
    void alawEncodeMatchesReference() {
        short[] src = readWords(g711("sweep.src"));
        byte[] codes = CodecFactory.createByPayloadType(8).encode(src);
        assertSameWords("sweep-r.a", readWords(g711("sweep-r.a")), asWords(codes));
    }

    @Test
    void ulawRoundTripMatchesReference() {
        AudioCodec pcmu = CodecFactory.create(CodecConfig.of(CodecType.PCMU));
        short[] out = pcmu.decode(pcmu.encode(readWords(g711("sweep.src"))));
        assertSameWords("sweep-r.u-u", readWords(g711("sweep-r.u-u")), out);
    }

    @Test
    void alawRoundTripMatchesReference() {
        AudioCodec pcma = CodecFactory.create(CodecConfig.of(CodecType.PCMA));
        short[] out = pcma.decode(pcma.encode(readWords(g711("sweep.src"))));
        assertSameWords("sweep-r.a-a", readWords(g711("sweep-r.a-a")), out);
    }

    @Test
    void ulawDecodeOfReferenceCodesMatchesReference() {
        byte[] codes = asCodes(readWords(g711("sweep-r.u")));
        short[] out = CodecFactory.createByName("PCMU").decode(codes);
        assertSameWords("sweep-r.reu", readWords(g711("sweep-r.reu")), out);
    }

    @Test
    void alawDecodeOfReferenceCodesMatchesReference() {
        byte[] codes = asCodes(readWords(g711("sweep-r.a")));
        short[] out = CodecFactory.createByName("PCMA").decode(codes);
        assertSameWords("sweep-r.rea", readWords(g711("sweep-r.rea")), out);
    }

    static void assertSameWords(String file, short[] expected, short[] actual) {
        int at = firstDifference(expected, actual);
        assertThat(at)
                .withFailMessage(() -> at < expected.length && at < actual.length
                        ? file + ": first difference at sample " + at + ": expected " + expected[at]
                                + ", got " + actual[at]
                        : file + ": lengths differ, expected " + expected.length + ", got " + actual.length)
                .isEqualTo(-1);
    }

    private static short[] asWords(byte[] codes) {
        short[] words = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            words[i] = (short) (codes[i] & 0xFF);
        }
        return words;
    }

    private static byte[] asCodes(short[] words) {
        byte[] codes = new byte[words.length];
        for (int i = 0; i < words.length; i++) {
            assertThat(words[i] & 0xFFFF).as("code word %d", i).isLessThan(256);
            codes[i] = (byte) words[i];
        }
        return codes;
    }
}
