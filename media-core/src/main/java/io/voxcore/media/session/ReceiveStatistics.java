package io.voxcore.media.session;

import io.voxcore.media.rtp.RtpValidation;
import java.util.Map;

/**
 * The receive half of a {@link SessionStatistics} snapshot. Reception figures follow RFC 3550
 * appendix A.1 (extended sequence numbers, probation), A.3 (expected, lost, fraction lost) and A.8
 * (interarrival jitter); the totals cover the current remote SSRC plus every SSRC it replaced,
 * while RTCP reception reports describe the current source alone (RFC 3550 6.4.1).
 *
 * @param remoteSsrc the latched remote SSRC, or -1 before any valid packet
 * @param packetsReceived RTP packets accepted from the remote (duplicates excluded)
 * @param octetsReceived payload octets of those packets
 * @param expectedPackets packets expected, A.3 (extended highest sequence minus base, plus one)
 * @param cumulativeLost expected minus received, A.3 (negative if duplicates went unrecognised)
 * @param fractionLost the loss fraction of the last reception report sent, A.3, 8-bit fixed point
 * @param jitter the interarrival jitter of A.8 for the current source, in RTP timestamp units
 *     (telephone-event packets are left out: they all carry their event's start timestamp)
 * @param clockRate the RTP clock rate, to convert {@code jitter}
 * @param duplicates packets received again (same sequence number)
 * @param reordered packets that arrived after a later one (A.1's misorder, not late)
 * @param late packets that arrived after their playout point and were dropped by the jitter buffer
 * @param badSequence packets dropped by A.1's sequence validation (a jump too large to trust) or because their sequence number and timestamp do not fit the stream (forged or mangled)
 * @param malformed datagrams on the RTP socket that are not valid RTP, by reason
 * @param wrongPayloadType valid RTP with a payload type the session does not receive
 * @param foreignAddress datagrams from another address than the remote (unconnected sockets only:
 *     a connected socket filters them in the kernel)
 * @param foreignSsrc valid packets from the remote address with another SSRC than the latched one
 * @param ownSsrc packets carrying this session's own SSRC: a collision or a loop (RFC 3550 8.2),
 *     dropped
 * @param undecodable packets whose payload the codec rejected (empty, not whole samples)
 * @param gaps gap events reported to the listener: lost packets, and time without audio (a pause
 *     between talkspurts, a DTMF event, delay added by the jitter buffer)
 * @param gapPackets packets the gaps stand for (0 for time without audio)
 * @param listenerErrors exceptions and errors thrown by callbacks (listener, sink, DTMF listener,
 *     tap), caught
 * @param queueOverflows frames dropped from the full pull queue (oldest first)
 * @param notReceiving RTP packets of a negotiated payload type dropped because the negotiated
 *     direction receives nothing ({@code sendonly} or {@code inactive}: a call on hold)
 * @param comfortNoisePackets RFC 3389 comfort-noise packets accepted (counted in
 *     {@code packetsReceived} too); the time between them plays as noise, not as gaps
 * @param concealedSamples samples per channel delivered in place of lost packets: concealment
 *     ({@link GapPolicy#CONCEAL}) or zeros ({@link GapPolicy#SILENCE}); 0 under
 *     {@link GapPolicy#REPORT}. The gaps are counted in {@code gaps} and {@code gapPackets} too
 * @param readPaddedSamples samples of silence {@link MediaSession#read} returned because nothing
 *     had arrived to play (after the first audio; the cushion rebuilt after running dry included)
 * @param readDroppedSamples samples dropped between the I/O thread and {@link MediaSession#read}:
 *     the reader's clock runs slower than the sender's, or the reader stalled
 * @param stretchedSamples samples per channel of concealment played where the jitter buffer's
 *     delay grew in the middle of a talkspurt (with {@link GapPolicy#CONCEAL}; otherwise that time
 *     is a gap without lost packets)
 * @param shortenedSilenceSamples samples per channel of pauses left out where the delay shrank at
 *     a talkspurt boundary (a pause played shorter than it was sent)
 * @param fecRecoveredSamples samples per channel of lost packets recovered from the in-band
 *     forward error correction of the packet after them (Opus LBRR, RFC 7587) with
 *     {@link GapPolicy#CONCEAL}; not counted in {@code concealedSamples}
 */
public record ReceiveStatistics(long remoteSsrc, long packetsReceived, long octetsReceived, long expectedPackets,
        long cumulativeLost, int fractionLost, long jitter, int clockRate, long duplicates, long reordered, long late,
        long badSequence, Map<RtpValidation, Long> malformed, long wrongPayloadType, long foreignAddress,
        long foreignSsrc, long ownSsrc, long undecodable, long gaps, long gapPackets, long listenerErrors,
        long queueOverflows, long notReceiving, long comfortNoisePackets,
        long concealedSamples, long readPaddedSamples, long readDroppedSamples, long stretchedSamples,
        long shortenedSilenceSamples, long fecRecoveredSamples) {

    /**
     * Copies the map of malformed counts.
     *
     * @param remoteSsrc see the class description; so are the other parameters
     * @param packetsReceived packets accepted
     * @param octetsReceived their payload octets
     * @param expectedPackets A.3 expected
     * @param cumulativeLost A.3 lost
     * @param fractionLost A.3 fraction lost of the last report
     * @param jitter A.8 jitter
     * @param clockRate RTP clock rate
     * @param duplicates duplicates
     * @param reordered reordered
     * @param late late
     * @param badSequence bad sequence
     * @param malformed malformed by reason
     * @param wrongPayloadType wrong payload type
     * @param foreignAddress foreign address
     * @param foreignSsrc foreign SSRC
     * @param ownSsrc own SSRC
     * @param undecodable undecodable
     * @param gaps gaps
     * @param gapPackets gap packets
     * @param listenerErrors listener errors
     * @param queueOverflows queue overflows
     * @param notReceiving dropped while not receiving
     * @param comfortNoisePackets comfort-noise packets
     * @param concealedSamples samples played in place of lost packets
     * @param readPaddedSamples silence padded by {@code read}
     * @param readDroppedSamples samples dropped before {@code read}
     * @param stretchedSamples concealment where the delay grew
     * @param shortenedSilenceSamples pause left out where the delay shrank
     * @param fecRecoveredSamples lost samples recovered from in-band FEC
     */
    public ReceiveStatistics {
        malformed = Map.copyOf(malformed);
    }

    /**
     * The constructor before {@code fecRecoveredSamples} existed, kept for compatibility: that
     * count is 0.
     *
     * @param remoteSsrc see the class description; so are the other parameters
     * @param packetsReceived packets accepted
     * @param octetsReceived their payload octets
     * @param expectedPackets A.3 expected
     * @param cumulativeLost A.3 lost
     * @param fractionLost A.3 fraction lost of the last report
     * @param jitter A.8 jitter
     * @param clockRate RTP clock rate
     * @param duplicates duplicates
     * @param reordered reordered
     * @param late late
     * @param badSequence bad sequence
     * @param malformed malformed by reason
     * @param wrongPayloadType wrong payload type
     * @param foreignAddress foreign address
     * @param foreignSsrc foreign SSRC
     * @param ownSsrc own SSRC
     * @param undecodable undecodable
     * @param gaps gaps
     * @param gapPackets gap packets
     * @param listenerErrors listener errors
     * @param queueOverflows queue overflows
     * @param notReceiving dropped while not receiving
     * @param comfortNoisePackets comfort-noise packets
     * @param concealedSamples samples played in place of lost packets
     * @param readPaddedSamples silence padded by {@code read}
     * @param readDroppedSamples samples dropped before {@code read}
     * @param stretchedSamples concealment where the delay grew
     * @param shortenedSilenceSamples pause left out where the delay shrank
     */
    public ReceiveStatistics(long remoteSsrc, long packetsReceived, long octetsReceived, long expectedPackets,
            long cumulativeLost, int fractionLost, long jitter, int clockRate, long duplicates, long reordered,
            long late, long badSequence, Map<RtpValidation, Long> malformed, long wrongPayloadType,
            long foreignAddress, long foreignSsrc, long ownSsrc, long undecodable, long gaps, long gapPackets,
            long listenerErrors, long queueOverflows, long notReceiving, long comfortNoisePackets,
            long concealedSamples, long readPaddedSamples, long readDroppedSamples, long stretchedSamples,
            long shortenedSilenceSamples) {
        this(remoteSsrc, packetsReceived, octetsReceived, expectedPackets, cumulativeLost, fractionLost, jitter,
                clockRate, duplicates, reordered, late, badSequence, malformed, wrongPayloadType, foreignAddress,
                foreignSsrc, ownSsrc, undecodable, gaps, gapPackets, listenerErrors, queueOverflows, notReceiving,
                comfortNoisePackets, concealedSamples, readPaddedSamples, readDroppedSamples, stretchedSamples,
                shortenedSilenceSamples, 0);
    }

    /**
     * All malformed datagrams.
     *
     * @return the sum over every reason
     */
    public long malformedTotal() {
        long sum = 0;
        for (long n : malformed.values()) {
            sum += n;
        }
        return sum;
    }

    /**
     * The interarrival jitter in milliseconds.
     *
     * @return {@code jitter} converted with the clock rate
     */
    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }
}
