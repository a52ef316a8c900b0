package io.voxcore.media.session;

import io.voxcore.media.rtp.RtpValidation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of one session's counters, from {@link MediaSession#statistics()},
 * grouped as the session's parts keep them: {@link #send()}, {@link #receive()}, {@link #rtcp()}
 * and {@link #dtmf()}. Every counter is also reachable directly (e.g. {@link #packetsSent()}), as
 * before the grouping; {@link #toString()} names every counter. See {@code docs/sessions.md}.
 *
 * @param send what this session sent
 * @param receive what it received, RFC 3550 appendix A figures included
 * @param rtcp RTCP reports and what the remote reported
 * @param dtmf RFC 4733 telephone events both ways
 * @param srtp SRTP protection and the packets it refused ({@link SrtpStatistics#PLAIN} without SRTP)
 */
public record SessionStatistics(SendStatistics send, ReceiveStatistics receive, RtcpStatistics rtcp,
        DtmfStatistics dtmf, SrtpStatistics srtp) {

    /**
     * A snapshot of a plain (unencrypted) session, as before SRTP existed.
     *
     * @param send what this session sent
     * @param receive what it received
     * @param rtcp RTCP figures
     * @param dtmf telephone events
     */
    public SessionStatistics(SendStatistics send, ReceiveStatistics receive, RtcpStatistics rtcp, DtmfStatistics dtmf) {
        this(send, receive, rtcp, dtmf, SrtpStatistics.PLAIN);
    }

    /**
     * Shortcut for {@code send().ssrc()}.
     *
     * @return see {@link SendStatistics#ssrc()}
     */
    public long ssrc() {
        return send.ssrc();
    }

    /**
     * Shortcut for {@code send().packetsSent()}.
     *
     * @return see {@link SendStatistics#packetsSent()}
     */
    public long packetsSent() {
        return send.packetsSent();
    }

    /**
     * Shortcut for {@code send().octetsSent()}.
     *
     * @return see {@link SendStatistics#octetsSent()}
     */
    public long octetsSent() {
        return send.octetsSent();
    }

    /**
     * Shortcut for {@code send().packetsUnsent()}.
     *
     * @return see {@link SendStatistics#packetsUnsent()}
     */
    public long packetsUnsent() {
        return send.packetsUnsent();
    }

    /**
     * Shortcut for {@code send().packetsSuppressed()}.
     *
     * @return see {@link SendStatistics#packetsSuppressed()}
     */
    public long packetsSuppressed() {
        return send.packetsSuppressed();
    }

    /**
     * Shortcut for {@code send().talkspurts()}.
     *
     * @return see {@link SendStatistics#talkspurts()}
     */
    public long talkspurts() {
        return send.talkspurts();
    }

    /**
     * Shortcut for {@code receive().remoteSsrc()}.
     *
     * @return see {@link ReceiveStatistics#remoteSsrc()}
     */
    public long remoteSsrc() {
        return receive.remoteSsrc();
    }

    /**
     * Shortcut for {@code receive().packetsReceived()}.
     *
     * @return see {@link ReceiveStatistics#packetsReceived()}
     */
    public long packetsReceived() {
        return receive.packetsReceived();
    }

    /**
     * Shortcut for {@code receive().octetsReceived()}.
     *
     * @return see {@link ReceiveStatistics#octetsReceived()}
     */
    public long octetsReceived() {
        return receive.octetsReceived();
    }

    /**
     * Shortcut for {@code receive().expectedPackets()}.
     *
     * @return see {@link ReceiveStatistics#expectedPackets()}
     */
    public long expectedPackets() {
        return receive.expectedPackets();
    }

    /**
     * Shortcut for {@code receive().cumulativeLost()}.
     *
     * @return see {@link ReceiveStatistics#cumulativeLost()}
     */
    public long cumulativeLost() {
        return receive.cumulativeLost();
    }

    /**
     * Shortcut for {@code receive().fractionLost()}.
     *
     * @return see {@link ReceiveStatistics#fractionLost()}
     */
    public int fractionLost() {
        return receive.fractionLost();
    }

    /**
     * Shortcut for {@code receive().jitter()}.
     *
     * @return see {@link ReceiveStatistics#jitter()}
     */
    public long jitter() {
        return receive.jitter();
    }

    /**
     * Shortcut for {@code receive().clockRate()}.
     *
     * @return see {@link ReceiveStatistics#clockRate()}
     */
    public int clockRate() {
        return receive.clockRate();
    }

    /**
     * Shortcut for {@code receive().duplicates()}.
     *
     * @return see {@link ReceiveStatistics#duplicates()}
     */
    public long duplicates() {
        return receive.duplicates();
    }

    /**
     * Shortcut for {@code receive().reordered()}.
     *
     * @return see {@link ReceiveStatistics#reordered()}
     */
    public long reordered() {
        return receive.reordered();
    }

    /**
     * Shortcut for {@code receive().late()}.
     *
     * @return see {@link ReceiveStatistics#late()}
     */
    public long late() {
        return receive.late();
    }

    /**
     * Shortcut for {@code receive().badSequence()}.
     *
     * @return see {@link ReceiveStatistics#badSequence()}
     */
    public long badSequence() {
        return receive.badSequence();
    }

    /**
     * Shortcut for {@code receive().malformed()}.
     *
     * @return see {@link ReceiveStatistics#malformed()}
     */
    public Map<RtpValidation, Long> malformed() {
        return receive.malformed();
    }

    /**
     * Shortcut for {@code receive().wrongPayloadType()}.
     *
     * @return see {@link ReceiveStatistics#wrongPayloadType()}
     */
    public long wrongPayloadType() {
        return receive.wrongPayloadType();
    }

    /**
     * Shortcut for {@code receive().foreignAddress()}.
     *
     * @return see {@link ReceiveStatistics#foreignAddress()}
     */
    public long foreignAddress() {
        return receive.foreignAddress();
    }

    /**
     * Shortcut for {@code receive().foreignSsrc()}.
     *
     * @return see {@link ReceiveStatistics#foreignSsrc()}
     */
    public long foreignSsrc() {
        return receive.foreignSsrc();
    }

    /**
     * Shortcut for {@code receive().ownSsrc()}.
     *
     * @return see {@link ReceiveStatistics#ownSsrc()}
     */
    public long ownSsrc() {
        return receive.ownSsrc();
    }

    /**
     * Shortcut for {@code receive().undecodable()}.
     *
     * @return see {@link ReceiveStatistics#undecodable()}
     */
    public long undecodable() {
        return receive.undecodable();
    }

    /**
     * Shortcut for {@code receive().gaps()}.
     *
     * @return see {@link ReceiveStatistics#gaps()}
     */
    public long gaps() {
        return receive.gaps();
    }

    /**
     * Shortcut for {@code receive().gapPackets()}.
     *
     * @return see {@link ReceiveStatistics#gapPackets()}
     */
    public long gapPackets() {
        return receive.gapPackets();
    }

    /**
     * Shortcut for {@code receive().listenerErrors()}.
     *
     * @return see {@link ReceiveStatistics#listenerErrors()}
     */
    public long listenerErrors() {
        return receive.listenerErrors();
    }

    /**
     * Shortcut for {@code receive().queueOverflows()}.
     *
     * @return see {@link ReceiveStatistics#queueOverflows()}
     */
    public long queueOverflows() {
        return receive.queueOverflows();
    }

    /**
     * Shortcut for {@code rtcp().rtcpSent()}.
     *
     * @return see {@link RtcpStatistics#rtcpSent()}
     */
    public long rtcpSent() {
        return rtcp.rtcpSent();
    }

    /**
     * Shortcut for {@code rtcp().rtcpReceived()}.
     *
     * @return see {@link RtcpStatistics#rtcpReceived()}
     */
    public long rtcpReceived() {
        return rtcp.rtcpReceived();
    }

    /**
     * Shortcut for {@code rtcp().rtcpMalformed()}.
     *
     * @return see {@link RtcpStatistics#rtcpMalformed()}
     */
    public long rtcpMalformed() {
        return rtcp.rtcpMalformed();
    }

    /**
     * Shortcut for {@code rtcp().roundTripMicros()}.
     *
     * @return see {@link RtcpStatistics#roundTripMicros()}
     */
    public long roundTripMicros() {
        return rtcp.roundTripMicros();
    }

    /**
     * Shortcut for {@code rtcp().peerFractionLost()}.
     *
     * @return see {@link RtcpStatistics#peerFractionLost()}
     */
    public int peerFractionLost() {
        return rtcp.peerFractionLost();
    }

    /**
     * Shortcut for {@code rtcp().peerCumulativeLost()}.
     *
     * @return see {@link RtcpStatistics#peerCumulativeLost()}
     */
    public long peerCumulativeLost() {
        return rtcp.peerCumulativeLost();
    }

    /**
     * Shortcut for {@code rtcp().peerJitter()}.
     *
     * @return see {@link RtcpStatistics#peerJitter()}
     */
    public long peerJitter() {
        return rtcp.peerJitter();
    }

    /**
     * Shortcut for {@code rtcp().peerByes()}.
     *
     * @return see {@link RtcpStatistics#peerByes()}
     */
    public long peerByes() {
        return rtcp.peerByes();
    }

    /**
     * Shortcut for {@code dtmf().eventPacketsSent()}.
     *
     * @return see {@link DtmfStatistics#eventPacketsSent()}
     */
    public long eventPacketsSent() {
        return dtmf.eventPacketsSent();
    }

    /**
     * Shortcut for {@code dtmf().dtmfSent()}.
     *
     * @return see {@link DtmfStatistics#dtmfSent()}
     */
    public long dtmfSent() {
        return dtmf.dtmfSent();
    }

    /**
     * Shortcut for {@code dtmf().eventPacketsReceived()}.
     *
     * @return see {@link DtmfStatistics#eventPacketsReceived()}
     */
    public long eventPacketsReceived() {
        return dtmf.eventPacketsReceived();
    }

    /**
     * Shortcut for {@code dtmf().dtmfReceived()}.
     *
     * @return see {@link DtmfStatistics#dtmfReceived()}
     */
    public long dtmfReceived() {
        return dtmf.dtmfReceived();
    }

    /**
     * Shortcut for {@code dtmf().eventsMalformed()}.
     *
     * @return see {@link DtmfStatistics#eventsMalformed()}
     */
    public long eventsMalformed() {
        return dtmf.eventsMalformed();
    }

    /**
     * Shortcut for {@code dtmf().eventsTimedOut()}.
     *
     * @return see {@link DtmfStatistics#eventsTimedOut()}
     */
    public long eventsTimedOut() {
        return dtmf.eventsTimedOut();
    }

    /**
     * All malformed datagrams.
     *
     * @return the sum over every reason
     */
    public long malformedTotal() {
        return receive.malformedTotal();
    }

    /**
     * Malformed datagrams of one reason.
     *
     * @param reason the validation failure
     * @return how many datagrams failed with it
     */
    public long malformed(RtpValidation reason) {
        return receive.malformed().getOrDefault(reason, 0L);
    }

    /**
     * The interarrival jitter in milliseconds.
     *
     * @return {@code jitter} converted with the clock rate
     */
    public double jitterMillis() {
        return receive.jitterMillis();
    }

    /**
     * The round-trip time, when known.
     *
     * @return the last measured round-trip time, or empty before the first
     */
    public Optional<Duration> roundTripTime() {
        return rtcp.roundTripTime();
    }

    /**
     * Every counter by name, grouped.
     *
     * @return e.g. {@code SessionStatistics[send=[ssrc=..., packetsSent=...], receive=[...], ...]}
     */
    @Override
    public String toString() {
        return "SessionStatistics[send=" + part(send.toString()) + ", receive=" + part(receive.toString()) + ", rtcp="
                + part(rtcp.toString()) + ", dtmf=" + part(dtmf.toString()) + ", srtp=" + part(srtp.toString()) + "]";
    }

    private static String part(String recordString) {
        return recordString.substring(recordString.indexOf('['));
    }
}
