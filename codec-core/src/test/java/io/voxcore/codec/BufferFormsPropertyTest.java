package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.voxcore.codec.AbstractAudioCodecContractTest.ByteKind;
import io.voxcore.codec.AbstractAudioCodecContractTest.PcmKind;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random combinations the contract tests enumerate only one at a time: for random codecs, sample
 * counts, positions, limits, buffer kinds (heap, sliced, direct, byte views of either order,
 * read-only input) and output room, the buffer forms write exactly what the array form writes at
 * random array offsets, move the positions by what they return, touch nothing outside the window,
 * and, when the room is short, throw {@link CodecException.Kind#BUFFER_TOO_SMALL} having moved and
 * written nothing. The array form itself is anchored to the ITU by the contract tests; here it is
 * the reference for the other forms. The codec is reset between the two, so stateful G.722 starts
 * both from its initial state. Seeded: a failure names the case seed that replays it.
 */
class BufferFormsPropertyTest {

    private static final int CASES = 3000;
    private static final CodecConfig[] CONFIGS = {
        CodecConfig.of(CodecType.PCMU), CodecConfig.of(CodecType.PCMA),
        CodecConfig.of(CodecType.PCMU).withChannels(2), CodecConfig.of(CodecType.PCMA).withChannels(2),
        CodecConfig.of(CodecType.G722), CodecConfig.of(CodecType.G722).withBitrate(48_000),
    };
    private static final PcmKind[] PCM_KINDS = PcmKind.values();
    private static final ByteKind[] BYTE_KINDS = ByteKind.values();

    @Test
    void encodeBufferFormsAgreeWithTheArrayFormForRandomWindowsAndKinds() {
        forAll(0xE4C0DEL, this::encodeCase);
    }

    @Test
    void decodeBufferFormsAgreeWithTheArrayFormForRandomWindowsAndKinds() {
        forAll(0xDEC0DEL, this::decodeCase);
    }

    private interface Case {
        void check(SplittableRandom r);
    }

    private static void forAll(long seed, Case property) {
        for (int i = 0; i < CASES; i++) {
            long caseSeed = seed * 0x9E37_79B9_7F4A_7C15L + i;
            try {
                property.check(new SplittableRandom(caseSeed));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("case " + i + " failed; replay with new SplittableRandom(" + caseSeed + "L)", e);
            }
        }
    }

    private void encodeCase(SplittableRandom r) {
        AudioCodec codec = CodecFactory.create(CONFIGS[r.nextInt(CONFIGS.length)]);
        int unit = frameSamples(codec);
        int samples = unit * r.nextInt(0, 400 / unit + 1);
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (r.nextBoolean() ? r.nextInt(-32768, 32768) : r.nextInt(-40, 41)); // edges and quiet
        }
        // the array form at a random offset, the reference for the buffer forms
        int arrayOffset = r.nextInt(0, 20);
        byte[] arrayOut = new byte[arrayOffset + codec.maxEncodedSize(samples) + r.nextInt(0, 20)];
        int expectedBytes = codec.encode(pcm, 0, samples, arrayOut, arrayOffset);
        byte[] expected = Arrays.copyOfRange(arrayOut, arrayOffset, arrayOffset + expectedBytes);
        codec.reset();

        int inLead = r.nextInt(0, 30);
        ShortBuffer in = PCM_KINDS[r.nextInt(PCM_KINDS.length)].allocate(inLead + samples + r.nextInt(0, 30));
        in.position(inLead);
        in.put(pcm);
        in.limit(inLead + samples).position(inLead);
        if (r.nextInt(3) == 0) {
            in = in.asReadOnlyBuffer();
        }
        boolean shortRoom = expectedBytes > 0 && r.nextInt(5) == 0;
        int room = shortRoom ? r.nextInt(0, expectedBytes) : expectedBytes + r.nextInt(0, 30);
        int outLead = r.nextInt(0, 30);
        ByteBuffer out = BYTE_KINDS[r.nextInt(BYTE_KINDS.length)].allocate(outLead + room + r.nextInt(0, 30));
        fill(out, (byte) 0x5A);
        out.position(outLead).limit(outLead + room);
        byte[] outBefore = AbstractAudioCodecContractTest.contents(out);
        ShortBuffer input = in;

        if (shortRoom) {
            CodecException e = catchThrowableOfType(CodecException.class, () -> codec.encode(input, out));
            assertThat(e).as("encode into too little room throws").isNotNull();
            assertThat(e.kind()).isEqualTo(CodecException.Kind.BUFFER_TOO_SMALL);
            assertThat(in.position()).isEqualTo(inLead);
            assertThat(out.position()).isEqualTo(outLead);
            assertThat(AbstractAudioCodecContractTest.contents(out)).isEqualTo(outBefore);
            return;
        }
        int written = codec.encode(in, out);
        assertThat(written).isEqualTo(expectedBytes);
        assertThat(in.position()).isEqualTo(inLead + samples);
        assertThat(out.position()).isEqualTo(outLead + written);
        assertThat(out.limit()).isEqualTo(outLead + room);
        byte[] after = AbstractAudioCodecContractTest.contents(out);
        byte[] expectedAll = outBefore.clone();
        System.arraycopy(expected, 0, expectedAll, outLead, expected.length);
        assertThat(after).isEqualTo(expectedAll);
    }

    private void decodeCase(SplittableRandom r) {
        AudioCodec codec = CodecFactory.create(CONFIGS[r.nextInt(CONFIGS.length)]);
        int unit = frameBytes(codec);
        int length = unit * r.nextInt(0, 400 / unit + 1); // whole frames of bytes
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) r.nextInt(256);
        }
        int arrayOffset = r.nextInt(0, 20);
        short[] arrayOut = new short[arrayOffset + codec.maxDecodedSize(length) + r.nextInt(0, 20)];
        int expectedSamples = codec.decode(data, 0, length, arrayOut, arrayOffset);
        short[] expected = Arrays.copyOfRange(arrayOut, arrayOffset, arrayOffset + expectedSamples);
        codec.reset();

        int inLead = r.nextInt(0, 30);
        ByteBuffer in = BYTE_KINDS[r.nextInt(BYTE_KINDS.length)].allocate(inLead + length + r.nextInt(0, 30));
        in.position(inLead);
        in.put(data);
        in.limit(inLead + length).position(inLead);
        if (r.nextInt(3) == 0) {
            in = in.asReadOnlyBuffer();
        }
        boolean shortRoom = expectedSamples > 0 && r.nextInt(5) == 0;
        int room = shortRoom ? r.nextInt(0, expectedSamples) : expectedSamples + r.nextInt(0, 30);
        int outLead = r.nextInt(0, 30);
        ShortBuffer out = PCM_KINDS[r.nextInt(PCM_KINDS.length)].allocate(outLead + room + r.nextInt(0, 30));
        for (int i = 0; i < out.capacity(); i++) {
            out.put(i, (short) 0x5A5A);
        }
        out.position(outLead).limit(outLead + room);
        short[] outBefore = AbstractAudioCodecContractTest.contents(out);
        ByteBuffer input = in;

        if (shortRoom) {
            CodecException e = catchThrowableOfType(CodecException.class, () -> codec.decode(input, out));
            assertThat(e).as("decode into too little room throws").isNotNull();
            assertThat(e.kind()).isEqualTo(CodecException.Kind.BUFFER_TOO_SMALL);
            assertThat(in.position()).isEqualTo(inLead);
            assertThat(out.position()).isEqualTo(outLead);
            assertThat(AbstractAudioCodecContractTest.contents(out)).isEqualTo(outBefore);
            return;
        }
        int written = codec.decode(in, out);
        assertThat(written).isEqualTo(expectedSamples);
        assertThat(in.position()).isEqualTo(inLead + length);
        assertThat(out.position()).isEqualTo(outLead + written);
        short[] expectedAll = outBefore.clone();
        System.arraycopy(expected, 0, expectedAll, outLead, expected.length);
        assertThat(AbstractAudioCodecContractTest.contents(out)).isEqualTo(expectedAll);
    }

    /** Samples in the smallest unit the codec encodes: a sample of every channel, or G.722's pair. */
    private static int frameSamples(AudioCodec codec) {
        return codec.info().name().equals("G722") ? 2 : codec.info().channels();
    }

    /** Bytes in the smallest unit the codec decodes: G.711's byte per channel, or one G.722 codeword. */
    private static int frameBytes(AudioCodec codec) {
        return codec.info().name().equals("G722") ? 1 : codec.info().channels();
    }

    private static void fill(ByteBuffer b, byte value) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, value);
        }
    }
}
