package io.voxcore.codec;

import java.util.Arrays;

/**
 * Packet loss concealment after ITU-T G.711 Appendix I: a lost frame is replaced by the last
 * pitch period(s) of the audio before it, repeated, with overlap-add at every seam; bit-exact with
 * the ITU-T G.191 reference vectors at 8 kHz.
 *
 * <p>How it works. The concealer keeps a history of 48.75 ms (three longest pitch periods plus a
 * quarter of one). On the first lost frame it estimates the pitch period (5 to 15 ms, 200 to
 * 66.7 Hz) by normalised cross-correlation of the last 20 ms with the history, first on every
 * second sample, then refined around the best match; it then repeats the last period, having
 * cross-faded the last quarter period of the real audio into the quarter period that precedes the
 * repeated period, so the loop has no step. The 2nd and 3rd lost frames widen the repeated
 * section to two and three periods (cross-faded too) so the substitute is less buzzy; from the
 * 2nd lost frame on, the output fades by 20% per 10 ms and is silent from 60 ms on. The first
 * frame that arrives after a loss is cross-faded with the continued substitute over a quarter
 * period plus 4 ms per further lost frame (at most one frame), starting at the level the fade had
 * reached.
 *
 * <p>To let the cross-fade before the loss happen, output is delayed by a quarter of the
 * longest pitch period, 3.75 ms ({@link #delay()} samples): the sample written at output position
 * {@code i + delay()} (counting every sample passed through {@link #received} and
 * {@link #conceal}) is the input sample {@code i}, or its substitute.
 *
 * <p>Both calls work in place on whole 10 ms frames ({@link #frameSize()} samples; any multiple is
 * accepted and processed frame by frame), never allocate, and are not thread-safe: one instance
 * per stream. At 16 kHz ({@link #ofSampleRate(int)}) every length in samples is doubled (the
 * same durations and frequencies); the ITU defines and tests the algorithm at 8 kHz only.
 *
 * <p>The arithmetic is IEEE double precision, in the order of the reference: the G.191 vectors
 * were made that way (single precision misses {@code f2_10.raw} by one in 124 samples).
 */
public final class G711Plc {

    /** Weight given up by the fade for every 10 ms after the first lost one. */
    private static final double ATTENUATION_PER_FRAME = 0.2;

    private final int sampleRate;
    private final int frame;
    private final int pitchMin;
    private final int pitchMax;
    private final int pitchRange;
    private final int maxOverlap;
    private final int historyLength;
    private final int decimation;
    private final int correlationLength;
    private final int correlationBuffer;
    private final double minPower;
    private final int endOverlapStep;
    private final double attenuationStep;

    /** The last {@code historyLength} samples, as received or substituted (not yet delayed). */
    private final short[] history;
    /** The history as doubles, from which the substitute is read while a loss lasts. */
    private final double[] pitchBuffer;
    /** The last quarter period of real audio before the loss, kept for each re-fade. */
    private final double[] lastQuarter;
    /** Scratch for the tail of the previous substitute and for the fade-in of received audio. */
    private final short[] scratch;

    /** Appendix I's output delay; false for {@link #undelayed(int)}. */
    private final boolean delayed;
    private int erased;
    private int pitch;
    private int overlap;
    private int pitchBlockLength;
    private int pitchBlockStart;
    private int pitchOffset;

    /** A concealer for 8 kHz audio, the rate Appendix I defines. */
    public G711Plc() {
        this(1, true);
    }

    private G711Plc(int scale, boolean delayed) {
        this.delayed = delayed;
        this.sampleRate = 8000 * scale;
        this.frame = 80 * scale;
        this.pitchMin = 40 * scale;
        this.pitchMax = 120 * scale;
        this.pitchRange = pitchMax - pitchMin;
        this.maxOverlap = pitchMax >> 2;
        this.historyLength = pitchMax * 3 + maxOverlap;
        this.decimation = 2 * scale;
        this.correlationLength = 160 * scale;
        this.correlationBuffer = correlationLength + pitchMax;
        this.minPower = 250.0 * scale;
        this.endOverlapStep = 32 * scale;
        this.attenuationStep = ATTENUATION_PER_FRAME / frame;
        this.history = new short[historyLength];
        this.pitchBuffer = new double[historyLength];
        this.lastQuarter = new double[maxOverlap];
        this.scratch = new short[frame];
    }

    /**
     * A concealer for the given sample rate: 8000 (exactly {@link #G711Plc()}) or 16000 (every
     * window and the pitch range scaled to the same durations, for G.722 audio).
     *
     * @param sampleRate 8000 or 16000
     * @return a new concealer
     * @throws IllegalArgumentException for any other rate
     */
    public static G711Plc ofSampleRate(int sampleRate) {
        return create(sampleRate, true);
    }

    /**
     * A concealer whose output is not delayed, for a receiver that plays audio as it arrives:
     * {@link #received} leaves the audio as it is, except the start of the first frame after a
     * loss, which is cross-faded from the substitute exactly as Appendix I does it;
     * {@link #conceal} writes the substitute for the lost frame itself. Every output sample equals
     * the aligned output of the delayed concealer (the ITU references) except the last quarter
     * pitch period before each loss: Appendix I cross-fades it into the substitute, which this
     * mode cannot do to audio already played (it plays unchanged).
     *
     * @param sampleRate 8000 or 16000
     * @return a new concealer with {@link #delay()} 0
     * @throws IllegalArgumentException for any other rate
     */
    public static G711Plc undelayed(int sampleRate) {
        return create(sampleRate, false);
    }

    private static G711Plc create(int sampleRate, boolean delayed) {
        if (sampleRate == 8000) {
            return new G711Plc(1, delayed);
        }
        if (sampleRate == 16000) {
            return new G711Plc(2, delayed);
        }
        throw new IllegalArgumentException("G711Plc supports 8000 or 16000 Hz, not " + sampleRate);
    }

    /**
     * The sample rate this concealer was made for.
     *
     * @return 8000 or 16000
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Samples in 10 ms, the unit the calls work in.
     *
     * @return 80 at 8 kHz, 160 at 16 kHz
     */
    public int frameSize() {
        return frame;
    }

    /**
     * The output delay in samples: output sample {@code i + delay()} corresponds to input sample
     * {@code i}. It is 3.75 ms, a quarter of the longest pitch period, or 0 for an
     * {@link #undelayed(int)} concealer.
     *
     * @return 30 at 8 kHz, 60 at 16 kHz; 0 undelayed
     */
    public int delay() {
        return delayed ? maxOverlap : 0;
    }

    /**
     * How many samples at the start of the next frame received are cross-faded from the
     * substitute: Appendix I's recovery after a loss, a quarter of the pitch period plus 4 ms per
     * lost 10 ms after the first, at most 10 ms.
     *
     * @return the length in samples, 0 when no loss is in progress
     */
    public int recoveryLength() {
        return erased > 0 ? Math.min(overlap + (erased - 1) * endOverlapStep, frame) : 0;
    }

    /**
     * Applies part of the recovery cross-fade in place, for a receiver that plays the first frame
     * after a loss in pieces before it has the whole frame for {@link #received}: samples
     * {@code from} to {@code from + count - 1} of the cross-fade go to {@code pcm[offset...]},
     * exactly as {@link #received} computes them on the whole frame. Changes no state: pass the
     * frame as it arrived (not faded) to {@link #received} once it is complete.
     *
     * @param pcm the received samples, cross-faded in place
     * @param offset index of the sample at position {@code from} of the frame
     * @param from the first position of the cross-fade to apply, 0 or more
     * @param count how many, with {@code from + count <= }{@link #recoveryLength()}
     * @throws IllegalArgumentException if the range lies outside the array or the cross-fade
     */
    public void recoveryFade(short[] pcm, int offset, int from, int count) {
        int length = recoveryLength();
        if (pcm == null || from < 0 || count < 0 || from > length - count || offset < 0
                || offset > pcm.length - count) {
            throw new IllegalArgumentException("recovery fade positions " + from + " to " + (from + count)
                    + " at offset " + offset + " do not fit a cross-fade of " + length + " samples into an array of "
                    + (pcm == null ? "null" : String.valueOf(pcm.length)));
        }
        int savedOffset = pitchOffset;
        substitute(scratch, 0, length);
        pitchOffset = savedOffset;
        fadeIn(pcm, offset - from, length, from, from + count);
    }

    /**
     * Forgets all history, as a new instance would: the next output is {@link #delay()} zero
     * samples followed by the input.
     */
    public void reset() {
        Arrays.fill(history, (short) 0);
        Arrays.fill(pitchBuffer, 0.0);
        erased = 0;
        pitch = 0;
        overlap = 0;
        pitchBlockLength = 0;
        pitchBlockStart = 0;
        pitchOffset = 0;
    }

    /**
     * Audio that arrived: stores it and replaces it, in place, with the output delayed by
     * {@link #delay()} samples (undelayed: leaves it); the first frame after a loss is faded in
     * from the substitute.
     *
     * @param pcm the samples
     * @param offset index of the first sample
     * @param length a positive multiple of {@link #frameSize()}
     * @throws IllegalArgumentException if the range lies outside the array or the length is not
     *     whole 10 ms frames
     */
    public void received(short[] pcm, int offset, int length) {
        check(pcm, offset, length);
        for (int at = offset; at < offset + length; at += frame) {
            receivedFrame(pcm, at);
        }
    }

    /**
     * Audio that did not arrive: writes, in place, the output for that time (the delayed tail of
     * the audio before, then the substitute; undelayed: the substitute), whatever the array held
     * before.
     *
     * @param pcm where to write
     * @param offset index of the first sample
     * @param length a positive multiple of {@link #frameSize()}
     * @throws IllegalArgumentException if the range lies outside the array or the length is not
     *     whole 10 ms frames
     */
    public void conceal(short[] pcm, int offset, int length) {
        check(pcm, offset, length);
        for (int at = offset; at < offset + length; at += frame) {
            concealFrame(pcm, at);
        }
    }

    private void check(short[] pcm, int offset, int length) {
        if (pcm == null) {
            throw new IllegalArgumentException("pcm is null");
        }
        if (offset < 0 || length < 0 || offset > pcm.length - length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " out of bounds for an array of " + pcm.length);
        }
        if (length == 0 || length % frame != 0) {
            throw new IllegalArgumentException("length " + length + " is not a positive multiple of "
                    + frame + " samples (10 ms at " + sampleRate + " Hz)");
        }
    }

    private void receivedFrame(short[] pcm, int at) {
        if (erased > 0) {
            // Longer losses get a longer fade back to the real signal.
            int fadeLength = Math.min(overlap + (erased - 1) * endOverlapStep, frame);
            substitute(scratch, 0, fadeLength);
            fadeIn(pcm, at, fadeLength, 0, fadeLength);
            erased = 0;
        }
        pushFrame(pcm, at);
    }

    private void concealFrame(short[] pcm, int at) {
        if (erased == 0) {
            firstLostFrame(pcm, at);
        } else if (erased <= 2) {
            widenedLostFrame(pcm, at);
        } else if (erased <= 5) {
            substitute(pcm, at, frame);
            fade(pcm, at);
        } else {
            Arrays.fill(pcm, at, at + frame, (short) 0);
        }
        erased++;
        pushFrame(pcm, at);
    }

    private void firstLostFrame(short[] pcm, int at) {
        for (int i = 0; i < historyLength; i++) {
            pitchBuffer[i] = history[i];
        }
        pitch = findPitch();
        overlap = pitch >> 2;
        int tail = historyLength - overlap;
        System.arraycopy(pitchBuffer, tail, lastQuarter, 0, overlap);
        pitchOffset = 0;
        pitchBlockLength = pitch;
        pitchBlockStart = historyLength - pitchBlockLength;
        crossFade(pitchBlockStart - overlap);
        // The faded tail replaces the real one in the history, to be played after the delay.
        for (int i = 0; i < overlap; i++) {
            history[tail + i] = (short) pitchBuffer[tail + i];
        }
        substitute(pcm, at, frame);
    }

    private void widenedLostFrame(short[] pcm, int at) {
        // Finish a quarter period of the old substitute, to fade it into the widened one.
        int savedOffset = pitchOffset;
        substitute(scratch, 0, overlap);
        pitchOffset = savedOffset;
        while (pitchOffset > pitch) {
            pitchOffset -= pitch;
        }
        pitchBlockLength += pitch;
        pitchBlockStart = historyLength - pitchBlockLength;
        crossFade(pitchBlockStart - overlap);
        substitute(pcm, at, frame);
        double step = 1.0 / overlap;
        double oldWeight = 1.0 - step;
        double newWeight = step;
        for (int i = 0; i < overlap; i++) {
            double t = oldWeight * scratch[i] + newWeight * pcm[at + i];
            pcm[at + i] = clamp(t);
            oldWeight -= step;
            newWeight += step;
        }
        fade(pcm, at);
    }

    /** Fades the saved last quarter period into the samples at {@code from}, over the tail. */
    private void crossFade(int from) {
        int to = historyLength - overlap;
        double step = 1.0 / overlap;
        double oldWeight = 1.0 - step;
        double newWeight = step;
        for (int i = 0; i < overlap; i++) {
            double t = oldWeight * lastQuarter[i] + newWeight * pitchBuffer[from + i];
            if (t > 32767.0) {
                t = 32767.0;
            } else if (t < -32768.0) {
                t = -32768.0;
            }
            pitchBuffer[to + i] = t;
            oldWeight -= step;
            newWeight += step;
        }
    }

    /** Copies {@code count} samples of the repeated pitch block, continuing where it stopped. */
    private void substitute(short[] out, int at, int count) {
        while (count > 0) {
            int n = Math.min(pitchBlockLength - pitchOffset, count);
            int from = pitchBlockStart + pitchOffset;
            for (int i = 0; i < n; i++) {
                out[at + i] = (short) pitchBuffer[from + i];
            }
            pitchOffset += n;
            if (pitchOffset == pitchBlockLength) {
                pitchOffset = 0;
            }
            at += n;
            count -= n;
        }
    }

    /** The linear fade of the 2nd to 6th lost frame: 20% of full level per frame. */
    private void fade(short[] pcm, int at) {
        double gain = 1.0 - (erased - 1) * ATTENUATION_PER_FRAME;
        for (int i = 0; i < frame; i++) {
            pcm[at + i] = (short) (pcm[at + i] * gain);
            gain -= attenuationStep;
        }
    }

    /**
     * Cross-fades from the substitute in {@link #scratch}, at the level reached, into the frame
     * at {@code at}: positions {@code from} to {@code to - 1} of a cross-fade of {@code count}.
     */
    private void fadeIn(short[] pcm, int at, int count, int from, int to) {
        double step = 1.0 / count;
        double gain = 1.0 - (erased - 1) * ATTENUATION_PER_FRAME;
        if (gain < 0.0) {
            gain = 0.0;
        }
        double substituteStep = step * gain;
        double substituteWeight = (1.0 - step) * gain;
        double realWeight = step;
        for (int i = 0; i < to; i++) {
            if (i >= from) {
                double t = substituteWeight * scratch[i] + realWeight * pcm[at + i];
                pcm[at + i] = clamp(t);
            }
            substituteWeight -= substituteStep;
            realWeight += step;
        }
    }

    /** Appends a frame to the history and replaces it with the delayed output. */
    private void pushFrame(short[] pcm, int at) {
        System.arraycopy(history, frame, history, 0, historyLength - frame);
        System.arraycopy(pcm, at, history, historyLength - frame, frame);
        if (delayed) {
            System.arraycopy(history, historyLength - frame - maxOverlap, pcm, at, frame);
        }
    }

    /**
     * The pitch period, in samples, that best continues the last 20 ms: normalised
     * cross-correlation of the last 20 ms with each earlier window ending one period before, on
     * every {@code decimation}-th sample, then on every sample around the best coarse match.
     */
    private int findPitch() {
        int l = historyLength - correlationLength;
        int r = historyLength - correlationBuffer;
        int rp = r;
        double energy = 0.0;
        double corr = 0.0;
        for (int i = 0; i < correlationLength; i += decimation) {
            energy += pitchBuffer[rp + i] * pitchBuffer[rp + i];
            corr += pitchBuffer[rp + i] * pitchBuffer[l + i];
        }
        double best = corr / Math.sqrt(Math.max(energy, minPower));
        int bestMatch = 0;
        for (int j = decimation; j <= pitchRange; j += decimation) {
            energy -= pitchBuffer[rp] * pitchBuffer[rp];
            energy += pitchBuffer[rp + correlationLength] * pitchBuffer[rp + correlationLength];
            rp += decimation;
            corr = 0.0;
            for (int i = 0; i < correlationLength; i += decimation) {
                corr += pitchBuffer[rp + i] * pitchBuffer[l + i];
            }
            corr /= Math.sqrt(Math.max(energy, minPower));
            if (corr >= best) {
                best = corr;
                bestMatch = j;
            }
        }
        int from = Math.max(bestMatch - (decimation - 1), 0);
        int to = Math.min(bestMatch + (decimation - 1), pitchRange);
        rp = r + from;
        energy = 0.0;
        corr = 0.0;
        for (int i = 0; i < correlationLength; i++) {
            energy += pitchBuffer[rp + i] * pitchBuffer[rp + i];
            corr += pitchBuffer[rp + i] * pitchBuffer[l + i];
        }
        best = corr / Math.sqrt(Math.max(energy, minPower));
        bestMatch = from;
        for (int j = from + 1; j <= to; j++) {
            energy -= pitchBuffer[rp] * pitchBuffer[rp];
            energy += pitchBuffer[rp + correlationLength] * pitchBuffer[rp + correlationLength];
            rp++;
            corr = 0.0;
            for (int i = 0; i < correlationLength; i++) {
                corr += pitchBuffer[rp + i] * pitchBuffer[l + i];
            }
            corr /= Math.sqrt(Math.max(energy, minPower));
            if (corr > best) {
                best = corr;
                bestMatch = j;
            }
        }
        return pitchMax - bestMatch;
    }

    private static short clamp(double t) {
        if (t > 32767.0) {
            return 32767;
        }
        if (t < -32768.0) {
            return -32768;
        }
        return (short) t;
    }
}
