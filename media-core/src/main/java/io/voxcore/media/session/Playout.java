package io.voxcore.media.session;

import io.voxcore.media.AudioFrame;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where the jitter buffer's output goes: the allocation-free {@link PcmSink}, else the
 * {@link AudioListener}, else the pull queue ({@link #poll()}, {@link #receive(Duration)}). A
 * callback that throws is contained ({@link CallbackGuard}).
 *
 * <p>Threads: the {@link JitterBuffer.Output} methods run on the session's I/O thread; the
 * setters and the queue's readers on any thread.
 */
final class Playout implements JitterBuffer.Output {

    private final int clockRate;
    private final int channels;
    private final CallbackGuard guard;
    private final ArrayBlockingQueue<AudioFrame> queue;
    private volatile AudioListener listener;
    private volatile PcmSink sink;
    private long gaps;
    private long gapPackets;
    private long queueOverflows;

    Playout(int clockRate, int channels, int queueCapacity, CallbackGuard guard) {
        this.clockRate = clockRate;
        this.channels = channels;
        this.guard = guard;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Sets the listener; replaces any sink. @param l the listener, or null for the queue */
    void listener(AudioListener l) {
        this.listener = l;
        if (l != null) {
            this.sink = null;
        }
    }

    /** Sets the sink; replaces any listener. @param s the sink, or null for the queue */
    void sink(PcmSink s) {
        this.sink = s;
        if (s != null) {
            this.listener = null;
        }
    }

    /** The next queued frame. @return it, or null */
    AudioFrame poll() {
        return queue.poll();
    }

    /**
     * Waits for the next queued frame.
     *
     * @param timeout the longest wait
     * @return the frame, or null on timeout
     * @throws InterruptedException if interrupted
     */
    AudioFrame receive(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence) {
        PcmSink s = sink;
        try {
            if (s != null) {
                s.onPcm(pcm, 0, length, rtpTimestamp);
                return;
            }
            AudioFrame frame = new AudioFrame(Arrays.copyOf(pcm, length), clockRate, channels, rtpTimestamp);
            AudioListener l = listener;
            if (l != null) {
                l.onAudio(frame);
                return;
            }
            while (!queue.offer(frame)) {
                if (queue.poll() != null) {
                    queueOverflows++;
                }
            }
        } catch (Throwable e) {
            guard.failed("audio listener", e);
        }
    }

    @Override
    public void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets) {
        gaps++;
        gapPackets += packets;
        PcmSink s = sink;
        AudioListener l = listener;
        try {
            if (s != null) {
                s.onGap(rtpTimestamp, samplesPerChannel, firstSequence, packets);
            } else if (l != null) {
                l.onGap(new AudioGap(rtpTimestamp, samplesPerChannel, firstSequence, packets));
            }
        } catch (Throwable e) {
            guard.failed("audio listener (gap)", e);
        }
    }

    long gaps() {
        return gaps;
    }

    long gapPackets() {
        return gapPackets;
    }

    long queueOverflows() {
        return queueOverflows;
    }
}
