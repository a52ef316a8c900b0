package io.voxcore.cli;

/** The codecs the tool offers, by SDP name, with their static RTP payload types. */
enum Codec {
    /** G.711 mu-law, payload type 0. */
    PCMU(0),
    /** G.711 A-law, payload type 8. */
    PCMA(8);

    private final int payloadType;

    Codec(int payloadType) {
        this.payloadType = payloadType;
    }

    /**
     * The static RTP payload type.
     *
     * @return 0 or 8
     */
    int payloadType() {
        return payloadType;
    }
}
