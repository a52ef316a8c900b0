package io.voxcore.benchmarks;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtpPacket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * media-core's codec paths for one PCMU frame: the allocating adapter
 * ({@code AudioCodec.encode(AudioFrame)}, a new {@code byte[]} per call) against the zero-copy
 * adapter encoding straight into an RTP packet buffer, with codec-core's bulk kernel as the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MediaCodecPathBenchmark {

    /** Creates the benchmark (JMH does). */
    public MediaCodecPathBenchmark() {
    }

    /**
     * The floor: codec-core's bulk mu-law encoder on arrays.
     *
     * @param f the frame
     * @return the output
     */
    @Benchmark
    public byte[] baselineCodecCoreEncode(MediaFrames f) {
        G711.encodeUlaw(f.pcm, 0, f.codeOut, 0, f.size);
        return f.codeOut;
    }

    /**
     * The zero-copy adapter encoding into a direct RTP packet buffer, 12 bytes in.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreZeroCopyEncodeDirect(MediaFrames f) {
        f.packet.clear().position(RtpPacket.FIXED_HEADER_LENGTH);
        return f.zeroCopy.encodeToBuffer(f.pcm, 0, f.size, f.packet);
    }

    /**
     * The zero-copy adapter encoding into a heap packet buffer, 12 bytes in.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreZeroCopyEncodeHeap(MediaFrames f) {
        f.heapPacket.clear().position(RtpPacket.FIXED_HEADER_LENGTH);
        return f.zeroCopy.encodeToBuffer(f.pcm, 0, f.size, f.heapPacket);
    }

    /**
     * The zero-copy adapter decoding the payload of a direct RTP packet buffer.
     *
     * @param f the frame
     * @return samples written
     */
    @Benchmark
    public int voxcoreZeroCopyDecodeDirect(MediaFrames f) {
        f.packet.limit(f.packet.capacity()).position(RtpPacket.FIXED_HEADER_LENGTH);
        return f.zeroCopy.decodeToBuffer(f.packet, f.pcmOut, 0);
    }

    /**
     * The convenience adapter: {@code encode(AudioFrame)} returns a new array per call.
     *
     * @param f the frame
     * @return the new payload
     */
    @Benchmark
    public byte[] allocatingAdapterEncode(MediaFrames f) {
        return f.adapter.encode(f.frame);
    }

    /**
     * The convenience adapter: {@code decode(byte[])} returns a new frame per call.
     *
     * @param f the frame
     * @return the new frame
     */
    @Benchmark
    public AudioFrame allocatingAdapterDecode(MediaFrames f) {
        return f.adapter.decode(f.ulaw);
    }
}
