package io.voxcore.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media description of an SDP body: the {@code m=} line and the {@code i= c= b= k= a=} lines
 * after it (RFC 8866 5.14). Immutable; build one with {@link #builder(String, int, String)} or
 * change one with {@link #toBuilder()}.
 *
 * <p>Every attribute is kept in order in {@link #attributes()}; the typed views
 * ({@link #rtpmaps()}, {@link #fmtp(int)}, {@link #ptime()}, {@link #direction()},
 * {@link #rtcp()}, {@link #rtcpMux()}, {@link #cryptos()}) read the known ones, which are checked
 * when the description is made, so a view never fails.
 *
 * @param media the media type: {@code audio}, {@code video}, {@code application}, ...
 * @param port the transport port; 0 marks a refused or disabled stream (RFC 3264 5.1 and 6)
 * @param portCount the number of ports ({@code m=audio 49170/2 ...}), 1 when the line names none
 * @param proto the transport protocol, for example {@code RTP/AVP} or {@code RTP/SAVP}
 * @param formats the media formats as written: payload type numbers for RTP
 * @param otherLines the {@code i=} and {@code k=} lines, in order
 * @param connection the media-level {@code c=} line, or null when the session-level one applies
 * @param bandwidths the {@code b=} lines, in order
 * @param attributes the {@code a=} lines, in order
 */
public record MediaDescription(String media, int port, int portCount, String proto, List<String> formats,
        List<SdpLine> otherLines, Connection connection, List<Bandwidth> bandwidths, List<Attribute> attributes) {

    /**
     * Creates the record, checking the known attributes.
     *
     * @param media a token
     * @param port 0-65535
     * @param portCount positive
     * @param proto a token
     * @param formats at least one token; 0-127 numbers for an RTP protocol
     * @param otherLines {@code i=} and {@code k=} lines
     * @param connection the media-level connection or null
     * @param bandwidths the bandwidths
     * @param attributes the attributes
     * @throws IllegalArgumentException for a value out of range or a known attribute that does not parse
     */
    public MediaDescription {
        Tokens.require(media, "media type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (portCount < 1) {
            throw new IllegalArgumentException("port count must be positive, got " + portCount);
        }
        Tokens.require(proto, "transport protocol");
        formats = List.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a media description needs at least one format");
        }
        boolean rtp = KnownAttributes.isRtpProto(proto);
        for (String f : formats) {
            Tokens.require(f, "media format");
            if (rtp) {
                PayloadTypes.parse(f);
            }
        }
        otherLines = List.copyOf(otherLines);
        for (SdpLine line : otherLines) {
            if (line.type() != 'i' && line.type() != 'k') {
                throw new IllegalArgumentException("a media description holds only i= and k= as other lines, got " + line);
            }
        }
        bandwidths = List.copyOf(bandwidths);
        attributes = List.copyOf(attributes);
        for (Attribute a : attributes) {
            KnownAttributes.check(a);
        }
    }

    /**
     * Starts a builder.
     *
     * @param media the media type, for example {@code audio}
     * @param port the port
     * @param proto the protocol, for example {@code RTP/AVP}
     * @return a builder with no formats yet
     */
    public static Builder builder(String media, int port, String proto) {
        return new Builder(media, port, proto);
    }

    /**
     * A builder holding this description's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(media, port, proto);
        b.portCount = portCount;
        b.formats.addAll(formats);
        b.otherLines.addAll(otherLines);
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.attributes.addAll(attributes);
        return b;
    }

    /**
     * Whether the protocol is RTP (AVP, AVPF, SAVP, SAVPF, also over DTLS).
     *
     * @return true for an RTP profile
     */
    public boolean isRtp() {
        return KnownAttributes.isRtpProto(proto);
    }

    /**
     * The formats as payload type numbers.
     *
     * @return the payload types in order; empty when the protocol is not RTP
     */
    public List<Integer> payloadTypes() {
        if (!isRtp()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>(formats.size());
        for (String f : formats) {
            out.add(Integer.parseInt(f));
        }
        return out;
    }

    /**
     * Every attribute with a name, ignoring case, in order.
     *
     * @param name the attribute name
     * @return the attributes
     */
    public List<Attribute> attributes(String name) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.is(name)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The first attribute with a name, ignoring case.
     *
     * @param name the attribute name
     * @return the attribute, if present
     */
    public Optional<Attribute> attribute(String name) {
        for (Attribute a : attributes) {
            if (a.is(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code a=rtpmap} attributes, in order.
     *
     * @return the typed attributes
     */
    public List<Rtpmap> rtpmaps() {
        List<Rtpmap> out = new ArrayList<>();
        for (Attribute a : attributes("rtpmap")) {
            out.add(Rtpmap.parse(a.value()));
        }
        return out;
    }

    /**
     * The {@code a=rtpmap} of a payload type (the first, if a sloppy peer wrote two).
     *
     * @param payloadType the payload type
     * @return the typed attribute, if present
     */
    public Optional<Rtpmap> rtpmap(int payloadType) {
        return rtpmaps().stream().filter(r -> r.payloadType() == payloadType).findFirst();
    }

    /**
     * The {@code a=fmtp} of a payload type.
     *
     * @param payloadType the payload type
     * @return the typed attribute, if present
     */
    public Optional<Fmtp> fmtp(int payloadType) {
        for (Attribute a : attributes("fmtp")) {
            Fmtp f = Fmtp.parse(a.value());
            if (f.payloadType() == payloadType) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * What a listed payload type means: its rtpmap, or RFC 3551's static assignment when the
     * offer has none; with its fmtp.
     *
     * @param payloadType the payload type
     * @return the format, or empty for a dynamic type without rtpmap (or a type not listed)
     */
    public Optional<PayloadFormat> format(int payloadType) {
        if (!isRtp() || !payloadTypes().contains(payloadType)) {
            return Optional.empty();
        }
        String fmtp = fmtp(payloadType).map(Fmtp::parameters).orElse("");
        Optional<Rtpmap> map = rtpmap(payloadType);
        if (map.isPresent()) {
            Rtpmap r = map.get();
            return Optional.of(new PayloadFormat(payloadType, r.encodingName(), r.clockRate(), r.channels(), fmtp));
        }
        PayloadFormat s = StaticPayloadTypes.of(payloadType);
        return s == null ? Optional.empty() : Optional.of(new PayloadFormat(payloadType, s.encodingName(),
                s.clockRate(), s.channels(), fmtp));
    }

    /**
     * The packet time asked for ({@code a=ptime}, RFC 8866 6.4), in milliseconds.
     *
     * @return the packet time, if present
     */
    public OptionalInt ptime() {
        return attribute("ptime").map(a -> OptionalInt.of(KnownAttributes.millis(a.value(), "ptime"))).orElse(OptionalInt.empty());
    }

    /**
     * The largest packet time accepted ({@code a=maxptime}, RFC 8866 6.5), in milliseconds.
     *
     * @return the maximum, if present
     */
    public OptionalInt maxptime() {
        return attribute("maxptime").map(a -> OptionalInt.of(KnownAttributes.millis(a.value(), "maxptime"))).orElse(OptionalInt.empty());
    }

    /**
     * The media-level direction attribute; {@link SessionDescription#direction(MediaDescription)}
     * applies the session-level default.
     *
     * @return the direction, if this description names one (the last one, if several)
     */
    public Optional<Direction> direction() {
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
     * The {@code a=rtcp} attribute (RFC 3605).
     *
     * @return the typed attribute, if present
     */
    public Optional<RtcpAttribute> rtcp() {
        return attribute("rtcp").map(a -> RtcpAttribute.parse(a.value()));
    }

    /**
     * Whether {@code a=rtcp-mux} (RFC 5761) is present.
     *
     * @return true when RTP and RTCP share one port
     */
    public boolean rtcpMux() {
        return attribute("rtcp-mux").isPresent();
    }

    /**
     * The {@code a=crypto} attributes (RFC 4568), in order.
     *
     * @return the typed attributes
     */
    public List<Crypto> cryptos() {
        List<Crypto> out = new ArrayList<>();
        for (Attribute a : attributes("crypto")) {
            out.add(Crypto.parse(a.value()));
        }
        return out;
    }

    /** Builds a {@link MediaDescription}. Not thread-safe. */
    public static final class Builder {
        private final String media;
        private final int port;
        private final String proto;
        private int portCount = 1;
        private final List<String> formats = new ArrayList<>();
        private final List<SdpLine> otherLines = new ArrayList<>();
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<Attribute> attributes = new ArrayList<>();
        private int newPort = -1;

        private Builder(String media, int port, String proto) {
            this.media = Objects.requireNonNull(media, "media");
            this.port = port;
            this.proto = Objects.requireNonNull(proto, "proto");
        }

        /**
         * Sets the port (replacing the one the builder was made with).
         *
         * @param value the port
         * @return this builder
         */
        public Builder port(int value) {
            newPort = value;
            return this;
        }

        /**
         * Sets the port count.
         *
         * @param value the count, 1 for a single port
         * @return this builder
         */
        public Builder portCount(int value) {
            portCount = value;
            return this;
        }

        /**
         * Appends a format.
         *
         * @param format a payload type number for RTP, or the protocol's format token
         * @return this builder
         */
        public Builder addFormat(String format) {
            formats.add(Objects.requireNonNull(format, "format"));
            return this;
        }

        /**
         * Appends an RTP payload type to the formats.
         *
         * @param payloadType the payload type
         * @return this builder
         */
        public Builder addFormat(int payloadType) {
            formats.add(Integer.toString(payloadType));
            return this;
        }

        /**
         * Replaces the formats.
         *
         * @param values the formats
         * @return this builder
         */
        public Builder formats(List<String> values) {
            formats.clear();
            formats.addAll(values);
            return this;
        }

        /**
         * Appends an {@code i=} or {@code k=} line.
         *
         * @param line the line
         * @return this builder
         */
        public Builder addLine(SdpLine line) {
            otherLines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /**
         * Sets the media-level connection.
         *
         * @param value the connection, null for none
         * @return this builder
         */
        public Builder connection(Connection value) {
            connection = value;
            return this;
        }

        /**
         * Appends a bandwidth line.
         *
         * @param value the bandwidth
         * @return this builder
         */
        public Builder addBandwidth(Bandwidth value) {
            bandwidths.add(Objects.requireNonNull(value, "bandwidth"));
            return this;
        }

        /**
         * Appends an attribute.
         *
         * @param value the attribute
         * @return this builder
         */
        public Builder addAttribute(Attribute value) {
            attributes.add(Objects.requireNonNull(value, "attribute"));
            return this;
        }

        /**
         * Removes every attribute with a name, ignoring case.
         *
         * @param name the name
         * @return this builder
         */
        public Builder removeAttributes(String name) {
            attributes.removeIf(a -> a.is(name));
            return this;
        }

        /**
         * Builds the description.
         *
         * @return the immutable description
         * @throws IllegalArgumentException for a value out of range or a malformed known attribute
         */
        public MediaDescription build() {
            return new MediaDescription(media, newPort >= 0 ? newPort : port, portCount, proto, formats, otherLines,
                    connection, bandwidths, attributes);
        }
    }
}
