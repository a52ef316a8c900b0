package io.voxcore.media.rtp;

import java.util.SplittableRandom;

/**
 * A small, seeded source of test inputs for property tests: uniform draws with a bias towards
 * the edges of each range (the values where wraparound and length bugs live). Deterministic: a
 * failing case is replayed from the seed printed by {@link #forAll}.
 */
final class Gen {

    /** Cases per property: enough to hit the edges many times, small enough to run in well under a second. */
    static final int TRIES = 2000;

    /** One property: draws its inputs from {@code g} and asserts. */
    interface Property {
        void check(Gen g) throws Exception;
    }

    private final SplittableRandom random;

    private Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Runs {@code property} over {@link #TRIES} generated cases, each from its own seed; a failure
     * names the case and the seed that reproduces it.
     */
    static void forAll(long seed, Property property) {
        for (int i = 0; i < TRIES; i++) {
            long caseSeed = seed * 0x9E37_79B9_7F4A_7C15L + i;
            try {
                property.check(new Gen(caseSeed));
            } catch (Exception | AssertionError e) {
                throw new AssertionError("property failed at case " + i + ", replay with seed " + caseSeed, e);
            }
        }
    }

    /** Runs {@code property} once on the case made from {@code caseSeed} (to replay a failure). */
    static void replay(long caseSeed, Property property) throws Exception {
        property.check(new Gen(caseSeed));
    }

    /** An int in [lo, hi], the bounds and their neighbours drawn more often than uniform. */
    int intIn(int lo, int hi) {
        return (int) longIn(lo, hi);
    }

    /** A long in [lo, hi], the bounds and their neighbours drawn more often than uniform. */
    long longIn(long lo, long hi) {
        int pick = random.nextInt(16);
        switch (pick) {
            case 0:
                return lo;
            case 1:
                return hi;
            case 2:
                return lo < hi ? lo + 1 : lo;
            case 3:
                return lo < hi ? hi - 1 : hi;
            default:
                return hi == Long.MAX_VALUE && lo == Long.MIN_VALUE ? random.nextLong() : random.nextLong(lo, hi + 1);
        }
    }

    /** A fair coin. */
    boolean bool() {
        return random.nextBoolean();
    }

    /** True with probability {@code 1/n}. */
    boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    /** Random bytes, length in [0, maxLength]. */
    byte[] bytes(int maxLength) {
        return bytes(0, maxLength);
    }

    /** Random bytes, length in [minLength, maxLength]. */
    byte[] bytes(int minLength, int maxLength) {
        byte[] out = new byte[intIn(minLength, maxLength)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }
}
