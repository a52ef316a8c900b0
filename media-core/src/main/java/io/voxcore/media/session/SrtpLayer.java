package io.voxcore.media.session;

import io.voxcore.media.sdp.Crypto;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.srtp.SdesCrypto;
import io.voxcore.media.srtp.SrtpContext;
import io.voxcore.media.srtp.SrtpFailure;
import java.nio.ByteBuffer;

/**
 * The SRTP transforms of one negotiated leg (RFC 3711, keys by SDES, RFC 4568): what the session
 * sends is protected with our key, what it receives is unprotected with the peer's, in place in
 * the packet buffers. RTP and RTCP are sent through contexts of their own, because RTP is
 * protected by whichever thread holds the stream while RTCP is protected on the I/O thread; both
 * are received on the I/O thread through one context. Allocation-free per packet.
 */
final class SrtpLayer {

    private final String suite;
    private final String localKey;
    private final String remoteKey;
    private final SrtpContext rtpOut;
    private final SrtpContext rtcpOut;
    private final SrtpContext in;

    private SrtpLayer(SdesCrypto local, SdesCrypto remote, String localKey, String remoteKey) {
        this.suite = local.suite().name();
        this.localKey = localKey;
        this.remoteKey = remoteKey;
        this.rtpOut = local.sendingContext();
        this.rtcpOut = local.sendingContext();
        this.in = remote.receivingContext();
    }

    /**
     * The layer a negotiation asks for.
     *
     * @param n the negotiation
     * @return the layer, or null for plain RTP (no crypto agreed)
     * @throws IllegalArgumentException when a crypto line was agreed but cannot be used
     */
    static SrtpLayer of(NegotiatedMedia n) {
        Crypto local = n.localCrypto();
        if (local == null) {
            return null;
        }
        Crypto remote = null;
        for (Crypto c : n.remoteCryptos()) {
            if (c.tag() == local.tag()) {
                remote = c;
            }
        }
        if (remote == null) {
            throw new IllegalArgumentException("the negotiation agreed crypto tag " + local.tag()
                    + " but the peer's description has no a=crypto line with that tag");
        }
        return new SrtpLayer(SdesCrypto.parse(local.value()), SdesCrypto.parse(remote.value()), local.value(),
                remote.value());
    }

    /**
     * Whether a negotiation keeps these keys (a re-INVITE that changed something else): the
     * contexts, with their rollover counters and replay windows, then carry on.
     *
     * @param n the new negotiation
     * @return true if both keys are unchanged
     */
    boolean sameKeys(NegotiatedMedia n) {
        Crypto local = n.localCrypto();
        if (local == null || !local.value().equals(localKey)) {
            return false;
        }
        for (Crypto c : n.remoteCryptos()) {
            if (c.tag() == local.tag() && c.value().equals(remoteKey)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Protects an RTP packet in place; the buffer's limit is raised to its capacity for the tag.
     *
     * @param b the buffer
     * @param offset the packet's first byte
     * @param length the packet's length
     * @return the SRTP length, or negative when it must not be sent
     */
    int protectRtp(ByteBuffer b, int offset, int length) {
        b.limit(b.capacity());
        return rtpOut.protectRtp(b, offset, length);
    }

    /**
     * Protects an RTCP compound packet in place (SRTCP index and tag appended).
     *
     * @param b the buffer
     * @param offset the packet's first byte
     * @param length the packet's length
     * @return the SRTCP length, or negative when it must not be sent
     */
    int protectRtcp(ByteBuffer b, int offset, int length) {
        b.limit(b.capacity());
        return rtcpOut.protectRtcp(b, offset, length);
    }

    /**
     * Authenticates and decrypts a received SRTP packet in place. I/O thread.
     *
     * @param b the datagram
     * @param offset its first byte
     * @param length its length
     * @return the RTP length, or negative (counted) when refused
     */
    int unprotectRtp(ByteBuffer b, int offset, int length) {
        return in.unprotectRtp(b, offset, length);
    }

    /**
     * Authenticates and decrypts a received SRTCP packet in place. I/O thread.
     *
     * @param b the datagram
     * @param offset its first byte
     * @param length its length
     * @return the RTCP length, or negative (counted) when refused
     */
    int unprotectRtcp(ByteBuffer b, int offset, int length) {
        return in.unprotectRtcp(b, offset, length);
    }

    /** {@return the figures} */
    SrtpStatistics statistics() {
        long other = 0;
        for (SrtpFailure f : SrtpFailure.values()) {
            if (f != SrtpFailure.AUTH_FAILED && f != SrtpFailure.REPLAYED && f != SrtpFailure.TOO_OLD) {
                other += in.failures(f);
            }
        }
        return new SrtpStatistics(suite, rtpOut.rtpPackets(), rtcpOut.rtcpPackets(), in.rtpPackets(), in.rtcpPackets(),
                in.failures(SrtpFailure.AUTH_FAILED), in.failures(SrtpFailure.REPLAYED) + in.failures(SrtpFailure.TOO_OLD),
                other);
    }

    /** A session's current layer, swapped by re-negotiation; read on every packet. */
    static final class Slot {
        volatile SrtpLayer layer;
    }
}
