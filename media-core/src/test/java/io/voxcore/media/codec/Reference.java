package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.codec.testkit.ItuVectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Expected values for the tests, none produced by the code under test: the G.191 ramp, G.711
 * codes from codec-core's single-sample primitives (proven against the ITU vectors in
 * codec-core), big-endian L16 bytes written by {@link ByteBuffer}, and readers for the ITU files.
 */
final class Reference {

    /** Every 16-bit value once, -32768 up: the G.191 {@code sweep.src}. */
    static final short[] RAMP = ItuVectors.ramp();

    private Reference() {
    }

    static byte[] ulaw(short[] pcm) {
        byte[] codes = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            codes[i] = G711.linearToUlaw(pcm[i]);
        }
        return codes;
    }

    static byte[] alaw(short[] pcm) {
        byte[] codes = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            codes[i] = G711.linearToAlaw(pcm[i]);
        }
        return codes;
    }

    static short[] ulawDecoded(byte[] codes) {
        short[] pcm = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            pcm[i] = G711.ulawToLinear(codes[i]);
        }
        return pcm;
    }

    static short[] alawDecoded(byte[] codes) {
        short[] pcm = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            pcm[i] = G711.alawToLinear(codes[i]);
        }
        return pcm;
    }

    /** The 256 codes 0x00 to 0xFF. */
    static byte[] allCodes() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }

    /** Samples as big-endian 16-bit bytes (network order), the L16 payload format. */
    static byte[] l16(short[] pcm) {
        ByteBuffer buf = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.BIG_ENDIAN);
        for (short s : pcm) {
            buf.putShort(s);
        }
        return buf.array();
    }

    static short[] fromL16(byte[] bytes) {
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    /** A G.191 code file (one code per little-endian word) as codes; skipped when absent. */
    static byte[] ituCodes(String name) {
        short[] words = ItuVectors.readWords(ItuVectors.g711(name));
        byte[] codes = new byte[words.length];
        for (int i = 0; i < words.length; i++) {
            assertThat(words[i] & 0xFFFF).as("%s word %d", name, i).isLessThan(256);
            codes[i] = (byte) words[i];
        }
        return codes;
    }

    /** A G.191 sample file; skipped when absent. */
    static short[] ituWords(String name) {
        return ItuVectors.readWords(ItuVectors.g711(name));
    }

    static void assertSameCodes(String what, byte[] expected, byte[] actual) {
        assertThat(actual.length).as("%s: length", what).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                assertThat(actual[i] & 0xFF).as("%s: first difference at index %d", what, i)
                        .isEqualTo(expected[i] & 0xFF);
            }
        }
    }

    static void assertSameSamples(String what, short[] expected, short[] actual) {
        int at = ItuVectors.firstDifference(expected, actual);
        assertThat(at).withFailMessage(() -> at < expected.length && at < actual.length
                ? what + ": first difference at sample " + at + ": expected " + expected[at] + ", got " + actual[at]
                : what + ": lengths differ, expected " + expected.length + ", got " + actual.length)
                .isEqualTo(-1);
    }

    /** Bytes from {@code from} to {@code to} of any buffer, without moving its position. */
    static byte[] bytes(ByteBuffer buf, int from, int to) {
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = buf.get(i);
        }
        return out;
    }
}
