package io.voxcore.codec.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusSignal;
import org.junit.jupiter.api.Test;

/**
 * Concentus allocates inside every encode and decode, so Opus is not allocation-free; what this
 * proves is that voxcore's wrapper adds nothing: the same frames through {@link OpusCodec} and
 * through Concentus directly allocate the same bytes (thread allocation counter, exact). It prints
 * the bytes per frame that docs/resampler-opus.md reports.
 */
class OpusAllocationTest {

    @Test
    void theWrapperAddsNoAllocationToConcentus() throws Exception {
        java.lang.management.ThreadMXBean plain = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean, "no com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int rate : new int[] {48000, 16000}) {
            int frame = rate / 50;
            short[] signal = Audio.sine(rate, 440, 8000, frame * 50);
            OpusSettings s = OpusSettings.defaults().withSampleRate(rate);
            OpusCodec codec = OpusCodec.create(s);
            OpusEncoder rawEnc = new OpusEncoder(rate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            rawEnc.setBitrate(s.bitrate());
            rawEnc.setComplexity(s.complexity());
            rawEnc.setUseVBR(true);
            rawEnc.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            OpusDecoder rawDec = new OpusDecoder(rate, 1);
            byte[] p = new byte[4000];
            byte[] q = new byte[4000];
            short[] out = new short[frame * 6];
            long[] ours = new long[2];
            long[] raw = new long[2];
            for (int round = 0; round < 3; round++) {      // the last round counts, once warm
                for (int k = 0; k < 50; k++) {
                    long t0 = threads.getCurrentThreadAllocatedBytes();
                    int n = codec.encode(signal, k * frame, frame, p, 0);
                    long t1 = threads.getCurrentThreadAllocatedBytes();
                    codec.decode(p, 0, n, out, 0);
                    long t2 = threads.getCurrentThreadAllocatedBytes();
                    int m = rawEnc.encode(signal, k * frame, frame, q, 0, 4000);
                    long t3 = threads.getCurrentThreadAllocatedBytes();
                    rawDec.decode(q, 0, m, out, 0, frame * 6, false);
                    long t4 = threads.getCurrentThreadAllocatedBytes();
                    assertThat(n).isEqualTo(m);
                    if (round == 2) {
                        ours[0] += t1 - t0;
                        ours[1] += t2 - t1;
                        raw[0] += t3 - t2;
                        raw[1] += t4 - t3;
                    }
                }
            }
            System.out.printf("opus %d Hz mono 20 ms: encode %d B/frame (Concentus alone %d), decode %d B/frame "
                    + "(Concentus alone %d)%n", rate, ours[0] / 50, raw[0] / 50, ours[1] / 50, raw[1] / 50);
            // the counter call itself allocates nothing measurable; allow 16 B per frame of noise
            assertThat(ours[0]).as("encode bytes, ours vs Concentus").isBetween(raw[0] - 800, raw[0] + 800);
            assertThat(ours[1]).as("decode bytes, ours vs Concentus").isBetween(raw[1] - 800, raw[1] + 800);
            assertThat(raw[0]).as("Concentus allocates per encoded frame (if this fails, it no longer does: "
                    + "update the docs and make this a zero-allocation test)").isPositive();
        }
    }
}
