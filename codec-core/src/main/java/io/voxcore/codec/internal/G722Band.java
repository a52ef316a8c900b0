package io.voxcore.codec.internal;

/**
 * The state of one G.722 sub-band ADPCM coder (lower or higher band, encoder or decoder side) and
 * the block that the standard shares between all four: block 4, which reconstructs the signal,
 * adapts the two-pole, six-zero predictor and predicts the next sample.
 *
 * <p>Integer arithmetic reproducing the ITU-T 16-bit fixed-point definition: {@code mult(a, b)}
 * is {@code (a * b) >> 15} and every addition the standard saturates is saturated to 16 bits.
 * Values that the standard's ranges keep inside 16 bits (the quantised differences, the
 * coefficient updates) are not clamped. State lives in plain int fields so that the JIT keeps it
 * in registers across a frame.
 */
final class G722Band {

    /** Signal estimate: the prediction of the next sample (SL / SH). */
    int s;
    /** The zero section's part of the prediction (SZL / SZH). */
    int sz;
    /** Scale factor (DETL / DETH). */
    int det;
    /** Log scale factor (NBL / NBH). */
    int nb;

    // Pole section: coefficients a1, a2; partial reconstructed signals p1, p2; reconstructed r1, r2.
    private int a1;
    private int a2;
    private int p1;
    private int p2;
    private int r1;
    private int r2;

    // Zero section: coefficients b1..b6 and the quantised differences d1..d6 they weigh.
    private int b1;
    private int b2;
    private int b3;
    private int b4;
    private int b5;
    private int b6;
    private int d1;
    private int d2;
    private int d3;
    private int d4;
    private int d5;
    private int d6;

    private final int initialDet;

    /**
     * Creates a band in its reset state.
     *
     * @param initialDet the reset scale factor: 32 for the lower band, 8 for the higher
     */
    G722Band(int initialDet) {
        this.initialDet = initialDet;
        reset();
    }

    /** Returns to the state the standard defines after reset. */
    void reset() {
        s = 0;
        sz = 0;
        nb = 0;
        det = initialDet;
        a1 = 0;
        a2 = 0;
        p1 = 0;
        p2 = 0;
        r1 = 0;
        r2 = 0;
        b1 = 0;
        b2 = 0;
        b3 = 0;
        b4 = 0;
        b5 = 0;
        b6 = 0;
        d1 = 0;
        d2 = 0;
        d3 = 0;
        d4 = 0;
        d5 = 0;
        d6 = 0;
    }

    /**
     * LOGSCL and SCALEL: adapts the lower band's scale factor to a 4-bit code.
     *
     * @param ril4 the 6-bit codeword shifted right by two
     */
    void adaptLow(int ril4) {
        int n = ((nb * 127) >> 7) + G722Tables.WL4[ril4];
        n = Math.max(0, Math.min(G722Tables.NBL_MAX, n));
        nb = n;
        det = G722Tables.DET_LOW[n >> 6];
    }

    /**
     * LOGSCH and SCALEH: adapts the higher band's scale factor to its 2-bit code.
     *
     * @param ih the 2-bit codeword
     */
    void adaptHigh(int ih) {
        int n = ((nb * 127) >> 7) + G722Tables.WH2[ih];
        n = Math.max(0, Math.min(G722Tables.NBH_MAX, n));
        nb = n;
        det = G722Tables.DET_HIGH[n >> 6];
    }

    /**
     * Block 4 for one sample: RECONS, PARREC, UPZERO, UPPOL2, UPPOL1, DELAYA, FILTEZ, FILTEP and
     * PREDIC, leaving the next prediction in {@link #s}.
     *
     * @param dq the quantised difference signal of this sample (DLT / DH)
     */
    void update(int dq) {
        int r0 = sat(s + dq); // RECONS
        int p0 = sat(sz + dq); // PARREC

        // UPZERO: sign-sign adaptation with leakage 1 - 2^-8; no saturation needed (|b| <= 32768 - 128 + 128).
        int step = dq == 0 ? 0 : 128;
        int nb1 = ((b1 * 32640) >> 15) + ((d1 ^ dq) < 0 ? -step : step);
        int nb2 = ((b2 * 32640) >> 15) + ((d2 ^ dq) < 0 ? -step : step);
        int nb3 = ((b3 * 32640) >> 15) + ((d3 ^ dq) < 0 ? -step : step);
        int nb4 = ((b4 * 32640) >> 15) + ((d4 ^ dq) < 0 ? -step : step);
        int nb5 = ((b5 * 32640) >> 15) + ((d5 ^ dq) < 0 ? -step : step);
        int nb6 = ((b6 * 32640) >> 15) + ((d6 ^ dq) < 0 ? -step : step);

        // UPPOL2: the second pole coefficient, from the signs of p0, p1, p2 and the old a1.
        int wd1 = sat(a1 << 2);
        int wd2 = (p0 ^ p1) >= 0 ? Math.min(-wd1, 32767) : wd1;
        int apl2 = (wd2 >> 7) + ((p0 ^ p2) >= 0 ? 128 : -128) + ((a2 * 32512) >> 15);
        apl2 = Math.max(-12288, Math.min(12288, apl2));

        // UPPOL1: the first pole coefficient, kept within the stability triangle set by the new a2.
        int apl1 = ((p0 ^ p1) >= 0 ? 192 : -192) + ((a1 * 32640) >> 15);
        int limit = 15360 - apl2;
        apl1 = Math.max(-limit, Math.min(limit, apl1));

        // DELAYA
        d6 = d5;
        d5 = d4;
        d4 = d3;
        d3 = d2;
        d2 = d1;
        d1 = dq;
        b1 = nb1;
        b2 = nb2;
        b3 = nb3;
        b4 = nb4;
        b5 = nb5;
        b6 = nb6;
        p2 = p1;
        p1 = p0;
        r2 = r1;
        r1 = r0;
        a1 = apl1;
        a2 = apl2;

        // FILTEZ: the ITU accumulates from the oldest tap and saturates after every addition.
        // |2 * d| stays below 2^15 (|d| <= 10228), so the doubling needs no saturation.
        int z = (b6 * (d6 << 1)) >> 15;
        z = sat(z + ((b5 * (d5 << 1)) >> 15));
        z = sat(z + ((b4 * (d4 << 1)) >> 15));
        z = sat(z + ((b3 * (d3 << 1)) >> 15));
        z = sat(z + ((b2 * (d2 << 1)) >> 15));
        z = sat(z + ((b1 * (d1 << 1)) >> 15));
        sz = z;

        // FILTEP and PREDIC
        int sp = sat(((apl1 * sat(r0 << 1)) >> 15) + ((apl2 * sat(r2 << 1)) >> 15));
        s = sat(sp + z);
    }

    /**
     * Saturates to the 16-bit range, as the standard's {@code add} and {@code sub} do.
     *
     * @param v a sum that fits in an int
     * @return v clamped to -32768..32767
     */
    static int sat(int v) {
        return Math.max(-32768, Math.min(32767, v));
    }
}
