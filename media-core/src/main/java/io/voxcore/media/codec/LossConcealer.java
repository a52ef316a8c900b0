package io.voxcore.media.codec;

import io.voxcore.codec.G711Plc;
import java.util.Objects;

/**
 * Packet loss concealment for a received stream that plays undelayed: the media-core face of
 * codec-core's {@code G711Plc} (ITU-T G.711 Appendix I), used by a session for codecs without a
 * concealment of their own.
 *
 * <p>Appendix I delays its output by {@code G711Plc.delay()} samples (3.75 ms) so that it can
 * cross-fade into the substitute. This class does not: audio that arrived plays exactly as
 * decoded, at its own time, and the concealer only synthesises the missing time. It keeps the
 * concealer's history up to date with everything played ({@link #played}); on a loss it runs the
 * concealer ahead by its delay, so the substitute written for the missing samples is exactly
 * Appendix I's substitute for those sample positions (for the ITU vectors: the same samples as
 * the reference output). What differs from the reference is at the two seams: the loss starts
 * without Appendix I's 3.75 ms cross-fade before it (the audio there was already played), and the
 * first audio after the loss is cross-faded from the substitute's continuation over
 * {@code 3.75 ms + 4 ms} per further lost 10 ms, at most 10 ms (Appendix I's length with the
 * longest quarter period). A loss followed by time without audio fades out instead
 * ({@link #endWithSilence}). Audio shorter than whole 10 ms frames is fed a frame at a time; up to
 * a frame's remainder not yet fed when a loss starts is replaced by substitute in the history.
 *
 * <p>Allocation-free after construction; not thread-safe: one per received stream, on its thread.
 */
public final class LossConcealer {

    private final G711Plc plc;
    private final int frame;
    private final int delay;
    private final int fourMillis;
    private final short[] feed;
    private final short[] substitute;
    private final short[] continuation;
    private int fed;
    private int substituteAt;
    private boolean inLoss;
    private long lostSamples;
    private int fadeTotal;
    private int fadeDone;

    private LossConcealer(G711Plc plc) {
        this.plc = plc;
        this.frame = plc.frameSize();
        this.delay = plc.delay();
        this.fourMillis = plc.sampleRate() / 250;
        this.feed = new short[frame];
        this.substitute = new short[frame];
        this.continuation = new short[frame];
        this.substituteAt = frame;
    }

    /**
     * Whether streams of this format can be concealed.
     *
     * @param sampleRate the PCM sample rate in Hz
     * @param channels the channel count
     * @return true for mono at 8000 Hz (Appendix I's rate) or 16000 Hz (the same algorithm scaled)
     */
    public static boolean supports(int sampleRate, int channels) {
        return channels == 1 && (sampleRate == 8000 || sampleRate == 16000);
    }

    /**
     * A concealer for mono audio.
     *
     * @param sampleRate 8000 or 16000
     * @return a concealer with an empty (silent) history
     * @throws IllegalArgumentException naming the rate for any other
     */
    public static LossConcealer create(int sampleRate) {
        if (sampleRate != 8000 && sampleRate != 16000) {
            throw new IllegalArgumentException("loss concealment runs at 8000 or 16000 Hz, not " + sampleRate);
        }
        return new LossConcealer(G711Plc.ofSampleRate(sampleRate));
    }

    /** {@return the sample rate, 8000 or 16000} */
    public int sampleRate() {
        return plc.sampleRate();
    }

    /**
     * Audio about to be played: when it ends a loss, its start is cross-faded in place from the
     * substitute; then it joins the history.
     *
     * @param pcm the samples, changed in place only right after a loss
     * @param offset index of the first
     * @param length number of samples
     * @throws IndexOutOfBoundsException if the range lies outside {@code pcm}
     */
    public void played(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (inLoss && length > 0) {
            inLoss = false;
            fadeTotal = fadeLength();
            fadeDone = 0;
        }
        if (fadeDone < fadeTotal) { // the fade-in may span several calls
            int n = Math.min(length, fadeTotal - fadeDone);
            next(continuation, 0, n);
            for (int i = 0; i < n; i++) {
                double w = (fadeDone + i + 1) / (double) (fadeTotal + 1);
                pcm[offset + i] = clip(continuation[i] * (1 - w) + pcm[offset + i] * w);
            }
            fadeDone += n;
        }
        int at = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, frame - fed);
            System.arraycopy(pcm, at, feed, fed, n);
            fed += n;
            at += n;
            left -= n;
            if (fed == frame) {
                plc.received(feed, 0, frame); // the history takes it; the delayed output is not used
                fed = 0;
            }
        }
    }

    /**
     * Audio that did not arrive: writes the substitute for the next {@code length} samples after
     * what was played (or concealed) last. A long loss may be written in several calls.
     *
     * @param pcm where to write
     * @param offset index of the first
     * @param length number of samples
     * @throws IndexOutOfBoundsException if the range lies outside {@code pcm}
     */
    public void conceal(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (length == 0) {
            return;
        }
        if (!inLoss) {
            inLoss = true;
            fadeTotal = 0;
            fadeDone = 0;
            lostSamples = 0;
            int skip = delay + fed; // the concealer's output runs this far behind what was played
            fed = 0;
            substituteAt = frame;
            while (skip > 0) {
                refillIfEmpty();
                int n = Math.min(skip, frame - substituteAt);
                substituteAt += n;
                skip -= n;
            }
        }
        next(pcm, offset, length);
        lostSamples += length;
    }

    /**
     * Time without audio follows (a pause between talkspurts): a loss in progress fades out into
     * {@code pcm} over up to {@code maxLength} samples, and the history is forgotten (the next
     * loss repeats nothing from before the pause).
     *
     * @param pcm where the fade-out goes
     * @param offset index of its first sample
     * @param maxLength the most samples to write
     * @return the samples written: 0 unless a loss was in progress
     * @throws IndexOutOfBoundsException if the range lies outside {@code pcm}
     */
    public int endWithSilence(short[] pcm, int offset, int maxLength) {
        Objects.checkFromIndexSize(offset, maxLength, pcm.length);
        int n = 0;
        if (inLoss) {
            n = Math.min(maxLength, fadeLength());
            next(pcm, offset, n);
            for (int i = 0; i < n; i++) {
                pcm[offset + i] = clip(pcm[offset + i] * (1 - (i + 1) / (double) (n + 1)));
            }
        }
        reset();
        return n;
    }

    /** {@return whether the last thing given was a loss (the next audio will be faded in)} */
    public boolean inLoss() {
        return inLoss;
    }

    /** Forgets everything, as a new instance would (a new source). */
    public void reset() {
        plc.reset();
        fed = 0;
        substituteAt = frame;
        inLoss = false;
        lostSamples = 0;
        fadeTotal = 0;
        fadeDone = 0;
    }

    /** Appendix I's recovery length with the longest quarter period: 3.75 ms + 4 ms per further lost 10 ms. */
    private int fadeLength() {
        long lostFrames = (lostSamples + frame - 1) / frame;
        return (int) Math.min(frame, delay + fourMillis * Math.max(0, lostFrames - 1));
    }

    private void next(short[] out, int offset, int length) {
        int at = offset;
        int left = length;
        while (left > 0) {
            refillIfEmpty();
            int n = Math.min(left, frame - substituteAt);
            System.arraycopy(substitute, substituteAt, out, at, n);
            substituteAt += n;
            at += n;
            left -= n;
        }
    }

    private void refillIfEmpty() {
        if (substituteAt == frame) {
            plc.conceal(substitute, 0, frame);
            substituteAt = 0;
        }
    }

    private static short clip(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
