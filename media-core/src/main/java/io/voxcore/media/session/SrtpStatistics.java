package io.voxcore.media.session;

/**
 * The SRTP half of a {@link SessionStatistics} snapshot: what the session protected and what it
 * refused on receipt (RFC 3711). Every refused packet was dropped before anything else saw it:
 * it moved no counter of reception, no latch, no rollover counter and no replay window.
 *
 * @param suite the SDES name of the suite in use, or empty for plain RTP
 * @param rtpProtected RTP packets protected and sent
 * @param rtcpProtected RTCP packets protected and sent
 * @param rtpUnprotected SRTP packets authenticated and decrypted
 * @param rtcpUnprotected SRTCP packets authenticated and decrypted
 * @param authenticationFailures packets whose authentication tag did not match (forged, corrupted,
 *     or protected with another key)
 * @param replays packets refused as replays (an index already received) or as older than the
 *     replay window
 * @param otherFailures packets refused for another reason: too short, malformed, an SSRC beyond
 *     the context's stream cap, no room to protect, the key's packet limit reached
 */
public record SrtpStatistics(String suite, long rtpProtected, long rtcpProtected, long rtpUnprotected,
        long rtcpUnprotected, long authenticationFailures, long replays, long otherFailures) {

    /** The figures of a plain (unencrypted) session. */
    public static final SrtpStatistics PLAIN = new SrtpStatistics("", 0, 0, 0, 0, 0, 0, 0);

    /** {@return whether the session uses SRTP} */
    public boolean active() {
        return !suite.isEmpty();
    }
}
