package io.voxcore.media.srtp;

/**
 * GHASH of NIST SP 800-38D section 6.4: multiplication by the hash subkey H in GF(2^128), eight
 * bits at a time with a 256-entry table of H's multiples (Shoup's method, as described in the GCM
 * specification by McGrew and Viega, section 4.1; 4 KB per key). Blocks are two big-endian longs; the bit order
 * is GCM's (bit 0 is the most significant bit of byte 0). Streaming: {@link #update} accepts any
 * lengths, {@link #pad} zero-fills the open block, as GCM pads A and C separately. No allocation
 * after construction. Not thread-safe.
 */
final class Ghash {

    private static final long R = 0xE100_0000_0000_0000L;
    /** REDUCE[r]: what multiplying by x^8 adds to the high word for the eight bits r shifted out. */
    private static final long[] REDUCE = new long[256];

    static {
        for (int r = 0; r < 256; r++) {
            long hi = 0;
            long lo = r;
            for (int i = 0; i < 8; i++) {
                long carry = lo & 1;
                lo = (lo >>> 1) | (hi << 63);
                hi >>>= 1;
                if (carry != 0) {
                    hi ^= R;
                }
            }
            REDUCE[r] = hi;
        }
    }

    private final long[] tableHi = new long[256];
    private final long[] tableLo = new long[256];
    private final byte[] open = new byte[16];
    private int openLength;
    private long yHi;
    private long yLo;

    /** @param h the hash subkey AES(K, 0^128), 16 bytes */
    Ghash(byte[] h) {
        long vHi = be64(h, 0);
        long vLo = be64(h, 8);
        for (int i = 128; i > 0; i >>>= 1) {
            tableHi[i] = vHi;
            tableLo[i] = vLo;
            long carry = vLo & 1;
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi >>>= 1;
            if (carry != 0) {
                vHi ^= R;
            }
        }
        for (int i = 2; i < 256; i <<= 1) {
            for (int j = 1; j < i; j++) {
                tableHi[i + j] = tableHi[i] ^ tableHi[j];
                tableLo[i + j] = tableLo[i] ^ tableLo[j];
            }
        }
    }

    void reset() {
        yHi = 0;
        yLo = 0;
        openLength = 0;
    }

    void update(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (openLength > 0 && at < end) {
            open[openLength++] = bytes[at++];
            if (openLength == 16) {
                block(open, 0);
                openLength = 0;
            }
        }
        for (; end - at >= 16; at += 16) {
            block(bytes, at);
        }
        while (at < end) {
            open[openLength++] = bytes[at++];
        }
    }

    /** Zero-pads and absorbs an open partial block, if any. */
    void pad() {
        if (openLength > 0) {
            for (int i = openLength; i < 16; i++) {
                open[i] = 0;
            }
            block(open, 0);
            openLength = 0;
        }
    }

    /** Pads, absorbs the bit lengths of A and C, and writes the 16-byte result. */
    void finish(long aadBytes, long textBytes, byte[] out) {
        pad();
        yHi ^= aadBytes << 3;
        yLo ^= textBytes << 3;
        multiply();
        put64(out, 0, yHi);
        put64(out, 8, yLo);
    }

    private void block(byte[] bytes, int at) {
        yHi ^= be64(bytes, at);
        yLo ^= be64(bytes, at + 8);
        multiply();
    }

    /** Y = Y * H, Horner over the 16 bytes from the highest powers of x (byte 15). */
    private void multiply() {
        long[] hiTable = tableHi;
        long[] loTable = tableLo;
        long zHi = 0;
        long zLo = 0;
        for (int i = 15; i >= 0; i--) {
            long word = i < 8 ? yHi : yLo;
            int b = (int) (word >>> ((7 - (i & 7)) * 8)) & 0xff;
            int rem = (int) zLo & 0xff;
            zLo = (zLo >>> 8) | (zHi << 56);
            zHi = (zHi >>> 8) ^ REDUCE[rem];
            zHi ^= hiTable[b];
            zLo ^= loTable[b];
        }
        yHi = zHi;
        yLo = zLo;
    }

    static long be64(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }

    static void put64(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
