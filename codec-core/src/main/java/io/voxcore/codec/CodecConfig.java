package io.voxcore.codec;

import java.util.Objects;

/**
 * An immutable request for a codec: its type, sample rate, channel count and frame duration.
 *
 * <pre>{@code
 * CodecConfig config = CodecConfig.of(CodecType.PCMU).withFrameMillis(30);
 * AudioCodec codec = CodecFactory.create(config);
 * }</pre>
 *
 * <p>Each {@code with*} method returns a new config. Values that are never valid (a
 * non-positive rate, channel count or duration) are rejected at once; whether the codec
 * supports a value (G.711 runs at 8000 Hz only) is checked by {@link CodecFactory#create}.
 */
public final class CodecConfig {

    /** The frame duration used unless told otherwise, in milliseconds. */
    public static final int DEFAULT_FRAME_MILLIS = 20;

    private final CodecType type;
    private final int sampleRate;
    private final int channels;
    private final int frameMillis;

    private CodecConfig(CodecType type, int sampleRate, int channels, int frameMillis) {
        this.type = type;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frameMillis = frameMillis;
    }

    /**
     * A config for a codec type at its clock rate, with its default channel count and 20 ms frames.
     *
     * @param type the codec type
     * @return the config
     */
    public static CodecConfig of(CodecType type) {
        Objects.requireNonNull(type, "type");
        return new CodecConfig(type, type.clockRate(), type.defaultChannels(), DEFAULT_FRAME_MILLIS);
    }

    /**
     * This config at another sample rate.
     *
     * @param rate the rate
     * @return a new config
     */
    public CodecConfig withSampleRate(SampleRate rate) {
        Objects.requireNonNull(rate, "rate");
        return withSampleRate(rate.hz());
    }

    /**
     * This config at another sample rate, given in Hz.
     *
     * @param hz the rate in Hz, positive
     * @return a new config
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} when not positive
     */
    public CodecConfig withSampleRate(int hz) {
        if (hz <= 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "sample rate must be positive, got " + hz + " Hz for " + type.name());
        }
        return new CodecConfig(type, hz, channels, frameMillis);
    }

    /**
     * This config with another channel count (samples interleaved).
     *
     * @param count the channel count, 1 or more
     * @return a new config
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} when below 1
     */
    public CodecConfig withChannels(int count) {
        if (count < 1) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "channel count must be at least 1, got " + count + " for " + type.name());
        }
        return new CodecConfig(type, sampleRate, count, frameMillis);
    }

    /**
     * This config with another frame duration; it sets {@link CodecInfo#frameSize()}.
     *
     * @param millis the duration in milliseconds, positive
     * @return a new config
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} when not positive
     */
    public CodecConfig withFrameMillis(int millis) {
        if (millis <= 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "frame duration must be positive, got " + millis + " ms for " + type.name());
        }
        return new CodecConfig(type, sampleRate, channels, millis);
    }

    /**
     * The codec type.
     *
     * @return the type
     */
    public CodecType type() {
        return type;
    }

    /**
     * The sample rate in Hz.
     *
     * @return the rate
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * The channel count.
     *
     * @return the count
     */
    public int channels() {
        return channels;
    }

    /**
     * The frame duration in milliseconds.
     *
     * @return the duration
     */
    public int frameMillis() {
        return frameMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CodecConfig)) {
            return false;
        }
        CodecConfig other = (CodecConfig) o;
        return type.equals(other.type) && sampleRate == other.sampleRate
                && channels == other.channels && frameMillis == other.frameMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sampleRate, channels, frameMillis);
    }

    @Override
    public String toString() {
        return type.name() + "/" + sampleRate + "/" + channels + " " + frameMillis + " ms";
    }
}
