package io.voxcore.media.rtp;

import static io.voxcore.media.rtp.Wire.u32;
import static io.voxcore.media.rtp.Wire.u8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A flyweight cursor over one source description packet (SDES, PT 202, RFC 3550 section 6.5)
 * inside a validated compound packet: chunks one by one with {@link #nextChunk()}, and within a
 * chunk its items with {@link #nextItem()} or {@link #findItem}. Absolute indexing over a
 * caller-owned buffer; allocates nothing except {@link #itemText()}.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |    CNAME=1    |     length    | user and domain name        ...
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |  ... more items ...           |  END=0 (null) | null padding  |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_2                          |
 *   2    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items ...                      |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * <p>Each chunk's item list ends with a null octet, padded with more nulls to the next 32-bit
 * boundary. Use only on a packet of a compound that {@link RtcpPacket#validate()} accepted.
 * Not thread-safe.
 */
public final class RtcpSdes {

    /** Item type 0: ends a chunk's item list. */
    public static final int END = 0;
    /** Item type 1: canonical end-point identifier, required in every compound packet. */
    public static final int CNAME = 1;
    /** Item type 2: user name. */
    public static final int NAME = 2;
    /** Item type 3: e-mail address. */
    public static final int EMAIL = 3;
    /** Item type 4: phone number. */
    public static final int PHONE = 4;
    /** Item type 5: geographic location. */
    public static final int LOC = 5;
    /** Item type 6: application or tool name. */
    public static final int TOOL = 6;
    /** Item type 7: notice or status. */
    public static final int NOTE = 7;
    /** Item type 8: private extension. */
    public static final int PRIV = 8;
    /** Offset of the first chunk from the packet's first byte. */
    public static final int FIRST_CHUNK_OFFSET = 4;
    /** Bytes before an item's text: type and length. */
    public static final int ITEM_HEADER_LENGTH = 2;
    /** Longest item text (the 8-bit length field). */
    public static final int MAX_ITEM_LENGTH = 255;

    private ByteBuffer buffer;
    private int offset;
    private int chunkIndex;
    private int chunkOffset;
    private int nextItem;
    private int itemType;
    private int itemOffset;
    private int itemLength;

    /** Creates a cursor pointing at nothing; call {@link #wrap} before use. */
    public RtcpSdes() {
    }

    /**
     * Walks {@code count} chunks from a packet's first byte; returns where they end, or -1 when a
     * chunk or item runs past {@code limit}. Never reads at or past {@code limit}.
     */
    static int chunksEnd(ByteBuffer buffer, int packet, int count, int limit) {
        int at = packet + FIRST_CHUNK_OFFSET;
        for (int c = 0; c < count; c++) {
            if (at + 4 > limit) {
                return -1;
            }
            at = itemsEnd(buffer, packet, at + 4, limit);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    /** From a chunk's first item, the index after its null terminator and padding, or -1 past {@code limit}. */
    private static int itemsEnd(ByteBuffer buffer, int packet, int at, int limit) {
        while (true) {
            if (at >= limit) {
                return -1;
            }
            if (u8(buffer, at) == END) {
                int end = packet + ((at + 1 - packet + 3) & ~3);
                return end <= limit ? end : -1;
            }
            if (at + ITEM_HEADER_LENGTH > limit) {
                return -1;
            }
            at += ITEM_HEADER_LENGTH + u8(buffer, at + 1);
        }
    }

    /**
     * Points this cursor at the SDES packet the given cursor is on, before its first chunk.
     *
     * @param packet a cursor on a validated compound, positioned on an SDES packet
     * @return this
     * @throws IllegalArgumentException if the current packet is not SDES
     */
    public RtcpSdes wrap(RtcpPacket packet) {
        return wrap(packet.buffer(), packet.packetOffset());
    }

    /**
     * Points this cursor at the SDES packet at {@code offset} (already validated), before its first chunk.
     *
     * @param buffer the buffer holding the compound packet
     * @param offset index of the SDES packet's first byte
     * @return this
     * @throws IllegalArgumentException if the packet there is not SDES
     */
    public RtcpSdes wrap(ByteBuffer buffer, int offset) {
        Objects.requireNonNull(buffer, "buffer");
        int type = u8(buffer, offset + RtcpPacket.PACKET_TYPE_OFFSET);
        if (type != RtcpPacket.SDES) {
            throw new IllegalArgumentException("packet at offset " + offset + " has type " + type + ", not SDES (202)");
        }
        if (this.buffer != buffer) { // stored only when it changes (see RtpPacket.wrap)
            this.buffer = buffer;
        }
        this.offset = offset;
        this.chunkIndex = -1;
        this.chunkOffset = -1;
        this.nextItem = -1;
        this.itemType = END;
        this.itemOffset = -1;
        this.itemLength = 0;
        return this;
    }

    /**
     * The number of chunks (the SC field).
     *
     * @return 0-31
     */
    public int chunkCount() {
        return u8(buffer, offset) & 0x1F;
    }

    /**
     * Moves to the next chunk (the first, after {@link #wrap}).
     *
     * @return true if there is one, false after the last
     */
    public boolean nextChunk() {
        if (chunkIndex + 1 >= chunkCount()) {
            return false;
        }
        chunkOffset = chunkIndex < 0 ? offset + FIRST_CHUNK_OFFSET
                : itemsEnd(buffer, offset, chunkOffset + 4, RtcpPacket.bodyEnd(buffer, offset));
        chunkIndex++;
        nextItem = chunkOffset + 4;
        itemType = END;
        itemOffset = -1;
        itemLength = 0;
        return true;
    }

    /**
     * The SSRC or CSRC the current chunk describes.
     *
     * @return 0 to 2^32-1
     */
    public long chunkSsrc() {
        return u32(buffer, chunkOffset);
    }

    /**
     * Moves to the current chunk's next item.
     *
     * @return true if there is one, false at the chunk's end
     */
    public boolean nextItem() {
        int type = u8(buffer, nextItem);
        if (type == END) {
            return false;
        }
        itemType = type;
        itemLength = u8(buffer, nextItem + 1);
        itemOffset = nextItem + ITEM_HEADER_LENGTH;
        nextItem = itemOffset + itemLength;
        return true;
    }

    /**
     * Finds the first item of a type in the current chunk and makes it the current item.
     *
     * @param type an item type such as {@link #CNAME}
     * @return true if found
     */
    public boolean findItem(int type) {
        nextItem = chunkOffset + 4;
        while (nextItem()) {
            if (itemType == type) {
                return true;
            }
        }
        return false;
    }

    /**
     * The current item's type.
     *
     * @return 1-255
     */
    public int itemType() {
        return itemType;
    }

    /**
     * Index in the buffer of the current item's text.
     *
     * @return the absolute index
     */
    public int itemOffset() {
        return itemOffset;
    }

    /**
     * Length of the current item's text in bytes.
     *
     * @return 0-255
     */
    public int itemLength() {
        return itemLength;
    }

    /**
     * The current item's text decoded as UTF-8 (RFC 3550 section 6.5). Allocates: for logs and
     * setup, not the per-packet path.
     *
     * @return the text
     */
    public String itemText() {
        byte[] text = new byte[itemLength];
        for (int i = 0; i < itemLength; i++) {
            text[i] = buffer.get(itemOffset + i);
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return buffer == null ? "RtcpSdes[unwrapped]" : "RtcpSdes[chunks=" + chunkCount() + " at chunk " + chunkIndex + "]";
    }
}
