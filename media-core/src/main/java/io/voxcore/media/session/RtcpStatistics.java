package io.voxcore.media.session;

import java.time.Duration;
import java.util.Optional;

/**
 * The RTCP part of a {@link SessionStatistics} snapshot: reports sent and received, and what the
 * remote said about this session's stream (RFC 3550 section 6.4).
 *
 * @param rtcpSent RTCP compound packets sent
 * @param rtcpReceived RTCP compound packets received and accepted
 * @param rtcpMalformed datagrams on the RTCP path that are not valid RTCP
 * @param roundTripMicros the last round-trip time from a reception report's LSR/DLSR (RFC 3550
 *     6.4.1), in microseconds, or -1 before one was computed
 * @param peerFractionLost the fraction lost the remote last reported about this session's stream,
 *     8-bit fixed point, or -1 before any report block
 * @param peerCumulativeLost the cumulative loss the remote last reported, or -1 before any
 * @param peerJitter the interarrival jitter the remote last reported, RTP units, or -1 before any
 * @param peerByes RTCP BYE packets received from the remote SSRC
 */
public record RtcpStatistics(long rtcpSent, long rtcpReceived, long rtcpMalformed, long roundTripMicros,
        int peerFractionLost, long peerCumulativeLost, long peerJitter, long peerByes) {

    /**
     * The round-trip time, when known.
     *
     * @return the last measured round-trip time, or empty before the first
     */
    public Optional<Duration> roundTripTime() {
        return roundTripMicros < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(roundTripMicros * 1000));
    }
}
