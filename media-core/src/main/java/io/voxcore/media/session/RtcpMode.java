package io.voxcore.media.session;

/** Where a session's RTCP goes (RFC 3550 section 6 and RFC 5761). */
public enum RtcpMode {
    /** No RTCP: no reports are sent, received RTCP is ignored, no round-trip time. */
    OFF,
    /** RTCP on its own socket at the RTP port plus one (RFC 3550 section 11). */
    NEXT_PORT,
    /** RTCP multiplexed with RTP on one socket (RFC 5761), told apart by the packet type byte. */
    MUX
}
