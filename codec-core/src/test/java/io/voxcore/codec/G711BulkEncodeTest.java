package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The bulk encoders, which work four samples at a time with a one-at-a-time tail, give for every
 * offset and count exactly the codes of the single-sample primitives (which {@link G711CrcTest}
 * and {@link G711ReferenceVectorTest} prove against the ITU), and write nothing outside the
 * requested range.
 */
class G711BulkEncodeTest {

    private static final byte UNTOUCHED = (byte) 0xA5;

    @Test
    void everySampleEncodesAsTheSingleSamplePrimitiveAtEveryAlignment() {
        short[] all = new short[1 << 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        for (int srcOffset = 0; srcOffset < 4; srcOffset++) {
            for (int dstOffset = 0; dstOffset < 4; dstOffset++) {
                int count = all.length - srcOffset - (srcOffset + dstOffset) % 4; // varies the tail length
                byte[] ulaw = new byte[dstOffset + count + 3];
                byte[] alaw = new byte[dstOffset + count + 3];
                Arrays.fill(ulaw, UNTOUCHED);
                Arrays.fill(alaw, UNTOUCHED);
                G711.encodeUlaw(all, srcOffset, ulaw, dstOffset, count);
                G711.encodeAlaw(all, srcOffset, alaw, dstOffset, count);
                for (int i = 0; i < count; i++) {
                    short sample = all[srcOffset + i];
                    if (ulaw[dstOffset + i] != G711.linearToUlaw(sample)
                            || alaw[dstOffset + i] != G711.linearToAlaw(sample)) {
                        throw new AssertionError("sample " + sample + " at srcOffset " + srcOffset
                                + ", dstOffset " + dstOffset + ", count " + count + ": mu-law "
                                + ulaw[dstOffset + i] + " vs " + G711.linearToUlaw(sample) + ", A-law "
                                + alaw[dstOffset + i] + " vs " + G711.linearToAlaw(sample));
                    }
                }
                assertUntouchedOutside(ulaw, dstOffset, count);
                assertUntouchedOutside(alaw, dstOffset, count);
            }
        }
    }

    @Test
    void shortRunsOfEveryLengthMatchTheSingleSamplePrimitive() {
        short[] src = {-32768, -32767, -8192, -33, -1, 0, 1, 31, 32, 4095, 8191, 8192, 32767, -5, 5, 1000};
        for (int count = 0; count <= src.length; count++) {
            byte[] ulaw = new byte[count + 2];
            byte[] alaw = new byte[count + 2];
            Arrays.fill(ulaw, UNTOUCHED);
            Arrays.fill(alaw, UNTOUCHED);
            G711.encodeUlaw(src, 0, ulaw, 1, count);
            G711.encodeAlaw(src, 0, alaw, 1, count);
            for (int i = 0; i < count; i++) {
                assertThat(ulaw[1 + i]).as("mu-law of %d, count %d", src[i], count).isEqualTo(G711.linearToUlaw(src[i]));
                assertThat(alaw[1 + i]).as("A-law of %d, count %d", src[i], count).isEqualTo(G711.linearToAlaw(src[i]));
            }
            assertUntouchedOutside(ulaw, 1, count);
            assertUntouchedOutside(alaw, 1, count);
        }
    }

    private static void assertUntouchedOutside(byte[] out, int offset, int count) {
        for (int i = 0; i < out.length; i++) {
            if (i < offset || i >= offset + count) {
                assertThat(out[i]).as("byte %d outside [%d, %d)", i, offset, offset + count).isEqualTo(UNTOUCHED);
            }
        }
    }
}
