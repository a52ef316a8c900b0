package io.voxcore.media;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A block of 16-bit linear PCM audio: interleaved samples, their sample rate, channel count and
 * the RTP timestamp of the first sample.
 *
 * <p>Ownership: the constructor does <em>not</em> copy the array. The frame takes ownership of
 * it; the caller hands it over and must not change it afterwards. {@link #samples()} returns that
 * same array, without copying, for reading only. A frame is therefore immutable as long as
 * nobody writes to the array it was given, and can then be shared between threads.
 *
 * <pre>{@code
 * AudioFrame frame = new AudioFrame(new short[160], 8000, 1, 0); // 20 ms of mono silence
 * }</pre>
 */
public final class AudioFrame {

    /** The largest RTP timestamp: 2^32-1 (timestamps are unsigned 32-bit values). */
    public static final long MAX_TIMESTAMP = 0xFFFF_FFFFL;

    private final short[] samples;
    private final int sampleRate;
    private final int channels;
    private final long timestamp;

    /**
     * Creates a frame that owns {@code samples} from now on (no copy is made).
     *
     * @param samples the samples, interleaved when there are several channels; the frame owns
     *     the array after this call
     * @param sampleRate samples per second per channel, in Hz; positive
     * @param channels the channel count, 1 or more; the sample count must be a multiple of it
     * @param timestamp the RTP timestamp of the first sample, 0 to 2^32-1
     * @throws NullPointerException if {@code samples} is null
     * @throws IllegalArgumentException naming the offending value when the rate is not positive,
     *     the channel count is below 1, the sample count is not a multiple of the channel count
     *     or the timestamp is outside 0 to 2^32-1
     */
    public AudioFrame(short[] samples, int sampleRate, int channels, long timestamp) {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate + " Hz");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channel count must be at least 1, got " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples is not a multiple of "
                    + channels + " channels");
        }
        if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("RTP timestamp must be 0 to " + MAX_TIMESTAMP + ", got " + timestamp);
        }
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.timestamp = timestamp;
    }

    /**
     * The samples, interleaved: the frame's own array, not a copy. Read it; do not write to it.
     *
     * @return the sample array
     */
    public short[] samples() {
        return samples;
    }

    /**
     * The sample rate in Hz (per channel).
     *
     * @return the rate
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * The channel count.
     *
     * @return 1 or more
     */
    public int channels() {
        return channels;
    }

    /**
     * The RTP timestamp of the first sample.
     *
     * @return 0 to 2^32-1
     */
    public long timestamp() {
        return timestamp;
    }

    /**
     * Samples per channel: the sample count divided by the channel count.
     *
     * @return the count
     */
    public int samplesPerChannel() {
        return samples.length / channels;
    }

    /**
     * How long the frame plays: samples per channel divided by the rate, rounded down to the
     * nanosecond (exact for every whole-millisecond frame at 8, 16, 32 and 48 kHz).
     *
     * @return the duration
     */
    public Duration duration() {
        return Duration.ofNanos(samplesPerChannel() * 1_000_000_000L / sampleRate);
    }

    /** Frames are equal when rate, channels, timestamp and every sample are equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AudioFrame)) {
            return false;
        }
        AudioFrame other = (AudioFrame) o;
        return sampleRate == other.sampleRate && channels == other.channels
                && timestamp == other.timestamp && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, channels, timestamp) * 31 + Arrays.hashCode(samples);
    }

    /** Describes the frame without its samples, for example {@code AudioFrame[160 x 1 ch @ 8000 Hz, ts=0]}. */
    @Override
    public String toString() {
        return "AudioFrame[" + samplesPerChannel() + " x " + channels + " ch @ " + sampleRate + " Hz, ts="
                + timestamp + "]";
    }
}
