package io.voxcore.media.rtp;

import java.nio.ByteBuffer;

/** Big-endian absolute reads and writes shared by the flyweights; never touches position or limit. */
final class Wire {

    private Wire() {
    }

    static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    static int u16(ByteBuffer b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    static int u24(ByteBuffer b, int at) {
        return (u8(b, at) << 16) | u16(b, at + 1);
    }

    static long u32(ByteBuffer b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    static void put8(ByteBuffer b, int at, int v) {
        b.put(at, (byte) v);
    }

    static void put16(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 8));
        b.put(at + 1, (byte) v);
    }

    static void put24(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 16));
        put16(b, at + 1, v);
    }

    static void put32(ByteBuffer b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
    }
}
