package io.voxcore.media.srtp;

import java.nio.ByteBuffer;

/** Big-endian reads and writes by absolute index, whatever the buffer's byte order. */
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
}
