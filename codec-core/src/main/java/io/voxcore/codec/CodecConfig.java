package io.voxcore.codec;

import java.util.Objects;

/**
 * An immutable request for a codec: its type, sample rate, channel count, frame duration and,
 * for codecs with several rates, bit rate.
 *
 * <pre>{@code
 * CodecConfig config = CodecConfig.of(CodecType.PCMU).withFrameMillis(30);
 * AudioCodec codec = CodecFactory.create(config);
 * }</pre>
 *
 * <p>Each {@code with*} method returns a new config. Values that are never valid (a
 * non-positive rate, channel count or duration) are rejected at once; whether the codec
 * supports a value (G.711 runs at 8000 Hz only, G.722 at 16000 Hz and 64, 56 or 48 kbit/s) is
 * checked by {@link CodecFactory#create}.
 */
public final class CodecConfig {

    /** The frame duration used unless told otherwise, in milliseconds. */
    public static final int DEFAULT_FRAME_MILLIS = 20;

    /** The {@link #bitrate()} of a config that asks for none: the codec runs at its default. */
    public static final int DEFAULT_BITRATE = 0;

    private final CodecType type;
    private final int sampleRate;
    private final int channels;
    private final int frameMillis;
    private final int bitrate;

    private CodecConfig(CodecType type, int sampleRate, int channels, int frameMillis, int bitrate) {
        this.type = type;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frameMillis = frameMillis;
        this.bitrate = bitrate;
    }

    /**
     * A config for a codec type at its {@linkplain CodecType#sampleRate() sample rate} (which for
     * G.722 is 16000 Hz, not its RTP clock rate of 8000), with its default channel count, 20 ms
     * frames and its default bit rate.
     *
     * @param type the codec type
     * @return the config
     */
    public static CodecConfig of(CodecType type) {
        Objects.requireNonNull(type, "type");
        return new CodecConfig(type, type.sampleRate(), type.defaultChannels(), DEFAULT_FRAME_MILLIS, DEFAULT_BITRATE);
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
        return new CodecConfig(type, hz, channels, frameMillis, bitrate);
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
        return new CodecConfig(type, sampleRate, count, frameMillis, bitrate);
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
        return new CodecConfig(type, sampleRate, channels, millis, bitrate);
    }

    /**
     * This config with another bit rate, for codecs that have several: G.722 runs at 64000 (its
     * default), 56000 or 48000 bit/s; G.711 at 64000 per channel only.
     *
     * <p>For G.722 the rate sets the decoder's mode, as in the ITU-T reference: at 56 and 48
     * kbit/s the decoder still takes one 8-bit codeword per pair of samples and ignores its
     * lowest one or two bits (where a network may carry auxiliary data). The encoder always
     * produces full 64 kbit/s codewords, as the ITU-T G.191 reference encoder does, whatever the
     * rate; a 56 or 48 kbit/s link drops the low bits itself.
     *
     * @param bitsPerSecond the bit rate for all channels, positive
     * @return a new config
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} when not positive;
     *     a rate the codec does not support is refused by {@link CodecFactory#create}, naming it
     */
    public CodecConfig withBitrate(int bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "bit rate must be positive, got " + bitsPerSecond + " bit/s for " + type.name());
        }
        return new CodecConfig(type, sampleRate, channels, frameMillis, bitsPerSecond);
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

    /**
     * The bit rate asked for, in bits per second for all channels, or {@link #DEFAULT_BITRATE}
     * (0) when none was: the codec then runs at its default rate, which {@link CodecInfo#bitrate()}
     * tells.
     *
     * @return the bit rate, or 0
     */
    public int bitrate() {
        return bitrate;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CodecConfig)) {
            return false;
        }
        CodecConfig other = (CodecConfig) o;
        return type.equals(other.type) && sampleRate == other.sampleRate
                && channels == other.channels && frameMillis == other.frameMillis && bitrate == other.bitrate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sampleRate, channels, frameMillis, bitrate);
    }

    /** Returns for example {@code PCMU/8000/1 20 ms}, or {@code G722/16000/1 20 ms 56000 bit/s}. */
    @Override
    public String toString() {
        return type.name() + "/" + sampleRate + "/" + channels + " " + frameMillis + " ms"
                + (bitrate == DEFAULT_BITRATE ? "" : " " + bitrate + " bit/s");
    }
}
