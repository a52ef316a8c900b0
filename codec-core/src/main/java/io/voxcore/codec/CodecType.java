package io.voxcore.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * A kind of audio codec, named as in an SDP {@code a=rtpmap} line.
 *
 * <p>The built-in types are constants ({@link #PCMU}, {@link #PCMA}, {@link #G722}); a
 * {@link io.voxcore.codec.spi.CodecProvider} describes the types it adds with
 * {@link #of(String, int, int, int)} or {@link #of(String, int, int, int, int)}. Two types are
 * equal when their SDP names (compared case-insensitively) and static payload types are equal.
 *
 * <p>A type has two rates that are usually the same: the {@linkplain #clockRate() RTP clock
 * rate}, which counts RTP timestamps and is written in SDP {@code a=rtpmap}, and the
 * {@linkplain #sampleRate() sample rate} of the PCM its codec takes and gives. They differ for
 * G.722, which samples at 16 kHz while its RTP clock runs at 8 kHz (RFC 3551 section 4.5.2).
 *
 * <p>This is a value class rather than an enum so that codecs from other jars have a type
 * too; it nevertheless offers {@link #name()} and {@link #valueOf(String)} like an enum.
 */
public final class CodecType {

    /** Marker for a codec without a static RTP payload type (one negotiated in SDP, 96-127). */
    public static final int DYNAMIC_PAYLOAD_TYPE = -1;

    /** ITU-T G.711 mu-law: SDP name "PCMU", static payload type 0, 8000 Hz (RFC 3551). */
    public static final CodecType PCMU = new CodecType("PCMU", 0, 8000, 8000, 1);

    /** ITU-T G.711 A-law: SDP name "PCMA", static payload type 8, 8000 Hz (RFC 3551). */
    public static final CodecType PCMA = new CodecType("PCMA", 8, 8000, 8000, 1);

    /**
     * ITU-T G.722 (7 kHz audio at 64, 56 or 48 kbit/s): SDP name "G722", static payload type 9,
     * sampled at 16000 Hz but with an RTP clock rate of 8000 Hz, an error in the original RFC 1890
     * that RFC 3551 section 4.5.2 keeps for compatibility: RTP timestamps advance by 8000 a second
     * and {@code a=rtpmap:9 G722/8000}. One byte carries two 16 kHz samples.
     */
    public static final CodecType G722 = new CodecType("G722", 9, 8000, 16000, 1);

    private final String sdpName;
    private final int payloadType;
    private final int clockRate;
    private final int sampleRate;
    private final int defaultChannels;

    private CodecType(String sdpName, int payloadType, int clockRate, int sampleRate, int defaultChannels) {
        this.sdpName = sdpName;
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
        this.defaultChannels = defaultChannels;
    }

    /**
     * Describes a codec type whose sample rate equals its RTP clock rate; meant for
     * {@link io.voxcore.codec.spi.CodecProvider}s.
     *
     * @param sdpName the encoding name as in SDP {@code a=rtpmap}, for example "L16"
     * @param payloadType the static RTP payload type (0-95), or {@link #DYNAMIC_PAYLOAD_TYPE}
     * @param clockRate the RTP clock rate in Hz, positive; also the sample rate
     * @param defaultChannels the channel count used when a config names none, 1 or more
     * @return the type
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming the
     *     offending value
     */
    public static CodecType of(String sdpName, int payloadType, int clockRate, int defaultChannels) {
        return of(sdpName, payloadType, clockRate, clockRate, defaultChannels);
    }

    /**
     * Describes a codec type whose sample rate may differ from its RTP clock rate (as G.722's
     * does); meant for {@link io.voxcore.codec.spi.CodecProvider}s.
     *
     * @param sdpName the encoding name as in SDP {@code a=rtpmap}, for example "G722"
     * @param payloadType the static RTP payload type (0-95), or {@link #DYNAMIC_PAYLOAD_TYPE}
     * @param clockRate the RTP clock rate in Hz, positive: what RTP timestamps count and
     *     {@code a=rtpmap} says
     * @param sampleRate the PCM sample rate in Hz, positive: what a {@link CodecConfig} uses
     *     unless told otherwise
     * @param defaultChannels the channel count used when a config names none, 1 or more
     * @return the type
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming the
     *     offending value
     */
    public static CodecType of(String sdpName, int payloadType, int clockRate, int sampleRate, int defaultChannels) {
        Objects.requireNonNull(sdpName, "sdpName");
        if (sdpName.isBlank() || sdpName.indexOf('/') >= 0 || sdpName.chars().anyMatch(Character::isWhitespace)) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "SDP encoding name must be a non-empty token without '/' or spaces, got \"" + sdpName + "\"");
        }
        if (payloadType != DYNAMIC_PAYLOAD_TYPE && (payloadType < 0 || payloadType > 95)) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "static payload type must be 0-95 or DYNAMIC_PAYLOAD_TYPE (-1), got " + payloadType);
        }
        if (clockRate <= 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "clock rate must be positive, got " + clockRate + " for " + sdpName);
        }
        if (sampleRate <= 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "sample rate must be positive, got " + sampleRate + " for " + sdpName);
        }
        if (defaultChannels < 1) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "default channel count must be at least 1, got " + defaultChannels + " for " + sdpName);
        }
        return new CodecType(sdpName, payloadType, clockRate, sampleRate, defaultChannels);
    }

    /**
     * The built-in types, like an enum's {@code values()}. Codecs from providers are listed by
     * {@link CodecFactory#supportedCodecs()}.
     *
     * @return a new array holding {@link #PCMU}, {@link #PCMA} and {@link #G722}
     */
    public static CodecType[] values() {
        return new CodecType[] {PCMU, PCMA, G722};
    }

    /**
     * The built-in type with this name, like an enum's {@code valueOf}, ignoring case.
     *
     * @param name an SDP encoding name such as "PCMU"
     * @return the built-in type
     * @throws CodecException of kind {@link CodecException.Kind#UNSUPPORTED_CODEC} listing the
     *     built-in names when there is none
     */
    public static CodecType valueOf(String name) {
        Objects.requireNonNull(name, "name");
        for (CodecType type : values()) {
            if (type.sdpName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        StringBuilder builtin = new StringBuilder();
        for (CodecType type : values()) {
            builtin.append(builtin.length() == 0 ? "" : ", ").append(type.sdpName);
        }
        throw new CodecException(CodecException.Kind.UNSUPPORTED_CODEC,
                "no built-in codec type named \"" + name + "\"; built-in: " + builtin);
    }

    /**
     * The SDP encoding name, as written in {@code a=rtpmap} (for example "PCMU").
     *
     * @return the name
     */
    public String name() {
        return sdpName;
    }

    /**
     * The static RTP payload type (RFC 3551), or {@link #DYNAMIC_PAYLOAD_TYPE}.
     *
     * @return the payload type
     */
    public int payloadType() {
        return payloadType;
    }

    /**
     * Whether this type has a static RTP payload type.
     *
     * @return true when {@link #payloadType()} is 0-95
     */
    public boolean hasStaticPayloadType() {
        return payloadType != DYNAMIC_PAYLOAD_TYPE;
    }

    /**
     * The RTP clock rate in Hz: the unit of RTP timestamps and the rate in SDP {@code a=rtpmap}
     * (8000 for G.711, and 8000 for G.722 too although it samples at 16000).
     *
     * @return the clock rate
     * @see #sampleRate()
     */
    public int clockRate() {
        return clockRate;
    }

    /**
     * The sample rate in Hz of the PCM the codec takes and gives by default (8000 for G.711,
     * 16000 for G.722); equal to {@link #clockRate()} for most codecs.
     *
     * @return the sample rate
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * The channel count a {@link CodecConfig} uses unless told otherwise.
     *
     * @return 1 or more
     */
    public int defaultChannels() {
        return defaultChannels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecType
                && ((CodecType) o).sdpName.equalsIgnoreCase(sdpName)
                && ((CodecType) o).payloadType == payloadType;
    }

    @Override
    public int hashCode() {
        return sdpName.toUpperCase(Locale.ROOT).hashCode() * 31 + payloadType;
    }

    /**
     * Returns the rtpmap form with the RTP clock rate, for example {@code PCMU/8000 (PT 0)}, and
     * the sample rate when it differs: {@code G722/8000 (PT 9, 16000 Hz audio)}.
     */
    @Override
    public String toString() {
        String pt = hasStaticPayloadType() ? "PT " + payloadType : "dynamic PT";
        String audio = sampleRate == clockRate ? "" : ", " + sampleRate + " Hz audio";
        return sdpName + "/" + clockRate + " (" + pt + audio + ")";
    }
}
