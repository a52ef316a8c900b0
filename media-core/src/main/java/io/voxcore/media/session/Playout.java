package io.voxcore.media.session;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.codec.ComfortNoiseDecoder;
import io.voxcore.media.codec.LossConcealer;
import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where the jitter buffer's output goes: the allocation-free {@link PcmSink}, else the
 * {@link AudioListener}, else the pull queue ({@link #poll()}, {@link #receive(Duration)}). A
 * callback that throws is contained ({@link CallbackGuard}). Lost packets play as the
 * {@link GapPolicy} says: concealment, silence, or a reported gap; after an RFC 3389 CN packet
 * every gap plays as comfort noise. Concealment is the codec's own when it has one (Opus: its PLC,
 * or the in-band FEC of the packet after the loss; see {@link CodecConcealment}), else
 * {@link LossConcealer}, which sees every frame played.
 *
 * <p>Threads: the {@link JitterBuffer.Output} methods run on the session's I/O thread; the
 * setters and the queue's readers on any thread.
 */
final class Playout implements JitterBuffer.Output {

    private final int clockRate;
    private final int sampleRate;
    private final int channels;
    private final CallbackGuard guard;
    private static final VarHandle QUEUE;

    static {
        try {
            QUEUE = MethodHandles.lookup().findVarHandle(Playout.class, "queue", ArrayBlockingQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The pull queue, made by the first frame queued or the first {@link #receive} (a session
     * whose audio goes to a listener or a sink, or that only relays, holds none).
     */
    private volatile ArrayBlockingQueue<AudioFrame> queue;
    private final int queueCapacity;
    private volatile AudioListener listener;
    private volatile PcmSink sink;
    private long gaps;
    private long gapPackets;
    private long queueOverflows;
    private final ComfortNoiseDecoder comfortNoise = new ComfortNoiseDecoder(System.nanoTime());
    /** Gap audio: made when the first gap is filled, so a session that only relays holds none. */
    private short[] noise;
    private boolean inComfortNoise;
    private final GapPolicy policy;
    /** Created with the first audio played (a relayed session that never plays holds none). */
    private LossConcealer concealer;
    private final boolean concealing;
    private long concealedSamples;
    private long stretchedSamples;
    private long fecRecoveredSamples;
    private final PcmReadRing readRing;
    private final CodecConcealment codecConcealment;

    Playout(int clockRate, int sampleRate, int channels, int queueCapacity, CallbackGuard guard, GapPolicy policy,
            int ptimeMillis) {
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.guard = guard;
        this.queueCapacity = queueCapacity;
        this.policy = policy;
        this.concealing = policy == GapPolicy.CONCEAL && LossConcealer.supports(sampleRate, channels);
        int packet = sampleRate / 1000 * ptimeMillis * channels;
        int twentyMillis = sampleRate / 50 * channels;
        this.codecConcealment = new CodecConcealment(clockRate, sampleRate, channels);
        this.readRing = new PcmReadRing(sampleRate * channels + 4 * packet, channels, packet,
                Math.max(2 * packet, twentyMillis), Math.max(3 * twentyMillis, 3 * packet));
    }

    /**
     * The fixed-cadence pull: see {@link MediaSession#read}. Reader thread.
     *
     * @param pcm where to write
     * @param offset index of the first sample
     * @param samples how many, all channels
     * @return how many of them, from the start, came from the stream
     * @throws IllegalStateException if a listener or sink is set, or another thread is reading
     */
    int read(short[] pcm, int offset, int samples) {
        if (sink != null || listener != null) {
            throw new IllegalStateException("read() needs no listener and no sink: audio goes to the "
                    + (sink != null ? "PcmSink " + sink : "AudioListener " + listener) + "; set it to null first");
        }
        return readRing.read(pcm, offset, samples);
    }

    /** {@return samples of silence the reader got because nothing had arrived} */
    long readPadded() {
        return readRing.padded();
    }

    /** {@return samples dropped between the I/O thread and the reader (a slow or stalled reader)} */
    long readDropped() {
        return readRing.dropped();
    }

    /** A new source: what the concealer remembers of the old one is forgotten. I/O thread. */
    void sourceChanged() {
        if (concealer != null) {
            concealer.reset();
        }
        codecConcealment.forget();
    }

    /** The decoders in force, by payload type (the pipeline's; replaced on a re-INVITE). I/O thread. */
    void decoders(ZeroCopyCodecAdapter[] byPayloadType) {
        codecConcealment.decoders(byPayloadType);
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
        ArrayBlockingQueue<AudioFrame> q = queue;
        return q == null ? null : q.poll();
    }

    private ArrayBlockingQueue<AudioFrame> queue() {
        ArrayBlockingQueue<AudioFrame> q = queue;
        if (q == null) {
            q = new ArrayBlockingQueue<>(queueCapacity);
            if (!QUEUE.compareAndSet(this, null, q)) {
                q = queue; // the other side made it first: both use that one
            }
        }
        return q;
    }

    /**
     * Waits for the next queued frame.
     *
     * @param timeout the longest wait
     * @return the frame, or null on timeout
     * @throws InterruptedException if interrupted
     */
    AudioFrame receive(Duration timeout) throws InterruptedException {
        return queue().poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence) {
        onPlayout(pcm, length, rtpTimestamp, sequence, false);
    }

    @Override
    public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence, boolean isComfortNoise) {
        codecConcealment.decodedElsewhere();
        played(pcm, length, rtpTimestamp, isComfortNoise);
    }

    @Override
    public void onNextEncoded(byte[] payload, int length, int payloadType, int samples, long rtpTimestamp) {
        codecConcealment.next(payload, length, payloadType, samples, rtpTimestamp);
    }

    @Override
    public void onPlayoutEncoded(byte[] payload, int payloadLength, int payloadType, short[] pcm, int length,
            long rtpTimestamp, int sequence) {
        if (!codecConcealment.decode(payload, payloadLength, payloadType, pcm, length)) {
            fillLost(rtpTimestamp, length / channels, false); // undecodable: its time is concealed
            return;
        }
        played(pcm, length, rtpTimestamp, false);
    }

    private void played(short[] pcm, int length, long rtpTimestamp, boolean isComfortNoise) {
        inComfortNoise = isComfortNoise;
        if (concealing && !codecConcealment.active()) {
            if (concealer == null) {
                concealer = LossConcealer.create(sampleRate);
            }
            concealer.played(pcm, 0, length); // fades in after a loss; keeps the history
        }
        deliver(pcm, length, rtpTimestamp);
    }

    private void deliver(short[] pcm, int length, long rtpTimestamp) {
        PcmSink s = sink;
        try {
            if (s != null) {
                s.onPcm(pcm, 0, length, rtpTimestamp);
                return;
            }
            AudioListener l = listener;
            if (l == null && readRing.active()) {
                readRing.write(pcm, 0, length);
                return;
            }
            AudioFrame frame = new AudioFrame(Arrays.copyOf(pcm, length), sampleRate, channels, rtpTimestamp);
            if (l != null) {
                l.onAudio(frame);
                return;
            }
            ArrayBlockingQueue<AudioFrame> q = queue();
            while (!q.offer(frame)) {
                if (q.poll() != null) {
                    queueOverflows++;
                }
            }
        } catch (Throwable e) {
            guard.failed("audio listener", e);
        }
    }

    @Override
    public void onStretch(long rtpTimestamp, int rtpUnits, int nextSequence) {
        if (!(concealing || codecConceals()) || inComfortNoise) {
            onGap(rtpTimestamp, rtpUnits, nextSequence, 0); // nothing to stretch with: time without audio
            return;
        }
        // the delay grew mid-talkspurt: the time is filled with concealment, not silence
        int samplesPerChannel = clockRate == sampleRate ? rtpUnits : (int) ((long) rtpUnits * sampleRate / clockRate);
        long before = concealedSamples;
        fillLost(rtpTimestamp, samplesPerChannel, false);
        stretchedSamples += concealedSamples - before;
        concealedSamples = before;
    }

    @Override
    public void onGap(long rtpTimestamp, int rtpUnits, int firstSequence, int packets) {
        // the jitter buffer counts on the RTP clock; listeners count samples (twice as many for G.722)
        int samplesPerChannel = clockRate == sampleRate ? rtpUnits : (int) ((long) rtpUnits * sampleRate / clockRate);
        if (inComfortNoise) {
            fillWithNoise(rtpTimestamp, samplesPerChannel); // RFC 3389: the noise lasts until the next packet
            return;
        }
        gaps++;
        gapPackets += packets;
        long ts = rtpTimestamp;
        int left = samplesPerChannel;
        if (packets > 0 && policy != GapPolicy.REPORT) {
            fillLost(ts, left, true);
            return;
        }
        if (concealer != null && !codecConcealment.active() && concealer.inLoss() && left > 0
                && left < concealer.frameSize()) {
            // a hole of less than 10 ms between a loss and the next packet (the buffer's timing, not
            // a pause): the concealment runs on through it, and the packet gets Appendix I's
            // recovery, instead of a fade-out, a click of silence and an unfaded start
            fillLost(ts, left, false);
            concealedSamples -= left;
            stretchedSamples += left;
            return;
        }
        if (concealer != null && left > 0) { // time without audio: a loss before it fades out
            short[] noise = noise();
            int n = concealer.endWithSilence(noise, 0, Math.min(left, noise.length));
            if (n > 0) {
                deliver(noise, n, ts & 0xFFFF_FFFFL);
                ts += rtp(n / channels);
                left -= n / channels;
                if (left == 0) {
                    return;
                }
            }
        }
        report(ts & 0xFFFF_FFFFL, left, firstSequence, packets);
    }

    private void report(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets) {
        PcmSink s = sink;
        AudioListener l = listener;
        try {
            if (s != null) {
                s.onGap(rtpTimestamp, samplesPerChannel, firstSequence, packets);
            } else if (l != null) {
                l.onGap(new AudioGap(rtpTimestamp, samplesPerChannel, firstSequence, packets));
            } else if (readRing.active()) {
                readRing.writeSilence((long) samplesPerChannel * channels); // the reader's time runs on
            }
        } catch (Throwable e) {
            guard.failed("audio listener (gap)", e);
        }
    }

    private boolean codecConceals() {
        return policy == GapPolicy.CONCEAL && codecConcealment.active();
    }

    /**
     * Lost packets' time as frames: the codec's concealment (FEC from the next packet when
     * {@code fec} and it carries some), Appendix I, or zeros (policy SILENCE, or a format neither
     * can conceal).
     */
    private void fillLost(long rtpTimestamp, int samplesPerChannel, boolean fec) {
        if (codecConceals()) {
            long ts = rtpTimestamp;
            int left = samplesPerChannel;
            while (left > 0) {
                int n = codecConcealment.fill(ts, left, fec);
                boolean recovered = codecConcealment.recovered();
                deliver(codecConcealment.output(), n * channels, ts & 0xFFFF_FFFFL);
                if (recovered) {
                    fecRecoveredSamples += n;
                } else {
                    concealedSamples += n;
                }
                ts += rtp(n);
                left -= n;
            }
            return;
        }
        long ts = rtpTimestamp;
        int left = samplesPerChannel;
        short[] noise = noise();
        int chunk = noise.length / channels;
        while (left > 0) {
            int n = Math.min(chunk, left);
            if (concealing) {
                if (concealer == null) {
                    concealer = LossConcealer.create(sampleRate); // a loss before any audio: silence, concealed
                }
                concealer.conceal(noise, 0, n);
            } else {
                Arrays.fill(noise, 0, n * channels, (short) 0);
            }
            deliver(noise, n * channels, ts & 0xFFFF_FFFFL);
            concealedSamples += n;
            ts += rtp(n);
            left -= n;
        }
    }

    private short[] noise() {
        if (noise == null) {
            noise = new short[sampleRate / 50 * channels];
        }
        return noise;
    }

    private void fillWithNoise(long rtpTimestamp, int samplesPerChannel) {
        long ts = rtpTimestamp;
        int left = samplesPerChannel;
        short[] noise = noise();
        int chunk = noise.length / channels;
        while (left > 0) {
            int n = Math.min(chunk, left);
            comfortNoise.generate(noise, 0, n * channels);
            if (concealer != null) {
                concealer.played(noise, 0, n * channels);
            }
            deliver(noise, n * channels, ts & 0xFFFF_FFFFL);
            ts += rtp(n);
            left -= n;
        }
    }

    /** RTP units of {@code samples} samples per channel. */
    private long rtp(int samples) {
        return clockRate == sampleRate ? samples : (long) samples * clockRate / sampleRate;
    }

    /** {@return samples per channel of concealment played where the delay grew mid-talkspurt} */
    long stretchedSamples() {
        return stretchedSamples;
    }

    /** {@return samples per channel of lost packets recovered from the next packet's in-band FEC} */
    long fecRecoveredSamples() {
        return fecRecoveredSamples;
    }

    /** {@return packets kept undecoded that failed to decode when due (their time was concealed)} */
    long undecodable() {
        return codecConcealment.undecodable();
    }

    /** Samples per channel delivered in place of lost packets (concealment or silence). @return the count */
    long concealedSamples() {
        return concealedSamples;
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
