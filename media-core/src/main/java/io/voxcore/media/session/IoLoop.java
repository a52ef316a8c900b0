package io.voxcore.media.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread of a {@link MediaEngine}: a {@link Selector} over the sockets of the sessions
 * assigned to it, a {@link TimerQueue} for their playout and RTCP timers, a task queue for setup
 * work from other threads, and one direct receive buffer that every datagram on this thread is
 * read into (valid during its handler only).
 */
final class IoLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    /** Largest UDP payload: every datagram fits, so none is silently truncated. */
    static final int RECEIVE_BUFFER_SIZE = 65536;

    /** Something readable on this loop's selector. */
    interface Handler {
        /** The channel is readable; read it until empty. Runs on the loop thread. */
        void onReadable();
    }

    private final Selector selector;
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer receiveBuffer;
    private final Consumer<SelectionKey> onReady = this::ready;
    private final Thread thread;
    private final RateLimitedLog errors = new RateLimitedLog(LOG);
    private volatile boolean running = true;
    /** Selections made so far; read by the read handlers on this thread. */
    private long turn;

    IoLoop(String name, ByteBuffer receiveBuffer) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.receiveBuffer = receiveBuffer;
        this.thread = new IoThread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    TimerQueue timers() {
        return timers;
    }

    ByteBuffer receiveBuffer() {
        return receiveBuffer;
    }

    /**
     * The number of the current selection: it grows by one per turn of the loop, so a socket that
     * is ready in two consecutive turns had datagrams queued when the first turn read it. I/O
     * thread only.
     *
     * @return the turn's number
     */
    long turn() {
        return turn;
    }

    Thread thread() {
        return thread;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Whether the calling thread is an I/O thread of any engine: such a thread must never wait
     * for another loop (two loops waiting for each other would stall every session on both).
     *
     * @return true on an engine I/O thread
     */
    static boolean onAnyLoop() {
        return Thread.currentThread() instanceof IoThread;
    }

    /**
     * Whether the thread still runs its loop. A loop whose thread died (a fatal error escaped)
     * gets no new sessions.
     *
     * @return true while running
     */
    boolean isAlive() {
        return thread.isAlive() && running;
    }

    /** The thread type of engine I/O threads, so that {@link #onAnyLoop()} is one type check. */
    private static final class IoThread extends Thread {
        IoThread(Runnable loop, String name) {
            super(loop, name);
        }
    }

    /**
     * Runs a task on the loop thread (setup and teardown; allocates a queue node).
     *
     * @param task the task
     */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                turn++;
                long next = timers.nextDeadline();
                long now = System.nanoTime();
                if (!tasks.isEmpty()) {
                    selector.selectNow(onReady);
                } else if (next == Long.MAX_VALUE) {
                    selector.select(onReady, 0);
                } else {
                    long waitNanos = next - now;
                    if (waitNanos <= 0) {
                        selector.selectNow(onReady);
                    } else {
                        // Rounded up: a timer fires up to 1 ms late rather than the thread spinning on
                        // selectNow() through the last millisecond before every deadline.
                        selector.select(onReady, (waitNanos + 999_999L) / 1_000_000L);
                    }
                }
                runTasks();
                try {
                    timers.runDue(System.nanoTime());
                } catch (Throwable e) {
                    CallbackGuard.rethrowIfFatal(e);
                    // A failing timer (already removed from the heap) must not stop every session on
                    // this thread; the remaining due timers run on the next turn.
                    errors.warn("media timer failed", e);
                }
            }
        } catch (ClosedSelectorException e) {
            // closed under us during shutdown
        } catch (IOException | RuntimeException | Error e) {
            running = false;
            LOG.error("media I/O thread {} stopped by an unexpected failure; its sessions no longer receive and "
                    + "the engine assigns it no new session", thread.getName(), e);
        } finally {
            running = false;
            try {
                runTasks();
            } catch (Throwable e) {
                LOG.debug("tasks after the loop ended", e);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable e) {
                CallbackGuard.rethrowIfFatal(e);
                errors.warn("media task failed", e);
            }
        }
    }

    private void ready(SelectionKey key) {
        Object attachment = key.attachment();
        if (!key.isValid() || !(attachment instanceof Handler)) {
            return;
        }
        try {
            ((Handler) attachment).onReadable();
        } catch (Throwable e) {
            CallbackGuard.rethrowIfFatal(e);
            errors.warn("receive handler failed", e);
        }
    }

    /**
     * Stops the loop after the tasks queued so far, and waits for the thread to end.
     *
     * @param timeoutMillis how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    void shutdown(long timeoutMillis) throws InterruptedException {
        execute(() -> running = false);
        if (Thread.currentThread() != thread) {
            thread.join(timeoutMillis);
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }
}
