package io.voxcore.media.sdp;

/**
 * A typed {@code a=rtcp} attribute (RFC 3605): the port, and optionally the address, RTCP is
 * received on when it is not the RTP port plus one.
 *
 * @param port the RTCP port
 * @param connection the RTCP address, or null when the attribute names only a port (then the
 *     media's connection address applies)
 */
public record RtcpAttribute(int port, Connection connection) {

    /**
     * Creates the record.
     *
     * @param port 0-65535
     * @param connection the address or null
     * @throws IllegalArgumentException for a port out of range
     */
    public RtcpAttribute {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("RTCP port must be 0-65535, got " + port);
        }
    }

    /**
     * Parses the value of an {@code a=rtcp} attribute.
     *
     * @param value for example {@code 53020} or {@code 53020 IN IP4 126.16.64.4}
     * @return the typed attribute
     * @throws IllegalArgumentException naming what is wrong
     */
    public static RtcpAttribute parse(String value) {
        String[] parts = value.trim().split("\\s+");
        int port = Numbers.port(parts[0]);
        if (parts.length == 1) {
            return new RtcpAttribute(port, null);
        }
        if (parts.length != 4) {
            throw new IllegalArgumentException("rtcp needs \"<port>\" or \"<port> <nettype> <addrtype> <address>\"");
        }
        return new RtcpAttribute(port, new Connection(parts[1], parts[2], parts[3]));
    }

    /**
     * The attribute.
     *
     * @return {@code a=rtcp:...}
     */
    public Attribute toAttribute() {
        return Attribute.of("rtcp", connection == null ? Integer.toString(port) : port + " " + connection);
    }
}
