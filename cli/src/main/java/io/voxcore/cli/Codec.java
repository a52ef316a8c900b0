package io.voxcore.cli;

/**
 * The codecs the tool offers, by SDP name, with their RTP payload types, RTP clock rates and audio
 * rates. Names are matched in any case on the command line ({@code --codec opus}).
 */
enum Codec {
    /** G.711 mu-law, payload type 0, 8 kHz. */
    PCMU("PCMU", 0, 8000, 8000),
    /** G.711 A-law, payload type 8, 8 kHz. */
    PCMA("PCMA", 8, 8000, 8000),
    /** G.722, payload type 9: 16 kHz audio on an 8 kHz RTP clock (RFC 3551 4.5.2). */
    G722("G722", 9, 16000, 8000),
    /**
     * Opus (RFC 7587): a dynamic payload type ({@code --pt}, default {@value #DEFAULT_OPUS_PAYLOAD_TYPE}),
     * 48 kHz audio on a 48 kHz RTP clock, from codec-opus (Concentus) through codec-core's SPI.
     */
    OPUS("opus", -1, 48000, 48000);

    /** The payload type {@code --pt} gives Opus unless told otherwise (WebRTC's customary number). */
    static final int DEFAULT_OPUS_PAYLOAD_TYPE = 111;

    private final String sdpName;
    private final int payloadType;
    private final int sampleRate;
    private final int clockRate;

    Codec(String sdpName, int payloadType, int sampleRate, int clockRate) {
        this.sdpName = sdpName;
        this.payloadType = payloadType;
        this.sampleRate = sampleRate;
        this.clockRate = clockRate;
    }

    /**
     * The encoding name in SDP's {@code a=rtpmap}.
     *
     * @return "PCMU", "PCMA", "G722" or "opus"
     */
    String sdpName() {
        return sdpName;
    }

    /**
     * Whether the payload type is dynamic (chosen with {@code --pt}) rather than static.
     *
     * @return true for Opus
     */
    boolean dynamic() {
        return payloadType < 0;
    }

    /**
     * The static RTP payload type.
     *
     * @return 0, 8 or 9
     * @throws IllegalStateException for Opus, whose payload type is dynamic
     */
    int payloadType() {
        if (dynamic()) {
            throw new IllegalStateException(this + " has a dynamic payload type");
        }
        return payloadType;
    }

    /**
     * The rate of the audio the codec takes and gives.
     *
     * @return Hz
     */
    int sampleRate() {
        return sampleRate;
    }

    /**
     * The RTP clock rate, as SDP's rtpmap names it.
     *
     * @return 8000 for G.711 and G.722, 48000 for Opus
     */
    int clockRate() {
        return clockRate;
    }

    /**
     * Checks a payload type given with {@code --pt}.
     *
     * @param option the option's name, for the message
     * @param codec the codec it goes with
     * @param payloadType the value given, or null when the option was not given
     * @return the payload type to use: the static one, or the dynamic one given or defaulted
     * @throws IllegalArgumentException naming the value when it is outside 96-127 or given for a
     *     codec with a static payload type
     */
    static int payloadType(String option, Codec codec, Integer payloadType) {
        if (!codec.dynamic()) {
            if (payloadType != null && payloadType != codec.payloadType()) {
                throw new IllegalArgumentException(option + " " + payloadType + " is for a codec with a dynamic payload "
                        + "type (opus); " + codec + " has the static payload type " + codec.payloadType());
            }
            return codec.payloadType();
        }
        int pt = payloadType == null ? DEFAULT_OPUS_PAYLOAD_TYPE : payloadType;
        if (pt < 96 || pt > 127) {
            throw new IllegalArgumentException(option + " " + pt + " is not a dynamic payload type: " + codec.sdpName()
                    + " needs one of 96-127 (RFC 3551 6)");
        }
        return pt;
    }
}
