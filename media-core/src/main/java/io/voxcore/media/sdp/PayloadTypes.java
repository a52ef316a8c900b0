package io.voxcore.media.sdp;

/** Payload type checks shared by the typed attributes. */
final class PayloadTypes {

    private PayloadTypes() {
    }

    static int check(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type must be 0-127, got " + payloadType);
        }
        return payloadType;
    }

    static int parse(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("payload type \"" + text + "\" is not a number 0-127");
        }
        int pt = Integer.parseInt(text);
        if (pt > 127) {
            throw new IllegalArgumentException("payload type " + pt + " is outside RTP's range 0-127");
        }
        return pt;
    }
}
