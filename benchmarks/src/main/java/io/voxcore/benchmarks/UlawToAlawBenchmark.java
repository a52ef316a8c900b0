package io.voxcore.benchmarks;

import io.voxcore.codec.G711;
import java.util.concurrent.TimeUnit;
import net.sf.fmj.media.codec.audio.alaw.ALawEncoderUtil;
import net.sf.fmj.media.codec.audio.ulaw.MuLawDecoderUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PCMU to PCMA transcoding of one frame: voxcore's direct code-to-code table against decoding to
 * linear PCM and encoding again.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class UlawToAlawBenchmark {

    /** Creates the benchmark (JMH does). */
    public UlawToAlawBenchmark() {
    }

    /**
     * The floor: copying the frame's bytes.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] baselineCopy(G711Frames f) {
        System.arraycopy(f.ulaw, 0, f.codeOut, 0, f.size);
        return f.codeOut;
    }

    /**
     * voxcore's direct table, {@link G711#ulawToAlaw(byte[], int, byte[], int, int)}.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] voxcoreTable(G711Frames f) {
        G711.ulawToAlaw(f.ulaw, 0, f.codeOut, 0, f.size);
        return f.codeOut;
    }

    /**
     * voxcore's direct table on heap buffers, {@link G711#ulawToAlaw(java.nio.ByteBuffer, java.nio.ByteBuffer)}.
     *
     * @param f the frame
     * @return codes converted
     */
    @Benchmark
    public int voxcoreTableHeapBuffer(G711Frames f) {
        f.heapUlaw.clear();
        f.heapCodeOut.clear();
        return G711.ulawToAlaw(f.heapUlaw, f.heapCodeOut);
    }

    /**
     * voxcore's direct table on direct buffers.
     *
     * @param f the frame
     * @return codes converted
     */
    @Benchmark
    public int voxcoreTableDirectBuffer(G711Frames f) {
        f.directUlaw.clear();
        f.directCodeOut.clear();
        return G711.ulawToAlaw(f.directUlaw, f.directCodeOut);
    }

    /**
     * voxcore decoding to linear PCM and encoding again, with its bulk kernels: what the direct
     * table saves.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] voxcoreDecodeEncode(G711Frames f) {
        G711.decodeUlaw(f.ulaw, 0, f.pcmOut, 0, f.size);
        G711.encodeAlaw(f.pcmOut, 0, f.codeOut, 0, f.size);
        return f.codeOut;
    }

    /**
     * FMJ decoding to little-endian PCM bytes and encoding again (FMJ has no direct path).
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] fmjDecodeEncode(G711Frames f) {
        MuLawDecoderUtil.muLawDecodeLittleEndian(f.ulaw, 0, f.size, f.pcmBytesOut);
        ALawEncoderUtil.aLawEncodeLittleEndian(f.pcmBytesOut, 0, 2 * f.size, f.codeOut);
        return f.codeOut;
    }
}
