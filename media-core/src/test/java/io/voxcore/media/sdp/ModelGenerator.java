package io.voxcore.media.sdp;

import java.util.SplittableRandom;

/** Random but valid session descriptions for the round-trip property. */
final class ModelGenerator {

    private ModelGenerator() {
    }

    private static final String[] WORDS = {"a", "x-y", "PCMU", "telephone-event", "Z9", "ice-ufrag", "opus", "_"};
    private static final String[] ADDRESSES = {"192.0.2.1", "2001:db8::1", "host.example.com", "224.2.17.12/127"};

    static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? Integer.toString(r.nextInt(1000)) : "");
    }

    static String text(SplittableRandom r) {
        int n = 1 + r.nextInt(4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(r.nextBoolean() ? " " : "  ");
            }
            b.append(word(r));
        }
        return b.toString();
    }

    static Connection connection(SplittableRandom r) {
        return Connection.of(ADDRESSES[r.nextInt(ADDRESSES.length)]);
    }

    static Attribute attribute(SplittableRandom r) {
        switch (r.nextInt(9)) {
            case 0:
                return new Rtpmap(r.nextInt(128), word(r), 1 + r.nextInt(96000), 1 + r.nextInt(2)).toAttribute();
            case 1:
                return new Fmtp(r.nextInt(128), text(r)).toAttribute();
            case 2:
                return Attribute.of(r.nextBoolean() ? "ptime" : "maxptime", Integer.toString(10 + r.nextInt(190)));
            case 3:
                return new RtcpAttribute(r.nextInt(65536), r.nextBoolean() ? null : connection(r)).toAttribute();
            case 4:
                return Crypto.parse(r.nextInt(10) + " AES_CM_128_HMAC_SHA1_" + (r.nextBoolean() ? "80" : "32")
                        + " inline:" + word(r) + (r.nextBoolean() ? "" : " KDR=1")).toAttribute();
            case 5:
                return Attribute.property(Direction.values()[r.nextInt(4)].attributeName());
            case 6:
                return Attribute.property(r.nextBoolean() ? "rtcp-mux" : word(r));
            case 7:
                return Attribute.of(word(r), r.nextBoolean() ? "" : (r.nextBoolean() ? " " : "") + text(r));
            default:
                return Attribute.of("fmtp", r.nextInt(128) + " " + TelephoneEvents.range(0, r.nextInt(256)));
        }
    }

    static MediaDescription media(SplittableRandom r) {
        boolean rtp = r.nextInt(4) != 0;
        String proto = rtp ? (r.nextBoolean() ? "RTP/AVP" : "RTP/SAVP") : "udp";
        MediaDescription.Builder b = MediaDescription.builder(r.nextBoolean() ? "audio" : "video", r.nextInt(65536), proto)
                .portCount(r.nextInt(5) == 0 ? 2 : 1);
        int formats = 1 + r.nextInt(5);
        for (int i = 0; i < formats; i++) {
            b.addFormat(rtp ? Integer.toString(r.nextInt(128)) : word(r));
        }
        if (r.nextBoolean()) {
            b.addLine(new SdpLine(r.nextBoolean() ? 'i' : 'k', text(r)));
        }
        if (r.nextBoolean()) {
            b.connection(connection(r));
        }
        if (r.nextInt(3) == 0) {
            b.addBandwidth(new Bandwidth(r.nextBoolean() ? "AS" : "TIAS", r.nextInt(100_000)));
        }
        int attributes = r.nextInt(8);
        for (int i = 0; i < attributes; i++) {
            b.addAttribute(attribute(r));
        }
        return b.build();
    }

    static SessionDescription session(SplittableRandom r) {
        Connection c = connection(r);
        SessionDescription.Builder b = SessionDescription.builder(new Origin(r.nextBoolean() ? "-" : word(r),
                Long.toString(r.nextLong(1L << 40)), r.nextLong(1L << 40), c))
                .sessionName(r.nextInt(4) == 0 ? "" : text(r)).connection(c);
        if (r.nextBoolean()) {
            b.addLine(new SdpLine("iuepk".charAt(r.nextInt(5)), text(r)));
        }
        if (r.nextInt(3) == 0) {
            b.addBandwidth(new Bandwidth("CT", r.nextInt(10_000)));
        }
        if (r.nextInt(4) == 0) {
            b.timing(java.util.List.of(new SdpLine('t', "3034423619 3042462419"), new SdpLine('r', "604800 3600 0 90000")));
        }
        int attributes = r.nextInt(3);
        for (int i = 0; i < attributes; i++) {
            b.addAttribute(attribute(r));
        }
        int media = r.nextInt(4);
        for (int i = 0; i < media; i++) {
            b.addMedia(media(r));
        }
        return b.build();
    }
}
