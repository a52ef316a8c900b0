package io.voxcore.media.session;

import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3550 section 8.2 for a session with one remote: a packet carrying this session's own SSRC
 * is never accepted. The first such packet from a source is a collision: a BYE goes out for the
 * old identifier and a new random one is chosen. Further such packets from a source already
 * recorded are a loop (our own stream reflected back): dropped and counted, the SSRC kept.
 *
 * <p>I/O thread only.
 */
final class SsrcCollisions {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SOURCES = 16;

    private final RtpSender sender;
    private final RtcpAgent rtcp;
    private final Object owner;
    private final Set<SocketAddress> sources = new HashSet<>();

    SsrcCollisions(RtpSender sender, RtcpAgent rtcp, Object owner) {
        this.sender = sender;
        this.rtcp = rtcp;
        this.owner = owner;
    }

    /**
     * A packet with our SSRC arrived.
     *
     * @param from its source (the remote on a connected socket), or null if unknown
     * @param started whether the session runs RTCP yet (a BYE is sent only then)
     * @return true if the SSRC was changed (a collision); false for a loop
     */
    boolean onOwnSsrc(SocketAddress from, boolean started) {
        if (from == null || sources.size() >= MAX_SOURCES || !sources.add(from)) {
            return false;
        }
        long old = sender.ssrc();
        long fresh;
        do {
            fresh = RANDOM.nextInt() & 0xFFFF_FFFFL;
        } while (fresh == old);
        if (rtcp != null && started) {
            rtcp.send(System.nanoTime(), true, old); // BYE for the old identifier
        }
        sender.ssrc(fresh);
        LOG.info("session {}: SSRC collision with {}; SSRC {} -> {}", owner, from, Long.toHexString(old),
                Long.toHexString(fresh));
        return true;
    }
}
