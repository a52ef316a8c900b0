package io.voxcore.media.session;

import java.util.Arrays;

/**
 * A min-heap of {@link Timer}s ordered by deadline ({@link System#nanoTime()} units), confined
 * to one I/O thread. Scheduling, rescheduling and cancelling an already-known timer allocate
 * nothing; the backing array grows only when more timers exist than ever before.
 */
final class TimerQueue {

    /** One timer: a deadline and what to run; its heap index lets it move in O(log n). */
    abstract static class Timer {
        long deadline;
        int index = -1;

        /**
         * Runs the timer on the I/O thread.
         *
         * @param now the current {@link System#nanoTime()}
         */
        abstract void onTimer(long now);

        final boolean isScheduled() {
            return index >= 0;
        }
    }

    private Timer[] heap = new Timer[16];
    private int size;

    /**
     * Schedules a timer, or moves it when already scheduled.
     *
     * @param timer the timer
     * @param deadline when it is due, in nanoTime units
     */
    void schedule(Timer timer, long deadline) {
        if (timer.index >= 0) {
            long old = timer.deadline;
            timer.deadline = deadline;
            if (deadline - old < 0) {
                siftUp(timer.index);
            } else {
                siftDown(timer.index);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.deadline = deadline;
        timer.index = size;
        heap[size++] = timer;
        siftUp(timer.index);
    }

    /**
     * Removes a timer if scheduled.
     *
     * @param timer the timer
     */
    void cancel(Timer timer) {
        int i = timer.index;
        if (i < 0) {
            return;
        }
        timer.index = -1;
        size--;
        if (i != size) {
            Timer last = heap[size];
            heap[i] = last;
            last.index = i;
            heap[size] = null;
            siftDown(i);
            siftUp(last.index);
        } else {
            heap[size] = null;
        }
    }

    /**
     * Runs every timer due at {@code now}, earliest first. A timer may reschedule itself.
     *
     * @param now the current nanoTime
     */
    void runDue(long now) {
        while (size > 0 && heap[0].deadline - now <= 0) {
            Timer t = heap[0];
            cancel(t);
            t.onTimer(now);
        }
    }

    /**
     * The earliest deadline.
     *
     * @return the deadline, or {@link Long#MAX_VALUE} when empty
     */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    /**
     * Number of scheduled timers.
     *
     * @return the count
     */
    int size() {
        return size;
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (t.deadline - p.deadline >= 0) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].deadline - c.deadline < 0) {
                child = right;
                c = heap[child];
            }
            if (t.deadline - c.deadline <= 0) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }
}
