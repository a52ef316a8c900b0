package io.voxcore.media.sdp;

/**
 * One codec we can send and receive, as an SDP offer or answer lists it.
 *
 * @param encodingName the SDP encoding name, for example {@code PCMU}
 * @param clockRate the RTP clock rate in Hz (8000 for G.722, RFC 3551 4.5.2)
 * @param channels the channel count
 * @param fmtp the format parameters we offer, empty for none
 * @param preferredPayloadType the payload type our offers use: the RFC 3551 static type when the
 *     encoding has one, else a dynamic type 96-127 (an answer keeps the offerer's number instead)
 */
public record CodecCapability(String encodingName, int clockRate, int channels, String fmtp, int preferredPayloadType) {

    /**
     * Creates the record.
     *
     * @param encodingName a token
     * @param clockRate positive
     * @param channels positive
     * @param fmtp the parameters, empty for none
     * @param preferredPayloadType 0-127
     * @throws IllegalArgumentException for a value out of range
     */
    public CodecCapability {
        new PayloadFormat(preferredPayloadType, encodingName, clockRate, channels, fmtp);
        Tokens.requireTrimmed(fmtp, "fmtp");
    }

    /**
     * A mono codec without parameters, on its RFC 3551 static payload type, or on the first
     * dynamic type (96) when it has none; {@link MediaCapabilities.Builder#build()} renumbers
     * dynamic types so that they do not collide.
     *
     * @param encodingName the encoding name
     * @param clockRate the clock rate
     * @return the capability
     */
    public static CodecCapability of(String encodingName, int clockRate) {
        return of(encodingName, clockRate, 1);
    }

    /**
     * A codec without parameters, on its static payload type or dynamic 96.
     *
     * @param encodingName the encoding name
     * @param clockRate the clock rate
     * @param channels the channel count
     * @return the capability
     */
    public static CodecCapability of(String encodingName, int clockRate, int channels) {
        int pt = StaticPayloadTypes.payloadTypeOf(encodingName, clockRate, channels);
        return new CodecCapability(encodingName, clockRate, channels, "", pt >= 0 ? pt : 96);
    }

    /**
     * The same codec with format parameters.
     *
     * @param parameters the fmtp text
     * @return a new record
     */
    public CodecCapability withFmtp(String parameters) {
        return new CodecCapability(encodingName, clockRate, channels, parameters, preferredPayloadType);
    }

    /**
     * The same codec on another payload type.
     *
     * @param payloadType the payload type
     * @return a new record
     */
    public CodecCapability withPayloadType(int payloadType) {
        return new CodecCapability(encodingName, clockRate, channels, fmtp, payloadType);
    }

    /**
     * Whether the RFC 3551 static table assigns this encoding a payload type.
     *
     * @return true for a static encoding
     */
    public boolean isStatic() {
        return StaticPayloadTypes.payloadTypeOf(encodingName, clockRate, channels) == preferredPayloadType;
    }

    /**
     * This codec as a payload format under a payload type.
     *
     * @param payloadType the payload type
     * @return the format
     */
    public PayloadFormat format(int payloadType) {
        return new PayloadFormat(payloadType, encodingName, clockRate, channels, fmtp);
    }
}
