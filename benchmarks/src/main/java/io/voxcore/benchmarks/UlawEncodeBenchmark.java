package io.voxcore.benchmarks;

import io.voxcore.codec.G711;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import net.sf.fmj.media.codec.audio.ulaw.MuLawEncoderUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** G.711 mu-law encoding of one frame: linear PCM in, mu-law codes out. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class UlawEncodeBenchmark {

    /** Creates the benchmark (JMH does). */
    public UlawEncodeBenchmark() {
    }

    /**
     * The floor: a plain loop that narrows each sample to a byte, touching the same memory.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] baselineLoop(G711Frames f) {
        short[] in = f.pcm;
        byte[] out = f.codeOut;
        for (int i = 0; i < f.size; i++) {
            out[i] = (byte) (in[i] >> 8);
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
    public byte[] voxcoreG711(G711Frames f) {
        G711.encodeUlaw(f.pcm, 0, f.codeOut, 0, f.size);
        return f.codeOut;
    }

    /**
     * voxcore's {@code AudioCodec} array form, as a codec user calls it.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreCodecArray(G711Frames f) {
        return f.pcmu.encode(f.pcm, 0, f.size, f.codeOut, 0);
    }

    /**
     * voxcore's {@code AudioCodec} buffer form on heap buffers.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreCodecHeapBuffer(G711Frames f) {
        f.heapPcm.clear();
        f.heapCodeOut.clear();
        return f.pcmu.encode(f.heapPcm, f.heapCodeOut);
    }

    /**
     * voxcore's {@code AudioCodec} buffer form on direct buffers.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreCodecDirectBuffer(G711Frames f) {
        f.directPcm.clear();
        f.directCodeOut.clear();
        return f.pcmu.encode(f.directPcm, f.directCodeOut);
    }

    /**
     * FMJ's {@code MuLawEncoderUtil} on little-endian PCM bytes (its only bulk form).
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] fmjMuLawEncoderUtil(G711Frames f) {
        MuLawEncoderUtil.muLawEncodeLittleEndian(f.pcmLittleEndian, 0, 2 * f.size, f.codeOut);
        return f.codeOut;
    }

    /**
     * The JDK's own codec as a user reaches it: a PCM stream per frame, converted with
     * {@link AudioSystem#getAudioInputStream(javax.sound.sampled.AudioFormat, AudioInputStream)}.
     *
     * @param f the frame
     * @return bytes read
     * @throws IOException never, from a byte array
     */
    @Benchmark
    @Warmup(iterations = 5, time = 1) // the JDK path needs longer for C2 to settle; not ours to shortchange
    public int jdkAudioSystem(G711Frames f) throws IOException {
        AudioInputStream pcm = new AudioInputStream(new ByteArrayInputStream(f.pcmLittleEndian),
                G711Frames.JDK_PCM16, f.size);
        try (AudioInputStream ulaw = AudioSystem.getAudioInputStream(G711Frames.JDK_ULAW, pcm)) {
            return ulaw.readNBytes(f.codeOut, 0, f.size);
        }
    }
}
