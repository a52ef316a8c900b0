package io.voxcore.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * A kind of audio codec, named as in an SDP {@code a=rtpmap} line.
 *
 * <p>The built-in types are constants ({@link #PCMU}, {@link #PCMA}); a
 * {@link io.voxcore.codec.spi.CodecProvider} describes the types it adds with
 * {@link #of(String, int, int, int)}. Two types are equal when their SDP names (compared
 * case-insensitively) and static payload types are equal.
 *
 * <p>This is a value class rather than an enum so that codecs from other jars have a type
 * too; it nevertheless offers {@link #name()} and {@link #valueOf(String)} like an enum.
 */
public final class CodecType {

    /** Marker for a codec without a static RTP payload type (one negotiated in SDP, 96-127). */
    public static final int DYNAMIC_PAYLOAD_TYPE = -1;

    /** ITU-T G.711 mu-law: SDP name "PCMU", static payload type 0, 8000 Hz (RFC 3551). */
    public static final CodecType PCMU = new CodecType("PCMU", 0, 8000, 1);

    /** ITU-T G.711 A-law: SDP name "PCMA", static payload type 8, 8000 Hz (RFC 3551). */
    public static final CodecType PCMA = new CodecType("PCMA", 8, 8000, 1);

    private final String sdpName;
    private final int payloadType;
    private final int clockRate;
    private final int defaultChannels;

    private CodecType(String sdpName, int payloadType, int clockRate, int defaultChannels) {
        this.sdpName = sdpName;
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.defaultChannels = defaultChannels;
    }

    /**
     * Describes a codec type; meant for {@link io.voxcore.codec.spi.CodecProvider}s.
     *
     * @param sdpName the encoding name as in SDP {@code a=rtpmap}, for example "L16"
     * @param payloadType the static RTP payload type (0-95), or {@link #DYNAMIC_PAYLOAD_TYPE}
     * @param clockRate the RTP clock rate in Hz, positive
     * @param defaultChannels the channel count used when a config names none, 1 or more
     * @return the type
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming the
     *     offending value
     */
    public static CodecType of(String sdpName, int payloadType, int clockRate, int defaultChannels) {
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
        if (defaultChannels < 1) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "default channel count must be at least 1, got " + defaultChannels + " for " + sdpName);
        }
        return new CodecType(sdpName, payloadType, clockRate, defaultChannels);
    }

    /**
     * The built-in types, like an enum's {@code values()}. Codecs from providers are listed by
     * {@link CodecFactory#supportedCodecs()}.
     *
     * @return a new array holding {@link #PCMU} and {@link #PCMA}
     */
    public static CodecType[] values() {
        return new CodecType[] {PCMU, PCMA};
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
        throw new CodecException(CodecException.Kind.UNSUPPORTED_CODEC,
                "no built-in codec type named \"" + name + "\"; built-in: PCMU, PCMA");
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
     * The RTP clock rate in Hz (8000 for G.711).
     *
     * @return the clock rate
     */
    public int clockRate() {
        return clockRate;
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

    /** Returns the rtpmap form, for example {@code PCMU/8000 (PT 0)}. */
    @Override
    public String toString() {
        return sdpName + "/" + clockRate + (hasStaticPayloadType() ? " (PT " + payloadType + ")" : " (dynamic PT)");
    }
}
