package io.voxcore.media.rtp;

import static io.voxcore.media.rtp.Wire.u32;
import static io.voxcore.media.rtp.Wire.u8;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A flyweight over one goodbye packet (BYE, PT 203, RFC 3550 section 6.6) inside a validated
 * compound packet: the sources leaving and an optional reason. Absolute indexing over a
 * caller-owned buffer; allocates nothing.
 *
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |  SC of them
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...   null-padded to 32 bits
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Use only on a packet of a compound that {@link RtcpPacket#validate()} accepted. Not thread-safe.
 */
public final class RtcpBye {

    /** Offset of the first source from the packet's first byte. */
    public static final int FIRST_SOURCE_OFFSET = 4;
    /** Longest reason text (the 8-bit length field). */
    public static final int MAX_REASON_LENGTH = 255;

    private ByteBuffer buffer;
    private int offset;

    /** Creates a flyweight pointing at nothing; call {@link #wrap} before use. */
    public RtcpBye() {
    }

    /** Whether {@code count} sources and any reason fit before {@code limit}; never reads at or past it. */
    static boolean fits(ByteBuffer buffer, int packet, int count, int limit) {
        int reason = packet + FIRST_SOURCE_OFFSET + 4 * count;
        if (reason > limit) {
            return false;
        }
        return reason == limit || reason + 1 + u8(buffer, reason) <= limit;
    }

    /**
     * Points this flyweight at the BYE packet the given cursor is on.
     *
     * @param packet a cursor on a validated compound, positioned on a BYE packet
     * @return this
     * @throws IllegalArgumentException if the current packet is not BYE
     */
    public RtcpBye wrap(RtcpPacket packet) {
        return wrap(packet.buffer(), packet.packetOffset());
    }

    /**
     * Points this flyweight at the BYE packet at {@code offset} (already validated).
     *
     * @param buffer the buffer holding the compound packet
     * @param offset index of the BYE packet's first byte
     * @return this
     * @throws IllegalArgumentException if the packet there is not BYE
     */
    public RtcpBye wrap(ByteBuffer buffer, int offset) {
        Objects.requireNonNull(buffer, "buffer");
        int type = u8(buffer, offset + RtcpPacket.PACKET_TYPE_OFFSET);
        if (type != RtcpPacket.BYE) {
            throw new IllegalArgumentException("packet at offset " + offset + " has type " + type + ", not BYE (203)");
        }
        if (this.buffer != buffer) { // stored only when it changes (see RtpPacket.wrap)
            this.buffer = buffer;
        }
        this.offset = offset;
        return this;
    }

    /**
     * The number of sources leaving (the SC field).
     *
     * @return 0-31
     */
    public int sourceCount() {
        return u8(buffer, offset) & 0x1F;
    }

    /**
     * One source leaving.
     *
     * @param index 0 to {@link #sourceCount()} - 1
     * @return its SSRC or CSRC
     * @throws IndexOutOfBoundsException for an index outside the source list
     */
    public long ssrc(int index) {
        Objects.checkIndex(index, sourceCount());
        return u32(buffer, offset + FIRST_SOURCE_OFFSET + 4 * index);
    }

    /**
     * Index in the buffer of the reason text, or -1 when the packet carries none.
     *
     * @return the absolute index, or -1
     */
    public int reasonOffset() {
        int reason = offset + FIRST_SOURCE_OFFSET + 4 * sourceCount();
        return reason < RtcpPacket.bodyEnd(buffer, offset) ? reason + 1 : -1;
    }

    /**
     * Length of the reason text in bytes, 0 when the packet carries none.
     *
     * @return 0-255
     */
    public int reasonLength() {
        int at = reasonOffset();
        return at < 0 ? 0 : u8(buffer, at - 1);
    }

    @Override
    public String toString() {
        return buffer == null ? "RtcpBye[unwrapped]" : "RtcpBye[sources=" + sourceCount() + " reason=" + reasonLength() + "]";
    }
}
