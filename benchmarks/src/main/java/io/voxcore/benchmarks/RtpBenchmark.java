package io.voxcore.benchmarks;

import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.RtpValidation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-packet RTP work of a session: writing a header, parsing and validating one, and the
 * whole send path without the socket (header plus zero-copy encode into a pooled direct buffer).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RtpBenchmark {

    /** Creates the benchmark (JMH does). */
    public RtpBenchmark() {
    }

    /**
     * The floor: three absolute int reads from the packet buffer.
     *
     * @param f the frame
     * @return a value depending on the reads
     */
    @Benchmark
    public long baselineReadThreeInts(MediaFrames f) {
        return f.packet.getInt(0) ^ f.packet.getInt(4) ^ (long) f.packet.getInt(8);
    }

    /**
     * Writing a 12-byte RTP header in place.
     *
     * @param f the frame
     * @return bytes written
     */
    @Benchmark
    public int voxcoreWriteHeader(MediaFrames f) {
        int seq = f.sequence++;
        return RtpPacket.writeHeader(f.packet, 0, false, 0, seq, 160L * seq, 0x1234_5678L);
    }

    /**
     * Wrapping, validating and reading every header field of a received packet.
     *
     * @param f the frame
     * @param bh consumes the fields
     * @return the validation result
     */
    @Benchmark
    public RtpValidation voxcoreParseHeader(MediaFrames f, Blackhole bh) {
        RtpPacket p = f.rtp.wrap(f.packet, 0, f.packet.capacity());
        RtpValidation v = p.validate();
        bh.consume(p.payloadType());
        bh.consume(p.sequenceNumber());
        bh.consume(p.timestamp());
        bh.consume(p.ssrc());
        bh.consume(p.marker());
        bh.consume(p.payloadOffset());
        bh.consume(p.payloadLength());
        return v;
    }

    /**
     * A session's send path without the socket: header and zero-copy PCMU encode into a direct
     * packet buffer, ready for {@code DatagramChannel.write}.
     *
     * @param f the frame
     * @return the packet length
     */
    @Benchmark
    public int voxcoreSendPath(MediaFrames f) {
        int seq = f.sequence++;
        f.packet.clear();
        int header = RtpPacket.writeHeader(f.packet, 0, seq == 0, 0, seq, 160L * seq, 0x1234_5678L);
        f.packet.position(header);
        int payload = f.zeroCopy.encodeToBuffer(f.pcm, 0, f.size, f.packet);
        f.packet.flip();
        return header + payload;
    }
}
