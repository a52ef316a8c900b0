package io.voxcore.codec.internal;

/**
 * The G.722 encoder (ITU-T G.722 section 3): a 24-tap transmit QMF splits each pair of 16 kHz
 * samples into a lower and a higher sub-band sample, coded by 6-bit and 2-bit ADPCM into one
 * 8-bit codeword (higher band in bits 7-6, lower band in bits 5-0). Always 64 kbit/s, as the
 * ITU-T G.191 reference encoder: the 56 and 48 kbit/s modes only change the decoder.
 *
 * <p>State carries from call to call; {@link #reset()} restores the initial state.
 */
final class G722Encoder {

    /** History slots for the QMF delay line; the window slides through it and is moved back rarely. */
    private static final int HISTORY = 24 + 2 * 128;

    private final G722Band low = new G722Band(32);
    private final G722Band high = new G722Band(8);
    /** The QMF delay line: the last 24 input samples are history[at .. at + 23], oldest first. */
    private final int[] history = new int[HISTORY];
    private int at;

    /** Creates an encoder in its reset state. */
    G722Encoder() {
    }

    /** Restores the initial state. */
    void reset() {
        low.reset();
        high.reset();
        java.util.Arrays.fill(history, 0);
        at = 0;
    }

    /**
     * Encodes {@code 2 * count} samples into {@code count} codewords; ranges are checked by the caller.
     *
     * @param pcm the 16 kHz samples
     * @param pcmOffset index of the first sample
     * @param count how many codewords (sample pairs)
     * @param out where the codewords go
     * @param outOffset index of the first codeword
     */
    void encode(short[] pcm, int pcmOffset, int count, byte[] out, int outOffset) {
        int[] x = history;
        int w = at;
        G722Band lo = low;
        G722Band hi = high;
        for (int n = 0; n < count; n++) {
            if (w + 26 > HISTORY) {
                System.arraycopy(x, w + 2, x, 0, 22);
                w = -2;
            }
            w += 2;
            x[w + 22] = pcm[pcmOffset + 2 * n];
            x[w + 23] = pcm[pcmOffset + 2 * n + 1];

            // Transmit QMF (ITU accumulators A and B): x[w + 23 - k] is the k-th newest sample
            // and tap k weighs it by h[k]; A takes the even k, B the odd k.
            int a = 3 * x[w + 23] - 11 * x[w + 21] + 12 * x[w + 19] + 32 * x[w + 17]
                    - 210 * x[w + 15] + 951 * x[w + 13] + 3876 * x[w + 11] - 805 * x[w + 9]
                    + 362 * x[w + 7] - 156 * x[w + 5] + 53 * x[w + 3] - 11 * x[w + 1];
            int b = -11 * x[w + 22] + 53 * x[w + 20] - 156 * x[w + 18] + 362 * x[w + 16]
                    - 805 * x[w + 14] + 3876 * x[w + 12] + 951 * x[w + 10] - 210 * x[w + 8]
                    + 32 * x[w + 6] + 12 * x[w + 4] - 11 * x[w + 2] + 3 * x[w];
            int xl = limit((a + b) >> 14);
            int xh = limit((a - b) >> 14);

            out[outOffset + n] = (byte) (encodeHigh(hi, xh) << 6 | encodeLow(lo, xl));
        }
        at = w;
    }

    /** Lower sub-band: SUBTL, QUANTL, INVQAL, LOGSCL, SCALEL and block 4; returns the 6-bit code. */
    private static int encodeLow(G722Band band, int xl) {
        int el = G722Band.sat(xl - band.s);
        int wd = el ^ (el >> 31); // |el|, ones' complement for negatives as the standard has it
        int det = band.det;
        // First interval m in 1..29 whose upper decision level exceeds wd, else 30: a fixed
        // five-step binary search over the non-decreasing levels (Q6[m] * det) >> 12, whose
        // conditional additions compile to branch-free moves; levels 30 and 31 are never taken.
        int m = 0;
        if (m + 16 < 30 && ((G722Tables.Q6[m + 16] * det) >> 12) <= wd) {
            m += 16;
        }
        if (m + 8 < 30 && ((G722Tables.Q6[m + 8] * det) >> 12) <= wd) {
            m += 8;
        }
        if (m + 4 < 30 && ((G722Tables.Q6[m + 4] * det) >> 12) <= wd) {
            m += 4;
        }
        if (m + 2 < 30 && ((G722Tables.Q6[m + 2] * det) >> 12) <= wd) {
            m += 2;
        }
        if (m + 1 < 30 && ((G722Tables.Q6[m + 1] * det) >> 12) <= wd) {
            m += 1;
        }
        int lo = m + 1;
        int il = el < 0 ? G722Tables.ILN[lo] : G722Tables.ILP[lo];
        int ril = il >> 2;
        int dlt = (det * G722Tables.QM4[ril]) >> 15;
        band.adaptLow(ril);
        band.update(dlt);
        return il;
    }

    /** Higher sub-band: SUBTH, QUANTH, INVQAH, LOGSCH, SCALEH and block 4; returns the 2-bit code. */
    private static int encodeHigh(G722Band band, int xh) {
        int eh = G722Band.sat(xh - band.s);
        int wd = eh ^ (eh >> 31);
        int det = band.det;
        boolean outer = wd >= ((G722Tables.Q2 * det) >> 12);
        int ih = eh < 0 ? (outer ? 0 : 1) : (outer ? 2 : 3);
        int dh = (det * G722Tables.QM2[ih]) >> 15;
        band.adaptHigh(ih);
        band.update(dh);
        return ih;
    }

    /** The standard's LIMIT block: clamps a sub-band sample to -16384..16383. */
    static int limit(int v) {
        return Math.max(-16384, Math.min(16383, v));
    }
}
