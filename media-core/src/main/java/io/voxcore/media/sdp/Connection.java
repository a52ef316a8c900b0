package io.voxcore.media.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * An SDP connection line ({@code c=}, RFC 8866 5.7): network type, address type and address.
 * The address is kept as written, including any multicast {@code /ttl} suffix, and may be a
 * host name; nothing here resolves it.
 *
 * @param netType the network type, {@code IN} for the Internet
 * @param addrType the address type, {@code IP4} or {@code IP6}
 * @param address the connection address as written, for example {@code 192.0.2.4} or {@code ::1}
 */
public record Connection(String netType, String addrType, String address) {

    /**
     * Creates the record.
     *
     * @param netType the network type, a token without spaces
     * @param addrType the address type, a token without spaces
     * @param address the address, a token without spaces
     * @throws IllegalArgumentException when a value is empty or holds white space
     */
    public Connection {
        Tokens.require(netType, "network type");
        Tokens.require(addrType, "address type");
        Tokens.require(address, "address");
    }

    /**
     * An {@code IN IP4} or {@code IN IP6} connection, the type chosen from the address text
     * (a colon means IPv6).
     *
     * @param address an IPv4 or IPv6 literal or a host name
     * @return the connection
     */
    public static Connection of(String address) {
        Objects.requireNonNull(address, "address");
        return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    /**
     * Whether the address is the unspecified address ({@code 0.0.0.0} or {@code ::}): the old
     * RFC 2543 way to put a peer on hold, "do not send to me".
     *
     * @return true for an unspecified address
     */
    public boolean isUnspecified() {
        String host = host();
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    /**
     * The address without a multicast {@code /ttl} or {@code /count} suffix.
     *
     * @return the host part
     */
    public String host() {
        if (addrType.toUpperCase(Locale.ROOT).equals("IP4")) {
            int slash = address.indexOf('/');
            return slash < 0 ? address : address.substring(0, slash);
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /**
     * The value as written after {@code c=}.
     *
     * @return for example {@code IN IP4 192.0.2.4}
     */
    @Override
    public String toString() {
        return netType + " " + addrType + " " + address;
    }
}
