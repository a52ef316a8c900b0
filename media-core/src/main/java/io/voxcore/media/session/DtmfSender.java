package io.voxcore.media.session;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Sends RFC 4733 telephone events paced by the engine's timers, so that no application thread
 * waits for a tone: a first packet with the marker bit, an update every {@code ptime} with the
 * duration so far, then the end packet (E bit, final duration) three times at the same interval
 * (RFC 4733 sections 2.5.1.2-2.5.1.4), every packet with the event's start timestamp and a new
 * sequence number. Audio is suppressed while an event lasts; afterwards it continues after the
 * time the event occupied. Several digits queue; a pause as long as a tone separates two digits
 * of one request.
 *
 * <p>I/O thread only. When the application is inside {@code send} at a tick, the tick is retried
 * a millisecond later rather than waiting.
 */
final class DtmfSender extends TimerQueue.Timer {

    private static final long RETRY_NANOS = 1_000_000L;

    /** One request: digits sent one after another, completed when the last end packet is out. */
    static final class Job {
        final int[] events;
        final int samples;
        final int volume;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Job(int[] events, int samples, int volume) {
            this.events = events;
            this.samples = samples;
            this.volume = volume;
        }
    }

    private final RtpSender sender;
    private final TimerQueue timers;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private Job job;
    private int index;
    private boolean inEvent;
    private boolean pausing;
    private long start;
    private long t0;
    private int packet;
    private int endsSent;

    DtmfSender(RtpSender sender, TimerQueue timers) {
        this.sender = sender;
        this.timers = timers;
    }

    /**
     * Queues a request. I/O thread.
     *
     * @param request the digits
     * @param now System.nanoTime()
     */
    void submit(Job request, long now) {
        queue.add(request);
        if (job == null && !isScheduled()) {
            timers.schedule(this, now);
        }
    }

    @Override
    void onTimer(long now) {
        if (job == null) {
            job = queue.poll();
            index = 0;
            if (job == null) {
                return;
            }
        }
        if (!sender.claim().tryEnterEngine()) {
            if (sender.claim().isClosed()) {
                return; // the teardown cancels what is left
            }
            timers.schedule(this, now + RETRY_NANOS); // the application is mid-send
            return;
        }
        long next;
        try {
            next = step(now);
        } finally {
            sender.claim().exitEngine();
        }
        if (next != Long.MAX_VALUE) {
            timers.schedule(this, next);
        } else if (!queue.isEmpty()) {
            timers.schedule(this, now);
        }
    }

    /** Sends what is due now; returns when to run next, or MAX_VALUE when the queue is done. */
    private long step(long now) {
        int step = sender.samplesPerPacket();
        long ptime = sender.ptimeNanos();
        if (pausing) {
            pausing = false;
            sender.advance(job.samples, now);
        }
        if (!inEvent) {
            inEvent = true;
            start = sender.beginEvent(now);
            t0 = now;
            packet = 0;
            endsSent = 0;
        }
        int event = job.events[index];
        if ((long) (packet + 1) * step < job.samples) {
            sender.eventPacket(packet == 0, start, event, false, job.volume, (packet + 1) * step, now);
            packet++;
            return t0 + packet * ptime;
        }
        if (endsSent < 3) {
            sender.eventPacket(packet == 0 && endsSent == 0, start, event, true, job.volume, job.samples, now);
            endsSent++;
            return t0 + (packet + endsSent) * ptime;
        }
        sender.endEvent(start, (long) (packet + 3) * step, now);
        inEvent = false;
        index++;
        if (index < job.events.length) {
            pausing = true;
            return now + (long) job.samples * 1_000_000_000L / sender.clockRate();
        }
        Job finished = job;
        job = null;
        sender.eventRequestDone();
        finished.done.complete(null);
        return Long.MAX_VALUE;
    }

    /**
     * Ends everything at close: an event in progress gets its three end packets at once, and every
     * request fails. I/O thread, in the session's teardown, when no application thread is inside
     * {@code send} any more (the stream is then free although closed).
     */
    void cancel() {
        timers.cancel(this);
        if (job != null && inEvent) {
            {
                long now = System.nanoTime();
                int duration = Math.min(job.samples, Math.max(packet, 1) * sender.samplesPerPacket());
                for (int i = endsSent; i < 3; i++) {
                    sender.eventPacket(packet == 0 && i == 0, start, job.events[index], true, job.volume, duration, now);
                }
                sender.endEvent(start, (long) (packet + 3) * sender.samplesPerPacket(), now);
            }
        }
        IllegalStateException closed = new IllegalStateException("session closed before the DTMF digits were sent");
        if (job != null) {
            sender.eventRequestDone();
            job.done.completeExceptionally(closed);
            job = null;
        }
        Job j;
        while ((j = queue.poll()) != null) {
            sender.eventRequestDone();
            j.done.completeExceptionally(closed);
        }
        inEvent = false;
    }
}
