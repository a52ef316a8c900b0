package io.voxcore.codec.internal;

/**
 * The constants of ITU-T G.722 (11/88 and its 2012 edition): quantiser decision levels, inverse quantiser outputs and scale-factor adaptation tables. Facts of the standard;
 * the inverse quantiser tables hold the standard's output levels already multiplied by 8 and
 * signed by the codeword, the form in which the algorithm multiplies them with the scale factor.
 * The 24 QMF coefficients (3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876 and the
 * same mirrored) are written out as constants in the filters of {@link G722Encoder} and
 * {@link G722Decoder}.
 */
final class G722Tables {

    private G722Tables() {
    }

    /**
     * Lower sub-band quantiser decision levels (QUANTL), in units of 1/4096 of the scale factor:
     * a difference of magnitude {@code wd} falls in interval {@code m} (1-30) when
     * {@code (Q6[m - 1] * det) >> 12 <= wd < (Q6[m] * det) >> 12}.
     */
    static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
    };

    /** The 6-bit codeword for a negative difference in interval m (1-30). */
    static final int[] ILN = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
    };

    /** The 6-bit codeword for a positive (or zero) difference in interval m (1-30). */
    static final int[] ILP = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
    };

    /** Lower sub-band 4-bit inverse quantiser (INVQAL, and INVQBL in 48 kbit/s mode), by il >> 2. */
    static final int[] QM4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    };

    /** Lower sub-band 5-bit inverse quantiser (INVQBL in 56 kbit/s mode), by il >> 1. */
    static final int[] QM5 = {
        -280, -280, -23352, -17560, -14120, -11664, -9752, -8184,
        -6864, -5712, -4696, -3784, -2960, -2208, -1520, -880,
        23352, 17560, 14120, 11664, 9752, 8184, 6864, 5712,
        4696, 3784, 2960, 2208, 1520, 880, 280, -280,
    };

    /** Lower sub-band 6-bit inverse quantiser (INVQBL in 64 kbit/s mode), by il. */
    static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    };

    /** Higher sub-band 2-bit inverse quantiser (INVQAH), by ih. */
    static final int[] QM2 = {-7408, -1616, 7408, 1616};

    /** Higher sub-band quantiser decision level (QUANTH), in units of 1/4096 of the scale factor. */
    static final int Q2 = 564;

    /**
     * Lower sub-band log scale factor increments (LOGSCL), by the 4-bit code il >> 2: the
     * standard's W_L table read through its magnitude mapping RIL4.
     */
    static final int[] WL4 = {
        -60, 3042, 1198, 538, 334, 172, 58, -30,
        3042, 1198, 538, 334, 172, 58, -30, -60,
    };

    /** Higher sub-band log scale factor increments (LOGSCH), by ih: W_H read through RIH2. */
    static final int[] WH2 = {798, -214, 798, -214};

    /** Upper limit of the lower sub-band log scale factor (LOGSCL). */
    static final int NBL_MAX = 18432;

    /** Upper limit of the higher sub-band log scale factor (LOGSCH). */
    static final int NBH_MAX = 22528;

    /**
     * The antilog table of SCALEL/SCALEH: 2^(11 + i/32) rounded, for the fractional part of a log
     * scale factor in 1/32 steps.
     */
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    };

    /** Lower sub-band scale factor (SCALEL) by {@code nbl >> 6}, for nbl 0..18432. */
    static final int[] DET_LOW = scaleTable(NBL_MAX >> 6, 8);

    /** Higher sub-band scale factor (SCALEH) by {@code nbh >> 6}, for nbh 0..22528. */
    static final int[] DET_HIGH = scaleTable(NBH_MAX >> 6, 10);

    /**
     * SCALEL/SCALEH for every value of {@code nb >> 6}: the antilog of the 5-bit fraction shifted
     * by the integer part ({@code nb >> 11}) against a band-specific offset, times 4.
     */
    private static int[] scaleTable(int maxIndex, int offset) {
        int[] table = new int[maxIndex + 1];
        for (int k = 0; k <= maxIndex; k++) {
            int shift = offset - (k >> 5);
            int antilog = ILB[k & 31];
            table[k] = (shift >= 0 ? antilog >> shift : antilog << -shift) << 2;
        }
        return table;
    }
}
