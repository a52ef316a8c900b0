package io.voxcore.media.session;

import io.voxcore.media.rtp.ReceptionStatistics;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Which remote address and SSRC a session accepts, where it sends, and when a new source takes
 * over, by the session's {@link NatMode}. Without a known remote the first valid packet of a
 * receivable payload type latches both its address and its SSRC. A packet carrying the session's
 * own SSRC is a collision or a loop (RFC 3550 section 8.2) and is never accepted. Another SSRC
 * takes over only once the current one has been silent for the re-latch time and the new one has
 * sent {@link ReceptionStatistics#MIN_SEQUENTIAL} packets in sequence. In
 * {@link NatMode#SYMMETRIC} the latched stream also follows a NAT rebinding: its own SSRC,
 * continuing its sequence, from a new address. Setting a new remote address (a re-INVITE, a
 * transfer) forgets the SSRC and any learned address: the new peer's first packet latches at once.
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
        /** The latched stream moved to a new address (a NAT rebinding, {@link NatMode#SYMMETRIC}). */
        REBOUND,
        /** From another address than the remote: dropped. */
        FOREIGN_ADDRESS,
        /** From the remote address with another SSRC: dropped. */
        FOREIGN_SSRC,
        /** Carries this session's own SSRC (collision or loop): dropped. */
        OWN_SSRC
    }

    /** How far ahead of the last accepted sequence number a rebinding packet may be. */
    static final int REBIND_WINDOW = 100;

    private final NatMode mode;
    private final long relatchSilenceNanos;
    /** Where signalling says the peer is (configured or set); null when unknown. */
    private volatile InetSocketAddress signalled;
    /** Where media really came from (STRICT without signalling, SYMMETRIC); null until learned. */
    private volatile InetSocketAddress learned;
    private long remoteSsrc = -1;
    private long lastValidNanos;
    private int lastSequence;
    private long candidateSsrc = -1;
    private InetSocketAddress candidateFrom;
    private int candidateSequence;
    private int candidateCount;

    /**
     * Creates a latch.
     *
     * @param configured the remote from the configuration, or null to latch the first source
     * @param relatchSilenceNanos how long the latched SSRC must be silent before another may replace it
     * @param mode how signalled and real addresses are treated
     */
    SourceLatch(InetSocketAddress configured, long relatchSilenceNanos, NatMode mode) {
        this.signalled = configured;
        this.relatchSilenceNanos = relatchSilenceNanos;
        this.mode = mode;
    }

    /**
     * Whether a datagram's source is refused before anything else is looked at: in
     * {@link NatMode#STRICT} anything not from the known remote.
     *
     * @param from the datagram's source
     * @return true to drop it as foreign
     */
    boolean refusesAddress(SocketAddress from) {
        InetSocketAddress peer = remote();
        return mode == NatMode.STRICT && peer != null && !from.equals(peer);
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
        if (from != null && refusesAddress(from)) {
            return Verdict.FOREIGN_ADDRESS;
        }
        if (ssrc == ownSsrc) {
            return Verdict.OWN_SSRC;
        }
        InetSocketAddress source = (InetSocketAddress) from;
        Verdict verdict;
        if (remoteSsrc < 0) {
            remoteSsrc = ssrc;
            verdict = Verdict.LATCHED;
            if (source != null && (mode == NatMode.SYMMETRIC || signalled == null)) {
                learned = source;
            }
        } else if (mode == NatMode.SYMMETRIC && source != null && learned != null && !source.equals(learned)) {
            verdict = fromElsewhere(source, ssrc, sequence, now);
            if (verdict == Verdict.FOREIGN_ADDRESS) {
                return verdict;
            }
        } else if (ssrc != remoteSsrc) {
            if (!tryRelatch(ssrc, sequence, now, source)) {
                return Verdict.FOREIGN_SSRC;
            }
            verdict = Verdict.RELATCHED;
        } else {
            verdict = Verdict.ACCEPTED;
        }
        lastValidNanos = now;
        lastSequence = sequence;
        return verdict;
    }

    /** SYMMETRIC: a packet from another address than the learned one. */
    private Verdict fromElsewhere(InetSocketAddress source, long ssrc, int sequence, long now) {
        if (ssrc == remoteSsrc) {
            int ahead = (sequence - lastSequence) & 0xFFFF;
            if (ahead >= 1 && ahead <= REBIND_WINDOW) {
                learned = source; // the same stream, continuing, from a new public address
                return Verdict.REBOUND;
            }
            return Verdict.FOREIGN_ADDRESS;
        }
        if (!tryRelatch(ssrc, sequence, now, source)) {
            return Verdict.FOREIGN_ADDRESS;
        }
        learned = source;
        return Verdict.RELATCHED;
    }

    private boolean tryRelatch(long ssrc, int sequence, long now, InetSocketAddress from) {
        if (now - lastValidNanos < relatchSilenceNanos) {
            return false;
        }
        if (ssrc == candidateSsrc && sequence == ((candidateSequence + 1) & 0xFFFF)
                && java.util.Objects.equals(from, candidateFrom)) {
            candidateCount++;
        } else {
            candidateSsrc = ssrc;
            candidateFrom = from;
            candidateCount = 1;
        }
        candidateSequence = sequence;
        if (candidateCount < ReceptionStatistics.MIN_SEQUENTIAL) {
            return false;
        }
        remoteSsrc = ssrc;
        candidateSsrc = -1;
        candidateFrom = null;
        candidateCount = 0;
        return true;
    }

    /**
     * Sets a new remote address (from signalling) and forgets the latched SSRC and any learned
     * address, so that the new peer's first packet is accepted at once. I/O thread.
     *
     * @param address the new remote RTP address
     */
    void remote(InetSocketAddress address) {
        signalled = address;
        learned = null;
        remoteSsrc = -1;
        candidateSsrc = -1;
        candidateFrom = null;
        candidateCount = 0;
    }

    /**
     * Where to send: the signalled address in {@link NatMode#SIGNALLED}, the learned one in
     * {@link NatMode#SYMMETRIC}; without signalling, the first packet's source in every mode.
     *
     * @return it, or null before it is known
     */
    InetSocketAddress remote() {
        InetSocketAddress s = signalled;
        if (mode == NatMode.SIGNALLED && s != null) {
            return s;
        }
        InetSocketAddress l = learned;
        return l != null ? l : s;
    }

    /** {@return the signalled remote RTP address, or null} */
    InetSocketAddress signalled() {
        return signalled;
    }

    /** {@return the mode} */
    NatMode mode() {
        return mode;
    }

    /** {@return whether the socket may be connected to the remote: in STRICT mode only} */
    boolean connectable() {
        return mode == NatMode.STRICT;
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
     * address (RTCP comes from another port); in {@link NatMode#SIGNALLED} any host. I/O thread.
     *
     * @param from the datagram's source, or null on a connected socket
     * @return true if acceptable
     */
    boolean acceptsRtcpFrom(SocketAddress from) {
        if (from == null || mode == NatMode.SIGNALLED) {
            return true;
        }
        InetSocketAddress peer = remote();
        return peer != null && ((InetSocketAddress) from).getAddress().equals(peer.getAddress());
    }
}
