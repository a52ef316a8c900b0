package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.testkit.ItuVectors;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * G.711 at the edges of the 16-bit range and around zero, with constants that follow from the
 * G.191 algorithm (ones' complement for negative samples, no zero trap; full-scale negative is
 * the loudest negative code). Each constant was checked against the ITU-T files, and
 * {@link #constantsAgreeWithItuFiles()} checks them again whenever the files are present.
 */
class G711EdgeValueTest {

    /** Sample to mu-law code; the sample v sits at index v + 32768 of {@code sweep-r.u}. */
    private static final Map<Integer, Integer> ULAW_CODE = new TreeMap<>(Map.ofEntries(
            Map.entry(-32768, 0x00), // loudest negative code, not silence
            Map.entry(-32767, 0x00),
            Map.entry(-8, 0x7E), Map.entry(-7, 0x7E), Map.entry(-6, 0x7E), Map.entry(-5, 0x7E),
            Map.entry(-4, 0x7F), Map.entry(-3, 0x7F), Map.entry(-2, 0x7F),
            Map.entry(-1, 0x7F), // ones' complement: -1 is the negative zero code
            Map.entry(0, 0xFF),
            Map.entry(32767, 0x80)));

    /** Sample to A-law code; the sample v sits at index v + 32768 of {@code sweep-r.a}. */
    private static final Map<Integer, Integer> ALAW_CODE = new TreeMap<>(Map.ofEntries(
            Map.entry(-32768, 0x2A),
            Map.entry(-32767, 0x2A),
            Map.entry(-8, 0x55), Map.entry(-7, 0x55), Map.entry(-6, 0x55), Map.entry(-5, 0x55),
            Map.entry(-4, 0x55), Map.entry(-3, 0x55), Map.entry(-2, 0x55), Map.entry(-1, 0x55),
            Map.entry(0, 0xD5),
            Map.entry(32767, 0xAA)));

    /** mu-law code to sample (the ITU {@code sweep-r.reu} value for a sample with that code). */
    private static final Map<Integer, Integer> ULAW_VALUE = new TreeMap<>(Map.of(
            0x80, 32124, 0x00, -32124, 0xFF, 0, 0x7F, 0, 0x7E, -8));

    /** A-law code to sample. */
    private static final Map<Integer, Integer> ALAW_VALUE = new TreeMap<>(Map.of(
            0xD5, 8, 0x55, -8, 0xAA, 32256, 0x2A, -32256));

    @Test
    void ulawEncodesEdgeSamples() {
        ULAW_CODE.forEach((sample, code) -> assertThat(G711.linearToUlaw(sample.shortValue()) & 0xFF)
                .as("mu-law code of %d", sample).isEqualTo(code));
    }

    @Test
    void alawEncodesEdgeSamples() {
        ALAW_CODE.forEach((sample, code) -> assertThat(G711.linearToAlaw(sample.shortValue()) & 0xFF)
                .as("A-law code of %d", sample).isEqualTo(code));
    }

    @Test
    void ulawDecodesEdgeCodes() {
        ULAW_VALUE.forEach((code, value) -> assertThat((int) G711.ulawToLinear(code.byteValue()))
                .as("mu-law decode of 0x%02X", code).isEqualTo(value));
    }

    @Test
    void alawDecodesEdgeCodes() {
        ALAW_VALUE.forEach((code, value) -> assertThat((int) G711.alawToLinear(code.byteValue()))
                .as("A-law decode of 0x%02X", code).isEqualTo(value));
    }

    @Test
    void codecsAgreeWithThePrimitivesOnEdgeSamples() {
        short[] samples = new short[ULAW_CODE.size()];
        int i = 0;
        for (int sample : ULAW_CODE.keySet()) {
            samples[i++] = (short) sample;
        }
        byte[] ulaw = CodecFactory.createByPayloadType(0).encode(samples);
        byte[] alaw = CodecFactory.createByPayloadType(8).encode(samples);
        for (i = 0; i < samples.length; i++) {
            assertThat(ulaw[i] & 0xFF).as("PCMU codec, sample %d", samples[i]).isEqualTo(ULAW_CODE.get((int) samples[i]));
            assertThat(alaw[i] & 0xFF).as("PCMA codec, sample %d", samples[i]).isEqualTo(ALAW_CODE.get((int) samples[i]));
        }
    }

    @Test
    void fullScaleNegativeIsNotSilence() {
        assertThat((int) G711.ulawToLinear(G711.linearToUlaw(Short.MIN_VALUE))).isEqualTo(-32124);
        assertThat((int) G711.alawToLinear(G711.linearToAlaw(Short.MIN_VALUE))).isEqualTo(-32256);
    }

    /** The constants above, read back from the ITU-T files (skipped when they are absent). */
    @Test
    void constantsAgreeWithItuFiles() {
        short[] ulaw = ItuVectors.readWords(ItuVectors.g711("sweep-r.u"));
        short[] alaw = ItuVectors.readWords(ItuVectors.g711("sweep-r.a"));
        short[] ulawDecoded = ItuVectors.readWords(ItuVectors.g711("sweep-r.reu"));
        short[] alawDecoded = ItuVectors.readWords(ItuVectors.g711("sweep-r.rea"));
        ULAW_CODE.forEach((sample, code) -> assertThat((int) ulaw[sample + 32768])
                .as("sweep-r.u at sample %d", sample).isEqualTo(code));
        ALAW_CODE.forEach((sample, code) -> assertThat((int) alaw[sample + 32768])
                .as("sweep-r.a at sample %d", sample).isEqualTo(code));
        ULAW_VALUE.forEach((code, value) -> assertThat(decodedValueOf(code, ulaw, ulawDecoded))
                .as("sweep-r.reu for code 0x%02X", code).isEqualTo(value));
        ALAW_VALUE.forEach((code, value) -> assertThat(decodedValueOf(code, alaw, alawDecoded))
                .as("sweep-r.rea for code 0x%02X", code).isEqualTo(value));
    }

    /** The reference decode of a code: the decoded file's word where the code file holds it. */
    private static int decodedValueOf(int code, short[] codes, short[] decoded) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return decoded[i];
            }
        }
        throw new AssertionError("code 0x" + Integer.toHexString(code) + " never occurs in the reference file");
    }
}
