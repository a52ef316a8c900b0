package io.voxcore.benchmarks;

import io.voxcore.codec.Resampler;
import io.voxcore.codec.opus.OpusCodec;
import io.voxcore.codec.opus.OpusSettings;
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
 * Opus (Concentus) encode and decode of one 20 ms mono frame, VOIP, 32 kbit/s, complexity 5 (the
 * defaults), cycling through one second of {@link SpeechSignal} resampled to the rate. The
 * baseline copies the frame, touching the same memory. Methods are named {@code voxcore*} so that
 * the report's zero-allocation check covers them: it flags them, because Concentus allocates inside
 * every call (see docs/resampler-opus.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class OpusBenchmark {

    /** The PCM rate in Hz. */
    @Param({"48000", "16000"})
    public int rate;

    private OpusCodec encoder;
    private OpusCodec decoder;
    private short[] pcm;
    private short[] copy;
    private short[] out;
    private byte[][] packets;
    private int[] lengths;
    private byte[] packet;
    private int frame;
    private int index;

    /** Creates the benchmark (JMH does). */
    public OpusBenchmark() {
    }

    /** Builds the signal, the codecs and the packets to decode. */
    @Setup(Level.Trial)
    public void setUp() {
        frame = rate / 50;
        short[] narrow = SpeechSignal.samples(8000);
        Resampler up = Resampler.create(8000, rate);
        pcm = new short[up.maxOutput(narrow.length)];
        up.process(narrow, 0, narrow.length, pcm, 0);
        OpusSettings settings = OpusSettings.defaults().withSampleRate(rate);
        encoder = OpusCodec.create(settings);
        decoder = OpusCodec.create(settings);
        OpusCodec prepare = OpusCodec.create(settings);
        packets = new byte[50][OpusCodec.MAX_PACKET_BYTES];
        lengths = new int[50];
        for (int k = 0; k < 50; k++) {
            lengths[k] = prepare.encode(pcm, k * frame, frame, packets[k], 0);
        }
        packet = new byte[OpusCodec.MAX_PACKET_BYTES];
        copy = new short[frame];
        out = new short[frame * 6];
    }

    /**
     * The floor: copies the frame.
     *
     * @return the copy
     */
    @Benchmark
    public short[] baselineCopy() {
        int k = index++ % 50;
        System.arraycopy(pcm, k * frame, copy, 0, frame);
        return copy;
    }

    /**
     * Encodes one 20 ms frame.
     *
     * @return bytes written
     */
    @Benchmark
    public int voxcoreEncode20ms() {
        int k = index++ % 50;
        return encoder.encode(pcm, k * frame, frame, packet, 0);
    }

    /**
     * Decodes one 20 ms packet.
     *
     * @return samples written
     */
    @Benchmark
    public int voxcoreDecode20ms() {
        int k = index++ % 50;
        return decoder.decode(packets[k], 0, lengths[k], out, 0);
    }
}
