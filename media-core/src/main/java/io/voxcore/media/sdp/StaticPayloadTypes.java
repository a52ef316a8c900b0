package io.voxcore.media.sdp;

/**
 * The static audio payload types of RFC 3551 section 6 (table 4), with comfort noise (RFC 3389):
 * what a payload type means when an offer lists it without an {@code a=rtpmap}.
 */
final class StaticPayloadTypes {

    private static final String[] NAMES = new String[35];
    private static final int[] RATES = new int[35];
    private static final int[] CHANNELS = new int[35];

    static {
        put(0, "PCMU", 8000, 1);
        put(3, "GSM", 8000, 1);
        put(4, "G723", 8000, 1);
        put(5, "DVI4", 8000, 1);
        put(6, "DVI4", 16000, 1);
        put(7, "LPC", 8000, 1);
        put(8, "PCMA", 8000, 1);
        put(9, "G722", 8000, 1);
        put(10, "L16", 44100, 2);
        put(11, "L16", 44100, 1);
        put(12, "QCELP", 8000, 1);
        put(13, "CN", 8000, 1);
        put(14, "MPA", 90000, 1);
        put(15, "G728", 8000, 1);
        put(16, "DVI4", 11025, 1);
        put(17, "DVI4", 22050, 1);
        put(18, "G729", 8000, 1);
        // video (RFC 3551 table 5), so that a video section's formats are named too
        put(25, "CelB", 90000, 1);
        put(26, "JPEG", 90000, 1);
        put(28, "nv", 90000, 1);
        put(31, "H261", 90000, 1);
        put(32, "MPV", 90000, 1);
        put(33, "MP2T", 90000, 1);
        put(34, "H263", 90000, 1);
    }

    private StaticPayloadTypes() {
    }

    private static void put(int pt, String name, int rate, int channels) {
        NAMES[pt] = name;
        RATES[pt] = rate;
        CHANNELS[pt] = channels;
    }

    /** The format a static payload type means, or null when RFC 3551 assigns none. */
    static PayloadFormat of(int pt) {
        if (pt < 0 || pt >= NAMES.length || NAMES[pt] == null) {
            return null;
        }
        return new PayloadFormat(pt, NAMES[pt], RATES[pt], CHANNELS[pt], "");
    }

    /** The static payload type of an encoding, or -1 when it has none. */
    static int payloadTypeOf(String name, int rate, int channels) {
        for (int pt = 0; pt < NAMES.length; pt++) {
            if (NAMES[pt] != null && NAMES[pt].equalsIgnoreCase(name) && RATES[pt] == rate && CHANNELS[pt] == channels) {
                return pt;
            }
        }
        return -1;
    }
}
