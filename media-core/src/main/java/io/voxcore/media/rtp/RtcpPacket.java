package io.voxcore.media.rtp;

import static io.voxcore.media.rtp.Wire.put32;
import static io.voxcore.media.rtp.Wire.u16;
import static io.voxcore.media.rtp.Wire.u32;
import static io.voxcore.media.rtp.Wire.u8;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A flyweight cursor over a compound RTCP packet (RFC 3550 section 6) in a caller-owned
 * {@link ByteBuffer}, heap or direct: it validates the whole datagram per appendix A.2, then
 * walks its packets one by one with {@link #next()}, reading each packet's common header. It
 * uses absolute indexing, so the buffer's position, limit and byte order are never touched, and
 * allocates nothing; re-point it at the next datagram with {@link #wrap}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |   length (32-bit words - 1)   |  common header
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              SSRC (of the sender, or first source)            |  SR, RR, SDES, BYE, APP, FB, XR
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     type-specific body ...                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |             length            |  next packet of the compound
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Typical receive loop:
 * <pre>{@code
 * RtcpPacket rtcp = new RtcpPacket();          // one per receive thread, reused
 * RtcpReport report = new RtcpReport();
 * if (rtcp.wrap(buf, off, len).validate() != RtcpValidation.VALID) { dropped++; return; }
 * do {
 *     switch (rtcp.packetType()) {
 *         case RtcpPacket.SR, RtcpPacket.RR -> report.wrap(rtcp) ...
 *         default -> { } // APP, feedback, XR, unknown: skipped by their length
 *     }
 * } while (rtcp.next());
 * }</pre>
 *
 * <p>Per-packet accessors are meaningful only after {@link #validate()} returned
 * {@link RtcpValidation#VALID}. Not thread-safe.
 */
public final class RtcpPacket {

    /** The RTP/RTCP version this flyweight reads and writes. */
    public static final int VERSION = 2;
    /** Length of the common header (V, P, count, PT, length). */
    public static final int HEADER_LENGTH = 4;
    /** Offset of the byte holding V, P and the 5-bit count (RC, SC or subtype). */
    public static final int VPC_OFFSET = 0;
    /** Offset of the packet type byte. */
    public static final int PACKET_TYPE_OFFSET = 1;
    /** Offset of the 16-bit length field: the packet's length in 32-bit words, minus one. */
    public static final int LENGTH_OFFSET = 2;
    /** Offset of the first SSRC (the sender's, for SR/RR/APP/feedback/XR; the first source's for SDES/BYE). */
    public static final int SSRC_OFFSET = 4;

    /** Packet type: sender report (RFC 3550 section 6.4.1). */
    public static final int SR = 200;
    /** Packet type: receiver report (RFC 3550 section 6.4.2). */
    public static final int RR = 201;
    /** Packet type: source description (RFC 3550 section 6.5). */
    public static final int SDES = 202;
    /** Packet type: goodbye (RFC 3550 section 6.6). */
    public static final int BYE = 203;
    /** Packet type: application-defined (RFC 3550 section 6.7); skipped by its length. */
    public static final int APP = 204;
    /** Packet type: transport-layer feedback (RFC 4585); skipped by its length. */
    public static final int RTPFB = 205;
    /** Packet type: payload-specific feedback (RFC 4585); skipped by its length. */
    public static final int PSFB = 206;
    /** Packet type: extended reports (RFC 3611); skipped by its length. */
    public static final int XR = 207;

    /** Fixed part of a sender report: header, sender SSRC and the 20-byte sender info. */
    static final int SR_FIXED_LENGTH = 28;
    /** Fixed part of a receiver report: header and sender SSRC. */
    static final int RR_FIXED_LENGTH = 8;
    /** Length of one report block. */
    static final int REPORT_BLOCK_LENGTH = 24;

    private ByteBuffer buffer;
    private int start;
    private int end;
    private int packet;

    /** Creates a cursor pointing at nothing; call {@link #wrap} before use. */
    public RtcpPacket() {
    }

    /**
     * Whether a datagram multiplexed on one port with RTP (RFC 5761 section 4) is RTCP: its second
     * byte, the RTCP packet type or RTP's marker bit and payload type, lies in 192-223. RTP
     * payload types 64-95 are not used on a multiplexed port, so the ranges cannot collide.
     * Never throws for a range inside the buffer; a datagram under 2 bytes is not RTCP.
     *
     * @param buffer the datagram's buffer
     * @param offset index of its first byte
     * @param length its length
     * @return true for RTCP, false for RTP (or anything too short to tell)
     */
    public static boolean isRtcp(ByteBuffer buffer, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int type = u8(buffer, offset + 1);
        return type >= 192 && type <= 223;
    }

    /**
     * Points this cursor at a compound packet: {@code length} bytes from {@code offset} in
     * {@code buffer}, positioned on its first packet. Reads nothing; call {@link #validate()} next.
     *
     * @param buffer the datagram's buffer, heap or direct
     * @param offset index of the datagram's first byte
     * @param length the datagram's length
     * @return this
     * @throws IndexOutOfBoundsException if the range lies outside the buffer's capacity
     */
    public RtcpPacket wrap(ByteBuffer buffer, int offset, int length) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        if (this.buffer != buffer) { // stored only when it changes (see RtpPacket.wrap)
            this.buffer = buffer;
        }
        this.start = offset;
        this.end = offset + length;
        this.packet = offset;
        return this;
    }

    /**
     * Checks the whole compound packet (RFC 3550 appendix A.2 plus the structure of SR, RR, SDES
     * and BYE bodies, so that their flyweights stay inside the datagram) and rewinds the cursor to
     * the first packet. Never throws for any content.
     *
     * @return {@link RtcpValidation#VALID}, or why the datagram must be dropped
     */
    public RtcpValidation validate() {
        packet = start;
        int length = end - start;
        if (length < HEADER_LENGTH) {
            return RtcpValidation.TRUNCATED;
        }
        if ((u8(buffer, start) >>> 6) != VERSION) {
            return RtcpValidation.BAD_VERSION;
        }
        int firstType = u8(buffer, start + PACKET_TYPE_OFFSET);
        if (firstType != SR && firstType != RR) {
            return RtcpValidation.FIRST_NOT_REPORT;
        }
        int at = start;
        while (at < end) {
            if (end - at < HEADER_LENGTH) {
                return RtcpValidation.BAD_LENGTH;
            }
            int first = u8(buffer, at);
            if ((first >>> 6) != VERSION) {
                return RtcpValidation.BAD_VERSION;
            }
            int size = 4 * (u16(buffer, at + LENGTH_OFFSET) + 1);
            if (size > end - at) {
                return RtcpValidation.BAD_LENGTH;
            }
            int body = size;
            if ((first & 0x20) != 0) {
                if (at + size != end) {
                    return RtcpValidation.BAD_PADDING;
                }
                int padding = u8(buffer, at + size - 1);
                if (padding == 0 || padding > size - HEADER_LENGTH) {
                    return RtcpValidation.BAD_PADDING;
                }
                body = size - padding;
            }
            RtcpValidation bodyCheck = checkBody(at, body, u8(buffer, at + PACKET_TYPE_OFFSET), first & 0x1F);
            if (bodyCheck != RtcpValidation.VALID) {
                return bodyCheck;
            }
            at += size;
        }
        return RtcpValidation.VALID;
    }

    /** End of a packet's body: its last byte + 1, less its padding. Validated packets only. */
    static int bodyEnd(ByteBuffer buffer, int at) {
        int end = at + 4 * (u16(buffer, at + LENGTH_OFFSET) + 1);
        return (u8(buffer, at) & 0x20) != 0 ? end - u8(buffer, end - 1) : end;
    }

    private RtcpValidation checkBody(int at, int body, int type, int count) {
        switch (type) {
            case SR:
                if (body < SR_FIXED_LENGTH) {
                    return RtcpValidation.TRUNCATED;
                }
                return SR_FIXED_LENGTH + REPORT_BLOCK_LENGTH * count <= body
                        ? RtcpValidation.VALID : RtcpValidation.BAD_REPORT_COUNT;
            case RR:
                if (body < RR_FIXED_LENGTH) {
                    return RtcpValidation.TRUNCATED;
                }
                return RR_FIXED_LENGTH + REPORT_BLOCK_LENGTH * count <= body
                        ? RtcpValidation.VALID : RtcpValidation.BAD_REPORT_COUNT;
            case SDES:
                return RtcpSdes.chunksEnd(buffer, at, count, at + body) >= 0
                        ? RtcpValidation.VALID : RtcpValidation.BAD_SDES;
            case BYE:
                return RtcpBye.fits(buffer, at, count, at + body) ? RtcpValidation.VALID : RtcpValidation.BAD_BYE;
            default:
                return RtcpValidation.VALID; // APP, feedback, XR and unknown types: skipped by their length
        }
    }

    /**
     * Moves the cursor to the next packet of the compound.
     *
     * @return true if there is one (the cursor is on it), false at the end (the cursor stays)
     */
    public boolean next() {
        int following = nextOffset();
        if (following + HEADER_LENGTH > end) {
            return false;
        }
        packet = following;
        return true;
    }

    /**
     * Moves the cursor back to the first packet.
     *
     * @return this
     */
    public RtcpPacket rewind() {
        packet = start;
        return this;
    }

    /**
     * Index, in the buffer, of the byte after the current packet: the next packet's first byte,
     * or the datagram's end.
     *
     * @return the absolute index
     */
    public int nextOffset() {
        return packet + packetLength();
    }

    /**
     * Index of the current packet's first byte in {@link #buffer()}.
     *
     * @return the absolute index
     */
    public int packetOffset() {
        return packet;
    }

    /**
     * Length of the current packet in bytes, header and padding included: 4 × (length field + 1).
     *
     * @return bytes
     */
    public int packetLength() {
        return 4 * (u16(buffer, packet + LENGTH_OFFSET) + 1);
    }

    /**
     * The current packet's version field (2).
     *
     * @return 0-3
     */
    public int version() {
        return u8(buffer, packet) >>> 6;
    }

    /**
     * The current packet's padding bit (only the last packet of a compound may have it).
     *
     * @return whether the packet ends with padding
     */
    public boolean padding() {
        return (u8(buffer, packet) & 0x20) != 0;
    }

    /**
     * The current packet's 5-bit count: report blocks (SR, RR), chunks (SDES), sources (BYE), or
     * the subtype or format (APP, feedback).
     *
     * @return 0-31
     */
    public int count() {
        return u8(buffer, packet) & 0x1F;
    }

    /**
     * The current packet's type ({@link #SR}, {@link #RR}, {@link #SDES}, {@link #BYE}, ...).
     *
     * @return 0-255
     */
    public int packetType() {
        return u8(buffer, packet + PACKET_TYPE_OFFSET);
    }

    /**
     * The current packet's first SSRC: the sender's for SR, RR, APP, feedback and XR; the first
     * chunk's or source's for SDES and BYE (meaningless when their count is 0).
     *
     * @return 0 to 2^32-1
     */
    public long ssrc() {
        return u32(buffer, packet + SSRC_OFFSET);
    }

    /**
     * Sets the current packet's first SSRC in place.
     *
     * @param ssrc 0 to 2^32-1 (higher bits are dropped)
     * @return this
     */
    public RtcpPacket ssrc(long ssrc) {
        put32(buffer, packet + SSRC_OFFSET, ssrc);
        return this;
    }

    /**
     * The buffer this cursor points into.
     *
     * @return the buffer
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Index of the compound packet's first byte in {@link #buffer()}.
     *
     * @return the offset
     */
    public int offset() {
        return start;
    }

    /**
     * The compound packet's length, as wrapped.
     *
     * @return bytes
     */
    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        if (buffer == null) {
            return "RtcpPacket[unwrapped]";
        }
        if (end - packet < HEADER_LENGTH) {
            return "RtcpPacket[" + (end - start) + " bytes, truncated]";
        }
        return "RtcpPacket[pt=" + packetType() + " count=" + count() + " at=" + (packet - start)
                + " len=" + packetLength() + " of " + (end - start) + "]";
    }
}
