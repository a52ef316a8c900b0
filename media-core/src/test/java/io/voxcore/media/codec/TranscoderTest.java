package io.voxcore.media.codec;

import static io.voxcore.media.codec.Reference.RAMP;
import static io.voxcore.media.codec.Reference.assertSameCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.G711;
import io.voxcore.codec.testkit.ItuVectors;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Transcoder} against codec-core called directly, the G.711 primitives and the ITU files. */
class TranscoderTest {

    private static final int PCMU = 0;
    private static final int PCMA = 8;
    private static final int L16_44K = 11;
    /** The test-scope X-L16-8K codec of {@link L16TestCodecProvider}. */
    private static final int L16_8K = 20;

    private static io.voxcore.codec.AudioCodec core(int payloadType) {
        return io.voxcore.codec.CodecFactory.createByPayloadType(payloadType);
    }

    /** mu-law to A-law for each code, from the single-sample primitives. */
    private static byte[] ulawToAlawReference(byte[] ulaw) {
        return Reference.alaw(Reference.ulawDecoded(ulaw));
    }

    private static byte[] alawToUlawReference(byte[] alaw) {
        return Reference.ulaw(Reference.alawDecoded(alaw));
    }

    @Test
    void g711TablesOverAll256CodesMatchDecodeThenEncode() {
        Transcoder transcoder = new Transcoder();
        byte[] codes = Reference.allCodes();
        byte[] toA = transcoder.transcode(codes, PCMU, PCMA);
        byte[] toU = transcoder.transcode(codes, PCMA, PCMU);
        assertSameCodes("PCMU->PCMA vs primitives", ulawToAlawReference(codes), toA);
        assertSameCodes("PCMA->PCMU vs primitives", alawToUlawReference(codes), toU);
        assertSameCodes("PCMU->PCMA vs codec-core", core(PCMA).encode(core(PCMU).decode(codes)), toA);
        assertSameCodes("PCMA->PCMU vs codec-core", core(PCMU).encode(core(PCMA).decode(codes)), toU);
    }

    @Test
    void g711TablesMatchTheItuFiles() {
        // The ITU's own decode (sweep-r.u -> sweep-r.reu) and encode (sweep.src -> sweep-r.a) give
        // the expected code for every mu-law code, and the same the other way round.
        byte[] uCodes = Reference.ituCodes("sweep-r.u");
        short[] uDecoded = Reference.ituWords("sweep-r.reu");
        byte[] aCodes = Reference.ituCodes("sweep-r.a");
        short[] aDecoded = Reference.ituWords("sweep-r.rea");
        short[] src = Reference.ituWords("sweep.src");
        assertThat(src).isEqualTo(RAMP);
        byte[] expectedA = new byte[256];
        byte[] expectedU = new byte[256];
        boolean[] seenU = new boolean[256];
        boolean[] seenA = new boolean[256];
        for (int i = 0; i < src.length; i++) {
            expectedA[uCodes[i] & 0xFF] = aCodes[uDecoded[i] + 32768];
            seenU[uCodes[i] & 0xFF] = true;
            expectedU[aCodes[i] & 0xFF] = uCodes[aDecoded[i] + 32768];
            seenA[aCodes[i] & 0xFF] = true;
        }
        for (int c = 0; c < 256; c++) {
            assertThat(seenU[c]).as("mu-law code %d occurs in sweep-r.u", c).isTrue();
            assertThat(seenA[c]).as("A-law code %d occurs in sweep-r.a", c).isTrue();
        }
        Transcoder transcoder = new Transcoder();
        assertSameCodes("PCMU->PCMA vs ITU", expectedA, transcoder.transcode(Reference.allCodes(), PCMU, PCMA));
        assertSameCodes("PCMA->PCMU vs ITU", expectedU, transcoder.transcode(Reference.allCodes(), PCMA, PCMU));
        ByteBuffer inPlace = ByteBuffer.allocateDirect(uCodes.length).put(uCodes).flip();
        transcoder.transcode(inPlace, PCMU, inPlace, PCMA);
        byte[] expected = new byte[uCodes.length];
        for (int i = 0; i < uCodes.length; i++) {
            expected[i] = expectedA[uCodes[i] & 0xFF];
        }
        assertSameCodes("sweep-r.u in place to PCMA vs ITU", expected, Reference.bytes(inPlace, 0, uCodes.length));
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void g711BufferFormOverTheRamp(BufferKind kind) {
        byte[] ulaw = core(PCMU).encode(RAMP);
        Transcoder transcoder = new Transcoder();
        ByteBuffer in = kind.of(ulaw);
        ByteBuffer out = (kind.readOnly() ? BufferKind.DIRECT : kind).allocate(12 + ulaw.length);
        out.position(12);
        assertThat(transcoder.transcode(in, PCMU, out, PCMA)).isEqualTo(ulaw.length);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(out.position()).isEqualTo(12 + ulaw.length);
        byte[] alaw = Reference.bytes(out, 12, 12 + ulaw.length);
        assertSameCodes("ramp PCMU->PCMA vs codec-core", core(PCMA).encode(core(PCMU).decode(ulaw)), alaw);
        assertSameCodes("ramp PCMU->PCMA vs primitives", ulawToAlawReference(ulaw), alaw);
    }

    @Test
    void g711InPlaceOnAHeapBuffer() {
        byte[] codes = Reference.allCodes();
        ByteBuffer buf = ByteBuffer.wrap(codes.clone());
        Transcoder transcoder = new Transcoder();
        assertThat(transcoder.transcode(buf, PCMA, buf, PCMU)).isEqualTo(256);
        assertThat(buf.position()).isEqualTo(256);
        assertSameCodes("in place PCMA->PCMU", alawToUlawReference(codes), buf.array());
    }

    @ParameterizedTest
    @EnumSource(value = BufferKind.class, names = {"HEAP", "DIRECT", "HEAP_SLICE", "READ_ONLY_DIRECT"})
    void decodeThenEncodeFrameByFrameMatchesTheItu(BufferKind kind) {
        // X-L16-8K (test SPI codec, big-endian linear) -> PCMU and PCMA: the codes of the ramp.
        byte[] l16 = Reference.l16(RAMP);
        Transcoder transcoder = new Transcoder();
        byte[] ulaw = new byte[RAMP.length];
        byte[] alaw = new byte[RAMP.length];
        ByteBuffer out = (kind.readOnly() ? BufferKind.HEAP : kind).allocate(160);
        for (int at = 0; at < RAMP.length; at += 160) {
            int count = Math.min(160, RAMP.length - at); // the last frame holds 96 samples
            ByteBuffer frame = kind.of(Arrays.copyOfRange(l16, 2 * at, 2 * (at + count)));
            out.clear();
            assertThat(transcoder.transcode(frame, L16_8K, out, PCMU)).isEqualTo(count);
            assertThat(frame.hasRemaining()).isFalse();
            System.arraycopy(Reference.bytes(out, 0, count), 0, ulaw, at, count);
            frame.rewind();
            out.clear();
            assertThat(transcoder.transcode(frame, L16_8K, out, PCMA)).isEqualTo(count);
            System.arraycopy(Reference.bytes(out, 0, count), 0, alaw, at, count);
        }
        assertSameCodes("X-L16-8K->PCMU vs codec-core", core(PCMU).encode(RAMP), ulaw);
        assertThat(ItuVectors.crcOfCodesAsWords(ulaw)).isEqualTo(ItuVectors.CRC_SWEEP_U);
        assertThat(ItuVectors.crcOfCodesAsWords(alaw)).isEqualTo(ItuVectors.CRC_SWEEP_A);
        assertThat(transcoder.stats(L16_8K, PCMU))
                .isEqualTo(new Transcoder.Stats(L16_8K, PCMU, 410, 2L * RAMP.length, RAMP.length, 0));
    }

    @Test
    void decodeThenEncodeToLinearMatchesTheRoundTripCrcs() {
        Transcoder transcoder = new Transcoder();
        byte[] ulaw = core(PCMU).encode(RAMP);
        byte[] alaw = core(PCMA).encode(RAMP);
        byte[] fromU = transcoder.transcode(ulaw, PCMU, L16_8K);
        byte[] fromA = transcoder.transcode(alaw, PCMA, L16_8K);
        assertThat(fromU).isEqualTo(Reference.l16(core(PCMU).decode(ulaw)));
        assertThat(ItuVectors.crcOfWords(Reference.fromL16(fromU))).isEqualTo(ItuVectors.CRC_SWEEP_UU);
        assertThat(ItuVectors.crcOfWords(Reference.fromL16(fromA))).isEqualTo(ItuVectors.CRC_SWEEP_AA);
    }

    @Test
    void decodeThenEncodeMatchesTheItuFiles() {
        Transcoder transcoder = new Transcoder();
        byte[] l16 = Reference.l16(Reference.ituWords("sweep.src"));
        assertSameCodes("sweep-r.u", Reference.ituCodes("sweep-r.u"), transcoder.transcode(l16, L16_8K, PCMU));
        assertSameCodes("sweep-r.a", Reference.ituCodes("sweep-r.a"), transcoder.transcode(l16, L16_8K, PCMA));
        Reference.assertSameSamples("sweep-r.reu", Reference.ituWords("sweep-r.reu"),
                Reference.fromL16(transcoder.transcode(Reference.ituCodes("sweep-r.u"), PCMU, L16_8K)));
        Reference.assertSameSamples("sweep-r.rea", Reference.ituWords("sweep-r.rea"),
                Reference.fromL16(transcoder.transcode(Reference.ituCodes("sweep-r.a"), PCMA, L16_8K)));
    }

    @Test
    void sameTypeArrayFormReturnsTheSameArray() {
        Transcoder transcoder = new Transcoder();
        byte[] payload = {1, 2, 3};
        assertThat(transcoder.transcode(payload, PCMU, PCMU)).isSameAs(payload).containsExactly(1, 2, 3);
        assertThat(transcoder.stats(PCMU, PCMU)).isEqualTo(new Transcoder.Stats(PCMU, PCMU, 1, 3, 3, 0));
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void sameTypeBufferFormCopies(BufferKind kind) {
        Transcoder transcoder = new Transcoder();
        ByteBuffer in = kind.of(new byte[] {9, 8, 7, 6});
        ByteBuffer out = ByteBuffer.allocateDirect(6);
        out.position(1);
        assertThat(transcoder.transcode(in, L16_44K, out, L16_44K)).isEqualTo(4);
        assertThat(in.position()).isEqualTo(4);
        assertThat(out.position()).isEqualTo(5);
        assertThat(Reference.bytes(out, 0, 6)).containsExactly(0, 9, 8, 7, 6, 0);
    }

    @Test
    void statsCountPerPath() {
        Transcoder transcoder = new Transcoder();
        assertThat(transcoder.stats(PCMU, PCMA)).isEqualTo(new Transcoder.Stats(PCMU, PCMA, 0, 0, 0, 0));
        transcoder.transcode(new byte[160], PCMU, PCMA);
        transcoder.transcode(new byte[80], PCMU, PCMA);
        transcoder.transcode(new byte[10], PCMU, L16_8K);
        assertThatThrownBy(() -> transcoder.transcode(new byte[0], PCMU, PCMA)).isInstanceOf(MediaCodecException.class);
        assertThat(transcoder.stats(PCMU, PCMA)).isEqualTo(new Transcoder.Stats(PCMU, PCMA, 2, 240, 240, 1));
        assertThat(transcoder.stats(PCMU, L16_8K)).isEqualTo(new Transcoder.Stats(PCMU, L16_8K, 1, 10, 20, 0));
        assertThat(transcoder.stats(PCMA, PCMU)).isEqualTo(new Transcoder.Stats(PCMA, PCMU, 0, 0, 0, 0));
        assertThatThrownBy(() -> transcoder.stats(128, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
    }

    // ---- Bad input: a clear error, nothing written, and the transcoder still works. ----

    private static void assertStillWorks(Transcoder transcoder) {
        ByteBuffer out = ByteBuffer.allocate(2);
        assertThat(transcoder.transcode(ByteBuffer.wrap(new byte[] {0, (byte) 0xFF}), PCMU, out, PCMA)).isEqualTo(2);
        assertThat(out.array()).containsExactly(G711.ulawToAlaw((byte) 0), G711.ulawToAlaw((byte) 0xFF));
    }

    @Test
    void unknownPayloadTypeListsTheSupportedOnes() {
        Transcoder transcoder = new Transcoder();
        assertThatThrownBy(() -> transcoder.transcode(new byte[160], PCMU, 99))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.UNSUPPORTED_CODEC))
                .hasMessageContaining("99")
                .hasMessageContaining("PCMU/8000 (PT 0)")
                .hasMessageContaining("PCMA/8000 (PT 8)");
        assertThatThrownBy(() -> transcoder.transcode(ByteBuffer.allocate(1), 200, ByteBuffer.allocate(1), 200))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("200");
        assertStillWorks(transcoder);
    }

    @Test
    void differentRatesAreRefusedNamingBoth() {
        Transcoder transcoder = new Transcoder();
        assertThatThrownBy(() -> transcoder.transcode(new byte[882], L16_44K, PCMU))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.FORMAT_MISMATCH))
                .hasMessageContaining("44100 Hz")
                .hasMessageContaining("8000 Hz");
        assertStillWorks(transcoder);
    }

    @Test
    void emptyAndOddPayloadsAreRejected() {
        Transcoder transcoder = new Transcoder();
        for (int[] pair : new int[][] {{PCMU, PCMA}, {PCMU, PCMU}, {L16_8K, PCMU}}) {
            assertThatThrownBy(() -> transcoder.transcode(new byte[0], pair[0], pair[1]))
                    .isInstanceOfSatisfying(MediaCodecException.class,
                            e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_PAYLOAD))
                    .hasMessageContaining("0 bytes");
        }
        ByteBuffer odd = ByteBuffer.wrap(new byte[] {1, 2, 3});
        ByteBuffer out = ByteBuffer.allocate(10);
        assertThatThrownBy(() -> transcoder.transcode(odd, L16_8K, out, PCMA))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_PAYLOAD))
                .hasMessageContaining("3 bytes");
        assertThat(odd.position()).isZero();
        assertThat(out.position()).isZero();
        assertThat(transcoder.stats(L16_8K, PCMA).failures()).isEqualTo(1);
        assertThat(transcoder.transcode(odd.limit(2), L16_8K, out, PCMA)).isEqualTo(1);
        assertThat(out.get(0)).isEqualTo(G711.linearToAlaw((short) 0x0102));
        assertStillWorks(transcoder);
    }

    @ParameterizedTest
    @EnumSource(value = BufferKind.class, names = {"HEAP", "DIRECT"})
    void outputTooSmallWritesNothing(BufferKind kind) {
        Transcoder transcoder = new Transcoder();
        for (int[] pair : new int[][] {{PCMU, PCMA}, {PCMA, PCMA}, {PCMU, L16_8K}}) {
            ByteBuffer in = kind.of(new byte[160]);
            ByteBuffer out = kind.allocate(112);
            for (int i = 0; i < out.capacity(); i++) {
                out.put(i, (byte) 0x5A);
            }
            out.position(12);
            int needed = pair[1] == L16_8K ? 320 : 160;
            assertThatThrownBy(() -> transcoder.transcode(in, pair[0], out, pair[1]))
                    .isInstanceOfSatisfying(MediaCodecException.class,
                            e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.BUFFER_TOO_SMALL))
                    .hasMessageContaining("needs " + needed + " bytes, has 100");
            assertThat(in.position()).isZero();
            assertThat(out.position()).isEqualTo(12);
            assertThat(Reference.bytes(out, 0, out.capacity())).containsOnly(0x5A);
        }
        assertStillWorks(transcoder);
    }

    @Test
    void readOnlyOutputAndSharedBuffersAreRejected() {
        Transcoder transcoder = new Transcoder();
        ByteBuffer in = ByteBuffer.allocate(160);
        ByteBuffer readOnly = ByteBuffer.allocate(400).asReadOnlyBuffer();
        for (int[] pair : new int[][] {{PCMU, PCMA}, {PCMA, PCMA}, {PCMU, L16_8K}}) {
            assertThatThrownBy(() -> transcoder.transcode(in, pair[0], readOnly, pair[1]))
                    .isInstanceOfSatisfying(MediaCodecException.class,
                            e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_ARGUMENT))
                    .hasMessageContaining("read-only");
        }
        ByteBuffer readOnlyIn = ByteBuffer.allocate(4).asReadOnlyBuffer();
        assertThatThrownBy(() -> transcoder.transcode(readOnlyIn, PCMU, readOnlyIn, PCMA))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> transcoder.transcode(in, PCMU, in, L16_8K))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("same buffer");
        assertThat(in.position()).isZero();
        assertStillWorks(transcoder);
    }
}
