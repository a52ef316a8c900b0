package io.voxcore.media.session;

import io.voxcore.media.codec.ComfortNoiseEncoder;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.rtp.RtpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one session, wired together: created (sockets bound, buffers borrowed, connected
 * to a configured remote) in one place, stopped and released in one place. {@link MediaSession}
 * holds one of these and keeps the lifecycle and the threading rules.
 */
final class SessionParts {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    final RtpTransport transport;
    final SourceLatch latch;
    final RtpSender sender;
    final DtmfSender dtmfSender;
    final DtmfReceiver dtmfReceiver;
    final Playout playout;
    final ReceivePipeline receiver;
    final RtcpAgent rtcp;
    final CallbackGuard guard;
    final SsrcCollisions collisions;
    final SessionDemux demux;
    final SessionEvents events;
    final SrtpLayer.Slot srtp = new SrtpLayer.Slot();
    private final ByteBuffer sendBuffer;
    private final ByteBuffer rtcpBuffer;

    /**
     * Binds, borrows and wires; on any failure releases what it took and throws.
     *
     * @param loop the session's I/O thread
     * @param config the settings
     * @param pool where the send buffers come from
     * @param socketBufferSize SO_RCVBUF and SO_SNDBUF
     * @param ports the engine's port range and cursor, or null for none
     * @param ownSsrc called when a packet carries the session's own SSRC
     * @param closed whether the session is closed
     * @throws IOException when binding or connecting fails
     */
    SessionParts(IoLoop loop, MediaSessionConfig config, BufferPool pool, int socketBufferSize, PortCursor ports,
            ReceivePipeline.CollisionHandler ownSsrc, BooleanSupplier closed) throws IOException {
        PayloadPlan plan = config.plan();
        ZeroCopyCodecAdapter encoder = plan.encoder();
        int clockRate = plan.clockRate;
        int channels = plan.channels;
        int maxShortsPerPacket = plan.sampleRate * MediaSessionConfig.MAX_PTIME_MILLIS / 1000 * channels;
        this.transport = TransportBinder.bind(config.localAddress(), config.rtcpMode(), socketBufferSize, ports);
        this.guard = new CallbackGuard(transport.localAddress());
        this.latch = new SourceLatch(config.remoteAddress().orElse(null), config.relatchSilenceMillis() * 1_000_000L,
                config.natMode());
        this.events = new SessionEvents(guard, loop.timers(), config.rtpTimeoutMillis());
        // room for the longest packet plus an SRTP tag (16 bytes at most; 32 leaves a margin)
        this.sendBuffer = pool.acquire(RtpPacket.FIXED_HEADER_LENGTH + encoder.maxEncodedSize(maxShortsPerPacket) + 32);
        long ssrc = config.ssrc().orElseGet(() -> RANDOM.nextInt() & 0xFFFF_FFFFL);
        srtp.layer = config.negotiated().map(SrtpLayer::of).orElse(null);
        this.sender = new RtpSender(transport, latch, encoder, sendBuffer, plan, ssrc, RANDOM.nextInt(1 << 16),
                RANDOM.nextInt() & 0xFFFF_FFFFL, srtp);
        if (config.silenceSuppression() && channels == 1) {
            sender.silenceSuppression(ComfortNoiseEncoder.create(plan.sampleRate));
        }
        this.dtmfSender = new DtmfSender(sender, loop.timers());
        this.dtmfReceiver = new DtmfReceiver(clockRate, loop.timers(), guard);
        this.playout = new Playout(clockRate, plan.sampleRate, channels, config.receiveQueueCapacity(), guard,
                config.gapPolicy(), plan.ptimeMillis);
        long epochNanos = System.nanoTime();
        this.receiver = new ReceivePipeline(config, plan, latch, dtmfReceiver, playout, guard, loop.timers(),
                ownSsrc, sender, events, epochNanos);
        boolean rtcpOn = config.rtcpMode() != RtcpMode.OFF;
        this.rtcpBuffer = rtcpOn ? pool.acquire(MediaEngine.SEND_BUFFER_SIZE) : null;
        byte[] cname = config.cname().orElseGet(() -> "voxcore-" + Long.toHexString(RANDOM.nextLong()) + "@"
                + transport.localAddress().getAddress().getHostAddress()).getBytes(StandardCharsets.UTF_8);
        this.rtcp = rtcpOn ? new RtcpAgent(config, transport, latch, sender, receiver, loop.timers(), rtcpBuffer,
                cname, epochNanos, RANDOM.nextLong(), events, srtp) : null;
        if (rtcp != null) {
            receiver.onSourceChange(rtcp::sourceChanged);
        }
        this.collisions = new SsrcCollisions(sender, rtcp, transport.localAddress());
        boolean connect = config.connectSocket() && latch.connectable();
        this.demux = new SessionDemux(transport, latch, receiver, rtcp, sender, connect, closed, srtp);
        InetSocketAddress configured = config.remoteAddress().orElse(null);
        if (rtcp != null) {
            rtcp.remoteRtcp(config.negotiated().map(n -> n.remoteRtcpAddress()).orElse(null));
        }
        if (configured != null && connect) {
            try {
                connect(configured);
            } catch (IOException | RuntimeException e) {
                release(pool); // nothing of a session never handed out stays bound or borrowed
                if (e instanceof IOException) {
                    throw (IOException) e;
                }
                throw new IllegalArgumentException("cannot connect session " + transport.localAddress()
                        + " to remote " + configured + ": " + e, e);
            }
        }
    }

    /**
     * Connects both sockets to a remote: RTCP to port + 1 unless multiplexed.
     *
     * @param to the remote RTP address
     * @throws IOException when the kernel refuses
     */
    void connect(InetSocketAddress to) throws IOException {
        InetSocketAddress rtcpTo = rtcp != null && rtcp.remoteRtcp() != null ? rtcp.remoteRtcp()
                : RtcpAgent.rtcpAddressFor(to);
        transport.connect(to, transport.mux() ? null : rtcpTo);
    }

    /**
     * A consistent snapshot of every part's counters. I/O thread.
     *
     * @return the statistics
     */
    SessionStatistics snapshot() {
        RtcpStatistics r = rtcp != null ? rtcp.statistics() : new RtcpStatistics(0, 0, 0, -1, -1, -1, -1, 0);
        SrtpLayer secure = srtp.layer;
        return new SessionStatistics(sender.statistics(), receiver.statistics(), r,
                dtmfReceiver.statistics(sender.eventPacketsSent(), sender.dtmfSent()),
                secure != null ? secure.statistics() : SrtpStatistics.PLAIN);
    }

    /**
     * Stops every part: DTMF ends, timers stop, an RTCP BYE goes out (when the session ran), the
     * sockets close. I/O thread (or the caller when the loop is dead).
     *
     * @param loop the session's loop
     * @param started whether the session was started (RTCP ran)
     * @return the final statistics, taken before the sockets close
     */
    SessionStatistics stop(IoLoop loop, boolean started) {
        dtmfSender.cancel();
        receiver.stop();
        events.stop();
        if (rtcp != null) {
            rtcp.stop();
            if (started) {
                try {
                    rtcp.send(System.nanoTime(), true, -1);
                } catch (RuntimeException e) {
                    LOG.warn("session {} could not send its RTCP BYE", transport.localAddress(), e);
                }
            }
        }
        SessionStatistics last = snapshot();
        transport.close(loop);
        return last;
    }

    /**
     * Closes the sockets (if still open) and returns the borrowed buffers.
     *
     * @param pool where they came from
     */
    void release(BufferPool pool) {
        transport.close(null);
        pool.release(sendBuffer);
        if (rtcpBuffer != null) {
            pool.release(rtcpBuffer);
        }
    }
}
