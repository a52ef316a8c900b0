package io.voxcore.media.session;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Binds a session's sockets: RTP on an even port and RTCP on the next (RFC 3550 section 11), from
 * the engine's port range when it has one, with errors that name the address and the range.
 */
final class TransportBinder {

    private TransportBinder() {
    }

    /**
     * Binds the sockets.
     *
     * @param local the RTP address; port 0 picks an even free port (with RTCP on the next)
     * @param mode where RTCP goes
     * @param socketBufferSize SO_RCVBUF and SO_SNDBUF
     * @return the bound transport
     * @throws IOException naming the address when binding fails
     */
    static RtpTransport bind(InetSocketAddress local, RtcpMode mode, int socketBufferSize) throws IOException {
        boolean withRtcp = mode == RtcpMode.NEXT_PORT;
        boolean ephemeral = local.getPort() == 0;
        boolean ipv6 = local.getAddress() instanceof Inet6Address;
        IOException last = null;
        for (int attempt = 0; attempt < (ephemeral && withRtcp ? 64 : 1); attempt++) {
            DatagramChannel rtp = open(ipv6, socketBufferSize);
            DatagramChannel rtcp = null;
            try {
                rtp.bind(local);
                if (!withRtcp) {
                    return new RtpTransport(rtp, null, mode == RtcpMode.MUX);
                }
                int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
                if (ephemeral && (port % 2 != 0 || port == 65535)) {
                    rtp.close();
                    continue; // RFC 3550 section 11: RTP on an even port, RTCP on the next
                }
                rtcp = open(ipv6, socketBufferSize);
                rtcp.bind(new InetSocketAddress(local.getAddress(), port + 1));
                return new RtpTransport(rtp, rtcp, false);
            } catch (IOException e) {
                rtp.close();
                if (rtcp != null) {
                    rtcp.close();
                }
                last = e;
            }
        }
        BindException failure = new BindException("cannot bind RTP" + (withRtcp ? " and RTCP (port + 1)" : "")
                + " to " + local + (last != null ? ": " + last.getMessage() : ": no even port pair found"));
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }

    /**
     * Binds the sockets, taking the RTP port from the engine's port range when the configured port
     * is 0: an even port (RFC 3550 section 11, with rtcp-mux or RTCP off too), RTCP on the next one
     * in {@link RtcpMode#NEXT_PORT}. The search starts where the cursor points, skips ports that
     * are busy (their bind fails) and gives up only when every candidate was tried. A configured
     * non-zero port, or no range, binds as {@link #bind(InetSocketAddress, RtcpMode, int)} does.
     *
     * @param local the RTP address; port 0 picks from the range
     * @param mode where RTCP goes
     * @param socketBufferSize SO_RCVBUF and SO_SNDBUF
     * @param ports the engine's range and cursor, or null for none
     * @return the bound transport
     * @throws BindException when every candidate in the range is busy (naming the range, the address
     *     and the number of candidates tried), or when the address itself cannot be bound
     * @throws IOException when a socket cannot be opened
     * @throws IllegalArgumentException when the range holds no even port {@code p} with
     *     {@code p + 1} in it, and the mode puts RTCP on the next port
     */
    static RtpTransport bind(InetSocketAddress local, RtcpMode mode, int socketBufferSize, PortCursor ports)
            throws IOException {
        if (ports == null || local.getPort() != 0) {
            return bind(local, mode, socketBufferSize);
        }
        PortRange range = ports.range();
        boolean withRtcp = mode == RtcpMode.NEXT_PORT;
        int count = range.rtpPorts(mode);
        if (count == 0) {
            throw new IllegalArgumentException("port range " + range + " holds no even RTP port p with RTCP on p + 1 "
                    + "also in it (RtcpMode.NEXT_PORT): widen the range or use RtcpMode.MUX");
        }
        boolean ipv6 = local.getAddress() instanceof Inet6Address;
        int start = ports.start();
        IOException last = null;
        for (int tried = 0; tried < count; tried++) {
            int port = ports.port(start + tried, count);
            DatagramChannel rtp = open(ipv6, socketBufferSize);
            DatagramChannel rtcp = null;
            try {
                rtp.bind(new InetSocketAddress(local.getAddress(), port));
                if (withRtcp) {
                    rtcp = open(ipv6, socketBufferSize);
                    rtcp.bind(new InetSocketAddress(local.getAddress(), port + 1));
                }
                RtpTransport transport = new RtpTransport(rtp, rtcp, mode == RtcpMode.MUX);
                ports.skip(tried);
                return transport;
            } catch (IOException e) {
                rtp.close();
                if (rtcp != null) {
                    rtcp.close();
                }
                if (!(e instanceof BindException)) {
                    throw e; // not a busy port: out of file descriptors, a refused socket option
                }
                if (last == null) {
                    checkAddress(local, ipv6, socketBufferSize); // the address, not the port, may be the trouble
                }
                last = e;
            }
        }
        BindException failure = new BindException("no free even RTP port" + (withRtcp ? " pair" : "") + " in " + range
                + " on " + local.getAddress().getHostAddress() + " (" + count + (withRtcp ? " pairs" : " ports")
                + " tried, all busy)");
        failure.initCause(last);
        throw failure;
    }

    /** Throws a {@link BindException} naming the address when it cannot be bound on any port. */
    private static void checkAddress(InetSocketAddress local, boolean ipv6, int socketBufferSize) throws IOException {
        try (DatagramChannel probe = open(ipv6, socketBufferSize)) {
            probe.bind(new InetSocketAddress(local.getAddress(), 0));
        } catch (IOException e) {
            BindException failure = new BindException("cannot bind RTP to " + local.getAddress().getHostAddress()
                    + " on any port: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private static DatagramChannel open(boolean ipv6, int socketBufferSize) throws IOException {
        DatagramChannel channel = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, socketBufferSize);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, socketBufferSize);
        return channel;
    }

}
