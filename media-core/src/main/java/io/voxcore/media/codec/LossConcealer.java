package io.voxcore.media.codec;

import io.voxcore.codec.G711Plc;
import java.util.Objects;

/**
 * Packet loss concealment for a received stream that plays undelayed: the media-core face of
 * codec-core's {@code G711Plc} (ITU-T G.711 Appendix I) in its undelayed mode, used by a session
 * for codecs without a concealment of their own.
 *
 * <p>Appendix I delays its output by 3.75 ms so that it can cross-fade the audio before a loss
 * into the substitute. This class does not: audio plays at its own time, and the concealer keeps
 * its history up to date with everything played ({@link #played}). A loss ({@link #conceal}) gets
 * exactly Appendix I's substitute for those sample positions, and the first audio after it gets
 * exactly Appendix I's recovery: a cross-fade from the substitute over a quarter pitch period plus
 * 4 ms per further lost 10 ms, at most 10 ms ({@code G711Plc.recoveryLength()}), and nothing else.
 * For the ITU vectors every output sample equals the reference output except the last quarter
 * pitch period before each loss, which Appendix I cross-fades into the substitute and an undelayed
 * receiver has already played unchanged. A loss followed by time without audio fades out instead
 * ({@link #endWithSilence}). Audio shorter than whole 10 ms frames is fed a frame at a time; up to
 * a frame's remainder not yet fed when a loss starts is replaced by substitute in the history.
 *
 * <p>Allocation-free after construction; not thread-safe: one per received stream, on its thread.
 */
public final class LossConcealer {

    private final G711Plc plc;
    private final int frame;
    private final short[] feed;
    private final short[] substitute;
    private int fed;
    private int substituteAt;
    private boolean inLoss;
    private int fadeTotal;
    private int fadeDone;

    private LossConcealer(G711Plc plc) {
        this.plc = plc;
        this.frame = plc.frameSize();
        this.feed = new short[frame];
        this.substitute = new short[frame];
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
        return new LossConcealer(G711Plc.undelayed(sampleRate));
    }

    /** {@return the sample rate, 8000 or 16000} */
    public int sampleRate() {
        return plc.sampleRate();
    }

    /**
     * Audio about to be played: when it ends a loss, its start is cross-faded in place from the
     * substitute as Appendix I does; then it joins the history.
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
            fadeTotal = plc.recoveryLength(); // fed is 0: the cross-fade lies in the frame now starting
            fadeDone = 0;
        }
        int at = offset;
        int left = length;
        if (fadeDone < fadeTotal && left > 0) { // the cross-fade may span several calls
            int n = Math.min(left, fadeTotal - fadeDone);
            System.arraycopy(pcm, at, feed, fed, n); // the history takes the audio as it arrived
            fed += n;
            plc.recoveryFade(pcm, at, fadeDone, n);
            fadeDone += n;
            at += n;
            left -= n;
        }
        while (left > 0 || fed == frame) {
            int n = Math.min(left, frame - fed);
            System.arraycopy(pcm, at, feed, fed, n);
            fed += n;
            at += n;
            left -= n;
            if (fed == frame) {
                plc.received(feed, 0, frame); // the history takes it (and Appendix I's cross-fade)
                fed = 0;
                fadeTotal = 0;
                fadeDone = 0;
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
            int skip = fed; // the frame's start was played: the substitute continues after it
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
            // not Appendix I's (it has no pause): at least 3.75 ms, longer after longer losses
            n = Math.min(maxLength, Math.max(plc.recoveryLength(), frame * 3 / 8));
            next(pcm, offset, n);
            for (int i = 0; i < n; i++) {
                pcm[offset + i] = clip(pcm[offset + i] * (1 - (i + 1) / (double) (n + 1)));
            }
        }
        reset();
        return n;
    }

    /** {@return samples in 10 ms: 80 or 160} */
    public int frameSize() {
        return frame;
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
        fadeTotal = 0;
        fadeDone = 0;
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
