package io.voxcore.media.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who holds a session's RTP stream: the application's thread ({@code send}) or the engine's I/O
 * thread (DTMF events and {@code play}, paced by its timers). A small state machine gives the
 * stream to one at a time, without a lock: the application claims it with one compare-and-set per
 * call and throws when another application thread holds it; the I/O thread only ever
 * <em>tries</em> to claim it and, when the application is mid-call, retries on its next timer
 * tick, so the I/O thread never waits. The application waits only for the few microseconds in
 * which the I/O thread writes one packet. (Split out of {@link RtpSender}.)
 */
final class StreamClaim {

    private static final int IDLE = 0;
    private static final int USER = 1;
    private static final int ENGINE = 2;
    private static final int CLOSED = 4;

    private final AtomicInteger state = new AtomicInteger();

    /**
     * Claims the stream for an application thread (one compare-and-set; a short wait only while
     * the I/O thread writes a packet).
     *
     * @param session named in the error
     * @throws IllegalStateException when closed, or another application thread is sending
     */
    void enterUser(Object session) {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                throw new IllegalStateException("session " + session + " is closed");
            }
            if (s == USER) {
                throw new IllegalStateException("session " + session
                        + ": send called from two threads at once (send is single-threaded)");
            }
            if (s == IDLE && state.compareAndSet(IDLE, USER)) {
                return;
            }
            Thread.onSpinWait(); // the I/O thread is writing one packet
        }
    }

    /**
     * Releases the stream after {@link #enterUser}.
     *
     * @return true if the session was closed meanwhile (the caller then finishes the close)
     */
    boolean exitUser() {
        return (state.getAndUpdate(s -> s & CLOSED) & CLOSED) != 0;
    }

    /**
     * Tries to claim the stream for the I/O thread; never waits.
     *
     * @return true if claimed; false when the application is sending or the session is closed
     */
    boolean tryEnterEngine() {
        return state.compareAndSet(IDLE, ENGINE);
    }

    /** Releases the stream after {@link #tryEnterEngine}. */
    void exitEngine() {
        state.compareAndSet(ENGINE, IDLE);
    }

    /**
     * Closes the send side: no sender may claim it afterwards.
     *
     * @return true if an application thread is inside a send now (it sees the close when it exits)
     */
    boolean close() {
        int before = state.getAndUpdate(s -> s == ENGINE ? CLOSED : s | CLOSED);
        return (before & USER) != 0;
    }

    /** Whether {@link #close()} was called. @return true once closed */
    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }
}
