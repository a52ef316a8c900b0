package io.voxcore.benchmarks;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * G.722 at 64 kbit/s, one frame per operation, through voxcore's {@code AudioCodec} array forms,
 * on {@link G722Signal} cycled frame by frame with the codec's state carrying on, as a stream does.
 * Its C reference, spandsp's G.722 running the same frame loop on the same samples, is timed by
 * {@code benchmarks/g722-native.sh}; {@code benchmarks/g722-compare.sh} runs both in one go.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class G722Benchmark {

    /** Creates the benchmark (JMH does). */
    public G722Benchmark() {
    }

    /** The signal, the codec and the outputs. Not final, public fields: JMH subclasses and reads them. */
    @State(Scope.Thread)
    public static class Frames {

        /**
         * Payload bytes per frame, which is also the frame's RTP timestamp increment (G.722's RTP
         * clock runs at 8 kHz): 160 is 20 ms, 320 samples at 16 kHz.
         */
        @Param({"160"})
        public int size;

        /** One second of {@link G722Signal}. */
        public short[] signal;
        /** The signal encoded once at set-up by another codec instance: the decode benchmark's input. */
        public byte[] signalCodes;
        /** Codewords of the current frame. */
        public byte[] codes;
        /** Decoded samples of the current frame. */
        public short[] pcmOut;
        /** voxcore's G.722 codec at 64 kbit/s. */
        public AudioCodec g722;
        /** Offset of the next frame in {@link #signal}. */
        public int at;

        /** Creates the state (JMH does). */
        public Frames() {
        }

        /** Makes the signal and the codec. */
        @Setup(Level.Trial)
        public void setUp() {
            signal = G722Signal.samples(G722Signal.LENGTH);
            codes = new byte[size];
            pcmOut = new short[2 * size];
            signalCodes = CodecFactory.createByPayloadType(9).encode(signal);
            g722 = CodecFactory.createByPayloadType(9);
            at = 0;
        }

        /**
         * The offset of the next frame, moving on and wrapping at the end of the signal.
         *
         * @return the offset
         */
        public int next() {
            int frame = at;
            at += 2 * size;
            if (at + 2 * size > signal.length) {
                at = 0;
            }
            return frame;
        }
    }

    /**
     * Encode then decode one frame: the work a transcoding leg does per packet in each direction.
     *
     * @param f the frames
     * @return the decoded frame
     */
    @Benchmark
    public short[] voxcoreEncodeDecode(Frames f) {
        int n = 2 * f.size;
        f.g722.encode(f.signal, f.next(), n, f.codes, 0);
        f.g722.decode(f.codes, 0, f.size, f.pcmOut, 0);
        return f.pcmOut;
    }

    /**
     * Encode one frame.
     *
     * @param f the frames
     * @return the codewords
     */
    @Benchmark
    public byte[] voxcoreEncode(Frames f) {
        f.g722.encode(f.signal, f.next(), 2 * f.size, f.codes, 0);
        return f.codes;
    }

    /**
     * Decode one frame of the signal's codewords.
     *
     * @param f the frames
     * @return the decoded frame
     */
    @Benchmark
    public short[] voxcoreDecode(Frames f) {
        f.g722.decode(f.signalCodes, f.next() / 2, f.size, f.pcmOut, 0);
        return f.pcmOut;
    }
}
