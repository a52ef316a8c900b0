package io.voxcore.media.rtp;

import java.lang.reflect.Method;

/**
 * Reads the current thread's allocated-bytes counter ({@code com.sun.management.ThreadMXBean}).
 * Reached reflectively because the test sources compile inside the {@code io.voxcore.media}
 * module, which does not (and should not) read {@code java.management}; tests run on the class
 * path, where the call is allowed.
 */
final class Allocations {

    private static final Object BEAN;
    private static final Method ALLOCATED;

    static {
        try {
            BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Allocations() {
    }

    /** Bytes allocated so far by the calling thread. The call itself allocates a few dozen bytes. */
    static long currentThread() {
        try {
            return (Long) ALLOCATED.invoke(BEAN, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
