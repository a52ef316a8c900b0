package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The direct mu-law/A-law tables against decode-then-encode with the ITU-proven single-sample
 * primitives, for every code, in every form: single code, bulk arrays (separate, in place,
 * overlapping either way) and ByteBuffers (heap, direct, mixed, in place, read-only source).
 */
class G711TranscodeTest {

    private static final int PAD = 7;
    private static final byte SENTINEL = (byte) 0xA5;

    /** The reference: decode with one law, encode with the other. */
    private static byte reference(boolean fromUlaw, byte code) {
        return fromUlaw ? G711.linearToAlaw(G711.ulawToLinear(code)) : G711.linearToUlaw(G711.alawToLinear(code));
    }

    private static byte[] reference(boolean fromUlaw, byte[] codes) {
        byte[] out = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = reference(fromUlaw, codes[i]);
        }
        return out;
    }

    private static void bulk(boolean fromUlaw, byte[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        if (fromUlaw) {
            G711.ulawToAlaw(src, srcOffset, dst, dstOffset, count);
        } else {
            G711.alawToUlaw(src, srcOffset, dst, dstOffset, count);
        }
    }

    private static int buffers(boolean fromUlaw, ByteBuffer src, ByteBuffer dst) {
        return fromUlaw ? G711.ulawToAlaw(src, dst) : G711.alawToUlaw(src, dst);
    }

    /** All 256 codes, then a seeded random tail so that every code appears in many positions. */
    private static byte[] signal() {
        byte[] codes = new byte[256 + 1500];
        for (int c = 0; c < 256; c++) {
            codes[c] = (byte) c;
        }
        byte[] tail = new byte[1500];
        new Random(711).nextBytes(tail);
        System.arraycopy(tail, 0, codes, 256, tail.length);
        return codes;
    }

    @Test
    void singleCodeTablesMatchDecodeThenEncode() {
        for (int c = 0; c < 256; c++) {
            assertThat(G711.ulawToAlaw((byte) c)).as("mu->A 0x%02X", c).isEqualTo(reference(true, (byte) c));
            assertThat(G711.alawToUlaw((byte) c)).as("A->mu 0x%02X", c).isEqualTo(reference(false, (byte) c));
        }
    }

    @Test
    void knownConversions() {
        // Silence: mu-law 0xFF (0) -> A-law 0xD5 (+8, the smallest magnitude); A-law 0xD5 (+8) -> mu-law 0xFE (+8).
        assertThat(G711.ulawToAlaw((byte) 0xFF) & 0xFF).isEqualTo(0xD5);
        assertThat(G711.alawToUlaw((byte) 0xD5) & 0xFF).isEqualTo(0xFE);
        // Full scale: mu-law 0x80 (32124) -> A-law 0xAA (32256); A-law 0x2A (-32256) -> mu-law 0x00 (-32124).
        assertThat(G711.ulawToAlaw((byte) 0x80) & 0xFF).isEqualTo(0xAA);
        assertThat(G711.alawToUlaw((byte) 0x2A) & 0xFF).isEqualTo(0x00);
    }

    @ParameterizedTest(name = "fromUlaw={0}")
    @ValueSource(booleans = {true, false})
    void bulkArraysWithOffsetsTouchOnlyTheirRange(boolean fromUlaw) {
        byte[] codes = signal();
        byte[] src = new byte[codes.length + 2 * PAD];
        System.arraycopy(codes, 0, src, PAD, codes.length);
        byte[] dst = new byte[codes.length + 3 * PAD];
        java.util.Arrays.fill(dst, SENTINEL);
        bulk(fromUlaw, src, PAD, dst, 2 * PAD, codes.length);
        byte[] expected = new byte[dst.length];
        java.util.Arrays.fill(expected, SENTINEL);
        System.arraycopy(reference(fromUlaw, codes), 0, expected, 2 * PAD, codes.length);
        assertThat(dst).isEqualTo(expected);
    }

    @ParameterizedTest(name = "fromUlaw={0}")
    @ValueSource(booleans = {true, false})
    void bulkArrayInPlace(boolean fromUlaw) {
        byte[] codes = signal();
        byte[] buf = codes.clone();
        bulk(fromUlaw, buf, 0, buf, 0, buf.length);
        assertThat(buf).isEqualTo(reference(fromUlaw, codes));
    }

    /** Overlap with the destination ahead of and behind the source, by 1 and by several codes. */
    @ParameterizedTest(name = "shift={0}")
    @ValueSource(ints = {-300, -5, -1, 1, 5, 300})
    void bulkArrayOverlappingRanges(int shift) {
        for (boolean fromUlaw : new boolean[] {true, false}) {
            byte[] codes = signal();
            int count = codes.length - 700;
            int srcOffset = 350;
            int dstOffset = srcOffset + shift;
            byte[] buf = codes.clone();
            bulk(fromUlaw, buf, srcOffset, buf, dstOffset, count);
            // As if the source had been copied aside first, like System.arraycopy.
            byte[] expected = codes.clone();
            byte[] converted = reference(fromUlaw, java.util.Arrays.copyOfRange(codes, srcOffset, srcOffset + count));
            System.arraycopy(converted, 0, expected, dstOffset, count);
            assertThat(buf).as("fromUlaw=%s shift=%d", fromUlaw, shift).isEqualTo(expected);
        }
    }

    @Test
    void bulkArrayRangeErrorsWriteNothing() {
        byte[] src = signal();
        byte[] dst = new byte[10];
        java.util.Arrays.fill(dst, SENTINEL);
        assertThatThrownBy(() -> G711.ulawToAlaw(src, 0, dst, 0, 11))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("11").hasMessageContaining("10");
        assertThatThrownBy(() -> G711.alawToUlaw(src, -1, dst, 0, 1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> G711.alawToUlaw(src, 0, dst, 0, -2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-2");
        assertThatThrownBy(() -> G711.ulawToAlaw(src, src.length, dst, 0, 1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining(Integer.toString(src.length));
        byte[] untouched = new byte[10];
        java.util.Arrays.fill(untouched, SENTINEL);
        assertThat(dst).isEqualTo(untouched);
    }

    enum Kind {
        HEAP(ByteBuffer::allocate),
        DIRECT(ByteBuffer::allocateDirect);

        final IntFunction<ByteBuffer> allocate;

        Kind(IntFunction<ByteBuffer> allocate) {
            this.allocate = allocate;
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> bufferKinds() {
        java.util.stream.Stream.Builder<org.junit.jupiter.params.provider.Arguments> b = java.util.stream.Stream.builder();
        for (boolean fromUlaw : new boolean[] {true, false}) {
            for (Kind src : Kind.values()) {
                for (Kind dst : Kind.values()) {
                    for (boolean readOnlySource : new boolean[] {false, true}) {
                        b.add(org.junit.jupiter.params.provider.Arguments.of(fromUlaw, src, dst, readOnlySource));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "fromUlaw={0} src={1} dst={2} readOnlySrc={3}")
    @org.junit.jupiter.params.provider.MethodSource("bufferKinds")
    void byteBuffersMatchReference(boolean fromUlaw, Kind srcKind, Kind dstKind, boolean readOnlySource) {
        byte[] codes = signal();
        ByteBuffer src = srcKind.allocate.apply(codes.length + 2 * PAD);
        src.position(PAD);
        src.put(codes);
        src.position(PAD).limit(PAD + codes.length);
        if (readOnlySource) {
            src = src.asReadOnlyBuffer();
        }
        ByteBuffer dst = dstKind.allocate.apply(codes.length + 3 * PAD);
        while (dst.hasRemaining()) {
            dst.put(SENTINEL);
        }
        dst.position(2 * PAD).limit(dst.capacity() - PAD / 2);

        int n = buffers(fromUlaw, src, dst);

        assertThat(n).isEqualTo(codes.length);
        assertThat(src.position()).isEqualTo(PAD + codes.length);
        assertThat(dst.position()).isEqualTo(2 * PAD + codes.length);
        assertThat(dst.limit()).isEqualTo(dst.capacity() - PAD / 2);
        byte[] expected = new byte[dst.capacity()];
        java.util.Arrays.fill(expected, SENTINEL);
        System.arraycopy(reference(fromUlaw, codes), 0, expected, 2 * PAD, codes.length);
        assertThat(contents(dst)).isEqualTo(expected);
    }

    /** Direct buffers are mapped eight bytes at a time: every length and tail, either byte order. */
    @org.junit.jupiter.api.Test
    void directBuffersOfEveryShortLengthAndByteOrder() {
        byte[] codes = signal();
        for (java.nio.ByteOrder srcOrder : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN}) {
            for (java.nio.ByteOrder dstOrder : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN}) {
                for (int length = 0; length <= 41; length++) {
                    for (boolean fromUlaw : new boolean[] {true, false}) {
                        ByteBuffer src = ByteBuffer.allocateDirect(length + 3).order(srcOrder);
                        src.position(3);
                        src.put(codes, 7, length);
                        src.position(3);
                        ByteBuffer dst = ByteBuffer.allocateDirect(length + 5).order(dstOrder);
                        dst.position(5);
                        assertThat(buffers(fromUlaw, src, dst)).isEqualTo(length);
                        byte[] got = new byte[length];
                        dst.get(5, got);
                        byte[] expected = java.util.Arrays.copyOfRange(reference(fromUlaw,
                                java.util.Arrays.copyOfRange(codes, 7, 7 + length)), 0, length);
                        assertThat(got).as("length %d, %s to %s", length, srcOrder, dstOrder).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Kind.class)
    void byteBufferInPlace(Kind kind) {
        for (boolean fromUlaw : new boolean[] {true, false}) {
            byte[] codes = signal();
            ByteBuffer buf = kind.allocate.apply(codes.length + PAD);
            buf.position(PAD);
            buf.put(codes);
            buf.position(PAD);
            int n = buffers(fromUlaw, buf, buf);
            assertThat(n).isEqualTo(codes.length);
            assertThat(buf.position()).isEqualTo(PAD + codes.length);
            byte[] expected = new byte[buf.capacity()];
            System.arraycopy(reference(fromUlaw, codes), 0, expected, PAD, codes.length);
            assertThat(contents(buf)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Kind.class)
    void byteBufferErrorsChangeNothing(Kind kind) {
        byte[] codes = signal();
        ByteBuffer src = kind.allocate.apply(codes.length);
        src.put(codes).flip();
        ByteBuffer small = kind.allocate.apply(codes.length - 1);
        while (small.hasRemaining()) {
            small.put(SENTINEL);
        }
        small.clear();
        assertThatThrownBy(() -> G711.ulawToAlaw(src, small))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.BUFFER_TOO_SMALL))
                .hasMessageContaining("needs " + codes.length).hasMessageContaining("has " + (codes.length - 1));
        ByteBuffer readOnly = kind.allocate.apply(codes.length).asReadOnlyBuffer();
        assertThatThrownBy(() -> G711.alawToUlaw(src, readOnly))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> G711.alawToUlaw(null, small)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("src");
        assertThatThrownBy(() -> G711.alawToUlaw(src, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dst");
        assertThat(src.position()).isZero();
        assertThat(small.position()).isZero();
        byte[] untouched = new byte[small.capacity()];
        java.util.Arrays.fill(untouched, SENTINEL);
        assertThat(contents(small)).isEqualTo(untouched);
    }

    /** Every byte of the buffer, 0 to capacity, read without moving its position. */
    static byte[] contents(ByteBuffer buffer) {
        ByteBuffer all = buffer.duplicate();
        all.clear();
        byte[] bytes = new byte[all.capacity()];
        all.get(bytes);
        return bytes;
    }
}
