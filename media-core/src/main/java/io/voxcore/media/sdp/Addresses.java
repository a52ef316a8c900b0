package io.voxcore.media.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Socket addresses from SDP text, never with a DNS lookup. */
final class Addresses {

    private Addresses() {
    }

    /** An IP literal resolved without DNS; anything else (a host name) unresolved. */
    static InetSocketAddress of(String host, int port) {
        if (isIpv4Literal(host) || host.indexOf(':') >= 0) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host.indexOf(':') >= 0 && !host.startsWith("[")
                        ? "[" + host + "]" : host), port);
            } catch (UnknownHostException | SecurityException e) {
                return InetSocketAddress.createUnresolved(host, port);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    static boolean isIpv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The text an SDP line carries for a local address. */
    static String text(InetSocketAddress address) {
        if (address.getAddress() != null && !address.isUnresolved()) {
            return address.getAddress().getHostAddress().replaceFirst("%.*$", "");
        }
        return address.getHostString();
    }
}
