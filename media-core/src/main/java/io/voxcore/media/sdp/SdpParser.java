package io.voxcore.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses SDP text. Tolerant of what real devices get wrong without harm (LF or CRLF or a lone CR,
 * trailing and surrounding spaces, blank lines, a missing {@code s=} or {@code t=}, lines out of
 * RFC 8866 order within a level); strict about what changes the meaning (a first line other than
 * {@code v=0}, no {@code o=}, an unknown line type, a malformed {@code o= c= m= b=} line or known
 * attribute, an active stream without a connection address). Every refusal is an
 * {@link SdpParseException} naming the line; nothing else escapes.
 */
final class SdpParser {

    private SdpParser() {
    }

    static SessionDescription parse(String text) {
        if (text == null) {
            throw new SdpParseException(0, "", "no SDP body (null)");
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        SessionState session = new SessionState();
        MediaState current = null;
        boolean sawVersion = false;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = stripTrailing(raw);
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new SdpParseException(number, raw, sawVersion ? "not an SDP line <type>=<value>"
                        : "not SDP: the first line must be v=0");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            try {
                if (!sawVersion) {
                    if (type != 'v') {
                        throw new IllegalArgumentException("not SDP: the first line must be v=0");
                    }
                    if (!value.trim().equals("0")) {
                        throw new IllegalArgumentException("only SDP version 0 exists");
                    }
                    sawVersion = true;
                    continue;
                }
                if (type == 'm') {
                    if (current != null) {
                        session.media.add(current.build(session.connection != null));
                    }
                    current = new MediaState(number, raw, value);
                    continue;
                }
                if (current == null) {
                    session.line(type, value);
                } else {
                    current.line(type, value);
                }
            } catch (SdpParseException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(number, raw, e.getMessage());
            }
        }
        if (!sawVersion) {
            throw new SdpParseException(0, "", "not SDP: empty body (the first line must be v=0)");
        }
        if (current != null) {
            session.media.add(current.build(session.connection != null));
        }
        return session.build();
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    static Connection connection(String value) {
        String[] p = value.trim().split("[ \t]+");
        if (p.length != 3) {
            throw new IllegalArgumentException("c= needs <nettype> <addrtype> <address>");
        }
        return new Connection(p[0], p[1], p[2]);
    }

    static Bandwidth bandwidth(String value) {
        String v = value.trim();
        int colon = v.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("b= needs <type>:<value>");
        }
        return new Bandwidth(v.substring(0, colon).trim(), Numbers.nonNegativeLong(v.substring(colon + 1).trim(), "bandwidth"));
    }

    static Attribute attribute(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Attribute.property(value.trim());
        }
        String name = value.substring(0, colon).trim();
        String v = value.substring(colon + 1);
        Attribute a = new Attribute(name, v);
        KnownAttributes.check(a);
        return a;
    }

    /** The session-level lines read so far. */
    private static final class SessionState {
        Origin origin;
        String sessionName;
        final List<SdpLine> otherLines = new ArrayList<>();
        Connection connection;
        final List<Bandwidth> bandwidths = new ArrayList<>();
        final List<SdpLine> timing = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        final List<MediaDescription> media = new ArrayList<>();

        void line(char type, String value) {
            switch (type) {
                case 'v':
                    throw new IllegalArgumentException("a second v= line");
                case 'o':
                    if (origin != null) {
                        throw new IllegalArgumentException("a second o= line");
                    }
                    origin = origin(value);
                    break;
                case 's':
                    if (sessionName != null) {
                        throw new IllegalArgumentException("a second s= line");
                    }
                    sessionName = Tokens.requireTrimmed(value.trim(), "session name");
                    break;
                case 'i':
                case 'u':
                case 'e':
                case 'p':
                case 'k':
                    otherLines.add(new SdpLine(type, value.trim()));
                    break;
                case 'c':
                    if (connection != null) {
                        throw new IllegalArgumentException("a second session-level c= line");
                    }
                    connection = connection(value);
                    break;
                case 'b':
                    bandwidths.add(bandwidth(value));
                    break;
                case 't':
                case 'r':
                case 'z':
                    if (type != 't' && timing.isEmpty()) {
                        throw new IllegalArgumentException(type + "= before any t= line");
                    }
                    timing.add(new SdpLine(type, value.trim()));
                    break;
                case 'a':
                    attributes.add(attribute(value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown SDP line type '" + type + "'");
            }
        }

        private static Origin origin(String value) {
            String[] p = value.trim().split("[ \t]+");
            if (p.length != 6) {
                throw new IllegalArgumentException("o= needs <username> <sess-id> <sess-version> <nettype> <addrtype> <address>");
            }
            long version = Numbers.nonNegativeLong(p[2], "session version");
            return new Origin(p[0], p[1], version, new Connection(p[3], p[4], p[5]));
        }

        SessionDescription build() {
            if (origin == null) {
                throw new SdpParseException(0, "", "no o= line (RFC 8866 5.2 requires one)");
            }
            try {
                return new SessionDescription(0, origin, sessionName == null ? "-" : sessionName, otherLines, connection,
                        bandwidths, timing, attributes, media);
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(0, "", e.getMessage()); // every line was checked as read: a safety net
            }
        }
    }

    /** The lines of one media description read so far. */
    private static final class MediaState {
        final int number;
        final String raw;
        final MediaDescription.Builder builder;
        final int port;
        boolean hasConnection;

        MediaState(int number, String raw, String value) {
            this.number = number;
            this.raw = raw;
            String[] p = value.trim().split("[ \t]+");
            if (p.length < 4) {
                throw new SdpParseException(number, raw, "m= needs <media> <port>[/<count>] <proto> <format>...");
            }
            try {
                String portText = p[1];
                int count = 1;
                int slash = portText.indexOf('/');
                if (slash >= 0) {
                    count = Numbers.positive(portText.substring(slash + 1), "port count");
                    portText = portText.substring(0, slash);
                }
                port = Numbers.port(portText);
                builder = MediaDescription.builder(p[0], port, p[2]).portCount(count);
                for (int i = 3; i < p.length; i++) {
                    builder.addFormat(p[i]);
                }
                if (KnownAttributes.isRtpProto(p[2])) {
                    for (int i = 3; i < p.length; i++) {
                        PayloadTypes.parse(p[i]);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(number, raw, e.getMessage());
            }
        }

        void line(char type, String value) {
            switch (type) {
                case 'i':
                case 'k':
                    builder.addLine(new SdpLine(type, value.trim()));
                    break;
                case 'c':
                    if (hasConnection) {
                        throw new IllegalArgumentException("a second c= line in one media description");
                    }
                    builder.connection(connection(value));
                    hasConnection = true;
                    break;
                case 'b':
                    builder.addBandwidth(bandwidth(value));
                    break;
                case 'a':
                    builder.addAttribute(attribute(value));
                    break;
                default:
                    throw new IllegalArgumentException(type == 'v' || type == 'o' || type == 's' || type == 't'
                            || type == 'u' || type == 'e' || type == 'p' || type == 'r' || type == 'z'
                            ? type + "= is a session-level line but appears after m="
                            : "unknown SDP line type '" + type + "'");
            }
        }

        MediaDescription build(boolean sessionConnection) {
            if (port != 0 && !hasConnection && !sessionConnection) {
                throw new SdpParseException(number, raw, "no c= line for this media and none at session level (RFC 8866 5.7)");
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(number, raw, e.getMessage());
            }
        }
    }
}
