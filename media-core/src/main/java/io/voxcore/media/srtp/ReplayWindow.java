package io.voxcore.media.srtp;

import java.util.Arrays;

/**
 * The replay list of RFC 3711 section 3.3.2 as a sliding bitmap: bit {@code d} says whether index
 * {@code top - d} was accepted. {@link #check} only reads; {@link #accept} is called once the
 * packet authenticated, so a forged packet never moves the window. Not thread-safe.
 */
final class ReplayWindow {

    /** {@link #check}: the index may be accepted. */
    static final int FRESH = 0;
    /** {@link #check}: the index was accepted before. */
    static final int SEEN = 1;
    /** {@link #check}: the index is behind the window. */
    static final int BEHIND = 2;

    private final long[] bits;
    private final int size;
    private long top = -1;

    ReplayWindow(int size) {
        this.size = size;
        this.bits = new long[size / 64];
    }

    int check(long index) {
        if (top < 0 || index > top) {
            return FRESH;
        }
        long delta = top - index;
        if (delta >= size) {
            return BEHIND;
        }
        int d = (int) delta;
        return (bits[d >>> 6] & (1L << (d & 63))) != 0 ? SEEN : FRESH;
    }

    void accept(long index) {
        if (top < 0) {
            top = index;
            bits[0] = 1L;
            return;
        }
        if (index > top) {
            shift(index - top);
            top = index;
            bits[0] |= 1L;
            return;
        }
        int d = (int) (top - index);
        bits[d >>> 6] |= 1L << (d & 63);
    }

    /** The highest accepted index, or -1. */
    long top() {
        return top;
    }

    private void shift(long by) {
        if (by >= size) {
            Arrays.fill(bits, 0L);
            return;
        }
        int words = (int) (by >>> 6);
        int shift = (int) (by & 63);
        for (int k = bits.length - 1; k >= 0; k--) {
            int src = k - words;
            long v = 0;
            if (src >= 0) {
                v = bits[src] << shift;
                if (shift != 0 && src > 0) {
                    v |= bits[src - 1] >>> (64 - shift);
                }
            }
            bits[k] = v;
        }
    }
}
