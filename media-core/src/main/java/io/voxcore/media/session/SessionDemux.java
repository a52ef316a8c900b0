package io.voxcore.media.session;

import io.voxcore.media.rtp.RtcpPacket;
import io.voxcore.media.rtp.RtpValidation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the read loop delivers a session's datagrams: RTP to the {@link ReceivePipeline}, RTCP
 * (its own socket, or told apart on a multiplexed one, RFC 5761 section 4) to the
 * {@link RtcpAgent}; and, once a packet latched the remote, the socket connected to it when the
 * read burst is over (connecting discards what is still queued). I/O thread only.
 */
final class SessionDemux implements RtpTransport.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);

    private final RtpTransport transport;
    private final SourceLatch latch;
    private final ReceivePipeline receiver;
    private final RtcpAgent rtcp;
    private final RtpSender sender;
    private final boolean connectOnLatch;
    private final BooleanSupplier closed;
    private final SrtpLayer.Slot srtp;

    SessionDemux(RtpTransport transport, SourceLatch latch, ReceivePipeline receiver, RtcpAgent rtcp, RtpSender sender,
            boolean connectOnLatch, BooleanSupplier closed, SrtpLayer.Slot srtp) {
        this.srtp = srtp;
        this.transport = transport;
        this.latch = latch;
        this.receiver = receiver;
        this.rtcp = rtcp;
        this.sender = sender;
        this.connectOnLatch = connectOnLatch;
        this.closed = closed;
    }

    @Override
    public void onRtpDatagram(ByteBuffer buf, int length, SocketAddress from) {
        onRtpDatagram(buf, length, from, System.nanoTime());
    }

    /**
     * One datagram from the RTP socket, with its arrival time.
     *
     * @param buf the datagram from index 0
     * @param length its length
     * @param from its source, or null on a connected socket
     * @param now its arrival, System.nanoTime()
     */
    void onRtpDatagram(ByteBuffer buf, int length, SocketAddress from, long now) {
        if (closed.getAsBoolean()) {
            return;
        }
        if (length == 0) {
            receiver.countMalformed(RtpValidation.TRUNCATED);
            return;
        }
        if ((transport.mux() || rtcp != null && !transport.hasRtcpSocket()) && RtcpPacket.isRtcp(buf, 0, length)) {
            onRtcpDatagram(buf, length, from);
            return;
        }
        SrtpLayer secure = srtp.layer;
        if (secure != null) {
            int plain = secure.unprotectRtp(buf, 0, length);
            if (plain < 0) {
                return; // forged, replayed or damaged: counted by the layer, seen by nothing else
            }
            length = plain;
        }
        receiver.onDatagram(buf, length, from, now);
    }

    @Override
    public boolean wantsDrain() {
        return connectOnLatch && receiver.needsConnect();
    }

    @Override
    public void onRtpDrained() {
        if (receiver.takeNeedConnect() && connectOnLatch && !closed.getAsBoolean()) {
            InetSocketAddress remote = latch.remote();
            try {
                transport.connect(remote, transport.mux() ? null : RtcpAgent.rtcpAddressFor(remote));
            } catch (IOException e) {
                LOG.warn("session {} cannot connect to latched {}", transport.localAddress(), remote, e);
            }
        }
    }

    @Override
    public void onRtcpDatagram(ByteBuffer buf, int length, SocketAddress from) {
        if (closed.getAsBoolean()) {
            return;
        }
        SrtpLayer secure = srtp.layer;
        if (secure != null) {
            int plain = secure.unprotectRtcp(buf, 0, length);
            if (plain < 0) {
                return;
            }
            length = plain;
        }
        if (rtcp == null || !rtcp.onDatagram(buf, length, from, sender.ssrc())) {
            receiver.countForeignRtcp();
        }
    }
}
