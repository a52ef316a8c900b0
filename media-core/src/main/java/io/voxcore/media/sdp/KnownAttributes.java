package io.voxcore.media.sdp;

import java.util.Locale;

/** The attributes this package types: checked when a description is made so that a typed view never fails. */
final class KnownAttributes {

    private KnownAttributes() {
    }

    /**
     * Checks that a known attribute parses (rtpmap, fmtp, ptime, maxptime, rtcp, crypto, the
     * directions and rtcp-mux as properties); unknown attributes pass.
     *
     * @param a the attribute
     * @throws IllegalArgumentException naming what is wrong
     */
    static void check(Attribute a) {
        String name = a.name().toLowerCase(Locale.ROOT);
        switch (name) {
            case "rtpmap":
                Rtpmap.parse(valueOf(a));
                break;
            case "fmtp":
                Fmtp.parse(valueOf(a));
                break;
            case "ptime":
            case "maxptime":
                millis(valueOf(a), name);
                break;
            case "rtcp":
                RtcpAttribute.parse(valueOf(a));
                break;
            case "crypto":
                Crypto.parse(valueOf(a));
                break;
            default:
                break;
        }
    }

    private static String valueOf(Attribute a) {
        if (a.value() == null) {
            throw new IllegalArgumentException("a=" + a.name() + " needs a value");
        }
        return a.value();
    }

    /** A packet time in whole milliseconds; a decimal such as {@code 20.0} is accepted and rounded. */
    static int millis(String text, String what) {
        String t = text.trim();
        try {
            double ms = Double.parseDouble(t);
            if (!t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') || !(ms >= 1) || ms > 100_000) {
                throw new NumberFormatException();
            }
            return (int) Math.round(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not a number of milliseconds 1-100000");
        }
    }

    static boolean isRtpProto(String proto) {
        String p = proto.toUpperCase(Locale.ROOT);
        return p.equals("RTP/AVP") || p.equals("RTP/AVPF") || p.equals("RTP/SAVP") || p.equals("RTP/SAVPF")
                || p.endsWith("/RTP/AVP") || p.endsWith("/RTP/AVPF") || p.endsWith("/RTP/SAVP") || p.endsWith("/RTP/SAVPF");
    }

}
