package io.voxcore.media.sdp;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of an offer/answer exchange for one audio stream of a leg: everything a media
 * session needs to send and receive, as plain immutable data (no SDP types but
 * {@link PayloadFormat}, {@link Direction} and {@link Crypto}).
 *
 * <p>Payload types are kept per direction because the two peers may number the same codec
 * differently (RFC 3264 allows it for the offerer's view of an answer): we send with the
 * numbers in {@link #sendPayloadTypes()} (what the peer said it receives) and must accept the
 * numbers in {@link #receivePayloadTypes()} (what we said we receive). When we answered, both
 * maps use the offerer's numbers (RFC 3264 6.1).
 */
public final class NegotiatedMedia {

    private final int mediaIndex;
    private final String proto;
    private final Direction direction;
    private final InetSocketAddress remoteRtpAddress;
    private final InetSocketAddress remoteRtcpAddress;
    private final boolean rtcpMux;
    private final PayloadFormat sendCodec;
    private final Map<Integer, PayloadFormat> sendPayloadTypes;
    private final Map<Integer, PayloadFormat> receivePayloadTypes;
    private final int ptime;
    private final int maxPtime;
    private final TelephoneEvents telephoneEvents;
    private final List<Crypto> remoteCryptos;
    private final Crypto localCrypto;

    NegotiatedMedia(int mediaIndex, String proto, Direction direction, InetSocketAddress remoteRtpAddress,
            InetSocketAddress remoteRtcpAddress, boolean rtcpMux, PayloadFormat sendCodec,
            Map<Integer, PayloadFormat> sendPayloadTypes, Map<Integer, PayloadFormat> receivePayloadTypes, int ptime,
            int maxPtime, TelephoneEvents telephoneEvents, List<Crypto> remoteCryptos, Crypto localCrypto) {
        this.mediaIndex = mediaIndex;
        this.proto = Objects.requireNonNull(proto, "proto");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.remoteRtpAddress = Objects.requireNonNull(remoteRtpAddress, "remoteRtpAddress");
        this.remoteRtcpAddress = Objects.requireNonNull(remoteRtcpAddress, "remoteRtcpAddress");
        this.rtcpMux = rtcpMux;
        this.sendCodec = Objects.requireNonNull(sendCodec, "sendCodec");
        this.sendPayloadTypes = Collections.unmodifiableMap(new LinkedHashMap<>(sendPayloadTypes));
        this.receivePayloadTypes = Collections.unmodifiableMap(new LinkedHashMap<>(receivePayloadTypes));
        this.ptime = ptime;
        this.maxPtime = maxPtime;
        this.telephoneEvents = telephoneEvents;
        this.remoteCryptos = List.copyOf(remoteCryptos);
        this.localCrypto = localCrypto;
    }

    /**
     * The index of this stream's {@code m=} line in the offer and the answer (0-based).
     *
     * @return the index
     */
    public int mediaIndex() {
        return mediaIndex;
    }

    /**
     * The transport protocol agreed, {@code RTP/AVP} (or {@code RTP/SAVP} once SRTP exists).
     *
     * @return the protocol as the offer wrote it
     */
    public String proto() {
        return proto;
    }

    /**
     * What we do on this stream, from our side: {@link Direction#SENDONLY} means we send and do
     * not expect media (the peer holds us, or we hold the peer with {@code sendonly}). Also
     * without send when the peer's address is the unspecified address (RFC 2543 hold, {@code c=0.0.0.0}).
     *
     * @return our direction
     */
    public Direction direction() {
        return direction;
    }

    /**
     * Whether we send media.
     *
     * @return {@code direction().sends()}
     */
    public boolean sends() {
        return direction.sends();
    }

    /**
     * Whether we expect to receive media.
     *
     * @return {@code direction().receives()}
     */
    public boolean receives() {
        return direction.receives();
    }

    /**
     * Where to send RTP: the peer's connection address and media port. An IP literal is
     * resolved (no DNS); a host name is left unresolved for the caller to resolve.
     *
     * @return the peer's RTP address
     */
    public InetSocketAddress remoteRtpAddress() {
        return remoteRtpAddress;
    }

    /**
     * Where to send RTCP: the RTP address with rtcp-mux (RFC 5761), else the {@code a=rtcp}
     * port and address (RFC 3605), else the RTP port plus one (RFC 3550 11).
     *
     * @return the peer's RTCP address
     */
    public InetSocketAddress remoteRtcpAddress() {
        return remoteRtcpAddress;
    }

    /**
     * Whether RTP and RTCP share one port (both sides agreed to RFC 5761 rtcp-mux).
     *
     * @return true when multiplexed
     */
    public boolean rtcpMux() {
        return rtcpMux;
    }

    /**
     * The codec to send with now: the first codec of the answer. RFC 3264 5.1 lets a sender
     * switch to any other codec of {@link #sendPayloadTypes()} at any packet.
     *
     * @return the codec and the payload type to send it with
     */
    public PayloadFormat sendCodec() {
        return sendCodec;
    }

    /**
     * Every payload type we may send with (codecs, telephone-event, comfort noise), in the
     * answer's order: the peer's numbering.
     *
     * @return payload type to format, unmodifiable
     */
    public Map<Integer, PayloadFormat> sendPayloadTypes() {
        return sendPayloadTypes;
    }

    /**
     * Every payload type the peer may send us: our numbering. A packet with another payload type
     * is not part of this negotiation.
     *
     * @return payload type to format, unmodifiable
     */
    public Map<Integer, PayloadFormat> receivePayloadTypes() {
        return receivePayloadTypes;
    }

    /**
     * The telephone-event payload type to send DTMF with, the one at the send codec's clock rate.
     *
     * @return the payload type, or -1 when telephone-event was not agreed at that rate
     */
    public int sendTelephoneEventPayloadType() {
        return find(sendPayloadTypes, true, sendCodec.clockRate());
    }

    /**
     * The telephone-event payload type the peer sends DTMF with at the send codec's clock rate;
     * {@link #receivePayloadTypes()} holds those of other rates too.
     *
     * @return the payload type, or -1 when none
     */
    public int receiveTelephoneEventPayloadType() {
        return find(receivePayloadTypes, true, sendCodec.clockRate());
    }

    /**
     * The comfort-noise payload type to send with at the send codec's clock rate.
     *
     * @return the payload type, or -1 when comfort noise was not agreed at that rate
     */
    public int sendComfortNoisePayloadType() {
        return find(sendPayloadTypes, false, sendCodec.clockRate());
    }

    /**
     * The comfort-noise payload type the peer sends with at the send codec's clock rate.
     *
     * @return the payload type, or -1 when none
     */
    public int receiveComfortNoisePayloadType() {
        return find(receivePayloadTypes, false, sendCodec.clockRate());
    }

    private static int find(Map<Integer, PayloadFormat> map, boolean events, int rate) {
        for (PayloadFormat f : map.values()) {
            if ((events ? f.isTelephoneEvent() : f.isComfortNoise()) && f.clockRate() == rate) {
                return f.payloadType();
            }
        }
        return -1;
    }

    /**
     * The telephone events both sides support.
     *
     * @return the events, or null when telephone-event was not agreed
     */
    public TelephoneEvents telephoneEvents() {
        return telephoneEvents;
    }

    /**
     * The packet time to send with: the peer's {@code a=ptime}, else ours, else 20 ms; never
     * above the peer's {@code a=maxptime}.
     *
     * @return milliseconds
     */
    public int ptime() {
        return ptime;
    }

    /**
     * The peer's {@code a=maxptime}.
     *
     * @return milliseconds, 0 when the peer named none
     */
    public int maxPtime() {
        return maxPtime;
    }

    /**
     * The peer's {@code a=crypto} lines (RFC 4568) for the SRTP layer.
     *
     * @return the lines, empty for plain RTP
     */
    public List<Crypto> remoteCryptos() {
        return remoteCryptos;
    }

    /**
     * Our {@code a=crypto} line that was agreed (ours in the answer, or the one of our offer the
     * answer accepted).
     *
     * @return the line, or null for plain RTP
     */
    public Crypto localCrypto() {
        return localCrypto;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NegotiatedMedia)) {
            return false;
        }
        NegotiatedMedia n = (NegotiatedMedia) o;
        return mediaIndex == n.mediaIndex && proto.equals(n.proto) && direction == n.direction
                && remoteRtpAddress.equals(n.remoteRtpAddress) && remoteRtcpAddress.equals(n.remoteRtcpAddress)
                && rtcpMux == n.rtcpMux && sendCodec.equals(n.sendCodec) && sendPayloadTypes.equals(n.sendPayloadTypes)
                && receivePayloadTypes.equals(n.receivePayloadTypes) && ptime == n.ptime && maxPtime == n.maxPtime
                && Objects.equals(telephoneEvents, n.telephoneEvents) && remoteCryptos.equals(n.remoteCryptos)
                && Objects.equals(localCrypto, n.localCrypto);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaIndex, direction, remoteRtpAddress, sendCodec, receivePayloadTypes);
    }

    /**
     * A one-line summary.
     *
     * @return for example {@code audio#0 RTP/AVP sendrecv to /192.0.2.4:49170 send 0 PCMU/8000 ptime 20}
     */
    @Override
    public String toString() {
        return "audio#" + mediaIndex + " " + proto + " " + direction.attributeName() + " to " + remoteRtpAddress
                + " (rtcp " + (rtcpMux ? "mux" : remoteRtcpAddress) + ") send " + sendCodec + " ptime " + ptime
                + " receive " + receivePayloadTypes.values();
    }
}
