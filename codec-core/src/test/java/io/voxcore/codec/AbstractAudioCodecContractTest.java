package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxcore.codec.testkit.ItuVectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link AudioCodec} contract, run over every codec (one subclass each) and every buffer
 * kind: arrays with offsets, heap, direct, view, read-only, sliced, with non-zero position and
 * limit, and one frame at a time. Every form must give the bytes of the reference, which a
 * subclass obtains independently of the codec (for G.711: {@link G711}'s ITU-proven single-sample
 * primitives; for L16: the JDK's big-endian {@link ByteBuffer#putShort}; for G.722: the ITU-T
 * G.191 vector files).
 *
 * <p>A codec codes whole <em>frames</em>: {@link #frameSamples()} samples to
 * {@link #frameBytes()} bytes (G.711 stereo: 2 samples to 2 bytes; L16 mono: 1 to 2; G.722: 2 to
 * 1). A codec may keep state between calls (G.722 does), so every test starts from a new or
 * {@linkplain AudioCodec#reset() reset} codec and feeds its input in stream order.
 *
 * <p>The second half is misuse: each bad call fails with its own kind and the values in the
 * message, writes nothing, moves no position, changes no state, and leaves the codec working.
 */
abstract class AbstractAudioCodecContractTest {

    /** Padding before and after every window, so that bytes outside it can be checked. */
    static final int PAD = 13;
    static final byte BYTE_SENTINEL = (byte) 0xA5;
    static final short SHORT_SENTINEL = (short) 0xA5A5;
    static final byte BYTE_JUNK = (byte) 0x3C;
    static final short SHORT_JUNK = (short) 0x3C3C;

    /** A new codec instance for one test. */
    abstract AudioCodec newCodec();

    /** Interleaved channels of {@link #newCodec()}. */
    abstract int channels();

    /** Samples (all channels together) in the smallest unit the codec codes. */
    abstract int frameSamples();

    /** Encoded bytes of {@link #frameSamples()} samples. */
    abstract int frameBytes();

    /** What a whole-frame error message calls the unit, for example "2-channel" or "2-sample". */
    abstract String frameWord();

    /** The reference encoding of a stream of whole frames, from the initial state. */
    abstract byte[] referenceEncode(short[] pcm);

    /** The reference decoding of a payload of whole frames, from the initial state. */
    abstract short[] referenceDecode(byte[] data);

    /** Encoded bytes of {@code samples} samples (whole frames). */
    final int encodedSize(int samples) {
        return samples / frameSamples() * frameBytes();
    }

    /** Decoded samples of {@code bytes} bytes (whole frames). */
    final int decodedSize(int bytes) {
        return bytes / frameBytes() * frameSamples();
    }

    // ---- inputs ----

    /** The signals every encode test runs on. */
    enum Signal {
        /** Every 16-bit value once, -32768 up (65,536 samples: whole frames for 1 or 2 channels). */
        RAMP,
        /** Seeded random samples, full scale, 48,000 of them. */
        RANDOM
    }

    short[] samples(Signal signal) {
        if (signal == Signal.RAMP) {
            return ItuVectors.ramp();
        }
        Random random = new Random(0x5EED);
        short[] pcm = new short[48_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) random.nextInt(1 << 16);
        }
        return pcm;
    }

    /** The payloads every decode test runs on: every byte value and seeded random bytes. */
    enum Payload {
        /** Every 16-bit word once, big-endian (131,072 bytes), so every byte value many times. */
        ALL_VALUES,
        /** Seeded random bytes, 30,000 of them. */
        RANDOM
    }

    byte[] bytes(Payload payload) {
        byte[] data;
        if (payload == Payload.ALL_VALUES) {
            // Every 16-bit word once, big-endian: the single bytes cover every code too.
            data = new byte[2 * 65_536];
            for (int word = 0; word < 65_536; word++) {
                data[2 * word] = (byte) (word >> 8);
                data[2 * word + 1] = (byte) word;
            }
        } else {
            data = new byte[30_000];
            new Random(0xB17E5).nextBytes(data);
        }
        int unit = frameBytes();
        return Arrays.copyOf(data, data.length - data.length % unit);
    }

    // ---- buffer kinds ----

    /** Kinds of {@link ShortBuffer}. */
    enum PcmKind {
        HEAP,
        HEAP_SLICED,
        HEAP_BYTE_VIEW,
        DIRECT_VIEW_BIG_ENDIAN,
        DIRECT_VIEW_LITTLE_ENDIAN,
        DIRECT_VIEW_SLICED;

        ShortBuffer allocate(int capacity) {
            switch (this) {
                case HEAP:
                    return ShortBuffer.allocate(capacity);
                case HEAP_SLICED:
                    return ShortBuffer.allocate(capacity + 11).position(11).slice();
                case HEAP_BYTE_VIEW:
                    return ByteBuffer.allocate(2 * capacity).asShortBuffer();
                case DIRECT_VIEW_BIG_ENDIAN:
                    return ByteBuffer.allocateDirect(2 * capacity).asShortBuffer();
                case DIRECT_VIEW_LITTLE_ENDIAN:
                    return ByteBuffer.allocateDirect(2 * capacity).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                case DIRECT_VIEW_SLICED:
                    return ByteBuffer.allocateDirect(2 * capacity + 6).position(6).slice()
                            .order(ByteOrder.nativeOrder()).asShortBuffer();
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /** Kinds of {@link ByteBuffer}. */
    enum ByteKind {
        HEAP,
        HEAP_SLICED,
        DIRECT,
        DIRECT_SLICED;

        ByteBuffer allocate(int capacity) {
            switch (this) {
                case HEAP:
                    return ByteBuffer.allocate(capacity);
                case HEAP_SLICED:
                    return ByteBuffer.allocate(capacity + 9).position(9).slice();
                case DIRECT:
                    return ByteBuffer.allocateDirect(capacity);
                case DIRECT_SLICED:
                    return ByteBuffer.allocateDirect(capacity + 9).position(9).slice();
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /** An input window: junk, then the samples at [PAD, PAD + n), then junk; read-only if asked. */
    static ShortBuffer pcmInput(PcmKind kind, short[] pcm, boolean readOnly) {
        ShortBuffer buf = kind.allocate(pcm.length + 2 * PAD);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, SHORT_JUNK);
        }
        buf.position(PAD);
        buf.put(pcm);
        buf.position(PAD).limit(PAD + pcm.length);
        return readOnly ? buf.asReadOnlyBuffer() : buf;
    }

    static ByteBuffer byteInput(ByteKind kind, byte[] data, boolean readOnly) {
        ByteBuffer buf = kind.allocate(data.length + 2 * PAD);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, BYTE_JUNK);
        }
        buf.position(PAD);
        buf.put(data);
        buf.position(PAD).limit(PAD + data.length);
        return readOnly ? buf.asReadOnlyBuffer() : buf;
    }

    /** An output filled with the sentinel, position PAD, limit a little short of capacity. */
    static ByteBuffer byteOutput(ByteKind kind, int room) {
        ByteBuffer buf = kind.allocate(room + 2 * PAD);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, BYTE_SENTINEL);
        }
        buf.position(PAD).limit(buf.capacity() - PAD / 2);
        return buf;
    }

    static ShortBuffer pcmOutput(PcmKind kind, int room) {
        ShortBuffer buf = kind.allocate(room + 2 * PAD);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, SHORT_SENTINEL);
        }
        buf.position(PAD).limit(buf.capacity() - PAD / 2);
        return buf;
    }

    static byte[] contents(ByteBuffer buffer) {
        ByteBuffer all = buffer.duplicate();
        all.clear();
        byte[] bytes = new byte[all.capacity()];
        all.get(bytes);
        return bytes;
    }

    static short[] contents(ShortBuffer buffer) {
        ShortBuffer all = buffer.duplicate();
        all.clear();
        short[] shorts = new short[all.capacity()];
        all.get(shorts);
        return shorts;
    }

    /** What a whole output of {@code capacity} bytes must hold: sentinel, then {@code window} at PAD. */
    static byte[] expectedBytes(int capacity, byte[] window) {
        byte[] expected = new byte[capacity];
        Arrays.fill(expected, BYTE_SENTINEL);
        System.arraycopy(window, 0, expected, PAD, window.length);
        return expected;
    }

    static short[] expectedShorts(int capacity, short[] window) {
        short[] expected = new short[capacity];
        Arrays.fill(expected, SHORT_SENTINEL);
        System.arraycopy(window, 0, expected, PAD, window.length);
        return expected;
    }

    static Stream<Arguments> encodeBufferKinds() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Signal signal : Signal.values()) {
            for (PcmKind in : PcmKind.values()) {
                for (boolean readOnly : new boolean[] {false, true}) {
                    for (ByteKind out : ByteKind.values()) {
                        b.add(Arguments.of(signal, in, readOnly, out));
                    }
                }
            }
        }
        return b.build();
    }

    static Stream<Arguments> decodeBufferKinds() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Payload payload : Payload.values()) {
            for (ByteKind in : ByteKind.values()) {
                for (boolean readOnly : new boolean[] {false, true}) {
                    for (PcmKind out : PcmKind.values()) {
                        b.add(Arguments.of(payload, in, readOnly, out));
                    }
                }
            }
        }
        return b.build();
    }

    // ---- the contract: every form gives the reference bytes ----

    @ParameterizedTest
    @EnumSource(Signal.class)
    void convenienceEncodeMatchesReference(Signal signal) {
        short[] pcm = samples(signal);
        assertThat(newCodec().encode(pcm)).isEqualTo(referenceEncode(pcm));
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void convenienceDecodeMatchesReference(Payload payload) {
        byte[] data = bytes(payload);
        assertThat(newCodec().decode(data)).isEqualTo(referenceDecode(data));
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void arrayEncodeWithOffsetsWritesOnlyItsWindow(Signal signal) {
        short[] pcm = samples(signal);
        short[] in = new short[pcm.length + 2 * PAD];
        Arrays.fill(in, SHORT_JUNK);
        System.arraycopy(pcm, 0, in, PAD, pcm.length);
        short[] inBefore = in.clone();
        int needed = encodedSize(pcm.length);
        byte[] out = new byte[needed + 2 * PAD];
        Arrays.fill(out, BYTE_SENTINEL);

        int written = newCodec().encode(in, PAD, pcm.length, out, PAD);

        assertThat(written).isEqualTo(needed);
        assertThat(out).isEqualTo(expectedBytes(out.length, referenceEncode(pcm)));
        assertThat(in).as("input untouched").isEqualTo(inBefore);
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void arrayDecodeWithOffsetsWritesOnlyItsWindow(Payload payload) {
        byte[] data = bytes(payload);
        byte[] in = new byte[data.length + 2 * PAD];
        Arrays.fill(in, BYTE_JUNK);
        System.arraycopy(data, 0, in, PAD, data.length);
        byte[] inBefore = in.clone();
        int samples = decodedSize(data.length);
        short[] out = new short[samples + 2 * PAD];
        Arrays.fill(out, SHORT_SENTINEL);

        int written = newCodec().decode(in, PAD, data.length, out, PAD);

        assertThat(written).isEqualTo(samples);
        assertThat(out).isEqualTo(expectedShorts(out.length, referenceDecode(data)));
        assertThat(in).as("input untouched").isEqualTo(inBefore);
    }

    @ParameterizedTest(name = "{0} from {1} readOnly={2} into {3}")
    @MethodSource("encodeBufferKinds")
    void bufferEncodeMatchesReference(Signal signal, PcmKind inKind, boolean readOnly, ByteKind outKind) {
        short[] pcm = samples(signal);
        ShortBuffer in = pcmInput(inKind, pcm, readOnly);
        short[] inBefore = contents(in);
        int needed = encodedSize(pcm.length);
        ByteBuffer out = byteOutput(outKind, needed);
        int outLimit = out.limit();

        int written = newCodec().encode(in, out);

        assertThat(written).isEqualTo(needed);
        assertThat(in.position()).as("input position").isEqualTo(PAD + pcm.length);
        assertThat(in.limit()).as("input limit").isEqualTo(PAD + pcm.length);
        assertThat(out.position()).as("output position").isEqualTo(PAD + needed);
        assertThat(out.limit()).as("output limit").isEqualTo(outLimit);
        assertThat(contents(out)).isEqualTo(expectedBytes(out.capacity(), referenceEncode(pcm)));
        assertThat(contents(in)).as("input untouched").isEqualTo(inBefore);
    }

    @ParameterizedTest(name = "{0} from {1} readOnly={2} into {3}")
    @MethodSource("decodeBufferKinds")
    void bufferDecodeMatchesReference(Payload payload, ByteKind inKind, boolean readOnly, PcmKind outKind) {
        byte[] data = bytes(payload);
        ByteBuffer in = byteInput(inKind, data, readOnly);
        byte[] inBefore = contents(in);
        int samples = decodedSize(data.length);
        ShortBuffer out = pcmOutput(outKind, samples);
        int outLimit = out.limit();

        int written = newCodec().decode(in, out);

        assertThat(written).isEqualTo(samples);
        assertThat(in.position()).as("input position").isEqualTo(PAD + data.length);
        assertThat(in.limit()).as("input limit").isEqualTo(PAD + data.length);
        assertThat(out.position()).as("output position").isEqualTo(PAD + samples);
        assertThat(out.limit()).as("output limit").isEqualTo(outLimit);
        assertThat(contents(out)).isEqualTo(expectedShorts(out.capacity(), referenceDecode(data)));
        assertThat(contents(in)).as("input untouched").isEqualTo(inBefore);
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void arrayEncodeOneFrameAtATime(Signal signal) {
        short[] pcm = samples(signal);
        AudioCodec codec = newCodec();
        int frame = frameSamples();
        byte[] out = new byte[encodedSize(pcm.length)];
        for (int i = 0; i < pcm.length; i += frame) {
            assertThat(codec.encode(pcm, i, frame, out, encodedSize(i))).isEqualTo(frameBytes());
        }
        assertThat(out).isEqualTo(referenceEncode(pcm));
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void arrayDecodeOneFrameAtATime(Payload payload) {
        byte[] data = bytes(payload);
        AudioCodec codec = newCodec();
        int unit = frameBytes();
        short[] out = new short[decodedSize(data.length)];
        for (int i = 0; i < data.length; i += unit) {
            assertThat(codec.decode(data, i, unit, out, decodedSize(i))).isEqualTo(frameSamples());
        }
        assertThat(out).isEqualTo(referenceDecode(data));
    }

    @ParameterizedTest
    @EnumSource(value = PcmKind.class, names = {"HEAP", "DIRECT_VIEW_BIG_ENDIAN"})
    void bufferEncodeOneFrameAtATime(PcmKind kind) {
        short[] pcm = samples(Signal.RANDOM);
        AudioCodec codec = newCodec();
        ShortBuffer in = pcmInput(kind, pcm, false);
        ByteBuffer out = byteOutput(kind == PcmKind.HEAP ? ByteKind.HEAP : ByteKind.DIRECT, encodedSize(pcm.length));
        int outLimit = out.limit();
        int frame = frameSamples();
        for (int i = 0; i < pcm.length; i += frame) {
            in.limit(PAD + i + frame);
            assertThat(codec.encode(in, out)).isEqualTo(frameBytes());
            assertThat(in.position()).isEqualTo(PAD + i + frame);
            assertThat(out.position()).isEqualTo(PAD + encodedSize(i + frame));
            assertThat(out.limit()).isEqualTo(outLimit);
        }
        assertThat(contents(out)).isEqualTo(expectedBytes(out.capacity(), referenceEncode(pcm)));
    }

    @ParameterizedTest
    @EnumSource(value = ByteKind.class, names = {"HEAP", "DIRECT"})
    void bufferDecodeOneFrameAtATime(ByteKind kind) {
        byte[] data = bytes(Payload.RANDOM);
        int unit = frameBytes();
        AudioCodec codec = newCodec();
        ByteBuffer in = byteInput(kind, data, false);
        ShortBuffer out = pcmOutput(kind == ByteKind.HEAP ? PcmKind.HEAP : PcmKind.DIRECT_VIEW_BIG_ENDIAN,
                decodedSize(data.length));
        for (int i = 0; i < data.length; i += unit) {
            in.limit(PAD + i + unit);
            assertThat(codec.decode(in, out)).isEqualTo(frameSamples());
            assertThat(in.position()).isEqualTo(PAD + i + unit);
            assertThat(out.position()).isEqualTo(PAD + decodedSize(i + unit));
        }
        assertThat(contents(out)).isEqualTo(expectedShorts(out.capacity(), referenceDecode(data)));
    }

    @Test
    void emptyInputWritesNothingAndMovesNothing() {
        AudioCodec codec = newCodec();
        byte[] out = {BYTE_SENTINEL};
        short[] pcmOut = {SHORT_SENTINEL};
        assertThat(codec.encode(new short[4], 4, 0, out, 1)).isZero();
        assertThat(codec.decode(new byte[4], 4, 0, pcmOut, 1)).isZero();
        assertThat(out).containsExactly(BYTE_SENTINEL);
        assertThat(pcmOut).containsExactly(SHORT_SENTINEL);
        ShortBuffer in = ShortBuffer.allocate(4).position(4);
        ByteBuffer bytes = ByteBuffer.allocateDirect(4).position(2);
        assertThat(codec.encode(in, bytes)).isZero();
        assertThat(in.position()).isEqualTo(4);
        assertThat(bytes.position()).isEqualTo(2);
        assertThat(codec.encode(new short[0])).isEmpty();
        assertThat(codec.decode(new byte[0])).isEmpty();
    }

    @Test
    void sizesAndInfo() {
        AudioCodec codec = newCodec();
        assertThat(codec.info().channels()).isEqualTo(channels());
        assertThat(codec.maxEncodedSize(0)).isZero();
        assertThat(codec.maxEncodedSize(160 * frameSamples())).isEqualTo(160 * frameBytes());
        assertThat(codec.maxDecodedSize(160 * frameBytes())).isEqualTo(160 * frameSamples());
        assertThat(codec.maxDecodedSize(0)).isZero();
        assertThatThrownBy(() -> codec.maxEncodedSize(-1)).isInstanceOfSatisfying(CodecException.class,
                e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_ARGUMENT)).hasMessageContaining("-1");
        assertThatThrownBy(() -> codec.maxDecodedSize(-3)).isInstanceOfSatisfying(CodecException.class,
                e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_ARGUMENT)).hasMessageContaining("-3");
    }

    @Test
    void resetKeepsResultsAndInstancesAreIndependent() {
        short[] pcm = samples(Signal.RANDOM);
        AudioCodec codec = newCodec();
        byte[] first = codec.encode(pcm);
        codec.reset();
        assertThat(codec.encode(pcm)).isEqualTo(first).isEqualTo(referenceEncode(pcm));
        assertThat(newCodec()).isNotSameAs(codec);
    }

    /**
     * Array and buffer forms (heap, direct, direct view, read-only) and {@code reset()} allocate
     * nothing once warm, measured with the thread's allocation counter, which is exact and not
     * time-based. One allocation per call would be at least 16 bytes times 7 calls times 1,000
     * rounds in every window; the bound of under one byte per round, in the best of three windows,
     * tolerates a one-off JVM allocation (seen: 56 bytes once, and 1,160 bytes once on a machine at
     * load 21, on a thread that also runs JIT-compiled transitions) while still failing for any
     * per-call one.
     */
    @Test
    void hotPathsDoNotAllocate() {
        java.lang.management.ThreadMXBean plain = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean, "no com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        AudioCodec codec = newCodec();
        short[] pcm = Arrays.copyOf(samples(Signal.RANDOM), 960 * frameSamples());
        int bytes = encodedSize(pcm.length);
        byte[] out = new byte[bytes];
        short[] back = new short[pcm.length];
        ShortBuffer heapPcm = ShortBuffer.wrap(pcm);
        ShortBuffer directPcm = ByteBuffer.allocateDirect(2 * pcm.length).asShortBuffer().put(pcm);
        ShortBuffer readOnlyPcm = ShortBuffer.wrap(pcm).asReadOnlyBuffer();
        ByteBuffer heapOut = ByteBuffer.allocate(bytes);
        ByteBuffer directOut = ByteBuffer.allocateDirect(bytes);
        ShortBuffer heapBack = ShortBuffer.allocate(pcm.length);
        ShortBuffer directBack = ByteBuffer.allocateDirect(2 * pcm.length).asShortBuffer();

        long[] checksum = new long[1];
        Runnable round = () -> {
            codec.reset(); // a stateful codec then gives the reference in the array forms below
            checksum[0] += codec.encode(pcm, 0, pcm.length, out, 0);
            checksum[0] += codec.decode(out, 0, out.length, back, 0);
            heapPcm.clear();
            heapOut.clear();
            checksum[0] += codec.encode(heapPcm, heapOut);
            directPcm.clear();
            directOut.clear();
            checksum[0] += codec.encode(directPcm, directOut);
            readOnlyPcm.clear();
            directOut.clear();
            checksum[0] += codec.encode(readOnlyPcm, directOut);
            heapOut.flip();
            heapBack.clear();
            checksum[0] += codec.decode(heapOut, heapBack);
            directOut.flip();
            directBack.clear();
            checksum[0] += codec.decode(directOut, directBack);
        };
        for (int i = 0; i < 5_000; i++) {
            round.run();
        }
        threads.getCurrentThreadAllocatedBytes(); // any lazy set-up of the counter happens here
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000; i++) {
                round.run();
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }

        assertThat(allocated).as("bytes allocated by 1,000 rounds of every form and reset(), best of 3 windows")
                .isLessThan(1_000L);
        assertThat(checksum[0]).isEqualTo(8_000L * (4L * bytes + 3L * pcm.length));
        assertThat(back).isEqualTo(referenceDecode(referenceEncode(pcm)));
    }

    // ---- misuse ----

    /**
     * The codec still gives the reference after a failed call, from the state it was in before
     * that call: the initial state, as each misuse test fails calls only on a new codec or right
     * after this method, which leaves the codec reset. So a failed call that changed a stateful
     * codec's state fails here.
     */
    void assertStillWorks(AudioCodec codec) {
        short[] pcm = Arrays.copyOf(samples(Signal.RANDOM), 320 * frameSamples());
        byte[] out = new byte[encodedSize(pcm.length)];
        assertThat(codec.encode(pcm, 0, pcm.length, out, 0)).isEqualTo(out.length);
        assertThat(out).as("encode after a failed call").isEqualTo(referenceEncode(pcm));
        codec.reset();
        ByteBuffer direct = ByteBuffer.allocateDirect(out.length);
        assertThat(codec.encode(ShortBuffer.wrap(pcm), direct)).isEqualTo(out.length);
        assertThat(contents(direct)).isEqualTo(out);
        short[] back = new short[pcm.length];
        assertThat(codec.decode(out, 0, out.length, back, 0)).isEqualTo(pcm.length);
        assertThat(back).as("decode after a failed call").isEqualTo(referenceDecode(out));
        codec.reset();
    }

    void assertCodecException(ThrowingCallable call, CodecException.Kind kind, String... fragments) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContainingAll(fragments);
    }

    @Test
    void nullArgumentsNameTheParameter() {
        AudioCodec codec = newCodec();
        short[] pcm = new short[frameSamples()];
        byte[] data = new byte[frameBytes()];
        assertThatThrownBy(() -> codec.encode(null, 0, 0, data, 0)).isInstanceOf(NullPointerException.class).hasMessage("pcm");
        assertThatThrownBy(() -> codec.encode(pcm, 0, 0, null, 0)).isInstanceOf(NullPointerException.class).hasMessage("out");
        assertThatThrownBy(() -> codec.decode(null, 0, 0, pcm, 0)).isInstanceOf(NullPointerException.class).hasMessage("data");
        assertThatThrownBy(() -> codec.decode(data, 0, 0, null, 0)).isInstanceOf(NullPointerException.class).hasMessage("pcm");
        assertThatThrownBy(() -> codec.encode(null, ByteBuffer.allocate(4))).isInstanceOf(NullPointerException.class).hasMessage("pcm");
        assertThatThrownBy(() -> codec.encode(ShortBuffer.allocate(4), null)).isInstanceOf(NullPointerException.class).hasMessage("out");
        assertThatThrownBy(() -> codec.decode(null, ShortBuffer.allocate(4))).isInstanceOf(NullPointerException.class).hasMessage("data");
        assertThatThrownBy(() -> codec.decode(ByteBuffer.allocate(4), null)).isInstanceOf(NullPointerException.class).hasMessage("pcm");
        assertStillWorks(codec);
    }

    @Test
    void negativeCountsAndOffsetsAndRangesPastTheEnd() {
        AudioCodec codec = newCodec();
        int ch = frameSamples();
        short[] pcm = new short[10 * ch];
        byte[] out = new byte[10 * frameBytes()];
        Arrays.fill(out, BYTE_SENTINEL);
        byte[] untouched = out.clone();
        assertThatThrownBy(() -> codec.encode(pcm, 0, -ch, out, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-" + ch);
        assertStillWorks(codec);
        assertThatThrownBy(() -> codec.encode(pcm, -1, ch, out, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-1");
        assertStillWorks(codec);
        assertThatThrownBy(() -> codec.encode(pcm, 0, ch, out, -1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContainingAll("-1", Integer.toString(out.length));
        assertStillWorks(codec);
        assertThatThrownBy(() -> codec.encode(pcm, 0, ch, out, out.length + 1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContainingAll(Integer.toString(out.length + 1), Integer.toString(out.length));
        assertStillWorks(codec);
        assertThatThrownBy(() -> codec.encode(pcm, ch, pcm.length, out, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContainingAll(Integer.toString(ch), Integer.toString(pcm.length));
        assertStillWorks(codec);
        assertThat(out).isEqualTo(untouched);

        short[] pcmOut = new short[10 * ch];
        Arrays.fill(pcmOut, SHORT_SENTINEL);
        short[] pcmUntouched = pcmOut.clone();
        int unit = frameBytes();
        assertThatThrownBy(() -> codec.decode(out, 0, -unit, pcmOut, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-" + unit);
        assertStillWorks(codec);
        assertThatThrownBy(() -> codec.decode(out, -1, unit, pcmOut, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-1");
        assertStillWorks(codec);
        assertThatThrownBy(() -> codec.decode(out, 0, unit, pcmOut, -1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContainingAll("-1", Integer.toString(pcmOut.length));
        assertStillWorks(codec);
        assertThatThrownBy(() -> codec.decode(out, unit, out.length, pcmOut, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining(Integer.toString(out.length));
        assertStillWorks(codec);
        assertThat(pcmOut).isEqualTo(pcmUntouched);
    }

    @Test
    void arrayOutputTooSmallWritesNothing() {
        AudioCodec codec = newCodec();
        short[] pcm = Arrays.copyOf(samples(Signal.RANDOM), 160 * frameSamples());
        int needed = encodedSize(pcm.length);
        byte[] out = new byte[needed + 3];
        Arrays.fill(out, BYTE_SENTINEL);
        byte[] untouched = out.clone();
        int has = needed - 1;
        assertCodecException(() -> codec.encode(pcm, 0, pcm.length, out, 4), CodecException.Kind.BUFFER_TOO_SMALL,
                "needs " + needed + " bytes", "has " + has);
        assertThat(out).isEqualTo(untouched);
        assertStillWorks(codec);

        byte[] data = referenceEncode(pcm);
        short[] pcmOut = new short[pcm.length + 2];
        Arrays.fill(pcmOut, SHORT_SENTINEL);
        short[] pcmUntouched = pcmOut.clone();
        assertCodecException(() -> codec.decode(data, 0, data.length, pcmOut, 3), CodecException.Kind.BUFFER_TOO_SMALL,
                "needs " + pcm.length + " samples", "has " + (pcm.length - 1));
        assertThat(pcmOut).isEqualTo(pcmUntouched);
        assertStillWorks(codec);
    }

    @ParameterizedTest
    @EnumSource(ByteKind.class)
    void bufferOutputTooSmallWritesNothingAndMovesNothing(ByteKind kind) {
        AudioCodec codec = newCodec();
        short[] pcm = Arrays.copyOf(samples(Signal.RANDOM), 160 * frameSamples());
        int needed = encodedSize(pcm.length);
        ShortBuffer in = pcmInput(kind == ByteKind.DIRECT ? PcmKind.DIRECT_VIEW_BIG_ENDIAN : PcmKind.HEAP, pcm, false);
        ByteBuffer out = byteOutput(kind, needed);
        out.limit(out.position() + needed - 1);
        byte[] untouched = contents(out);
        assertCodecException(() -> codec.encode(in, out), CodecException.Kind.BUFFER_TOO_SMALL,
                "needs " + needed + " bytes", "has " + (needed - 1));
        assertThat(in.position()).isEqualTo(PAD);
        assertThat(out.position()).isEqualTo(PAD);
        assertThat(contents(out)).isEqualTo(untouched);
        assertStillWorks(codec);

        byte[] data = referenceEncode(pcm);
        ByteBuffer dataIn = byteInput(kind, data, false);
        ShortBuffer pcmOut = pcmOutput(kind == ByteKind.DIRECT ? PcmKind.DIRECT_VIEW_BIG_ENDIAN : PcmKind.HEAP, pcm.length);
        pcmOut.limit(pcmOut.position() + pcm.length - 1);
        short[] pcmUntouched = contents(pcmOut);
        assertCodecException(() -> codec.decode(dataIn, pcmOut), CodecException.Kind.BUFFER_TOO_SMALL,
                "needs " + pcm.length + " samples", "has " + (pcm.length - 1));
        assertThat(dataIn.position()).isEqualTo(PAD);
        assertThat(pcmOut.position()).isEqualTo(PAD);
        assertThat(contents(pcmOut)).isEqualTo(pcmUntouched);
        assertStillWorks(codec);
    }

    @Test
    void readOnlyOutputBuffersAreRefused() {
        AudioCodec codec = newCodec();
        short[] pcm = Arrays.copyOf(samples(Signal.RANDOM), 8 * frameSamples());
        for (ByteKind kind : ByteKind.values()) {
            ShortBuffer in = pcmInput(PcmKind.HEAP, pcm, false);
            ByteBuffer out = byteOutput(kind, encodedSize(pcm.length)).asReadOnlyBuffer();
            assertCodecException(() -> codec.encode(in, out), CodecException.Kind.INVALID_ARGUMENT, "read-only");
            assertThat(in.position()).isEqualTo(PAD);
            assertThat(out.position()).isEqualTo(PAD);
            assertStillWorks(codec);
        }
        byte[] data = referenceEncode(pcm);
        for (PcmKind kind : PcmKind.values()) {
            ByteBuffer in = byteInput(ByteKind.HEAP, data, false);
            ShortBuffer out = pcmOutput(kind, pcm.length).asReadOnlyBuffer();
            assertCodecException(() -> codec.decode(in, out), CodecException.Kind.INVALID_ARGUMENT, "read-only");
            assertThat(in.position()).isEqualTo(PAD);
            assertThat(out.position()).isEqualTo(PAD);
            assertStillWorks(codec);
        }
    }

    /** A payload that ends in a partial sample (or a partial frame of all channels). */
    @Test
    void partialSamplePayloadIsInvalid() {
        int unit = frameBytes();
        assumeTrue(unit > 1, "every byte count is whole frames for a codec with 1-byte frames");
        AudioCodec codec = newCodec();
        byte[] data = new byte[4 * unit + 1];
        short[] out = new short[data.length];
        Arrays.fill(out, SHORT_SENTINEL);
        short[] untouched = out.clone();
        assertCodecException(() -> codec.decode(data, 0, data.length, out, 0), CodecException.Kind.INVALID_PAYLOAD,
                data.length + " bytes", Integer.toString(unit));
        assertThat(out).isEqualTo(untouched);
        assertStillWorks(codec);
        ByteBuffer in = byteInput(ByteKind.DIRECT, data, false);
        ShortBuffer pcm = pcmOutput(PcmKind.DIRECT_VIEW_BIG_ENDIAN, data.length);
        assertCodecException(() -> codec.decode(in, pcm), CodecException.Kind.INVALID_PAYLOAD, data.length + " bytes");
        assertThat(in.position()).isEqualTo(PAD);
        assertThat(pcm.position()).isEqualTo(PAD);
        assertStillWorks(codec);
    }

    @Test
    void sampleCountMustBeWholeFrames() {
        int ch = frameSamples();
        assumeTrue(ch > 1, "every sample count is whole frames for a codec with 1-sample frames");
        AudioCodec codec = newCodec();
        short[] pcm = new short[4 * ch + 1];
        byte[] out = new byte[2 * pcm.length + 2];
        Arrays.fill(out, BYTE_SENTINEL);
        byte[] untouched = out.clone();
        assertCodecException(() -> codec.encode(pcm, 0, pcm.length, out, 0), CodecException.Kind.INVALID_ARGUMENT,
                pcm.length + " samples", frameWord());
        assertThat(out).isEqualTo(untouched);
        assertStillWorks(codec);
        ShortBuffer in = pcmInput(PcmKind.HEAP, pcm, false);
        ByteBuffer outBuf = byteOutput(ByteKind.DIRECT, out.length);
        assertCodecException(() -> codec.encode(in, outBuf), CodecException.Kind.INVALID_ARGUMENT,
                pcm.length + " samples", frameWord());
        assertThat(in.position()).isEqualTo(PAD);
        assertThat(outBuf.position()).isEqualTo(PAD);
        assertStillWorks(codec);
    }
}
