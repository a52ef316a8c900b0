package io.voxcore.benchmarks.quality;

import static io.voxcore.benchmarks.quality.SessionRun.PACKET;

import io.voxcore.codec.G711;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ITU speech input: read, looped to whole packets, mu-law coded, decoded. */
final class Speech {

    /** The G.711 Appendix I speech file below the testvectors folder. */
    static final String F2 = "itu-t-g191/g711-appendix1-plc/f2.le";

    private Speech() {
    }

    /**
     * Reads {@code f2.le}.
     *
     * @param vectors the testvectors folder
     * @return its samples (little-endian 16-bit words)
     * @throws IllegalArgumentException naming the path when it is absent
     * @throws IOException if it cannot be read
     */
    static short[] read(Path vectors) throws IOException {
        Path file = vectors.resolve(F2);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("ITU-T speech file not found: " + file.toAbsolutePath()
                    + " (the G.191 test vectors, see shared/testvectors/README.md; pass --vectors DIR)");
        }
        byte[] bytes = Files.readAllBytes(file);
        short[] words = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(words);
        return words;
    }

    /**
     * The input repeated end to end to exactly {@code packets} packets.
     *
     * @param input the file's samples
     * @param packets how many 20 ms packets
     * @return {@code packets * 160} samples
     */
    static short[] loop(short[] input, int packets) {
        short[] out = new short[packets * PACKET];
        for (int i = 0; i < out.length; i++) {
            out[i] = input[i % input.length];
        }
        return out;
    }

    /** @param speech whole packets of samples @return each packet's mu-law payload */
    static byte[][] ulawPackets(short[] speech) {
        byte[][] p = new byte[speech.length / PACKET][PACKET];
        for (int k = 0; k < p.length; k++) {
            G711.encodeUlaw(speech, k * PACKET, p[k], 0, PACKET);
        }
        return p;
    }

    /** @param payloads mu-law packets @return the clean decoded signal, what a lossless session plays */
    static short[] decoded(byte[][] payloads) {
        short[] out = new short[payloads.length * PACKET];
        for (int k = 0; k < payloads.length; k++) {
            G711.decodeUlaw(payloads[k], 0, out, k * PACKET, PACKET);
        }
        return out;
    }
}
