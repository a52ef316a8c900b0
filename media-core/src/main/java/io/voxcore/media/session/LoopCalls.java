package io.voxcore.media.session;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the facade runs work on a session's I/O thread without ever blocking an I/O thread: inline
 * when already on it; posted without waiting when called from another engine I/O thread (two
 * loops waiting for each other would stall every session on both); posted and waited for (up to
 * 10 s) from an application thread.
 */
final class LoopCalls {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private LoopCalls() {
    }

    /**
     * Runs a task on the loop as described in the class comment.
     *
     * @param loop the session's loop
     * @param task the task; what it throws reaches an application caller
     * @throws IllegalStateException when the loop does not answer in 10 s or the wait is interrupted
     */
    static void run(IoLoop loop, Runnable task) {
        if (loop.inLoop()) {
            task.run();
            return;
        }
        if (IoLoop.onAnyLoop()) {
            loop.execute(task); // another I/O thread: never wait for a loop from a loop
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                failure.set(e);
                CallbackGuard.rethrowIfFatal(e);
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("I/O thread " + loop.thread().getName() + " did not answer in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the I/O thread", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
    }

    /**
     * Runs a session's teardown exactly once: inline on its own loop or when the loop is dead;
     * posted from another I/O thread; otherwise posted and waited for, an interrupt not cutting
     * the wait short (the status is kept), and run by the caller only when the loop died or did
     * not answer in 10 s.
     *
     * @param loop the session's loop
     * @param teardown what to run
     * @param owner named in the log line
     */
    static void runTeardown(IoLoop loop, Runnable teardown, Object owner) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                teardown.run();
            }
        };
        if (loop.inLoop() || !loop.thread().isAlive()) {
            once.run();
            return;
        }
        if (IoLoop.onAnyLoop()) {
            loop.execute(once);
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                once.run();
            } finally {
                done.countDown();
            }
        });
        boolean interrupted = false;
        long deadline = System.nanoTime() + WAIT_NANOS;
        try {
            while (true) {
                try {
                    if (done.await(100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    continue;
                }
                if (!loop.thread().isAlive() || System.nanoTime() - deadline > 0) {
                    LOG.warn("session {}: I/O thread {} did not run the teardown; closing on {}", owner,
                            loop.thread().getName(), Thread.currentThread().getName());
                    once.run();
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
