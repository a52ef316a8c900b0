package io.voxcore.benchmarks;

import io.voxcore.codec.G711;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what the C reference of the G.711 encode benchmarks ({@code benchmarks/native/g711ref.c})
 * needs to do the same work as voxcore: voxcore's mu-law and A-law codes for all 65,536 samples
 * (from the bulk encoders the benchmarks measure, in the order of the samples' 16 bits), then the
 * first 960 samples of {@link SpeechSignal} (every frame size of {@link G711Frames} is a prefix of
 * them), 16-bit little-endian.
 */
public final class G711Dump {

    /** Samples written: the largest frame of {@link G711Frames}. */
    public static final int SAMPLES = 960;

    private G711Dump() {
    }

    /**
     * Writes the dump.
     *
     * @param args one argument: the file to write
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: G711Dump FILE, got " + args.length + " arguments");
        }
        short[] every = new short[1 << 16];
        for (int i = 0; i < every.length; i++) {
            every[i] = (short) i;
        }
        byte[] out = new byte[2 * every.length + 2 * SAMPLES];
        G711.encodeUlaw(every, 0, out, 0, every.length);
        G711.encodeAlaw(every, 0, out, every.length, every.length);
        short[] signal = SpeechSignal.samples(SAMPLES);
        int at = 2 * every.length;
        for (short s : signal) {
            out[at++] = (byte) s;
            out[at++] = (byte) (s >> 8);
        }
        Files.write(Path.of(args[0]), out);
    }
}
