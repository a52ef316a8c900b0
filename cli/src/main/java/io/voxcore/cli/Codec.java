package io.voxcore.cli;

/** The codecs the tool offers, by SDP name, with their static RTP payload types and audio rates. */
enum Codec {
    /** G.711 mu-law, payload type 0, 8 kHz. */
    PCMU(0, 8000),
    /** G.711 A-law, payload type 8, 8 kHz. */
    PCMA(8, 8000),
    /** G.722, payload type 9: 16 kHz audio on an 8 kHz RTP clock (RFC 3551 4.5.2). */
    G722(9, 16000);

    private final int payloadType;
    private final int sampleRate;

    Codec(int payloadType, int sampleRate) {
        this.payloadType = payloadType;
        this.sampleRate = sampleRate;
    }

    /**
     * The static RTP payload type.
     *
     * @return 0, 8 or 9
     */
    int payloadType() {
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
     * @return 8000 for all three
     */
    int clockRate() {
        return 8000;
    }
}
