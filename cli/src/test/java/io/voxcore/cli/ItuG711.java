package io.voxcore.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * G.711 as the ITU-T G.191 test vectors define it, independent of codec-core: the encoders are the
 * vectors {@code sweep-r.u} and {@code sweep-r.a} (the code of every 16-bit value), the decoders
 * come from {@code sweep-r.reu} and {@code sweep-r.rea} (the decoded value beside each code). Found
 * as codec-core's {@code ItuVectors} finds them ({@code -Dvoxcore.testvectors}, else
 * {@code shared/testvectors} in the working directory or above); a test using them is skipped,
 * naming the path, where they are missing.
 */
final class ItuG711 {

    private final short[] ulawCodes;
    private final short[] alawCodes;
    private final short[] ulawValues = new short[256];
    private final short[] alawValues = new short[256];

    private ItuG711(short[] ulawCodes, short[] alawCodes, short[] ulawDecoded, short[] alawDecoded) {
        this.ulawCodes = ulawCodes;
        this.alawCodes = alawCodes;
        boolean[] seenU = new boolean[256];
        boolean[] seenA = new boolean[256];
        for (int i = 0; i < 65536; i++) {
            seenU[ulawCodes[i]] = true;
            ulawValues[ulawCodes[i]] = ulawDecoded[i];
            seenA[alawCodes[i]] = true;
            alawValues[alawCodes[i]] = alawDecoded[i];
        }
        for (int code = 0; code < 256; code++) {
            if (!seenU[code] || !seenA[code]) {
                throw new IllegalStateException("code " + code + " never occurs in the ITU sweep");
            }
        }
    }

    static ItuG711 load() throws IOException {
        Path dir = root().resolve("itu-t-g191/g711");
        return new ItuG711(words(dir.resolve("sweep-r.u")), words(dir.resolve("sweep-r.a")),
                words(dir.resolve("sweep-r.reu")), words(dir.resolve("sweep-r.rea")));
    }

    int ulawEncode(short linear) {
        return ulawCodes[linear + 32768];
    }

    int alawEncode(short linear) {
        return alawCodes[linear + 32768];
    }

    short ulawDecode(int code) {
        return ulawValues[code];
    }

    short alawDecode(int code) {
        return alawValues[code];
    }

    private static short[] words(Path file) throws IOException {
        assumeTrue(Files.isRegularFile(file), "ITU-T test vector missing: " + file);
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != 2 * 65536) {
            throw new IllegalStateException(file + " has " + bytes.length + " bytes, not 131072");
        }
        short[] out = new short[65536];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private static Path root() {
        String configured = System.getProperty("voxcore.testvectors");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testvectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "ITU-T test vectors not found: set -Dvoxcore.testvectors or place shared/testvectors "
                + "beside the project (looked from " + Paths.get("").toAbsolutePath() + ")");
        return null;
    }
}
