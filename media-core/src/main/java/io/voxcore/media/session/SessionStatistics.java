package io.voxcore.media.session;

import io.voxcore.media.rtp.RtpValidation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of one session's counters, from {@link MediaSession#statistics()}.
 * Reception figures follow RFC 3550 appendix A.1 (extended sequence numbers, probation), A.3
 * (expected, lost, fraction lost) and A.8 (interarrival jitter); they describe the current
 * remote SSRC plus any SSRC it replaced (re-latch). See {@code docs/sessions.md}.
 *
 * @param ssrc this session's SSRC
 * @param remoteSsrc the latched remote SSRC, or -1 before any valid packet
 * @param packetsSent RTP packets written to the socket
 * @param octetsSent payload octets sent (RFC 3550 6.4.1's sender's octet count)
 * @param packetsUnsent packets not sent: no remote known yet, or the socket refused them
 * @param packetsReceived RTP packets accepted from the remote (duplicates excluded)
 * @param octetsReceived payload octets of those packets
 * @param expectedPackets packets expected, A.3 (extended highest sequence minus base, plus one)
 * @param cumulativeLost expected minus received, A.3 (negative if duplicates went unrecognised)
 * @param fractionLost the loss fraction of the last reception report sent, A.3, 8-bit fixed point
 * @param jitter the interarrival jitter of A.8, in RTP timestamp units
 * @param clockRate the RTP clock rate, to convert {@code jitter}
 * @param duplicates packets received again (same sequence number)
 * @param reordered packets that arrived after a later one (A.1's misorder, not late)
 * @param late packets that arrived after their playout point and were dropped by the jitter buffer
 * @param badSequence packets dropped by A.1's sequence validation (a jump too large to trust)
 * @param malformed datagrams on the RTP socket that are not valid RTP, by reason
 * @param wrongPayloadType valid RTP with another payload type than the session's audio and
 *     telephone-event types
 * @param foreignAddress datagrams from another address than the remote (unconnected sockets only:
 *     a connected socket filters them in the kernel)
 * @param foreignSsrc valid packets from the remote address with another SSRC than the latched one
 * @param undecodable packets whose payload the codec rejected (empty, not whole samples)
 * @param gaps gap events reported to the listener
 * @param gapPackets packets those gaps stand for
 * @param listenerErrors exceptions thrown by the listener or sink, caught
 * @param queueOverflows frames dropped from the full pull queue (oldest first)
 * @param rtcpSent RTCP compound packets sent
 * @param rtcpReceived RTCP compound packets received and accepted
 * @param rtcpMalformed datagrams on the RTCP path that are not valid RTCP
 * @param roundTripMicros the last round-trip time from a reception report's LSR/DLSR (RFC 3550
 *     6.4.1), in microseconds, or -1 before one was computed
 * @param peerFractionLost the fraction lost the remote last reported about this session's
 *     stream (RFC 3550 6.4.1), 8-bit fixed point, or -1 before any report block
 * @param peerCumulativeLost the cumulative loss the remote last reported, or -1 before any
 * @param peerJitter the interarrival jitter the remote last reported, RTP units, or -1 before any
 * @param peerByes RTCP BYE packets received from the remote SSRC
 * @param eventPacketsSent RFC 4733 telephone-event packets sent (included in {@code packetsSent})
 * @param dtmfSent DTMF digits sent
 * @param eventPacketsReceived telephone-event packets accepted (included in {@code packetsReceived})
 * @param dtmfReceived DTMF digits received, counted when each ends
 * @param eventsMalformed telephone-event packets whose payload is not whole 4-byte event blocks
 */
public record SessionStatistics(
        long ssrc,
        long remoteSsrc,
        long packetsSent,
        long octetsSent,
        long packetsUnsent,
        long packetsReceived,
        long octetsReceived,
        long expectedPackets,
        long cumulativeLost,
        int fractionLost,
        long jitter,
        int clockRate,
        long duplicates,
        long reordered,
        long late,
        long badSequence,
        Map<RtpValidation, Long> malformed,
        long wrongPayloadType,
        long foreignAddress,
        long foreignSsrc,
        long undecodable,
        long gaps,
        long gapPackets,
        long listenerErrors,
        long queueOverflows,
        long rtcpSent,
        long rtcpReceived,
        long rtcpMalformed,
        long roundTripMicros,
        int peerFractionLost,
        long peerCumulativeLost,
        long peerJitter,
        long peerByes,
        long eventPacketsSent,
        long dtmfSent,
        long eventPacketsReceived,
        long dtmfReceived,
        long eventsMalformed) {

    /**
     * Copies the malformed map so the snapshot stays immutable.
     *
     * @param ssrc see the record description, as for every other component
     * @param remoteSsrc the remote SSRC
     * @param packetsSent packets sent
     * @param octetsSent octets sent
     * @param packetsUnsent packets unsent
     * @param packetsReceived packets received
     * @param octetsReceived octets received
     * @param expectedPackets packets expected
     * @param cumulativeLost packets lost
     * @param fractionLost fraction lost
     * @param jitter jitter
     * @param clockRate clock rate
     * @param duplicates duplicates
     * @param reordered reordered
     * @param late late
     * @param badSequence bad sequence
     * @param malformed malformed by reason
     * @param wrongPayloadType wrong payload type
     * @param foreignAddress foreign address
     * @param foreignSsrc foreign SSRC
     * @param undecodable undecodable
     * @param gaps gaps
     * @param gapPackets gap packets
     * @param listenerErrors listener errors
     * @param queueOverflows queue overflows
     * @param rtcpSent RTCP sent
     * @param rtcpReceived RTCP received
     * @param rtcpMalformed RTCP malformed
     * @param roundTripMicros round-trip time
     * @param peerFractionLost the peer's reported fraction lost
     * @param peerCumulativeLost the peer's reported cumulative loss
     * @param peerJitter the peer's reported jitter
     * @param peerByes BYEs from the peer
     * @param eventPacketsSent telephone-event packets sent
     * @param dtmfSent DTMF digits sent
     * @param eventPacketsReceived telephone-event packets received
     * @param dtmfReceived DTMF digits received
     * @param eventsMalformed malformed telephone-event packets
     */
    public SessionStatistics {
        malformed = Map.copyOf(malformed);
    }

    /**
     * All malformed datagrams together.
     *
     * @return the sum of {@link #malformed()}
     */
    public long malformedTotal() {
        long sum = 0;
        for (long n : malformed.values()) {
            sum += n;
        }
        return sum;
    }

    /**
     * Malformed datagrams of one reason.
     *
     * @param reason the reason
     * @return the count, 0 if none
     */
    public long malformed(RtpValidation reason) {
        return malformed.getOrDefault(reason, 0L);
    }

    /**
     * The interarrival jitter in milliseconds.
     *
     * @return {@code jitter / clockRate * 1000}
     */
    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }

    /**
     * The round-trip time, once an RTCP reception report allowed computing it.
     *
     * @return the time, or empty
     */
    public Optional<Duration> roundTripTime() {
        return roundTripMicros < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(roundTripMicros * 1000));
    }
}
