package io.voxcore.media.session;

import io.voxcore.media.rtp.RtcpPacket;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of one session: binding (RTP on an even port and RTCP on the next, or RTCP
 * multiplexed on the RTP port, RFC 3550 section 11 and RFC 5761), connecting to the remote, the
 * read loop on the I/O thread with RTP/RTCP demultiplexing, and the writes.
 *
 * <p>Threads: {@link #register}, the read handlers, {@link #connect} and {@link #close} run on
 * the session's I/O thread (or before the session is handed out); {@link #writeRtp} runs on any
 * thread and never throws for a refused or failed write.
 */
final class RtpTransport {

    /** Where datagrams go, on the I/O thread. The buffer holds the datagram from index 0. */
    interface Receiver {
        /**
         * A datagram for the RTP path.
         *
         * @param buf the loop's receive buffer; valid during the call
         * @param length the datagram's length
         * @param from its source, or null on a connected socket
         */
        void onRtpDatagram(ByteBuffer buf, int length, SocketAddress from);

        /**
         * A datagram for the RTCP path (its own socket, or demultiplexed from RTP).
         *
         * @param buf the loop's receive buffer; valid during the call
         * @param length the datagram's length
         * @param from its source, or null on a connected socket
         */
        void onRtcpDatagram(ByteBuffer buf, int length, SocketAddress from);

        /**
         * The RTP socket has been drained for this wake-up (nothing more waiting, or the read
         * budget is spent): the moment to connect a socket to a just-latched remote, since
         * connecting discards datagrams still queued.
         */
        void onRtpDrained();

        /**
         * Whether the RTP socket should be drained now even though it looks idle: a source was
         * just latched and the socket is to be connected once nothing is left queued.
         *
         * @return true to read until the socket is empty
         */
        default boolean wantsDrain() {
            return false;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    /** Datagrams read per socket per wake-up before other sockets get their turn. */
    static final int MAX_READS_PER_WAKEUP = 256;

    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private volatile boolean mux;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress rtcpLocalAddress;
    private volatile boolean closed;
    private SelectionKey rtpKey;
    private SelectionKey rtcpKey;
    private volatile IoLoop loop;
    private final ReadPace rtpReads = new ReadPace();
    private final ReadPace rtcpReads = new ReadPace();
    private volatile boolean rtpDisconnectQueued;
    private volatile boolean rtcpDisconnectQueued;

    private RtpTransport(DatagramChannel rtp, DatagramChannel rtcp, boolean mux) throws IOException {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.mux = mux;
        this.localAddress = (InetSocketAddress) rtp.getLocalAddress();
        this.rtcpLocalAddress = rtcp == null ? null : (InetSocketAddress) rtcp.getLocalAddress();
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

    /** The bound RTP address. @return the address with its port */
    InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The bound RTCP address. @return it, or null when RTCP is off or multiplexed */
    InetSocketAddress rtcpLocalAddress() {
        return rtcpLocalAddress;
    }

    /** Whether RTCP shares the RTP socket (RFC 5761). @return true when multiplexed */
    boolean mux() {
        return mux;
    }

    /**
     * Sets whether RTCP shares the RTP port (RFC 5761), as a negotiation decided: when on, RTCP is
     * sent from and read on the RTP socket; when off, RTCP goes out of the RTCP socket (or, for a
     * transport bound without one, the RTP socket) to the remote RTCP address. Any thread.
     *
     * @param on whether multiplexed
     */
    void mux(boolean on) {
        this.mux = on;
    }

    /** {@return whether an RTCP socket of its own is bound} */
    boolean hasRtcpSocket() {
        return rtcp != null;
    }

    /** Whether the RTP socket is connected (the kernel then drops other sources). @return true if so */
    boolean isConnected() {
        return rtp.isConnected();
    }

    /**
     * Connects the RTP socket to {@code to} and the RTCP socket to {@code rtcpTo}. I/O thread (or
     * before the session is handed out).
     *
     * @param to the remote RTP address
     * @param rtcpTo the remote RTCP address, or null to leave the RTCP socket unconnected
     * @throws IOException when the kernel refuses
     */
    void connect(InetSocketAddress to, InetSocketAddress rtcpTo) throws IOException {
        if (rtp.isConnected()) {
            rtp.disconnect();
        }
        rtp.connect(to);
        if (rtcp != null) {
            if (rtcp.isConnected()) {
                rtcp.disconnect();
            }
            if (rtcpTo != null) {
                rtcp.connect(rtcpTo);
            }
        }
    }

    /**
     * Registers the sockets with the I/O thread's selector. I/O thread only.
     *
     * @param loop the session's loop
     * @param receiver where datagrams go
     * @throws IOException when the selector refuses
     */
    void register(IoLoop loop, Receiver receiver) throws IOException {
        this.loop = loop;
        rtpKey = rtp.register(loop.selector(), SelectionKey.OP_READ, (IoLoop.Handler) () -> readRtp(loop, receiver));
        if (rtcp != null) {
            rtcpKey = rtcp.register(loop.selector(), SelectionKey.OP_READ,
                    (IoLoop.Handler) () -> readRtcp(loop, receiver));
        }
    }

    private void readRtp(IoLoop loop, Receiver receiver) {
        ByteBuffer buf = loop.receiveBuffer();
        boolean drain = rtpReads.drain(loop.turn());
        int read = 0;
        boolean empty = false;
        for (int i = 0; i < MAX_READS_PER_WAKEUP && !closed; i++) {
            if (i == 1 && !drain && !receiver.wantsDrain()) {
                break; // one datagram per wake-up below saturation: no empty read to end it
            }
            buf.clear();
            SocketAddress from = null;
            int length;
            try {
                if (rtp.isConnected()) {
                    length = rtp.read(buf);
                    if (length <= 0) {
                        empty = true;
                        break; // nothing waiting (or an empty datagram, indistinguishable here)
                    }
                } else {
                    from = rtp.receive(buf);
                    if (from == null) {
                        empty = true;
                        break;
                    }
                    length = buf.position();
                }
            } catch (PortUnreachableException e) {
                unreachable(rtp);
                continue;
            } catch (IOException e) {
                continue; // keep reading: one failed read says nothing about the next datagram
            }
            read++;
            if (mux && length > 0 && RtcpPacket.isRtcp(buf, 0, length)) {
                receiver.onRtcpDatagram(buf, length, from);
            } else {
                receiver.onRtpDatagram(buf, length, from);
            }
        }
        rtpReads.read(read);
        if (!closed && (empty || read == MAX_READS_PER_WAKEUP)) {
            receiver.onRtpDrained();
        }
    }

    private void readRtcp(IoLoop loop, Receiver receiver) {
        ByteBuffer buf = loop.receiveBuffer();
        boolean drain = rtcpReads.drain(loop.turn());
        int read = 0;
        for (int i = 0; i < (drain ? MAX_READS_PER_WAKEUP : 1) && !closed; i++) {
            buf.clear();
            SocketAddress from = null;
            try {
                if (rtcp.isConnected()) {
                    if (rtcp.read(buf) <= 0) {
                        break;
                    }
                } else {
                    from = rtcp.receive(buf);
                    if (from == null) {
                        break;
                    }
                }
            } catch (PortUnreachableException e) {
                unreachable(rtcp);
                continue;
            } catch (IOException e) {
                continue;
            }
            read++;
            receiver.onRtcpDatagram(buf, buf.position(), from);
        }
        rtcpReads.read(read);
    }

    /**
     * A connected socket reported an ICMP port unreachable: the peer has no socket there (it hung
     * up, or never listened on its RTCP port). Linux reports these errors to connected sockets
     * only, and the JDK turns each into a new exception with its stack trace, so the socket is
     * disconnected: from here on the session checks sources itself, as on an unconnected socket,
     * and a peer that went away costs nothing per packet. On the I/O thread it happens now; from
     * a sending thread it is handed to the I/O thread once.
     */
    private void unreachable(DatagramChannel channel) {
        IoLoop l = loop;
        if (l == null || closed) {
            return;
        }
        if (l.inLoop()) {
            disconnect(channel);
        } else if (channel == rtp ? !rtpDisconnectQueued : !rtcpDisconnectQueued) {
            if (channel == rtp) {
                rtpDisconnectQueued = true;
            } else {
                rtcpDisconnectQueued = true;
            }
            l.execute(() -> disconnect(channel));
        }
    }

    private void disconnect(DatagramChannel channel) {
        if (channel == rtp) {
            rtpDisconnectQueued = false;
        } else {
            rtcpDisconnectQueued = false;
        }
        if (closed || !channel.isConnected()) {
            return;
        }
        try {
            channel.disconnect();
            LOG.debug("session {}: ICMP port unreachable from {}; the socket is no longer connected", localAddress,
                    channel == rtp ? "the RTP peer" : "the RTCP peer");
        } catch (IOException e) {
            LOG.debug("session {}: disconnecting after ICMP port unreachable", localAddress, e);
        }
    }

    /**
     * Writes an RTP packet. Any thread; never throws for a refused write.
     *
     * @param b the packet between position and limit
     * @param to the remote, used when the socket is not connected
     * @return true if the kernel took it
     */
    boolean writeRtp(ByteBuffer b, InetSocketAddress to) {
        return write(rtp, b, to);
    }

    /**
     * Writes an RTCP packet on the RTCP socket (or the RTP socket when multiplexed).
     *
     * @param b the packet between position and limit
     * @param to the remote RTCP address, used when the socket is not connected; null for none
     * @return true if the kernel took it
     */
    boolean writeRtcp(ByteBuffer b, InetSocketAddress to) {
        DatagramChannel channel = mux || rtcp == null ? rtp : rtcp;
        if (channel == null || (to == null && !channel.isConnected())) {
            return false;
        }
        return write(channel, b, to);
    }

    private boolean write(DatagramChannel channel, ByteBuffer b, InetSocketAddress to) {
        if (closed) {
            return false;
        }
        try {
            return (channel.isConnected() ? channel.write(b) : channel.send(b, to)) > 0;
        } catch (PortUnreachableException e) {
            unreachable(channel);
            return false;
        } catch (IOException e) {
            return false;
        } catch (NotYetConnectedException | AlreadyConnectedException | IllegalArgumentException e) {
            // The I/O thread re-connected the socket to a new remote between the check and the
            // write, or the remote's family differs (UnsupportedAddressTypeException): this packet is not sent, the next one goes
            // to the new remote.
            return false;
        }
    }

    /**
     * Closes both sockets; the ports can be bound again once the loop flushed the cancelled keys
     * ({@code selectNow}), which this does when called on the I/O thread.
     *
     * @param loop the session's loop, or null when the sockets were never registered
     */
    void close(IoLoop loop) {
        closed = true;
        for (DatagramChannel c : new DatagramChannel[] {rtp, rtcp}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    LOG.debug("closing {}", c, e);
                }
            }
        }
        if (loop != null && loop.inLoop() && (rtpKey != null || rtcpKey != null)) {
            try {
                loop.selector().selectNow(); // flushes the cancelled keys: the ports are free now
            } catch (IOException | RuntimeException e) {
                LOG.debug("flushing cancelled keys", e);
            }
        }
    }
}
