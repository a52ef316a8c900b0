package io.voxcore.media.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays a {@link PcmSource} at real time from the session's I/O thread timers: one packet per
 * {@code ptime}, on an absolute schedule (no drift), catching up at most a few packets when the
 * thread was late. No thread per playing session.
 */
final class PcmPlayer extends TimerQueue.Timer implements Playback {

    private static final int MAX_CATCH_UP = 5;
    private static final long RETRY_NANOS = 1_000_000L;

    private final RtpSender sender;
    private final IoLoop loop;
    private final PcmSource source;
    private final CallbackGuard guard;
    private final Runnable onEnd;
    private final short[] pcm;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private long t0;
    private long ticks;
    private volatile long packets;

    PcmPlayer(RtpSender sender, IoLoop loop, PcmSource source, CallbackGuard guard, Runnable onEnd) {
        this.sender = sender;
        this.loop = loop;
        this.source = source;
        this.guard = guard;
        this.onEnd = onEnd;
        this.pcm = new short[sender.maxShortsPerPacket()];
    }

    /** Starts on the I/O thread. @param now System.nanoTime() */
    void start(long now) {
        t0 = now;
        loop.timers().schedule(this, now);
    }

    @Override
    void onTimer(long now) {
        if (ended.get()) {
            return;
        }
        if (!sender.claim().tryEnterEngine()) {
            if (sender.claim().isClosed()) {
                finish(new IllegalStateException("session closed during playback"));
            } else {
                loop.timers().schedule(this, now + RETRY_NANOS);
            }
            return;
        }
        boolean over = false;
        try {
            sender.takePlan(); // a re-INVITE may have changed ptime: read a packet of the new length
            long ptime = sender.ptimeNanos();
            int sent = 0;
            while (t0 + ticks * ptime - now <= 0 && sent < MAX_CATCH_UP) {
                int n;
                try {
                    n = source.read(pcm, 0, sender.shortsPerPacket());
                } catch (Throwable e) {
                    guard.failed("PCM source", e);
                    finish(e);
                    return;
                }
                if (n < 0) {
                    over = true;
                    break;
                }
                if (n > sender.shortsPerPacket() || n % sender.channels() != 0) {
                    finish(new IllegalStateException("PCM source returned " + n + " samples for a packet of "
                            + sender.shortsPerPacket() + " (" + sender.channels() + " channel(s))"));
                    return;
                }
                sender.sendPacedPacket(pcm, n, now);
                if (n > 0) {
                    packets = packets + 1;
                }
                ticks++;
                sent++;
            }
            if (t0 + ticks * ptime - now < -MAX_CATCH_UP * ptime) {
                ticks = (now - t0) / ptime; // far behind (a stalled thread): skip rather than burst
            }
        } finally {
            sender.claim().exitEngine();
        }
        if (over) {
            finish(null);
        } else {
            loop.timers().schedule(this, t0 + ticks * sender.ptimeNanos());
        }
    }

    /** Ends the playback once. I/O thread. @param failure null for a normal end */
    void finish(Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        loop.timers().cancel(this);
        onEnd.run();
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    @Override
    public CompletionStage<Void> done() {
        return done;
    }

    @Override
    public boolean cancel() {
        if (ended.get()) {
            return false;
        }
        java.util.concurrent.CancellationException cancelled =
                new java.util.concurrent.CancellationException("playback cancelled");
        if (loop.inLoop()) {
            boolean was = !ended.get();
            finish(cancelled);
            return was;
        }
        loop.execute(() -> finish(cancelled));
        return true;
    }

    @Override
    public long packetsSent() {
        return packets;
    }
}
