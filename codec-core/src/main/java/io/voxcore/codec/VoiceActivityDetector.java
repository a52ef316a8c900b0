package io.voxcore.codec;

/**
 * A simple energy-based voice activity detector: a frame is speech when its level is a margin
 * above the tracked noise floor and above an absolute minimum; after speech, frames stay speech
 * for a hangover time, so that quiet word endings are not clipped.
 *
 * <p>The noise floor follows any quieter frame at once and rises by at most 1 dB per second
 * otherwise (so a talkspurt barely moves it, and a lasting rise of background noise is learnt
 * within seconds per dB). Levels are in dBov, relative to a full-scale 16-bit square wave as in
 * RFC 3389; the floor is held at or above -100 dBov so digital silence does not make the faintest
 * noise count as speech.
 *
 * <p>Frames may have any length; the hangover is counted in samples. Allocation-free; not
 * thread-safe.
 */
public final class VoiceActivityDetector {

    /** Default margin above the noise floor, in dB. */
    public static final double DEFAULT_MARGIN_DB = 10;
    /** Default level below which nothing is speech, in dBov. */
    public static final double DEFAULT_MINIMUM_DBOV = -60;
    /** Default hangover after the last loud frame, in milliseconds. */
    public static final int DEFAULT_HANGOVER_MILLIS = 200;

    private static final double FLOOR_RISE_DB_PER_SECOND = 1;
    private static final double LOWEST_FLOOR_DBOV = -100;

    private final int sampleRate;
    private final double marginDb;
    private final double minimumDbov;
    private final int hangoverSamples;
    private double floor;
    private double lastLevel;
    private int hangoverLeft;

    private VoiceActivityDetector(int sampleRate, double marginDb, double minimumDbov, int hangoverMillis) {
        this.sampleRate = sampleRate;
        this.marginDb = marginDb;
        this.minimumDbov = minimumDbov;
        this.hangoverSamples = (int) ((long) hangoverMillis * sampleRate / 1000);
        reset();
    }

    /**
     * A detector with the default margin (10 dB), minimum (-60 dBov) and hangover (200 ms).
     *
     * @param sampleRate samples per second, to count the hangover and the floor's rise
     * @return a new detector
     * @throws IllegalArgumentException for a rate that is not positive
     */
    public static VoiceActivityDetector create(int sampleRate) {
        return create(sampleRate, DEFAULT_MARGIN_DB, DEFAULT_MINIMUM_DBOV, DEFAULT_HANGOVER_MILLIS);
    }

    /**
     * A detector with the given thresholds.
     *
     * @param sampleRate samples per second
     * @param marginDb how far above the noise floor speech is, in dB (positive)
     * @param minimumDbov level below which nothing is speech (-127 to 0)
     * @param hangoverMillis how long frames stay speech after the last loud one (0 or more)
     * @return a new detector
     * @throws IllegalArgumentException naming any value out of range
     */
    public static VoiceActivityDetector create(int sampleRate, double marginDb, double minimumDbov,
                                               int hangoverMillis) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " is not positive");
        }
        if (!(marginDb > 0)) {
            throw new IllegalArgumentException("margin " + marginDb + " dB is not positive");
        }
        if (!(minimumDbov >= -127 && minimumDbov <= 0)) {
            throw new IllegalArgumentException("minimum " + minimumDbov + " dBov is outside -127..0");
        }
        if (hangoverMillis < 0) {
            throw new IllegalArgumentException("hangover " + hangoverMillis + " ms is negative");
        }
        return new VoiceActivityDetector(sampleRate, marginDb, minimumDbov, hangoverMillis);
    }

    /**
     * Classifies one frame and updates the noise floor.
     *
     * @param pcm the samples
     * @param offset index of the first sample
     * @param length samples in the frame, at least 1
     * @return true for speech (or its hangover), false for silence
     * @throws IllegalArgumentException if the range lies outside the array or is empty
     */
    public boolean isSpeech(short[] pcm, int offset, int length) {
        if (pcm == null) {
            throw new IllegalArgumentException("pcm is null");
        }
        if (offset < 0 || length < 1 || offset > pcm.length - length) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length
                    + " out of bounds for an array of " + pcm.length + " (at least one sample)");
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        double level = sum > 0 ? 10 * Math.log10(sum / length / (32768.0 * 32768.0)) : -127;
        lastLevel = level;
        if (Double.isNaN(floor) || level < floor) {
            floor = Math.max(level, LOWEST_FLOOR_DBOV);
        } else {
            floor = Math.min(level, floor + FLOOR_RISE_DB_PER_SECOND * length / sampleRate);
        }
        if (level > floor + marginDb && level > minimumDbov) {
            hangoverLeft = hangoverSamples;
            return true;
        }
        if (hangoverLeft > 0) {
            hangoverLeft -= length;
            return true;
        }
        return false;
    }

    /**
     * The noise floor tracked so far.
     *
     * @return in dBov; NaN before the first frame
     */
    public double noiseFloorDbov() {
        return floor;
    }

    /**
     * The level of the last frame classified.
     *
     * @return in dBov (-127 for digital silence); NaN before the first frame
     */
    public double lastLevelDbov() {
        return lastLevel;
    }

    /** Forgets the noise floor and any hangover. */
    public void reset() {
        floor = Double.NaN;
        lastLevel = Double.NaN;
        hangoverLeft = 0;
    }
}
