package io.voxcore.media.rtp;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A flyweight over one RTP packet (RFC 3550 section 5.1) in a caller-owned {@link ByteBuffer},
 * heap or direct. It reads and writes the bytes in place with absolute indexing, so the
 * buffer's position, limit and byte order are never touched; one instance can be re-pointed at
 * packet after packet with {@link #wrap}, and allocates nothing.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |            length             |  (if X = 1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        payload  ...   |  padding  | pad count |  (padding if P = 1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Header extensions in the RFC 8285 one-byte ({@code 0xBEDE}) and two-byte
 * ({@code 0x100x}) forms can be searched by element id with {@link #extensionElementOffset} and
 * {@link #extensionElementLength}; any other extension is skipped by its length field.
 *
 * <p>Read fields only after {@link #validate()} returned {@link RtpValidation#VALID}; on the
 * receive path validation returns a reason and never throws. Not thread-safe.
 */
public final class RtpPacket {

    /** The RTP version this flyweight reads and writes. */
    public static final int VERSION = 2;
    /** Length of the fixed header, without CSRCs or extension. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** Offset of the byte holding V, P, X and CC. */
    public static final int VPXCC_OFFSET = 0;
    /** Offset of the byte holding M and PT. */
    public static final int MPT_OFFSET = 1;
    /** Offset of the 16-bit sequence number. */
    public static final int SEQUENCE_OFFSET = 2;
    /** Offset of the 32-bit timestamp. */
    public static final int TIMESTAMP_OFFSET = 4;
    /** Offset of the 32-bit SSRC. */
    public static final int SSRC_OFFSET = 8;
    /** Offset of the first CSRC. */
    public static final int CSRC_OFFSET = 12;
    /** "Defined by profile" value of an RFC 8285 one-byte header extension. */
    public static final int ONE_BYTE_EXTENSION_PROFILE = 0xBEDE;
    /** "Defined by profile" value of an RFC 8285 two-byte extension, with the low 4 bits as app bits. */
    public static final int TWO_BYTE_EXTENSION_PROFILE = 0x1000;

    /** What {@link #walkExtension} returns for elements that run past the extension's end. */
    private static final long MALFORMED = -2;

    private ByteBuffer buffer;
    private int offset;
    private int length;
    private int payloadOffset;
    private int payloadLength;
    private int extensionOffset;
    private int extensionLength;

    /** Creates a flyweight pointing at nothing; call {@link #wrap} before use. */
    public RtpPacket() {
    }

    /**
     * Points this flyweight at a packet: {@code length} bytes from {@code offset} in
     * {@code buffer}. Does not read anything; call {@link #validate()} next.
     *
     * @param buffer the datagram's buffer, heap or direct
     * @param offset index of the packet's first byte
     * @param length the datagram's length
     * @return this
     * @throws IndexOutOfBoundsException if the range lies outside the buffer's capacity
     */
    public RtpPacket wrap(ByteBuffer buffer, int offset, int length) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        if (this.buffer != buffer) {
            // Stored only when it changes: a receive loop wraps the same buffer for every packet,
            // and a reference store into a long-lived flyweight costs G1 a card to refine each time.
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.payloadOffset = -1;
        this.payloadLength = -1;
        this.extensionOffset = -1;
        this.extensionLength = 0;
        return this;
    }

    /**
     * Checks the packet's structure and locates its payload. Never throws for any content.
     *
     * @return {@link RtpValidation#VALID}, or why the packet must be dropped
     */
    public RtpValidation validate() {
        if (length < FIXED_HEADER_LENGTH) {
            return RtpValidation.TRUNCATED;
        }
        int first = u8(VPXCC_OFFSET);
        if ((first >>> 6) != VERSION) {
            return RtpValidation.BAD_VERSION;
        }
        int header = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        if (header > length) {
            return RtpValidation.CSRC_OVERRUN;
        }
        int extOffset = -1;
        int extLength = 0;
        if ((first & 0x10) != 0) {
            if (header + 4 > length) {
                return RtpValidation.EXTENSION_OVERRUN;
            }
            extLength = 4 * u16(header + 2);
            extOffset = header + 4;
            if (extOffset + extLength > length) {
                return RtpValidation.EXTENSION_OVERRUN;
            }
            if (walkExtension(u16(header), extOffset, extLength, 0) == MALFORMED) {
                return RtpValidation.EXTENSION_OVERRUN;
            }
            header = extOffset + extLength;
        }
        int padding = 0;
        if ((first & 0x20) != 0) {
            padding = u8(length - 1);
            if (padding == 0 || padding > length - header) {
                return RtpValidation.BAD_PADDING;
            }
        }
        extensionOffset = extOffset;
        extensionLength = extLength;
        payloadOffset = header;
        payloadLength = length - header - padding;
        return RtpValidation.VALID;
    }

    /**
     * Finds an RFC 8285 header-extension element. Only valid packets; returns -1 when the packet
     * has no RFC 8285 extension or no element with this id.
     *
     * @param id the element id: 1-14 in the one-byte form, 1-255 in the two-byte form
     * @return the element data's index in the buffer, or -1
     */
    public int extensionElementOffset(int id) {
        long found = findElement(id);
        return found < 0 ? -1 : (int) (found >>> 32);
    }

    /**
     * The data length of an RFC 8285 header-extension element, or -1 when absent.
     *
     * @param id the element id
     * @return the length in bytes, or -1
     */
    public int extensionElementLength(int id) {
        long found = findElement(id);
        return found < 0 ? -1 : (int) found;
    }

    private long findElement(int wanted) {
        if (extensionOffset < 0 || wanted <= 0) {
            return -1;
        }
        long found = walkExtension(u16(extensionOffset - 4), extensionOffset, extensionLength, wanted);
        return found < 0 ? -1 : found;
    }

    /**
     * Walks the RFC 8285 elements of a header extension. With {@code wanted} 0 (never an element
     * id: 0 is padding) it only checks that every element fits.
     *
     * @return the element's absolute data offset in the high 32 bits and its length in the low
     *     32 bits; -1 when absent or the extension is not RFC 8285; {@link #MALFORMED}
     */
    private long walkExtension(int profile, int start, int size, int wanted) {
        boolean oneByte = profile == ONE_BYTE_EXTENSION_PROFILE;
        if (!oneByte && (profile & 0xFFF0) != TWO_BYTE_EXTENSION_PROFILE) {
            return -1; // not RFC 8285: opaque, skipped by its length
        }
        int end = start + size;
        int i = start;
        while (i < end) {
            int id;
            int len;
            if (oneByte) {
                int b = u8(i);
                if (b == 0) {
                    i++;
                    continue;
                }
                id = b >>> 4;
                if (id == 15) {
                    return -1; // reserved id: stop parsing, the rest is skipped
                }
                len = (b & 0x0F) + 1;
                i += 1;
            } else {
                id = u8(i);
                if (id == 0) {
                    i++;
                    continue;
                }
                if (i + 1 >= end) {
                    return MALFORMED;
                }
                len = u8(i + 1);
                i += 2;
            }
            if (i + len > end) {
                return MALFORMED;
            }
            if (id == wanted) {
                return ((long) (offset + i) << 32) | len;
            }
            i += len;
        }
        return -1;
    }

    /**
     * Writes a 12-byte fixed header (V=2, no padding, extension or CSRCs) at {@code offset}.
     * Absolute: the buffer's position is not used or changed.
     *
     * @param buffer where to write
     * @param offset index of the header's first byte
     * @param marker the marker bit
     * @param payloadType 0-127
     * @param sequenceNumber 0-65535 (higher bits are dropped)
     * @param timestamp 0 to 2^32-1 (higher bits are dropped)
     * @param ssrc 0 to 2^32-1 (higher bits are dropped)
     * @return {@link #FIXED_HEADER_LENGTH}
     */
    public static int writeHeader(ByteBuffer buffer, int offset, boolean marker, int payloadType,
                                  int sequenceNumber, long timestamp, long ssrc) {
        buffer.put(offset, (byte) (VERSION << 6));
        buffer.put(offset + 1, (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F)));
        buffer.put(offset + 2, (byte) (sequenceNumber >>> 8));
        buffer.put(offset + 3, (byte) sequenceNumber);
        putU32(buffer, offset + TIMESTAMP_OFFSET, timestamp);
        putU32(buffer, offset + SSRC_OFFSET, ssrc);
        return FIXED_HEADER_LENGTH;
    }

    /**
     * The version field (2 for RTP).
     *
     * @return 0-3
     */
    public int version() {
        return u8(VPXCC_OFFSET) >>> 6;
    }

    /**
     * The padding bit.
     *
     * @return whether the packet ends with padding
     */
    public boolean padding() {
        return (u8(VPXCC_OFFSET) & 0x20) != 0;
    }

    /**
     * The extension bit.
     *
     * @return whether a header extension follows the CSRCs
     */
    public boolean extension() {
        return (u8(VPXCC_OFFSET) & 0x10) != 0;
    }

    /**
     * The CSRC count.
     *
     * @return 0-15
     */
    public int csrcCount() {
        return u8(VPXCC_OFFSET) & 0x0F;
    }

    /**
     * The marker bit (the first packet of a talkspurt, for audio).
     *
     * @return the marker
     */
    public boolean marker() {
        return (u8(MPT_OFFSET) & 0x80) != 0;
    }

    /**
     * Sets the marker bit in place.
     *
     * @param marker the new value
     * @return this
     */
    public RtpPacket marker(boolean marker) {
        int b = u8(MPT_OFFSET);
        buffer.put(offset + MPT_OFFSET, (byte) (marker ? b | 0x80 : b & 0x7F));
        return this;
    }

    /**
     * The payload type.
     *
     * @return 0-127
     */
    public int payloadType() {
        return u8(MPT_OFFSET) & 0x7F;
    }

    /**
     * Sets the payload type in place, keeping the marker bit.
     *
     * @param payloadType 0-127
     * @return this
     */
    public RtpPacket payloadType(int payloadType) {
        buffer.put(offset + MPT_OFFSET, (byte) ((u8(MPT_OFFSET) & 0x80) | (payloadType & 0x7F)));
        return this;
    }

    /**
     * The sequence number.
     *
     * @return 0-65535
     */
    public int sequenceNumber() {
        return u16(SEQUENCE_OFFSET);
    }

    /**
     * Sets the sequence number in place.
     *
     * @param sequenceNumber 0-65535 (higher bits are dropped)
     * @return this
     */
    public RtpPacket sequenceNumber(int sequenceNumber) {
        buffer.put(offset + SEQUENCE_OFFSET, (byte) (sequenceNumber >>> 8));
        buffer.put(offset + SEQUENCE_OFFSET + 1, (byte) sequenceNumber);
        return this;
    }

    /**
     * The RTP timestamp.
     *
     * @return 0 to 2^32-1
     */
    public long timestamp() {
        return u32(TIMESTAMP_OFFSET);
    }

    /**
     * Sets the timestamp in place.
     *
     * @param timestamp 0 to 2^32-1 (higher bits are dropped)
     * @return this
     */
    public RtpPacket timestamp(long timestamp) {
        putU32(buffer, offset + TIMESTAMP_OFFSET, timestamp);
        return this;
    }

    /**
     * The synchronization source.
     *
     * @return 0 to 2^32-1
     */
    public long ssrc() {
        return u32(SSRC_OFFSET);
    }

    /**
     * Sets the SSRC in place.
     *
     * @param ssrc 0 to 2^32-1 (higher bits are dropped)
     * @return this
     */
    public RtpPacket ssrc(long ssrc) {
        putU32(buffer, offset + SSRC_OFFSET, ssrc);
        return this;
    }

    /**
     * One contributing source.
     *
     * @param index 0 to {@link #csrcCount()} - 1
     * @return the CSRC
     * @throws IndexOutOfBoundsException for an index outside the CSRC list
     */
    public long csrc(int index) {
        Objects.checkIndex(index, csrcCount());
        return u32(CSRC_OFFSET + 4 * index);
    }

    /**
     * The header extension's "defined by profile" field, or -1 without an extension.
     *
     * @return 0-65535, or -1
     */
    public int extensionProfile() {
        return extensionOffset < 0 ? -1 : u16(extensionOffset - 4);
    }

    /** {@return the length of the header extension's data in bytes (0 without an extension)} */
    public int extensionLength() {
        return extensionLength;
    }

    /** {@return the length of the whole header (fixed part, CSRCs, extension); valid packets only} */
    public int headerLength() {
        return payloadOffset;
    }

    /** {@return the absolute index of the payload's first byte in the buffer; valid packets only} */
    public int payloadOffset() {
        return offset + payloadOffset;
    }

    /** {@return the payload's length in bytes, without padding; valid packets only} */
    public int payloadLength() {
        return payloadLength;
    }

    /** {@return the number of padding bytes at the end (0 without padding); valid packets only} */
    public int paddingLength() {
        return length - payloadOffset - payloadLength;
    }

    /** {@return the datagram length this flyweight was wrapped with, in bytes} */
    public int length() {
        return length;
    }

    /** {@return the buffer this flyweight points into} */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** {@return the index of the packet's first byte in {@link #buffer()}} */
    public int offset() {
        return offset;
    }

    private int u8(int at) {
        return buffer.get(offset + at) & 0xFF;
    }

    private int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }

    private long u32(int at) {
        return ((long) u16(at) << 16) | u16(at + 2);
    }

    private static void putU32(ByteBuffer buffer, int at, long value) {
        buffer.put(at, (byte) (value >>> 24));
        buffer.put(at + 1, (byte) (value >>> 16));
        buffer.put(at + 2, (byte) (value >>> 8));
        buffer.put(at + 3, (byte) value);
    }

    @Override
    public String toString() {
        if (buffer == null) {
            return "RtpPacket[unwrapped]";
        }
        if (length < FIXED_HEADER_LENGTH) {
            return "RtpPacket[" + length + " bytes, truncated]";
        }
        return "RtpPacket[pt=" + payloadType() + " seq=" + sequenceNumber() + " ts=" + timestamp()
                + " ssrc=" + Long.toHexString(ssrc()) + (marker() ? " M" : "") + " len=" + length + "]";
    }
}
