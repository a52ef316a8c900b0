package io.voxcore.media.session;

/**
 * How a session treats the difference between the address signalling gave (SDP {@code c=} and
 * {@code m=}) and the address packets really come from, which a NAT in front of the peer makes
 * common. The modes are those of rtpengine's and Asterisk's NAT settings. In every mode a source
 * is learned only from a valid RTP packet of a payload type the session accepts (a negotiated
 * one), never from RTCP or from anything else that reaches the port, and a packet carrying the
 * session's own SSRC is never accepted.
 */
public enum NatMode {

    /**
     * Accept media from the remote address alone: the configured or signalled one, or when none
     * is known the source of the first packet. A packet from any other address is dropped
     * ({@code foreignAddress}). Another SSRC from that address takes over only after the current
     * one has been silent for the re-latch time and the new one sent packets in sequence. The
     * socket may be connected to the remote, so the kernel filters. The default.
     */
    STRICT,

    /**
     * Symmetric RTP (RFC 4961; rtpengine's default): send to where the peer's media really comes
     * from. The first packet of a negotiated payload type, from any address, latches its address
     * and SSRC, and the session sends there instead of the signalled address. The latched source
     * moves to a new address only (1) when a packet from it carries the latched SSRC and a
     * sequence number that continues the stream (a NAT rebinding: same stream, new public port),
     * or (2) when the latched SSRC has been silent for the re-latch time and a new SSRC has sent
     * packets in sequence from one new address (the peer restarted). Anything else from another
     * address is dropped. RTCP goes to the learned host. The socket is never connected.
     */
    SYMMETRIC,

    /**
     * Trust signalling: always send to the signalled address, whatever the packets' source; accept
     * the latched SSRC from any address (for peers that send from another port than they receive
     * on). SSRC rules as in {@link #STRICT}. The socket is never connected.
     */
    SIGNALLED
}
