package io.voxcore.codec.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.CRC32;

/**
 * Finds and reads the ITU-T G.191 reference vectors kept beside the project in
 * {@code ../shared/testvectors} (never copied into it), and the ITU-published facts that hold
 * without them.
 */
public final class ItuVectors {

    /** CRC-32 of {@code sweep-r.u}: the ramp mu-law encoded, one code per little-endian word. */
    public static final long CRC_SWEEP_U = 0xCD170E15L;
    /** CRC-32 of {@code sweep-r.a}: the ramp A-law encoded. */
    public static final long CRC_SWEEP_A = 0x74719FE4L;
    /** CRC-32 of {@code sweep-r.u-u}: the ramp mu-law encoded then decoded. */
    public static final long CRC_SWEEP_UU = 0x63641C01L;
    /** CRC-32 of {@code sweep-r.a-a}: the ramp A-law encoded then decoded. */
    public static final long CRC_SWEEP_AA = 0xABCEAA69L;
    /** CRC-32 of {@code sweep.src}: every 16-bit value once, -32768 to 32767. */
    public static final long CRC_SWEEP_SRC = 0xC8BA7682L;

    private ItuVectors() {
    }

    /**
     * The testvectors folder, or a skipped test (a JUnit assumption naming where it looked).
     *
     * @return the folder {@code shared/testvectors}
     */
    public static Path root() {
        Path found = locate();
        assumeTrue(found != null, "ITU-T test vectors not found: set -Dvoxcore.testvectors or place "
                + "shared/testvectors beside the project (looked from " + Paths.get("").toAbsolutePath() + ")");
        return found;
    }

    /**
     * A file under the G.711 vector folder, or a skipped test when it is absent.
     *
     * @param name for example {@code sweep-r.u}
     * @return the path
     */
    public static Path g711(String name) {
        return file("itu-t-g191/g711/" + name);
    }

    /**
     * A file under the G.722 vector folder, or a skipped test when it is absent.
     *
     * @param name for example {@code inpsp.bin}
     * @return the path
     */
    public static Path g722(String name) {
        return file("itu-t-g191/g722/" + name);
    }

    /**
     * The G.722 codewords of {@code codspw.cod} in stream order: the low byte of each 16-bit word
     * (the high bytes are zero), or a skipped test when the file is absent.
     *
     * @return one codeword per 16-bit word of the file
     */
    public static byte[] g722Codewords() {
        short[] words = readWords(g722("codspw.cod"));
        byte[] codes = new byte[words.length];
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & 0xFF00) != 0) {
                throw new IllegalStateException("codspw.cod word " + i + " is not a codeword: " + words[i]);
            }
            codes[i] = (byte) words[i];
        }
        return codes;
    }

    /**
     * Index of the first difference between two byte arrays, or -1 when equal (lengths included).
     *
     * @param expected reference values
     * @param actual values under test
     * @return the first differing index, or -1
     */
    public static int firstDifference(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : n;
    }

    /**
     * A file under the testvectors folder, or a skipped test when it is absent.
     *
     * @param relative path below {@code testvectors}
     * @return the path
     */
    public static Path file(String relative) {
        Path path = root().resolve(relative);
        assumeTrue(Files.isRegularFile(path), "ITU-T test vector missing: " + path);
        return path;
    }

    /**
     * Reads a file of little-endian 16-bit words.
     *
     * @param path the file
     * @return its words
     */
    public static short[] readWords(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length % 2 != 0) {
                throw new IllegalStateException(path + " has an odd length " + bytes.length);
            }
            short[] words = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(words);
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The G.191 {@code sweep.src} ramp, generated: every 16-bit value once, from -32768 up.
     *
     * @return 65,536 samples
     */
    public static short[] ramp() {
        short[] ramp = new short[65536];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) (i - 32768);
        }
        return ramp;
    }

    /**
     * CRC-32 of words written as little-endian 16-bit values, the form of the G.191 files.
     *
     * @param words the words
     * @return the CRC
     */
    public static long crcOfWords(short[] words) {
        ByteBuffer buf = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(words);
        CRC32 crc = new CRC32();
        crc.update(buf.array());
        return crc.getValue();
    }

    /**
     * CRC-32 of codes written one per little-endian 16-bit word (0..255), the form of
     * {@code sweep-r.u} and {@code sweep-r.a}.
     *
     * @param codes the codes
     * @return the CRC
     */
    public static long crcOfCodesAsWords(byte[] codes) {
        short[] words = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            words[i] = (short) (codes[i] & 0xFF);
        }
        return crcOfWords(words);
    }

    /**
     * Index of the first difference between two arrays, or -1 when equal (lengths included).
     *
     * @param expected reference values
     * @param actual values under test
     * @return the first differing index, or -1
     */
    public static int firstDifference(short[] expected, short[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : n;
    }

    private static Path locate() {
        String configured = System.getProperty("voxcore.testvectors");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testvectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
