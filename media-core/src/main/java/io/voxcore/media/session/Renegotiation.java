package io.voxcore.media.session;

import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.sdp.NegotiatedMedia;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Applies a new negotiation to a running session (a re-INVITE, an UPDATE, the answer to an
 * offer): payload types, codec, ptime, direction, remote addresses and rtcp-mux change; the
 * SSRC, sequence numbers, media clock, RTCP and statistics carry on. What can fail (no codec,
 * another rate) fails on the caller's thread before anything changed.
 */
final class Renegotiation {

    private Renegotiation() {
    }

    /**
     * Checks and applies.
     *
     * @param parts the session's parts
     * @param loop its I/O thread
     * @param config its settings
     * @param n the negotiation
     * @throws IllegalArgumentException naming the format or rate the session cannot carry
     */
    static void apply(SessionParts parts, IoLoop loop, MediaSessionConfig config, NegotiatedMedia n) {
        PayloadPlan old = parts.sender.plan();
        PayloadPlan plan = PayloadPlan.of(n, old.ptimeMillis);
        if (plan.clockRate != old.clockRate || plan.sampleRate != old.sampleRate || plan.channels != old.channels) {
            throw new IllegalArgumentException("session " + parts.transport.localAddress() + " carries "
                    + old.clockRate + " Hz, " + old.channels + " channel(s); the negotiated send codec "
                    + n.sendCodec() + " runs at " + plan.clockRate + " Hz, " + plan.channels + " channel(s): "
                    + "sessions do not convert rates yet, so a change of rate needs a new session");
        }
        boolean sameCodec = plan.sendEncoding.equals(old.sendEncoding) || plan.sendPayloadType == old.sendPayloadType
                && plan.sendCodec.name().equalsIgnoreCase(old.sendCodec.name());
        ZeroCopyCodecAdapter encoder = sameCodec ? parts.sender.encoder() : plan.encoder();
        ZeroCopyCodecAdapter[] fresh = plan.decoders(null, null);
        SrtpLayer current = parts.srtp.layer;
        SrtpLayer secure = current != null && current.sameKeys(n) ? current : SrtpLayer.of(n);
        InetSocketAddress remote = n.remoteRtpAddress();
        boolean reachable = !remote.getAddress().isAnyLocalAddress() && remote.getPort() != 0;
        LoopCalls.run(loop, () -> {
            PayloadPlan before = parts.receiver.plan();
            ZeroCopyCodecAdapter[] kept = parts.receiver.decoders();
            for (int pt = 0; pt < fresh.length; pt++) {
                if (fresh[pt] != null && pt < kept.length && kept[pt] != null
                        && plan.encoding(pt).equals(before.encoding(pt))) {
                    fresh[pt] = kept[pt]; // the same decoder carries on with its state
                }
            }
            parts.srtp.layer = secure; // new keys (or plain) from the next packet both ways
            parts.receiver.plan(plan, fresh);
            parts.sender.plan(plan, encoder);
            if (!sameCodec) {
                parts.events.codecChanged(true, plan.sendPayloadType, plan.sendEncoding);
            }
            parts.transport.mux(n.rtcpMux());
            if (parts.rtcp != null) {
                parts.rtcp.remoteRtcp(n.rtcpMux() ? null : n.remoteRtcpAddress());
            }
            if (reachable && !remote.equals(parts.latch.signalled())) {
                boolean hadSource = parts.latch.remoteSsrc() >= 0;
                parts.latch.remote(remote);
                if (hadSource) {
                    parts.receiver.restartSource();
                }
                parts.receiver.takeNeedConnect();
                if (config.connectSocket() && parts.latch.connectable()) {
                    try {
                        parts.connect(remote);
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot connect session " + parts.transport.localAddress()
                                + " to " + remote, e);
                    }
                }
            }
            parts.events.rearm(System.nanoTime());
            parts.receiver.formatsChanged();
        });
    }

    /**
     * Sets the remote RTP address from signalling ({@link MediaSession#remoteAddress(InetSocketAddress)}).
     *
     * @param parts the session's parts
     * @param loop its I/O thread
     * @param config its settings
     * @param address the new remote
     * @param closed whether the session is closed
     */
    static void remote(SessionParts parts, IoLoop loop, MediaSessionConfig config, InetSocketAddress address,
            java.util.function.BooleanSupplier closed) {
        LoopCalls.run(loop, () -> {
            boolean hadSource = parts.latch.remoteSsrc() >= 0;
            parts.latch.remote(address);
            if (hadSource) {
                parts.receiver.restartSource();
            }
            parts.receiver.takeNeedConnect();
            if (config.connectSocket() && parts.latch.connectable() && !closed.getAsBoolean()) {
                try {
                    parts.connect(address);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot connect session " + parts.transport.localAddress() + " to "
                            + address, e);
                }
            }
        });
    }
}
