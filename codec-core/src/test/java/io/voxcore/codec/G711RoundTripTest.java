package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Decode-encode stability over all 256 codes of each law. */
class G711RoundTripTest {

    @Test
    void ulawDecodedValuesAreFixedPoints() {
        for (int c = 0; c < 256; c++) {
            short value = G711.ulawToLinear((byte) c);
            assertThat(G711.ulawToLinear(G711.linearToUlaw(value))).as("mu-law code 0x%02X", c).isEqualTo(value);
        }
    }

    @Test
    void alawDecodedValuesAreFixedPoints() {
        for (int c = 0; c < 256; c++) {
            short value = G711.alawToLinear((byte) c);
            assertThat(G711.alawToLinear(G711.linearToAlaw(value))).as("A-law code 0x%02X", c).isEqualTo(value);
        }
    }

    /** Only the negative zero 0x7F moves: it decodes to 0, which encodes as positive zero 0xFF. */
    @Test
    void ulawCodesSurviveEncodeOfDecodeExceptNegativeZero() {
        Set<Integer> moved = new TreeSet<>();
        for (int c = 0; c < 256; c++) {
            int back = G711.linearToUlaw(G711.ulawToLinear((byte) c)) & 0xFF;
            if (back != c) {
                moved.add(c);
                assertThat(back).as("where mu-law 0x%02X goes", c).isEqualTo(0xFF);
            }
        }
        assertThat(moved).containsExactly(0x7F);
    }

    /** A-law has no zero code (its smallest magnitudes are +-8), so every code comes back. */
    @Test
    void alawCodesAllSurviveEncodeOfDecode() {
        Set<Integer> moved = new TreeSet<>();
        for (int c = 0; c < 256; c++) {
            if ((G711.linearToAlaw(G711.alawToLinear((byte) c)) & 0xFF) != c) {
                moved.add(c);
            }
        }
        assertThat(moved).isEmpty();
    }

    @Test
    void codecsRoundTripAllCodes() {
        byte[] codes = new byte[256];
        for (int c = 0; c < 256; c++) {
            codes[c] = (byte) c;
        }
        AudioCodec pcmu = CodecFactory.createByPayloadType(0);
        AudioCodec pcma = CodecFactory.createByPayloadType(8);
        byte[] ulawBack = pcmu.encode(pcmu.decode(codes));
        byte[] alawBack = pcma.encode(pcma.decode(codes));
        byte[] ulawExpected = codes.clone();
        ulawExpected[0x7F] = (byte) 0xFF;
        assertThat(ulawBack).isEqualTo(ulawExpected);
        assertThat(alawBack).isEqualTo(codes);
    }
}
