package io.voxcore.benchmarks;

import io.voxcore.codec.G711;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import net.sf.fmj.media.codec.audio.alaw.ALawDecoderUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** G.711 A-law decoding of one frame: A-law codes in, linear PCM out. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AlawDecodeBenchmark {

    /** Creates the benchmark (JMH does). */
    public AlawDecodeBenchmark() {
    }

    /**
     * The floor: a plain loop that widens each byte to a sample, touching the same memory.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public short[] baselineLoop(G711Frames f) {
        byte[] in = f.alaw;
        short[] out = f.pcmOut;
        for (int i = 0; i < f.size; i++) {
            out[i] = (short) (in[i] << 8);
        }
        return out;
    }

    /**
     * voxcore's static bulk kernel on arrays.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public short[] voxcoreG711(G711Frames f) {
        G711.decodeAlaw(f.alaw, 0, f.pcmOut, 0, f.size);
        return f.pcmOut;
    }

    /**
     * voxcore's {@code AudioCodec} array form, as a codec user calls it.
     *
     * @param f the frame
     * @return samples written
     */
    @Benchmark
    public int voxcoreCodecArray(G711Frames f) {
        return f.pcma.decode(f.alaw, 0, f.size, f.pcmOut, 0);
    }

    /**
     * voxcore's {@code AudioCodec} buffer form on heap buffers.
     *
     * @param f the frame
     * @return samples written
     */
    @Benchmark
    public int voxcoreCodecHeapBuffer(G711Frames f) {
        f.heapAlaw.clear();
        f.heapPcmOut.clear();
        return f.pcma.decode(f.heapAlaw, f.heapPcmOut);
    }

    /**
     * voxcore's {@code AudioCodec} buffer form on direct buffers.
     *
     * @param f the frame
     * @return samples written
     */
    @Benchmark
    public int voxcoreCodecDirectBuffer(G711Frames f) {
        f.directAlaw.clear();
        f.directPcmOut.clear();
        return f.pcma.decode(f.directAlaw, f.directPcmOut);
    }

    /**
     * FMJ's {@code ALawDecoderUtil} to little-endian PCM bytes (its only bulk form).
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] fmjALawDecoderUtil(G711Frames f) {
        ALawDecoderUtil.aLawDecodeLittleEndian(f.alaw, 0, f.size, f.pcmBytesOut);
        return f.pcmBytesOut;
    }

    /**
     * The JDK's own codec as a user reaches it: an A-law stream per frame, converted with
     * {@link AudioSystem#getAudioInputStream(javax.sound.sampled.AudioFormat, AudioInputStream)}.
     *
     * @param f the frame
     * @return bytes read
     * @throws IOException never, from a byte array
     */
    @Benchmark
    @Warmup(iterations = 5, time = 1) // the JDK path needs longer for C2 to settle; not ours to shortchange
    public int jdkAudioSystem(G711Frames f) throws IOException {
        AudioInputStream alaw = new AudioInputStream(new ByteArrayInputStream(f.alaw), G711Frames.JDK_ALAW, f.size);
        try (AudioInputStream pcm = AudioSystem.getAudioInputStream(G711Frames.JDK_PCM16, alaw)) {
            return pcm.readNBytes(f.pcmBytesOut, 0, 2 * f.size);
        }
    }
}
