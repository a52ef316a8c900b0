package io.voxcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark does the work it claims, on the shared signal: voxcore's paths produce exactly
 * what {@link G711}'s single-sample primitives (proven against the ITU in codec-core) produce, and
 * the peers' paths produce codes and samples within one quantisation step of them (FMJ and the JDK
 * use the older two's-complement quantiser, which differs from G.191 by one code at some segment
 * boundaries). A benchmark measuring zeros, a stale output or half a frame fails here.
 */
class BenchmarkWorkTest {

    private static final int SIZE = 160;
    private G711Frames f;

    @BeforeEach
    void setUp() {
        f = new G711Frames();
        f.size = SIZE;
        f.setUp();
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 160, 320, 960})
    void theSignalIsSpeechLikeNotSilence(int size) {
        short[] pcm = SpeechSignal.samples(size);
        assertThat(pcm).hasSize(size);
        int peak = 0;
        boolean[] segments = new boolean[8];
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs(s));
            segments[(~G711.linearToUlaw(s) >> 4) & 7] = true;
        }
        int used = 0;
        for (boolean b : segments) {
            used += b ? 1 : 0;
        }
        assertThat(peak).isBetween(4000, 32000);
        assertThat(used).as("mu-law segments the frame reaches").isGreaterThanOrEqualTo(5);
        assertThat(SpeechSignal.samples(size)).as("fixed seed: the same samples every time").isEqualTo(pcm);
    }

    // ---- Encoders. ----

    @Test
    void voxcoreUlawEncodersProduceTheG711Codes() {
        UlawEncodeBenchmark b = new UlawEncodeBenchmark();
        byte[] expected = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            expected[i] = G711.linearToUlaw(f.pcm[i]);
        }
        assertThat(arrayOut(() -> { b.voxcoreG711(f); return 0; })).isEqualTo(expected);
        assertThat(arrayOut(() -> b.voxcoreCodecArray(f))).isEqualTo(expected);
        assertThat(bufferOut(f.heapCodeOut, () -> b.voxcoreCodecHeapBuffer(f))).isEqualTo(expected);
        assertThat(bufferOut(f.directCodeOut, () -> b.voxcoreCodecDirectBuffer(f))).isEqualTo(expected);
    }

    @Test
    void voxcoreAlawEncodersProduceTheG711Codes() {
        AlawEncodeBenchmark b = new AlawEncodeBenchmark();
        byte[] expected = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            expected[i] = G711.linearToAlaw(f.pcm[i]);
        }
        assertThat(arrayOut(() -> { b.voxcoreG711(f); return 0; })).isEqualTo(expected);
        assertThat(arrayOut(() -> b.voxcoreCodecArray(f))).isEqualTo(expected);
        assertThat(bufferOut(f.heapCodeOut, () -> b.voxcoreCodecHeapBuffer(f))).isEqualTo(expected);
        assertThat(bufferOut(f.directCodeOut, () -> b.voxcoreCodecDirectBuffer(f))).isEqualTo(expected);
    }

    @Test
    void peerUlawEncodersEncodeTheSameFrame() throws IOException {
        UlawEncodeBenchmark b = new UlawEncodeBenchmark();
        assertUlawWithinOneStep(arrayOut(() -> { b.fmjMuLawEncoderUtil(f); return 0; }));
        assertUlawWithinOneStep(arrayOut(() -> check(b.jdkAudioSystem(f), SIZE)));
    }

    @Test
    void peerAlawEncodersEncodeTheSameFrame() throws IOException {
        AlawEncodeBenchmark b = new AlawEncodeBenchmark();
        assertAlawWithinOneStep(arrayOut(() -> { b.fmjALawEncoderUtil(f); return 0; }));
        assertAlawWithinOneStep(arrayOut(() -> check(b.jdkAudioSystem(f), SIZE)));
    }

    // ---- Decoders. ----

    @Test
    void ulawDecodersProduceTheG711Samples() throws IOException {
        UlawDecodeBenchmark b = new UlawDecodeBenchmark();
        short[] expected = new short[SIZE];
        for (int i = 0; i < SIZE; i++) {
            expected[i] = G711.ulawToLinear(f.ulaw[i]);
        }
        assertDecoders(expected, () -> { b.voxcoreG711(f); return 0; }, () -> b.voxcoreCodecArray(f),
                () -> b.voxcoreCodecHeapBuffer(f), () -> b.voxcoreCodecDirectBuffer(f),
                () -> { b.fmjMuLawDecoderUtil(f); return 0; }, () -> check(b.jdkAudioSystem(f), 2 * SIZE));
    }

    @Test
    void alawDecodersProduceTheG711Samples() throws IOException {
        AlawDecodeBenchmark b = new AlawDecodeBenchmark();
        short[] expected = new short[SIZE];
        for (int i = 0; i < SIZE; i++) {
            expected[i] = G711.alawToLinear(f.alaw[i]);
        }
        assertDecoders(expected, () -> { b.voxcoreG711(f); return 0; }, () -> b.voxcoreCodecArray(f),
                () -> b.voxcoreCodecHeapBuffer(f), () -> b.voxcoreCodecDirectBuffer(f),
                () -> { b.fmjALawDecoderUtil(f); return 0; }, () -> check(b.jdkAudioSystem(f), 2 * SIZE));
    }

    // ---- Transcoders. ----

    @Test
    void transcodersProduceTheAlawCodeOfEachUlawSample() {
        UlawToAlawBenchmark b = new UlawToAlawBenchmark();
        byte[] expected = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            expected[i] = G711.linearToAlaw(G711.ulawToLinear(f.ulaw[i]));
        }
        assertThat(arrayOut(() -> { b.voxcoreTable(f); return 0; })).isEqualTo(expected);
        assertThat(arrayOut(() -> { b.voxcoreDecodeEncode(f); return 0; })).isEqualTo(expected);
        assertThat(bufferOut(f.heapCodeOut, () -> b.voxcoreTableHeapBuffer(f))).isEqualTo(expected);
        assertThat(bufferOut(f.directCodeOut, () -> b.voxcoreTableDirectBuffer(f))).isEqualTo(expected);
        byte[] fmj = arrayOut(() -> { b.fmjDecodeEncode(f); return 0; });
        for (int i = 0; i < SIZE; i++) {
            int source = G711.ulawToLinear(f.ulaw[i]);
            assertThat(Math.abs(G711.alawToLinear(fmj[i]) - source)).as("FMJ sample %d", i)
                    .isLessThanOrEqualTo(alawStep(fmj[i]));
        }
    }

    // ---- Helpers. ----

    /** A benchmark call that may throw the JDK path's IOException. */
    private interface Call {
        int run() throws IOException;
    }

    private static int check(int count, int expected) {
        assertThat(count).as("bytes the JDK stream delivered").isEqualTo(expected);
        return count;
    }

    /** Runs a call that writes {@code f.codeOut}, after filling it with a marker, and returns a copy. */
    private byte[] arrayOut(Call call) {
        Arrays.fill(f.codeOut, (byte) 0x5A);
        try {
            call.run();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return f.codeOut.clone();
    }

    private byte[] bufferOut(ByteBuffer out, IntSupplier call) {
        for (int i = 0; i < out.capacity(); i++) {
            out.put(i, (byte) 0x5A);
        }
        assertThat(call.getAsInt()).isEqualTo(SIZE);
        byte[] copy = new byte[SIZE];
        out.get(0, copy);
        return copy;
    }

    private void assertDecoders(short[] expected, Call g711, Call array, IntSupplier heap, IntSupplier direct,
                                Call fmj, Call jdk) throws IOException {
        Arrays.fill(f.pcmOut, (short) 0x5A5A);
        g711.run();
        assertThat(f.pcmOut).as("G711 bulk").isEqualTo(expected);
        Arrays.fill(f.pcmOut, (short) 0x5A5A);
        assertThat(array.run()).isEqualTo(SIZE);
        assertThat(f.pcmOut).as("AudioCodec array").isEqualTo(expected);
        assertThat(shortsOut(f.heapPcmOut, heap)).as("heap buffers").isEqualTo(expected);
        assertThat(shortsOut(f.directPcmOut, direct)).as("direct buffers").isEqualTo(expected);
        assertThat(littleEndianOut(fmj)).as("FMJ").isEqualTo(expected);
        assertThat(littleEndianOut(jdk)).as("JDK AudioSystem").isEqualTo(expected);
    }

    private short[] shortsOut(ShortBuffer out, IntSupplier call) {
        for (int i = 0; i < out.capacity(); i++) {
            out.put(i, (short) 0x5A5A);
        }
        assertThat(call.getAsInt()).isEqualTo(SIZE);
        short[] copy = new short[SIZE];
        out.get(0, copy);
        return copy;
    }

    private short[] littleEndianOut(Call call) throws IOException {
        Arrays.fill(f.pcmBytesOut, (byte) 0x5A);
        call.run();
        short[] samples = new short[SIZE];
        for (int i = 0; i < SIZE; i++) {
            samples[i] = (short) ((f.pcmBytesOut[2 * i] & 0xFF) | (f.pcmBytesOut[2 * i + 1] << 8));
        }
        return samples;
    }

    private void assertUlawWithinOneStep(byte[] codes) {
        for (int i = 0; i < SIZE; i++) {
            int exponent = (~codes[i] >> 4) & 7;
            assertThat(Math.abs(G711.ulawToLinear(codes[i]) - f.pcm[i])).as("sample %d", i)
                    .isLessThanOrEqualTo(8 << exponent);
        }
    }

    private void assertAlawWithinOneStep(byte[] codes) {
        for (int i = 0; i < SIZE; i++) {
            assertThat(Math.abs(G711.alawToLinear(codes[i]) - f.pcm[i])).as("sample %d", i)
                    .isLessThanOrEqualTo(alawStep(codes[i]));
        }
    }

    private static int alawStep(byte code) {
        int exponent = ((code ^ 0x55) & 0x7F) >> 4;
        return exponent <= 1 ? 16 : 16 << (exponent - 1);
    }
}
