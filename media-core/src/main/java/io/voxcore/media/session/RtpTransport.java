package io.voxcore.media.session;

import io.voxcore.media.rtp.RtcpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
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
    /**
     * Whether each socket is connected, kept here because {@link DatagramChannel#isConnected()}
     * takes the channel's state lock: a read and a write per relayed packet need not. Written by
     * the I/O thread right after it connects or disconnects; other threads' writes may see the old
     * value for a moment, which the JDK then refuses and {@link #write} counts as unsent.
     */
    private volatile boolean rtpConnected;
    private volatile boolean rtcpConnected;
    private SelectionKey rtpKey;
    private SelectionKey rtcpKey;
    private volatile IoLoop loop;
    private final ReadPace rtpReads = new ReadPace();
    private final ReadPace rtcpReads = new ReadPace();
    private volatile boolean rtpDisconnectQueued;
    private volatile boolean rtcpDisconnectQueued;

    /**
     * Wraps bound sockets ({@link TransportBinder} binds them).
     *
     * @param rtp the bound RTP socket
     * @param rtcp the bound RTCP socket, or null
     * @param mux whether RTCP is multiplexed on the RTP socket
     * @throws IOException when a socket's address cannot be read
     */
    RtpTransport(DatagramChannel rtp, DatagramChannel rtcp, boolean mux) throws IOException {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.mux = mux;
        this.localAddress = (InetSocketAddress) rtp.getLocalAddress();
        this.rtcpLocalAddress = rtcp == null ? null : (InetSocketAddress) rtcp.getLocalAddress();
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
        return rtpConnected;
    }

    private boolean connected(DatagramChannel channel) {
        return channel == rtp ? rtpConnected : rtcpConnected;
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
            rtpConnected = false;
            rtp.disconnect();
        }
        rtp.connect(to);
        rtpConnected = true;
        if (rtcp != null) {
            if (rtcp.isConnected()) {
                rtcpConnected = false;
                rtcp.disconnect();
            }
            if (rtcpTo != null) {
                rtcp.connect(rtcpTo);
                rtcpConnected = true;
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
                if (rtpConnected) {
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
                if (rtcpConnected) {
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
            if (channel == rtp) {
                rtpConnected = false;
            } else {
                rtcpConnected = false;
            }
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
        if (channel == null || (to == null && !connected(channel))) {
            return false;
        }
        return write(channel, b, to);
    }

    private boolean write(DatagramChannel channel, ByteBuffer b, InetSocketAddress to) {
        if (closed) {
            return false;
        }
        try {
            boolean connected = connected(channel); // read once: the I/O thread may disconnect meanwhile
            if (!connected && to == null) {
                return false; // an RTCP socket with no remote to send to
            }
            return (connected ? channel.write(b) : channel.send(b, to)) > 0;
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
