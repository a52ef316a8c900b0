package io.voxcore.media.session;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.codec.ComfortNoiseDecoder;
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
    private final int sampleRate;
    private final int channels;
    private final CallbackGuard guard;
    private final ArrayBlockingQueue<AudioFrame> queue;
    private volatile AudioListener listener;
    private volatile PcmSink sink;
    private long gaps;
    private long gapPackets;
    private long queueOverflows;
    private final ComfortNoiseDecoder comfortNoise = new ComfortNoiseDecoder(System.nanoTime());
    private final short[] noise;
    private boolean inComfortNoise;
    private long comfortNoiseSamples;

    Playout(int clockRate, int channels, int queueCapacity, CallbackGuard guard) {
        this(clockRate, clockRate, channels, queueCapacity, guard);
    }

    /**
     * Creates the playout of a codec whose sample rate may differ from its RTP clock: frames carry
     * the sample rate; gaps arrive in RTP units and reach the listener in samples.
     *
     * @param clockRate the RTP clock rate
     * @param sampleRate the decoded audio's sample rate
     * @param channels channels
     * @param queueCapacity the pull queue's capacity
     * @param guard catches what callbacks throw
     */
    Playout(int clockRate, int sampleRate, int channels, int queueCapacity, CallbackGuard guard) {
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.guard = guard;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.noise = new short[sampleRate / 50 * channels];
    }

    /**
     * The comfort-noise state of the received stream: CN packets update it (the receive
     * pipeline), and the time between them plays as its noise.
     *
     * @return the decoder
     */
    ComfortNoiseDecoder comfortNoise() {
        return comfortNoise;
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
        onPlayout(pcm, length, rtpTimestamp, sequence, false);
    }

    @Override
    public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence, boolean isComfortNoise) {
        inComfortNoise = isComfortNoise;
        deliver(pcm, length, rtpTimestamp);
    }

    private void deliver(short[] pcm, int length, long rtpTimestamp) {
        PcmSink s = sink;
        try {
            if (s != null) {
                s.onPcm(pcm, 0, length, rtpTimestamp);
                return;
            }
            AudioFrame frame = new AudioFrame(Arrays.copyOf(pcm, length), sampleRate, channels, rtpTimestamp);
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
    public void onGap(long rtpTimestamp, int rtpUnits, int firstSequence, int packets) {
        int samplesPerChannel = clockRate == sampleRate ? rtpUnits : (int) ((long) rtpUnits * sampleRate / clockRate);
        if (inComfortNoise) {
            fillWithNoise(rtpTimestamp, samplesPerChannel); // RFC 3389: the noise lasts until the next packet
            return;
        }
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

    private void fillWithNoise(long rtpTimestamp, int samplesPerChannel) {
        long ts = rtpTimestamp;
        int left = samplesPerChannel;
        int chunk = noise.length / channels;
        while (left > 0) {
            int n = Math.min(chunk, left);
            comfortNoise.generate(noise, 0, n * channels);
            deliver(noise, n * channels, ts & 0xFFFF_FFFFL);
            comfortNoiseSamples += n;
            ts += (long) n * clockRate / sampleRate;
            left -= n;
        }
    }

    /** Samples per channel of comfort noise played between CN packets. @return the count */
    long comfortNoiseSamples() {
        return comfortNoiseSamples;
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
