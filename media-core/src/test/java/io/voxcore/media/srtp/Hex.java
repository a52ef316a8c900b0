package io.voxcore.media.srtp;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex constants as the RFCs print them (spaces and line breaks allowed). */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String of(byte[] bytes, int offset, int length) {
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }

    static String of(ByteBuffer buffer, int offset, int length) {
        byte[] out = new byte[length];
        buffer.get(offset, out, 0, length);
        return HexFormat.of().formatHex(out);
    }
}
