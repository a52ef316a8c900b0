package io.voxcore.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SDP session description (RFC 8866, formerly RFC 4566): the session-level lines and the
 * media descriptions. Immutable, compared by value; {@code parse(write(x))} equals {@code x}.
 *
 * <pre>{@code
 * SessionDescription offer = SessionDescription.parse(body);      // tolerant of LF, trailing spaces, ...
 * for (MediaDescription m : offer.media()) { ... m.rtpmaps() ... }
 * String text = offer.write();                                     // CRLF, canonical order
 * }</pre>
 *
 * <p>The parser's rules (what it tolerates and what it refuses) are listed in {@code docs/sdp.md}.
 *
 * @param version the protocol version, 0
 * @param origin the {@code o=} line
 * @param sessionName the {@code s=} text; {@code -} when the body had none, empty for {@code s= }
 * @param otherLines the session-level {@code i= u= e= p= k=} lines, in order
 * @param connection the session-level {@code c=} line, or null
 * @param bandwidths the session-level {@code b=} lines
 * @param timing the {@code t= r= z=} lines, in order ({@code t=0 0} when the body had none)
 * @param attributes the session-level {@code a=} lines, in order
 * @param media the media descriptions, in order
 */
public record SessionDescription(int version, Origin origin, String sessionName, List<SdpLine> otherLines,
        Connection connection, List<Bandwidth> bandwidths, List<SdpLine> timing, List<Attribute> attributes,
        List<MediaDescription> media) {

    /** The timing of an unbounded session, {@code t=0 0}. */
    public static final SdpLine UNBOUNDED = new SdpLine('t', "0 0");

    /**
     * Creates the record.
     *
     * @param version 0
     * @param origin the origin
     * @param sessionName the name, no line break or leading/trailing white space
     * @param otherLines {@code i= u= e= p= k=} lines
     * @param connection the session connection or null
     * @param bandwidths the bandwidths
     * @param timing {@code t= r= z=} lines; empty means {@code t=0 0}
     * @param attributes the attributes
     * @param media the media descriptions
     * @throws IllegalArgumentException for a value the writer could not write so that it parses back equal
     */
    public SessionDescription {
        if (version != 0) {
            throw new IllegalArgumentException("SDP version must be 0, got " + version);
        }
        Objects.requireNonNull(origin, "origin");
        Tokens.requireTrimmed(sessionName, "session name");
        otherLines = List.copyOf(otherLines);
        for (SdpLine line : otherLines) {
            if ("iuepk".indexOf(line.type()) < 0) {
                throw new IllegalArgumentException("session-level other lines are i= u= e= p= k=, got " + line);
            }
        }
        bandwidths = List.copyOf(bandwidths);
        timing = timing.isEmpty() ? List.of(UNBOUNDED) : List.copyOf(timing);
        for (SdpLine line : timing) {
            if ("trz".indexOf(line.type()) < 0) {
                throw new IllegalArgumentException("timing lines are t= r= z=, got " + line);
            }
        }
        if (timing.get(0).type() != 't') {
            throw new IllegalArgumentException("timing must start with a t= line, got " + timing.get(0));
        }
        attributes = List.copyOf(attributes);
        for (Attribute a : attributes) {
            KnownAttributes.check(a);
        }
        media = List.copyOf(media);
    }

    /**
     * Parses an SDP body.
     *
     * @param text the body, lines ended by CRLF or LF
     * @return the description
     * @throws SdpParseException naming the line that cannot be understood
     */
    public static SessionDescription parse(String text) {
        return SdpParser.parse(text);
    }

    /**
     * Parses an SDP body from bytes (UTF-8; malformed sequences become U+FFFD).
     *
     * @param bytes the body
     * @return the description
     * @throws SdpParseException naming the line that cannot be understood
     */
    public static SessionDescription parse(byte[] bytes) {
        return SdpParser.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Writes the description: CRLF line ends, RFC 8866 line order.
     *
     * @return the SDP text
     */
    public String write() {
        return SdpWriter.write(this);
    }

    /**
     * Starts a builder.
     *
     * @param origin the origin line
     * @return a builder with session name {@code -}, timing {@code t=0 0} and nothing else
     */
    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /**
     * A builder holding this description's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(origin);
        b.sessionName = sessionName;
        b.otherLines.addAll(otherLines);
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.timing.clear();
        b.timing.addAll(timing);
        b.attributes.addAll(attributes);
        b.media.addAll(media);
        return b;
    }

    /**
     * The same description with another origin version.
     *
     * @param sessionVersion the version
     * @return a new description
     */
    public SessionDescription withVersion(long sessionVersion) {
        return new SessionDescription(version, origin.withVersion(sessionVersion), sessionName, otherLines, connection,
                bandwidths, timing, attributes, media);
    }

    /**
     * The connection that applies to a media description: its own, else the session's.
     *
     * @param m a media description of this session
     * @return the connection, if either level has one
     */
    public Optional<Connection> connection(MediaDescription m) {
        return Optional.ofNullable(m.connection() != null ? m.connection() : connection);
    }

    /**
     * The direction that applies to a media description: its own attribute, else the
     * session-level one, else {@link Direction#SENDRECV} (RFC 8866 6.7).
     *
     * @param m a media description of this session
     * @return the direction
     */
    public Direction direction(MediaDescription m) {
        return m.direction().or(this::sessionDirection).orElse(Direction.SENDRECV);
    }

    private Optional<Direction> sessionDirection() {
        Direction found = null;
        for (Attribute a : attributes) {
            Direction d = Direction.fromAttribute(a.name());
            if (d != null) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The text, as {@link #write()}.
     *
     * @return the SDP text
     */
    @Override
    public String toString() {
        return write();
    }

    /** Builds a {@link SessionDescription}. Not thread-safe. */
    public static final class Builder {
        private final Origin origin;
        private String sessionName = "-";
        private final List<SdpLine> otherLines = new ArrayList<>();
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<SdpLine> timing = new ArrayList<>(List.of(UNBOUNDED));
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        /**
         * Sets the session name.
         *
         * @param value the name
         * @return this builder
         */
        public Builder sessionName(String value) {
            sessionName = Objects.requireNonNull(value, "sessionName");
            return this;
        }

        /**
         * Appends a session-level {@code i= u= e= p= k=} line.
         *
         * @param line the line
         * @return this builder
         */
        public Builder addLine(SdpLine line) {
            otherLines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /**
         * Sets the session-level connection.
         *
         * @param value the connection, or null
         * @return this builder
         */
        public Builder connection(Connection value) {
            connection = value;
            return this;
        }

        /**
         * Appends a session-level bandwidth.
         *
         * @param value the bandwidth
         * @return this builder
         */
        public Builder addBandwidth(Bandwidth value) {
            bandwidths.add(Objects.requireNonNull(value, "bandwidth"));
            return this;
        }

        /**
         * Replaces the timing lines.
         *
         * @param lines {@code t= r= z=} lines, starting with {@code t=}
         * @return this builder
         */
        public Builder timing(List<SdpLine> lines) {
            timing.clear();
            timing.addAll(lines);
            return this;
        }

        /**
         * Appends a session-level attribute.
         *
         * @param value the attribute
         * @return this builder
         */
        public Builder addAttribute(Attribute value) {
            attributes.add(Objects.requireNonNull(value, "attribute"));
            return this;
        }

        /**
         * Appends a media description.
         *
         * @param value the media description
         * @return this builder
         */
        public Builder addMedia(MediaDescription value) {
            media.add(Objects.requireNonNull(value, "media"));
            return this;
        }

        /**
         * Builds the description.
         *
         * @return the immutable description
         * @throws IllegalArgumentException for a value out of range
         */
        public SessionDescription build() {
            return new SessionDescription(0, origin, sessionName, otherLines, connection, bandwidths, timing,
                    attributes, media);
        }
    }
}
