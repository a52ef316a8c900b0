package io.voxcore.codec.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the calling thread allocates ({@code com.sun.management.ThreadMXBean}), for
 * deterministic zero-allocation tests: warm up, then measure a window of calls.
 */
public final class ThreadAllocations {

    private ThreadAllocations() {
    }

    /**
     * Bytes allocated so far by the calling thread, or a skipped test on a JVM without the counter.
     *
     * @return the running count
     */
    public static long current() {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean, "no com.sun.management.ThreadMXBean");
        return ((com.sun.management.ThreadMXBean) plain).getCurrentThreadAllocatedBytes();
    }
}
