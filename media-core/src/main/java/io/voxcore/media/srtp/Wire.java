package io.voxcore.media.srtp;

import java.nio.ByteBuffer;

/**
 * Big-endian reads and writes by absolute index, whatever the buffer's byte order, and the RTP
 * header length (RFC 3550 section 5.1).
 */
final class Wire {

    private Wire() {
    }

    static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xff;
    }

    static int u16(ByteBuffer b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    static int i32(ByteBuffer b, int at) {
        return (u8(b, at) << 24) | (u8(b, at + 1) << 16) | (u8(b, at + 2) << 8) | u8(b, at + 3);
    }

    static void put32(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 24));
        b.put(at + 1, (byte) (v >>> 16));
        b.put(at + 2, (byte) (v >>> 8));
        b.put(at + 3, (byte) v);
    }

    static void put32(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    /** The RTP header length (fixed part, CSRCs, extension) if it fits {@code length}, else a failure code. */
    static int rtpHeaderLength(ByteBuffer b, int offset, int length) {
        if (length < 12) {
            return SrtpFailure.TOO_SHORT.code();
        }
        int first = Wire.u8(b, offset);
        if ((first >>> 6) != 2) {
            return SrtpFailure.MALFORMED.code();
        }
        int headerLength = 12 + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (length < headerLength + 4) {
                return SrtpFailure.TOO_SHORT.code();
            }
            headerLength += 4 + 4 * Wire.u16(b, offset + headerLength + 2);
        }
        return headerLength <= length ? headerLength : SrtpFailure.TOO_SHORT.code();
    }
}
