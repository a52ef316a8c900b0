package io.voxcore.media.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Delivers a session's {@link MediaEvent}s to its listener, and watches for the RTP timeout.
 * I/O thread only, except {@link #listener(MediaEventListener)}.
 */
final class SessionEvents {

    private final CallbackGuard guard;
    private final TimerQueue timers;
    private final long timeoutNanos;
    private final TimeoutTimer timer = new TimeoutTimer();
    private volatile MediaEventListener listener;
    private LongSupplier lastMedia = () -> 0L;
    private BooleanSupplier expectsMedia = () -> true;
    private long startNanos;
    private boolean timedOut;

    /**
     * Creates the part.
     *
     * @param guard catches what the listener throws
     * @param timers the session's timers
     * @param timeoutMillis the RTP timeout, 0 for none
     */
    SessionEvents(CallbackGuard guard, TimerQueue timers, int timeoutMillis) {
        this.guard = guard;
        this.timers = timers;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
    }

    /**
     * Sets the listener; any thread.
     *
     * @param l the listener, or null for none
     */
    void listener(MediaEventListener l) {
        this.listener = l;
    }

    /**
     * Starts watching for the RTP timeout. I/O thread.
     *
     * @param lastMediaNanos when the last RTP packet was accepted (0 before any)
     * @param expects whether media is expected now (the negotiated direction receives)
     * @param now System.nanoTime()
     */
    void start(LongSupplier lastMediaNanos, BooleanSupplier expects, long now) {
        this.lastMedia = lastMediaNanos;
        this.expectsMedia = expects;
        this.startNanos = now;
        rearm(now);
    }

    /**
     * Restarts the silence count (a re-INVITE changed the direction or the remote). I/O thread.
     *
     * @param now System.nanoTime()
     */
    void rearm(long now) {
        if (timeoutNanos > 0) {
            startNanos = now;
            timedOut = false;
            timers.schedule(timer, now + Math.max(timeoutNanos / 4, 1_000_000L));
        }
    }

    /** Stops the timeout timer (close). */
    void stop() {
        timers.cancel(timer);
    }

    void sourceChanged(InetSocketAddress previous, InetSocketAddress current) {
        emit(new MediaEvent.SourceChanged(previous, current));
    }

    void ssrcChanged(long previous, long current) {
        emit(new MediaEvent.SsrcChanged(previous, current));
    }

    void bye(long ssrc) {
        emit(new MediaEvent.ByeReceived(ssrc));
    }

    void codecChanged(boolean sending, int payloadType, String encoding) {
        emit(new MediaEvent.CodecChanged(sending, payloadType, encoding));
    }

    private void emit(MediaEvent event) {
        MediaEventListener l = listener;
        if (l == null) {
            return;
        }
        try {
            l.onEvent(event);
        } catch (Throwable e) {
            guard.failed("media event listener", e);
        }
    }

    private final class TimeoutTimer extends TimerQueue.Timer {
        @Override
        void onTimer(long now) {
            long last = Math.max(lastMedia.getAsLong(), startNanos);
            long silent = now - last;
            if (!expectsMedia.getAsBoolean()) {
                startNanos = now; // on hold: silence is expected and not counted
                timedOut = false;
            } else if (silent >= timeoutNanos) {
                if (!timedOut) {
                    timedOut = true;
                    emit(new MediaEvent.RtpTimeout(Duration.ofNanos(silent)));
                }
            } else {
                timedOut = false;
            }
            timers.schedule(this, now + Math.max(timeoutNanos / 4, 1_000_000L));
        }
    }
}
