package io.voxcore.media.session;

import io.voxcore.codec.G711;
import io.voxcore.codec.testkit.ItuVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.opentest4j.TestAbortedException;

/** Test signals, the G.711 reference, and waiting for conditions. */
final class TestAudio {

    /** 3 s at 8 kHz. */
    static final int THREE_SECONDS = 24_000;

    private TestAudio() {
    }

    /**
     * The ITU-T G.191 speech file f2.le (22,960 samples) looped to {@code samples}, or, without
     * the vectors, a deterministic speech-like signal (voiced harmonics under a syllable envelope).
     */
    static short[] speech(int samples) {
        short[] source = ituSpeech();
        if (source == null) {
            source = new short[samples];
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < samples; i++) {
                double t = i / 8000.0;
                double envelope = Math.max(0, Math.sin(2 * Math.PI * 3.1 * t));
                double f0 = 110 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
                double voiced = 0;
                for (int h = 1; h <= 8; h++) {
                    voiced += Math.sin(2 * Math.PI * f0 * h * t) / h;
                }
                source[i] = (short) Math.max(-32768, Math.min(32767,
                        9000 * envelope * voiced + 300 * random.nextGaussian()));
            }
        }
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = source[i % source.length];
        }
        return out;
    }

    private static short[] ituSpeech() {
        try {
            Path path = ItuVectors.file("itu-t-g191/g711-appendix1-plc/f2.le");
            return Files.isRegularFile(path) ? ItuVectors.readWords(path) : null;
        } catch (TestAbortedException e) {
            return null;
        }
    }

    /** What a PCMU round trip must yield, from codec-core's ITU-proven single-sample primitives. */
    static short[] ulawRoundTrip(short[] pcm) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = G711.ulawToLinear(G711.linearToUlaw(pcm[i]));
        }
        return out;
    }

    /** Waits for a condition, polling; fails the test with {@code what} on timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
