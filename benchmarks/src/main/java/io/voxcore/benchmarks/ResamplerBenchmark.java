package io.voxcore.benchmarks;

import io.voxcore.codec.Resampler;
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
 * codec-core's {@link Resampler} on one 20 ms mono frame of {@link SpeechSignal} (brought to the
 * input rate once, at set-up). The baseline copies the input frame.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class ResamplerBenchmark {

    /** Input and output rate, "from-to" in Hz. */
    @Param({"8000-16000", "16000-8000", "8000-48000", "48000-8000"})
    public String pair;

    private Resampler resampler;
    private short[] in;
    private short[] out;
    private short[] copy;
    private int frame;

    /** Creates the benchmark (JMH does). */
    public ResamplerBenchmark() {
    }

    /** Builds the resampler and a frame at its input rate. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] rates = pair.split("-");
        int from = Integer.parseInt(rates[0]);
        int to = Integer.parseInt(rates[1]);
        frame = from / 50;
        short[] narrow = SpeechSignal.samples(160);
        if (from == 8000) {
            in = narrow;
        } else {
            Resampler up = Resampler.create(8000, from);
            in = new short[frame];
            up.process(narrow, 0, narrow.length, in, 0);
        }
        resampler = Resampler.create(from, to);
        out = new short[resampler.maxOutput(frame)];
        copy = new short[frame];
    }

    /**
     * The floor: copies the input frame.
     *
     * @return the copy
     */
    @Benchmark
    public short[] baselineCopy() {
        System.arraycopy(in, 0, copy, 0, frame);
        return copy;
    }

    /**
     * Resamples one 20 ms frame.
     *
     * @return samples written
     */
    @Benchmark
    public int voxcoreResample20ms() {
        return resampler.process(in, 0, frame, out, 0);
    }
}
