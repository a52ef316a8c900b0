package io.voxcore.media.rtp;

import static io.voxcore.media.rtp.Wire.put32;
import static io.voxcore.media.rtp.Wire.u24;
import static io.voxcore.media.rtp.Wire.u32;
import static io.voxcore.media.rtp.Wire.u8;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A flyweight over one sender report (PT 200, RFC 3550 section 6.4.1) or receiver report
 * (PT 201, section 6.4.2) inside a validated compound packet, with its report blocks read by
 * index. Absolute indexing over a caller-owned buffer; allocates nothing; re-point it with
 * {@link #wrap(RtcpPacket)} for each report.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |  (SR only)
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report |                 SSRC_1 (SSRC of first source)                 |  RC blocks of 24 bytes
 * block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   1    | fraction lost |       cumulative number of packets lost       |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |           extended highest sequence number received           |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      interarrival jitter                      |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         last SR (LSR)                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                   delay since last SR (DLSR)                  |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * <p>A receiver report is the same without the sender info: its report blocks start at
 * {@link #RR_BLOCKS_OFFSET}. Offsets below are from the report's first byte; block field offsets
 * are from the block's first byte. Use only on a packet of a compound that
 * {@link RtcpPacket#validate()} accepted. Not thread-safe.
 */
public final class RtcpReport {

    /** Offset of the sender's SSRC. */
    public static final int SENDER_SSRC_OFFSET = 4;
    /** Offset of the 64-bit NTP timestamp (SR only). */
    public static final int NTP_TIMESTAMP_OFFSET = 8;
    /** Offset of the 32-bit RTP timestamp (SR only). */
    public static final int RTP_TIMESTAMP_OFFSET = 16;
    /** Offset of the sender's packet count (SR only). */
    public static final int PACKET_COUNT_OFFSET = 20;
    /** Offset of the sender's octet count (SR only). */
    public static final int OCTET_COUNT_OFFSET = 24;
    /** Offset of the first report block in a sender report. */
    public static final int SR_BLOCKS_OFFSET = 28;
    /** Offset of the first report block in a receiver report. */
    public static final int RR_BLOCKS_OFFSET = 8;
    /** Length of one report block. */
    public static final int BLOCK_LENGTH = 24;
    /** Largest number of report blocks in one report (the 5-bit RC field). */
    public static final int MAX_BLOCKS = 31;
    /** Offset, in a block, of the reported source's SSRC. */
    public static final int BLOCK_SSRC_OFFSET = 0;
    /** Offset, in a block, of the 8-bit fraction lost. */
    public static final int BLOCK_FRACTION_LOST_OFFSET = 4;
    /** Offset, in a block, of the 24-bit signed cumulative number of packets lost. */
    public static final int BLOCK_CUMULATIVE_LOST_OFFSET = 5;
    /** Offset, in a block, of the extended highest sequence number received. */
    public static final int BLOCK_EXTENDED_HIGHEST_SEQUENCE_OFFSET = 8;
    /** Offset, in a block, of the interarrival jitter. */
    public static final int BLOCK_JITTER_OFFSET = 12;
    /** Offset, in a block, of the last SR timestamp (LSR). */
    public static final int BLOCK_LAST_SR_OFFSET = 16;
    /** Offset, in a block, of the delay since last SR (DLSR). */
    public static final int BLOCK_DELAY_SINCE_LAST_SR_OFFSET = 20;

    private ByteBuffer buffer;
    private int offset;
    private int blocks;

    /** Creates a flyweight pointing at nothing; call {@link #wrap} before use. */
    public RtcpReport() {
    }

    /**
     * Points this flyweight at the cursor's current packet, which must be an SR or RR.
     *
     * @param packet a cursor on a validated compound, positioned on a report
     * @return this
     * @throws IllegalArgumentException if the current packet is neither SR nor RR
     */
    public RtcpReport wrap(RtcpPacket packet) {
        return wrap(packet.buffer(), packet.packetOffset());
    }

    /**
     * Points this flyweight at an SR or RR starting at {@code offset} (already validated).
     *
     * @param buffer the buffer holding the compound packet
     * @param offset index of the report's first byte
     * @return this
     * @throws IllegalArgumentException if the packet there is neither SR nor RR
     */
    public RtcpReport wrap(ByteBuffer buffer, int offset) {
        Objects.requireNonNull(buffer, "buffer");
        int type = u8(buffer, offset + RtcpPacket.PACKET_TYPE_OFFSET);
        if (type != RtcpPacket.SR && type != RtcpPacket.RR) {
            throw new IllegalArgumentException("packet at offset " + offset + " has type " + type
                    + ", not a sender (200) or receiver (201) report");
        }
        if (this.buffer != buffer) { // stored only when it changes (see RtpPacket.wrap)
            this.buffer = buffer;
        }
        this.offset = offset;
        this.blocks = offset + (type == RtcpPacket.SR ? SR_BLOCKS_OFFSET : RR_BLOCKS_OFFSET);
        return this;
    }

    /**
     * Whether this is a sender report (with sender info) rather than a receiver report.
     *
     * @return true for PT 200
     */
    public boolean isSenderReport() {
        return u8(buffer, offset + RtcpPacket.PACKET_TYPE_OFFSET) == RtcpPacket.SR;
    }

    /**
     * The SSRC of the report's originator.
     *
     * @return 0 to 2^32-1
     */
    public long ssrc() {
        return u32(buffer, offset + SENDER_SSRC_OFFSET);
    }

    /**
     * Sets the originator's SSRC in place.
     *
     * @param ssrc 0 to 2^32-1 (higher bits are dropped)
     * @return this
     */
    public RtcpReport ssrc(long ssrc) {
        put32(buffer, offset + SENDER_SSRC_OFFSET, ssrc);
        return this;
    }

    /**
     * The sender's wall clock when the report was sent, in 64-bit NTP format (see {@link NtpTime}).
     * Sender reports only.
     *
     * @return seconds since 1900 in the high 32 bits, the fraction in the low 32 bits
     */
    public long ntpTimestamp() {
        return (u32(buffer, offset + NTP_TIMESTAMP_OFFSET) << 32) | u32(buffer, offset + NTP_TIMESTAMP_OFFSET + 4);
    }

    /**
     * The RTP timestamp matching {@link #ntpTimestamp()}. Sender reports only.
     *
     * @return 0 to 2^32-1
     */
    public long rtpTimestamp() {
        return u32(buffer, offset + RTP_TIMESTAMP_OFFSET);
    }

    /**
     * RTP data packets sent by this source since it started (modulo 2^32). Sender reports only.
     *
     * @return 0 to 2^32-1
     */
    public long packetCount() {
        return u32(buffer, offset + PACKET_COUNT_OFFSET);
    }

    /**
     * Payload octets sent by this source since it started (modulo 2^32). Sender reports only.
     *
     * @return 0 to 2^32-1
     */
    public long octetCount() {
        return u32(buffer, offset + OCTET_COUNT_OFFSET);
    }

    /**
     * The number of report blocks (the RC field).
     *
     * @return 0-31
     */
    public int blockCount() {
        return u8(buffer, offset) & 0x1F;
    }

    /**
     * Index in the buffer of report block {@code index}'s first byte.
     *
     * @param index 0 to {@link #blockCount()} - 1
     * @return the absolute index
     * @throws IndexOutOfBoundsException for an index outside the block list
     */
    public int blockOffset(int index) {
        Objects.checkIndex(index, blockCount());
        return blocks + BLOCK_LENGTH * index;
    }

    /**
     * Finds the report block about a source, typically our own SSRC.
     *
     * @param ssrc the source reported on
     * @return the block's index, or -1 if the report has none about it
     */
    public int blockIndexOf(long ssrc) {
        int count = blockCount();
        for (int i = 0; i < count; i++) {
            if (u32(buffer, blocks + BLOCK_LENGTH * i + BLOCK_SSRC_OFFSET) == (ssrc & 0xFFFF_FFFFL)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The SSRC of the source block {@code index} reports on.
     *
     * @param index the block
     * @return 0 to 2^32-1
     */
    public long blockSsrc(int index) {
        return u32(buffer, blockOffset(index) + BLOCK_SSRC_OFFSET);
    }

    /**
     * Fraction of packets lost since the previous report, as a fixed-point number with the binary
     * point at the left edge (RFC 3550 section 6.4.1): divide by 256 for the fraction.
     *
     * @param index the block
     * @return 0-255
     */
    public int fractionLost(int index) {
        return u8(buffer, blockOffset(index) + BLOCK_FRACTION_LOST_OFFSET);
    }

    /**
     * Cumulative number of packets lost, a 24-bit signed value (negative when duplicates
     * outnumber losses).
     *
     * @param index the block
     * @return -8388608 to 8388607
     */
    public int cumulativeLost(int index) {
        return u24(buffer, blockOffset(index) + BLOCK_CUMULATIVE_LOST_OFFSET) << 8 >> 8;
    }

    /**
     * Extended highest sequence number received: cycles in the high 16 bits, the sequence number
     * in the low 16 bits.
     *
     * @param index the block
     * @return 0 to 2^32-1
     */
    public long extendedHighestSequence(int index) {
        return u32(buffer, blockOffset(index) + BLOCK_EXTENDED_HIGHEST_SEQUENCE_OFFSET);
    }

    /**
     * Interarrival jitter, in RTP timestamp units.
     *
     * @param index the block
     * @return 0 to 2^32-1
     */
    public long jitter(int index) {
        return u32(buffer, blockOffset(index) + BLOCK_JITTER_OFFSET);
    }

    /**
     * LSR: the middle 32 bits of the NTP timestamp of the last sender report received from the
     * reported source, 0 if none yet (see {@link NtpTime#roundTripNanos}).
     *
     * @param index the block
     * @return 0 to 2^32-1, in units of 1/65536 s
     */
    public long lastSenderReport(int index) {
        return u32(buffer, blockOffset(index) + BLOCK_LAST_SR_OFFSET);
    }

    /**
     * DLSR: the delay between receiving that last sender report and sending this block, 0 if none.
     *
     * @param index the block
     * @return 0 to 2^32-1, in units of 1/65536 s
     */
    public long delaySinceLastSenderReport(int index) {
        return u32(buffer, blockOffset(index) + BLOCK_DELAY_SINCE_LAST_SR_OFFSET);
    }

    @Override
    public String toString() {
        if (buffer == null) {
            return "RtcpReport[unwrapped]";
        }
        return (isSenderReport() ? "RtcpReport[SR" : "RtcpReport[RR") + " ssrc=" + Long.toHexString(ssrc())
                + " blocks=" + blockCount() + "]";
    }
}
