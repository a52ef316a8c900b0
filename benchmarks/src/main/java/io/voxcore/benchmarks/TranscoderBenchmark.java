package io.voxcore.benchmarks;

import io.voxcore.codec.G711;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * media-core's {@code Transcoder} taking one PCMU frame to PCMA: the buffer form (what the relay
 * uses, allocation-free) and the convenience array form, against codec-core's direct table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TranscoderBenchmark {

    /** Creates the benchmark (JMH does). */
    public TranscoderBenchmark() {
    }

    /**
     * The floor: codec-core's direct table on arrays.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] baselineCodecCoreTable(MediaFrames f) {
        G711.ulawToAlaw(f.ulaw, 0, f.codeOut, 0, f.size);
        return f.codeOut;
    }

    /**
     * The transcoder's buffer form, direct buffer to direct buffer.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreTranscoderDirect(MediaFrames f) {
        f.directUlaw.clear();
        f.directOut.clear();
        return f.transcoder.transcode(f.directUlaw, 0, f.directOut, 8);
    }

    /**
     * The transcoder's buffer form in place, inside a direct RTP packet (as a relay does). The
     * payload alternates between laws from call to call; the cost is the same.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreTranscoderInPlace(MediaFrames f) {
        f.packet.limit(f.packet.capacity()).position(12);
        return f.transcoder.transcode(f.packet, 0, f.packet, 8);
    }

    /**
     * The transcoder's convenience form: a new array per call.
     *
     * @param f the frame
     * @return the new payload
     */
    @Benchmark
    public byte[] allocatingTranscoderArray(MediaFrames f) {
        return f.transcoder.transcode(f.ulaw, 0, 8);
    }
}
