package io.voxcore.media.sdp;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link NegotiatedMedia} from the peer's media description and the agreed formats. */
final class Legs {

    private Legs() {
    }

    /**
     * @param remote the peer's whole description
     * @param m the peer's media description of the stream
     * @param ourDirection our direction as agreed (before the unspecified-address rule)
     */
    static NegotiatedMedia negotiated(int index, SessionDescription remote, MediaDescription m, Direction ourDirection,
            boolean mux, Map<Integer, PayloadFormat> send, Map<Integer, PayloadFormat> receive, MediaCapabilities caps,
            TelephoneEvents events, Crypto localCrypto) {
        Connection c = remote.connection(m).orElseThrow(
                () -> new IllegalArgumentException("media description " + index + " has no connection address"));
        String host = c.host();
        InetSocketAddress rtp = Addresses.of(host, m.port());
        InetSocketAddress rtcp;
        Optional<RtcpAttribute> attr = m.rtcp();
        if (mux) {
            rtcp = rtp;
        } else if (attr.isPresent()) {
            RtcpAttribute a = attr.get();
            rtcp = Addresses.of(a.connection() == null ? host : a.connection().host(), a.port());
        } else {
            rtcp = Addresses.of(host, Math.min(m.port() + 1, 65535));
        }
        Direction direction = c.isUnspecified() ? Direction.of(false, ourDirection.receives()) : ourDirection;
        PayloadFormat sendCodec = null;
        for (PayloadFormat f : send.values()) {
            if (f.isCodec()) {
                sendCodec = f;
                break;
            }
        }
        if (sendCodec == null) {
            throw new IllegalArgumentException("no codec agreed for media description " + index);
        }
        int maxPtime = m.maxptime().orElse(0);
        int ptime = m.ptime().orElse(caps.ptime() > 0 ? caps.ptime() : 20);
        if (maxPtime > 0 && ptime > maxPtime) {
            ptime = maxPtime;
        }
        return new NegotiatedMedia(index, m.proto(), direction, rtp, rtcp, mux, sendCodec, send, receive, ptime,
                maxPtime, events, m.cryptos(), localCrypto);
    }
}
