package io.voxcore.media.srtp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One direction of SRTP and SRTCP (RFC 3711, RFC 7714) under one master key: a sending context
 * protects, a receiving context unprotects. It keeps a small table of per-SSRC state (rollover
 * counter, highest sequence number, replay window, SRTCP index), created on a stream's first
 * packet: when sending, on the first protect; when receiving, only once that first packet
 * authenticated, so forged packets never create, move or fill anything.
 *
 * <p>All four transforms work in place on the caller's buffer ({@code byte[]}-backed or direct,
 * any byte order) by absolute access: position, limit and order are left alone. Protecting grows
 * the packet, so the buffer's <em>limit</em> must leave room after {@code offset + length}:
 * {@link SrtpSuite#rtpOverhead()} bytes for RTP (at most 16), {@link SrtpSuite#rtcpOverhead()} for
 * RTCP (at most 20). They return the new length, or a negative {@link SrtpFailure#code()} when the
 * packet is refused; a refused packet is counted ({@link #failures(SrtpFailure)}), left as it
 * came, and never throws. Master key indicators (MKI) are not supported.
 *
 * <p>Per packet nothing is allocated once the internal scratch arrays have grown to the largest
 * packet seen (and once per new SSRC). Not thread-safe: one thread uses a context at a time, as an
 * I/O loop does; counters read from another thread may be a little stale.
 */
public final class SrtpContext {

    /** Replay window used unless another is asked for: 128 packets. */
    public static final int DEFAULT_REPLAY_WINDOW = 128;
    /** Streams (SSRCs) tracked per direction unless another number is asked for. */
    public static final int DEFAULT_MAX_STREAMS = 16;
    private static final int MAX_RTCP_INDEX = 0x7FFF_FFFF;

    private final SrtpSuite suite;
    private final boolean sending;
    private final int windowSize;
    private final int maxStreams;
    private final PacketTransform rtp;
    private final PacketTransform rtcp;
    private final StreamState[] rtpStreams;
    private final StreamState[] rtcpStreams;
    private int rtpCount;
    private int rtcpCount;
    private final long[] failures = new long[SrtpFailure.values().length];
    private long rtpPackets;
    private long rtcpPackets;

    private SrtpContext(SrtpSuite suite, boolean sending, PacketTransform rtp, PacketTransform rtcp,
            int windowSize, int maxStreams) {
        this.suite = suite;
        this.sending = sending;
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.windowSize = windowSize;
        this.maxStreams = maxStreams;
        this.rtpStreams = new StreamState[maxStreams];
        this.rtcpStreams = new StreamState[maxStreams];
    }

    /**
     * A context that protects what this side sends.
     *
     * @param suite the negotiated suite
     * @param masterKey {@link SrtpSuite#keyLength()} bytes; copied
     * @param masterSalt {@link SrtpSuite#saltLength()} bytes; copied
     * @return the context
     * @throws IllegalArgumentException when a length does not fit the suite
     */
    public static SrtpContext forSending(SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {
        return create(suite, masterKey, masterSalt, true, DEFAULT_REPLAY_WINDOW, DEFAULT_MAX_STREAMS);
    }

    /**
     * A context that unprotects what the peer sends, with the default replay window and stream cap.
     *
     * @param suite the negotiated suite
     * @param masterKey {@link SrtpSuite#keyLength()} bytes; copied
     * @param masterSalt {@link SrtpSuite#saltLength()} bytes; copied
     * @return the context
     * @throws IllegalArgumentException when a length does not fit the suite
     */
    public static SrtpContext forReceiving(SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {
        return forReceiving(suite, masterKey, masterSalt, DEFAULT_REPLAY_WINDOW, DEFAULT_MAX_STREAMS);
    }

    /**
     * A context that unprotects what the peer sends.
     *
     * @param suite the negotiated suite
     * @param masterKey {@link SrtpSuite#keyLength()} bytes; copied
     * @param masterSalt {@link SrtpSuite#saltLength()} bytes; copied
     * @param replayWindow packets the replay list remembers: a multiple of 64, at least 64
     * @param maxStreams SSRCs tracked at most, 1 to 4096; packets of a further SSRC are refused as
     *     {@link SrtpFailure#UNKNOWN_SSRC}
     * @return the context
     * @throws IllegalArgumentException when a length does not fit the suite or a number is out of range
     */
    public static SrtpContext forReceiving(SrtpSuite suite, byte[] masterKey, byte[] masterSalt, int replayWindow,
            int maxStreams) {
        return create(suite, masterKey, masterSalt, false, replayWindow, maxStreams);
    }

    private static SrtpContext create(SrtpSuite suite, byte[] key, byte[] salt, boolean sending, int window,
            int maxStreams) {
        if (suite == null || key == null || salt == null) {
            throw new IllegalArgumentException("suite, master key and master salt are required");
        }
        if (key.length != suite.keyLength() || salt.length != suite.saltLength()) {
            throw new IllegalArgumentException(suite + " needs a " + suite.keyLength() + "-byte master key and a "
                    + suite.saltLength() + "-byte master salt, got " + key.length + " and " + salt.length);
        }
        if (window < 64 || window % 64 != 0 || window > 1 << 15) {
            throw new IllegalArgumentException("replay window must be a multiple of 64 from 64 to 32768, got " + window);
        }
        if (maxStreams < 1 || maxStreams > 4096) {
            throw new IllegalArgumentException("maxStreams must be 1 to 4096, got " + maxStreams);
        }
        return new SrtpContext(suite, sending, transform(suite, key, salt, false), transform(suite, key, salt, true),
                window, maxStreams);
    }

    private static PacketTransform transform(SrtpSuite suite, byte[] key, byte[] salt, boolean forRtcp) {
        int base = forRtcp ? KeyDerivation.RTCP_ENCRYPTION : KeyDerivation.RTP_ENCRYPTION;
        byte[] k = KeyDerivation.derive(key, salt, base, suite.keyLength());
        byte[] s = KeyDerivation.derive(key, salt, base + 2, suite.saltLength());
        try {
            if (suite.aead()) {
                return new GcmTransform(k, s);
            }
            byte[] a = KeyDerivation.derive(key, salt, base + 1, SrtpSuite.AUTH_KEY_LENGTH);
            try {
                return new CmTransform(k, a, s, forRtcp ? suite.rtcpTagLength() : suite.rtpTagLength());
            } finally {
                Arrays.fill(a, (byte) 0);
            }
        } finally {
            Arrays.fill(k, (byte) 0);
            Arrays.fill(s, (byte) 0);
        }
    }

    /** For the RFC vectors, which give session keys: a context on ready-made transforms. */
    static SrtpContext ofTransforms(SrtpSuite suite, boolean sending, PacketTransform rtp, PacketTransform rtcp) {
        return new SrtpContext(suite, sending, rtp, rtcp, DEFAULT_REPLAY_WINDOW, DEFAULT_MAX_STREAMS);
    }

    /**
     * The suite.
     *
     * @return the suite this context was made for
     */
    public SrtpSuite suite() {
        return suite;
    }

    /**
     * Whether this context protects (true) or unprotects (false).
     *
     * @return the direction
     */
    public boolean sending() {
        return sending;
    }

    /**
     * Protects an RTP packet in place: encrypts the payload, appends the tag.
     *
     * @param packet holds the RTP packet; its limit must leave {@link SrtpSuite#rtpOverhead()} bytes after it
     * @param offset where the packet starts
     * @param length the RTP packet length
     * @return the SRTP packet length, or a negative {@link SrtpFailure#code()}: {@code TOO_SHORT},
     *     {@code MALFORMED}, {@code NO_ROOM}, {@code UNKNOWN_SSRC} (stream cap reached),
     *     {@code REPLAYED} (this index was already protected: sending it again would reuse a keystream)
     *     or {@code TOO_OLD} (the sequence number went back further than the replay window: a
     *     restarted sequence needs a new SSRC or a new key)
     * @throws IllegalStateException when this is a receiving context (a programming mistake)
     */
    public int protectRtp(ByteBuffer packet, int offset, int length) {
        requireDirection(true);
        int headerLength = Wire.rtpHeaderLength(packet, offset, length);
        if (headerLength < 0) {
            return fail(headerLength);
        }
        if (offset + length + suite.rtpOverhead() > packet.limit()) {
            return fail(SrtpFailure.NO_ROOM.code());
        }
        int ssrc = Wire.i32(packet, offset + 8);
        int seq = Wire.u16(packet, offset + 2);
        StreamState stream = find(rtpStreams, rtpCount, ssrc);
        if (stream == null) {
            if (rtpCount == maxStreams) {
                return fail(SrtpFailure.UNKNOWN_SSRC.code());
            }
            stream = new StreamState(ssrc, windowSize);
            rtpStreams[rtpCount++] = stream;
        }
        long index = stream.estimate(seq);
        if (index < 0) {
            return fail(SrtpFailure.TOO_OLD.code());
        }
        int window = stream.window.check(index);
        if (window != ReplayWindow.FRESH) {
            return fail(window == ReplayWindow.SEEN ? SrtpFailure.REPLAYED.code() : SrtpFailure.TOO_OLD.code());
        }
        stream.update(index);
        stream.window.accept(index);
        rtpPackets++;
        return rtp.protectRtp(packet, offset, headerLength, length - headerLength, ssrc, index);
    }

    /**
     * Authenticates and decrypts an SRTP packet in place.
     *
     * @param packet holds the SRTP packet
     * @param offset where it starts
     * @param length its length, tag included
     * @return the RTP packet length, or a negative {@link SrtpFailure#code()}
     * @throws IllegalStateException when this is a sending context (a programming mistake)
     */
    public int unprotectRtp(ByteBuffer packet, int offset, int length) {
        requireDirection(false);
        int tagLength = suite.rtpTagLength();
        int headerLength = Wire.rtpHeaderLength(packet, offset, length - tagLength);
        if (headerLength < 0) {
            return fail(headerLength);
        }
        int ssrc = Wire.i32(packet, offset + 8);
        int seq = Wire.u16(packet, offset + 2);
        StreamState stream = find(rtpStreams, rtpCount, ssrc);
        long index;
        if (stream == null) {
            if (rtpCount == maxStreams) {
                return fail(SrtpFailure.UNKNOWN_SSRC.code());
            }
            index = seq;
        } else {
            index = stream.estimate(seq);
            if (index < 0) {
                return fail(SrtpFailure.TOO_OLD.code());
            }
            int window = stream.window.check(index);
            if (window != ReplayWindow.FRESH) {
                return fail(window == ReplayWindow.SEEN ? SrtpFailure.REPLAYED.code() : SrtpFailure.TOO_OLD.code());
            }
        }
        int payloadLength = length - headerLength - tagLength;
        if (!rtp.unprotectRtp(packet, offset, headerLength, payloadLength, ssrc, index)) {
            return fail(SrtpFailure.AUTH_FAILED.code());
        }
        if (stream == null) {
            stream = new StreamState(ssrc, windowSize);
            rtpStreams[rtpCount++] = stream;
        }
        stream.update(index);
        stream.window.accept(index);
        rtpPackets++;
        return length - tagLength;
    }

    /**
     * Protects a compound RTCP packet in place: encrypts all but the first 8 bytes, appends the E
     * flag with the SRTCP index, and the tag.
     *
     * @param packet holds the RTCP packet; its limit must leave {@link SrtpSuite#rtcpOverhead()} bytes after it
     * @param offset where it starts
     * @param length its length
     * @return the SRTCP packet length, or a negative {@link SrtpFailure#code()}
     * @throws IllegalStateException when this is a receiving context (a programming mistake)
     */
    public int protectRtcp(ByteBuffer packet, int offset, int length) {
        requireDirection(true);
        if (length < 8) {
            return fail(SrtpFailure.TOO_SHORT.code());
        }
        if ((Wire.u8(packet, offset) >>> 6) != 2) {
            return fail(SrtpFailure.MALFORMED.code());
        }
        if (offset + length + suite.rtcpOverhead() > packet.limit()) {
            return fail(SrtpFailure.NO_ROOM.code());
        }
        int ssrc = Wire.i32(packet, offset + 4);
        StreamState stream = find(rtcpStreams, rtcpCount, ssrc);
        if (stream == null) {
            if (rtcpCount == maxStreams) {
                return fail(SrtpFailure.UNKNOWN_SSRC.code());
            }
            stream = new StreamState(ssrc, windowSize);
            rtcpStreams[rtcpCount++] = stream;
        }
        if (stream.nextRtcpIndex > MAX_RTCP_INDEX || stream.nextRtcpIndex < 0) {
            return fail(SrtpFailure.KEY_EXHAUSTED.code());
        }
        int index = stream.nextRtcpIndex++;
        rtcpPackets++;
        return rtcp.protectRtcp(packet, offset, length, ssrc, index);
    }

    /**
     * Authenticates and (when its E flag is set) decrypts an SRTCP packet in place.
     *
     * @param packet holds the SRTCP packet
     * @param offset where it starts
     * @param length its length, trailer and tag included
     * @return the RTCP packet length, or a negative {@link SrtpFailure#code()}
     * @throws IllegalStateException when this is a sending context (a programming mistake)
     */
    public int unprotectRtcp(ByteBuffer packet, int offset, int length) {
        requireDirection(false);
        if (length < 8 + suite.rtcpOverhead()) {
            return fail(SrtpFailure.TOO_SHORT.code());
        }
        if ((Wire.u8(packet, offset) >>> 6) != 2) {
            return fail(SrtpFailure.MALFORMED.code());
        }
        int ssrc = Wire.i32(packet, offset + 4);
        int trailer = Wire.i32(packet, offset + rtcp.rtcpIndexPosition(length));
        boolean encrypted = trailer < 0;
        int index = trailer & MAX_RTCP_INDEX;
        StreamState stream = find(rtcpStreams, rtcpCount, ssrc);
        if (stream == null) {
            if (rtcpCount == maxStreams) {
                return fail(SrtpFailure.UNKNOWN_SSRC.code());
            }
        } else {
            int window = stream.window.check(index);
            if (window != ReplayWindow.FRESH) {
                return fail(window == ReplayWindow.SEEN ? SrtpFailure.REPLAYED.code() : SrtpFailure.TOO_OLD.code());
            }
        }
        if (!rtcp.unprotectRtcp(packet, offset, length, ssrc, index, encrypted)) {
            return fail(SrtpFailure.AUTH_FAILED.code());
        }
        if (stream == null) {
            stream = new StreamState(ssrc, windowSize);
            rtcpStreams[rtcpCount++] = stream;
        }
        stream.window.accept(index);
        rtcpPackets++;
        return length - suite.rtcpOverhead();
    }

    /**
     * Packets refused for one reason since creation.
     *
     * @param failure the reason
     * @return the count
     */
    public long failures(SrtpFailure failure) {
        return failures[failure.ordinal()];
    }

    /**
     * SRTP packets protected or unprotected successfully.
     *
     * @return the count
     */
    public long rtpPackets() {
        return rtpPackets;
    }

    /**
     * SRTCP packets protected or unprotected successfully.
     *
     * @return the count
     */
    public long rtcpPackets() {
        return rtcpPackets;
    }

    /**
     * SSRCs this context tracks for RTP.
     *
     * @return the number of RTP streams
     */
    public int rtpStreams() {
        return rtpCount;
    }

    /**
     * The rollover counter of an RTP stream.
     *
     * @param ssrc the stream
     * @return its ROC, or -1 when the context does not track it
     */
    public long rolloverCounter(int ssrc) {
        StreamState s = find(rtpStreams, rtpCount, ssrc);
        return s == null ? -1 : s.roc();
    }

    /** For the published SRTCP vectors, whose first index is not 0. */
    void nextRtcpIndex(int ssrc, int index) {
        StreamState stream = find(rtcpStreams, rtcpCount, ssrc);
        if (stream == null) {
            stream = new StreamState(ssrc, windowSize);
            rtcpStreams[rtcpCount++] = stream;
        }
        stream.nextRtcpIndex = index;
    }

    /** Names the suite, the direction and the counters; never key material. */
    @Override
    public String toString() {
        return "SrtpContext[" + suite + (sending ? ", sending" : ", receiving") + ", rtp " + rtpPackets + ", rtcp "
                + rtcpPackets + ", streams " + rtpCount + ", failures " + Arrays.toString(failures) + "]";
    }

    private void requireDirection(boolean protect) {
        if (protect != sending) {
            throw new IllegalStateException("this SrtpContext is for " + (sending ? "sending" : "receiving")
                    + "; use forSending to protect and forReceiving to unprotect");
        }
    }

    private int fail(int code) {
        failures[SrtpFailure.of(code).ordinal()]++;
        return code;
    }

    private static StreamState find(StreamState[] streams, int count, int ssrc) {
        for (int i = 0; i < count; i++) {
            if (streams[i].ssrc == ssrc) {
                return streams[i];
            }
        }
        return null;
    }
}
