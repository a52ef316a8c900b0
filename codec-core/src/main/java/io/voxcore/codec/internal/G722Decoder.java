package io.voxcore.codec.internal;

/**
 * The G.722 decoder (ITU-T G.722 section 4): each 8-bit codeword is split into its 6-bit lower
 * and 2-bit higher sub-band codes, each decoded by its ADPCM decoder, and the 24-tap receive QMF
 * turns the two sub-band samples into two 16 kHz samples.
 *
 * <p>The mode sets how much of the lower-band code reaches the output: mode 1 (64 kbit/s) uses
 * all 6 bits, mode 2 (56 kbit/s) the upper 5, mode 3 (48 kbit/s) the upper 4, as the ITU-T
 * reference decoder does with full 8-bit codewords. The predictor adapts on the upper 4 bits in
 * every mode. State carries from call to call; {@link #reset()} restores the initial state.
 */
final class G722Decoder {

    /** History slots for the QMF delay line; the window slides through it and is moved back rarely. */
    private static final int HISTORY = 24 + 2 * 128;

    private final G722Band low = new G722Band(32);
    private final G722Band high = new G722Band(8);
    /** The lower-band inverse quantiser of the mode, indexed by the full 6-bit code. */
    private final int[] lowOutput;
    /** The QMF delay line: the last 24 sums and differences are history[at .. at + 23], oldest first. */
    private final int[] history = new int[HISTORY];
    private int at;

    /**
     * Creates a decoder in its reset state.
     *
     * @param mode 1, 2 or 3 for 64, 56 or 48 kbit/s
     */
    G722Decoder(int mode) {
        lowOutput = new int[64];
        for (int il = 0; il < 64; il++) {
            switch (mode) {
                case 1:
                    lowOutput[il] = G722Tables.QM6[il];
                    break;
                case 2:
                    lowOutput[il] = G722Tables.QM5[il >> 1];
                    break;
                case 3:
                    lowOutput[il] = G722Tables.QM4[il >> 2];
                    break;
                default:
                    throw new IllegalArgumentException("G.722 mode must be 1, 2 or 3, got " + mode);
            }
        }
    }

    /** Restores the initial state. */
    void reset() {
        low.reset();
        high.reset();
        java.util.Arrays.fill(history, 0);
        at = 0;
    }

    /**
     * Decodes {@code count} codewords into {@code 2 * count} samples; ranges are checked by the caller.
     *
     * @param data the codewords
     * @param dataOffset index of the first codeword
     * @param count how many codewords
     * @param pcm where the 16 kHz samples go
     * @param pcmOffset index of the first sample
     */
    void decode(byte[] data, int dataOffset, int count, short[] pcm, int pcmOffset) {
        int[] x = history;
        int[] q = lowOutput;
        int w = at;
        G722Band lo = low;
        G722Band hi = high;
        for (int n = 0; n < count; n++) {
            int code = data[dataOffset + n] & 0xFF;
            int il = code & 0x3F;
            int ih = code >> 6;

            // Lower band: INVQBL (mode-dependent) and LIMIT for the output; INVQAL, LOGSCL,
            // SCALEL and block 4 on the upper 4 bits for the predictor.
            int ldet = lo.det;
            int rl = G722Encoder.limit(lo.s + ((ldet * q[il]) >> 15));
            int ril = il >> 2;
            int dlt = (ldet * G722Tables.QM4[ril]) >> 15;
            lo.adaptLow(ril);
            lo.update(dlt);

            // Higher band: INVQAH, RECONS and LIMIT; LOGSCH, SCALEH and block 4.
            int dh = (hi.det * G722Tables.QM2[ih]) >> 15;
            int rh = G722Encoder.limit(hi.s + dh);
            hi.adaptHigh(ih);
            hi.update(dh);

            // Receive QMF: sum and difference enter the delay line, the same taps as the
            // transmit filter give the two output samples.
            if (w + 26 > HISTORY) {
                System.arraycopy(x, w + 2, x, 0, 22);
                w = -2;
            }
            w += 2;
            x[w + 22] = rl + rh;
            x[w + 23] = rl - rh;
            int a = 3 * x[w + 23] - 11 * x[w + 21] + 12 * x[w + 19] + 32 * x[w + 17]
                    - 210 * x[w + 15] + 951 * x[w + 13] + 3876 * x[w + 11] - 805 * x[w + 9]
                    + 362 * x[w + 7] - 156 * x[w + 5] + 53 * x[w + 3] - 11 * x[w + 1];
            int b = -11 * x[w + 22] + 53 * x[w + 20] - 156 * x[w + 18] + 362 * x[w + 16]
                    - 805 * x[w + 14] + 3876 * x[w + 12] + 951 * x[w + 10] - 210 * x[w + 8]
                    + 32 * x[w + 6] + 12 * x[w + 4] - 11 * x[w + 2] + 3 * x[w];
            pcm[pcmOffset + 2 * n] = (short) G722Band.sat(a >> 11);
            pcm[pcmOffset + 2 * n + 1] = (short) G722Band.sat(b >> 11);
        }
        at = w;
    }
}
