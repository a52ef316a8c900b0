package io.voxcore.media.session;

import io.voxcore.media.rtp.ReceptionStatistics;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Which remote address and SSRC a session accepts, and when a new one takes over (symmetric RTP
 * latching). Without a known remote the first valid packet of a receivable payload type latches
 * both its address and its SSRC. A packet carrying the session's own SSRC is a collision or a
 * loop (RFC 3550 section 8.2) and is never accepted. Another SSRC from the remote address takes
 * over only once the current one has been silent for the re-latch time and the new one has sent
 * {@link ReceptionStatistics#MIN_SEQUENTIAL} packets in sequence. Setting a new remote address
 * (a re-INVITE, a transfer) forgets the SSRC: the new peer's first packet latches at once.
 *
 * <p>Threads: {@link #check} and {@link #remote(InetSocketAddress)} run on the session's I/O
 * thread; {@link #remote()} is readable from any thread.
 */
final class SourceLatch {

    /** What {@link #check} decided. */
    enum Verdict {
        /** From the latched source. */
        ACCEPTED,
        /** The first packet: address (when unknown) and SSRC latched. */
        LATCHED,
        /** A new SSRC replaced the silent old one: reception starts again for it. */
        RELATCHED,
        /** From another address than the remote: dropped. */
        FOREIGN_ADDRESS,
        /** From the remote address with another SSRC: dropped. */
        FOREIGN_SSRC,
        /** Carries this session's own SSRC (collision or loop): dropped. */
        OWN_SSRC
    }

    private final long relatchSilenceNanos;
    private volatile InetSocketAddress remote;
    private long remoteSsrc = -1;
    private long lastValidNanos;
    private long candidateSsrc = -1;
    private int candidateSequence;
    private int candidateCount;

    /**
     * Creates a latch.
     *
     * @param configured the remote from the configuration, or null to latch the first source
     * @param relatchSilenceNanos how long the latched SSRC must be silent before another may replace it
     */
    SourceLatch(InetSocketAddress configured, long relatchSilenceNanos) {
        this.remote = configured;
        this.relatchSilenceNanos = relatchSilenceNanos;
    }

    /**
     * Decides about one valid RTP packet of a receivable payload type.
     *
     * @param from its source, or null on a connected socket (the kernel checked the address)
     * @param ssrc its SSRC
     * @param sequence its sequence number
     * @param now arrival, System.nanoTime()
     * @param ownSsrc this session's SSRC
     * @return the verdict
     */
    Verdict check(SocketAddress from, long ssrc, int sequence, long now, long ownSsrc) {
        InetSocketAddress peer = remote;
        if (from != null && peer != null && !from.equals(peer)) {
            return Verdict.FOREIGN_ADDRESS;
        }
        if (ssrc == ownSsrc) {
            return Verdict.OWN_SSRC;
        }
        Verdict verdict = Verdict.ACCEPTED;
        if (remoteSsrc < 0) {
            remoteSsrc = ssrc;
            verdict = Verdict.LATCHED;
        } else if (ssrc != remoteSsrc) {
            if (!tryRelatch(ssrc, sequence, now)) {
                return Verdict.FOREIGN_SSRC;
            }
            verdict = Verdict.RELATCHED;
        }
        if (from != null && peer == null) {
            remote = (InetSocketAddress) from;
            verdict = verdict == Verdict.ACCEPTED ? Verdict.LATCHED : verdict;
        }
        lastValidNanos = now;
        return verdict;
    }

    private boolean tryRelatch(long ssrc, int sequence, long now) {
        if (now - lastValidNanos < relatchSilenceNanos) {
            return false;
        }
        if (ssrc == candidateSsrc && sequence == ((candidateSequence + 1) & 0xFFFF)) {
            candidateCount++;
        } else {
            candidateSsrc = ssrc;
            candidateCount = 1;
        }
        candidateSequence = sequence;
        if (candidateCount < ReceptionStatistics.MIN_SEQUENTIAL) {
            return false;
        }
        remoteSsrc = ssrc;
        candidateSsrc = -1;
        candidateCount = 0;
        return true;
    }

    /**
     * Sets a new remote address (from signalling) and forgets the latched SSRC, so that the new
     * peer's first packet is accepted at once. I/O thread.
     *
     * @param address the new remote RTP address
     */
    void remote(InetSocketAddress address) {
        remote = address;
        remoteSsrc = -1;
        candidateSsrc = -1;
        candidateCount = 0;
    }

    /**
     * The remote RTP address: configured, set or latched.
     *
     * @return it, or null before it is known
     */
    InetSocketAddress remote() {
        return remote;
    }

    /**
     * The latched SSRC.
     *
     * @return it, or -1 before the first packet
     */
    long remoteSsrc() {
        return remoteSsrc;
    }

    /**
     * Whether an RTCP datagram's source may speak for the remote: the same host as the remote RTP
     * address (RTCP comes from another port). I/O thread.
     *
     * @param from the datagram's source, or null on a connected socket
     * @return true if acceptable
     */
    boolean acceptsRtcpFrom(SocketAddress from) {
        if (from == null) {
            return true;
        }
        InetSocketAddress peer = remote;
        return peer != null && ((InetSocketAddress) from).getAddress().equals(peer.getAddress());
    }
}
