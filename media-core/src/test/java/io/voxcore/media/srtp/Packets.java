package io.voxcore.media.srtp;

import java.nio.ByteBuffer;
import java.util.Random;

/** RTP and RTCP packets for the tests, written by hand from RFC 3550's layout. */
final class Packets {

    static final int SSRC = 0x1234_5678;

    private Packets() {
    }

    /** Fresh keys for a suite, from a seeded generator so a failure replays. */
    static byte[][] keys(SrtpSuite suite, long seed) {
        Random random = new Random(seed);
        byte[] key = new byte[suite.keyLength()];
        byte[] salt = new byte[suite.saltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new byte[][] {key, salt};
    }

    /** An RTP packet (PT 0, 12-byte header) at offset 0 of a heap buffer with 16 bytes of room. */
    static ByteBuffer rtp(int ssrc, int seq, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(12 + payloadLength + 16);
        writeRtp(b, 0, ssrc, seq, payloadLength);
        return b;
    }

    static void writeRtp(ByteBuffer b, int offset, int ssrc, int seq, int payloadLength) {
        b.put(offset, (byte) 0x80);
        b.put(offset + 1, (byte) 0);
        b.put(offset + 2, (byte) (seq >>> 8));
        b.put(offset + 3, (byte) seq);
        putInt(b, offset + 4, seq * 160);
        putInt(b, offset + 8, ssrc);
        for (int i = 0; i < payloadLength; i++) {
            b.put(offset + 12 + i, (byte) (seq * 31 + i));
        }
    }

    /** A receiver report with one block (32 bytes) at offset 0, with 20 bytes of room. */
    static ByteBuffer rtcp(int ssrc, int marker) {
        ByteBuffer b = ByteBuffer.allocate(32 + 20);
        b.put(0, (byte) 0x81);
        b.put(1, (byte) 201);
        b.put(2, (byte) 0);
        b.put(3, (byte) 7);
        putInt(b, 4, ssrc);
        for (int i = 8; i < 32; i++) {
            b.put(i, (byte) (marker + i));
        }
        return b;
    }

    static void putInt(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 24));
        b.put(at + 1, (byte) (v >>> 16));
        b.put(at + 2, (byte) (v >>> 8));
        b.put(at + 3, (byte) v);
    }

    static byte[] bytes(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        b.get(offset, out, 0, length);
        return out;
    }

    static ByteBuffer copy(byte[] bytes) {
        return ByteBuffer.allocate(bytes.length + 16).put(0, bytes);
    }
}
