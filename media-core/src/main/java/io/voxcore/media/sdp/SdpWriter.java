package io.voxcore.media.sdp;

/** Writes a {@link SessionDescription}: CRLF line ends, RFC 8866 line order. */
final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    static String write(SessionDescription sd) {
        StringBuilder b = new StringBuilder(512);
        b.append("v=").append(sd.version()).append(CRLF);
        b.append("o=").append(sd.origin()).append(CRLF);
        // RFC 8866 5.3: an empty session name is written as a single space
        b.append("s=").append(sd.sessionName().isEmpty() ? " " : sd.sessionName()).append(CRLF);
        for (SdpLine line : sd.otherLines()) {
            b.append(line).append(CRLF);
        }
        if (sd.connection() != null) {
            b.append("c=").append(sd.connection()).append(CRLF);
        }
        for (Bandwidth bw : sd.bandwidths()) {
            b.append("b=").append(bw).append(CRLF);
        }
        for (SdpLine line : sd.timing()) {
            b.append(line).append(CRLF);
        }
        for (Attribute a : sd.attributes()) {
            b.append("a=").append(a).append(CRLF);
        }
        for (MediaDescription m : sd.media()) {
            b.append("m=").append(m.media()).append(' ').append(m.port());
            if (m.portCount() != 1) {
                b.append('/').append(m.portCount());
            }
            b.append(' ').append(m.proto());
            for (String f : m.formats()) {
                b.append(' ').append(f);
            }
            b.append(CRLF);
            for (SdpLine line : m.otherLines()) {
                b.append(line).append(CRLF);
            }
            if (m.connection() != null) {
                b.append("c=").append(m.connection()).append(CRLF);
            }
            for (Bandwidth bw : m.bandwidths()) {
                b.append("b=").append(bw).append(CRLF);
            }
            for (Attribute a : m.attributes()) {
                b.append("a=").append(a).append(CRLF);
            }
        }
        return b.toString();
    }
}
