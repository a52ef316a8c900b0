package io.voxcore.media.rtp;

import static io.voxcore.media.rtp.Wire.put16;
import static io.voxcore.media.rtp.Wire.put24;
import static io.voxcore.media.rtp.Wire.put32;
import static io.voxcore.media.rtp.Wire.put8;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds a compound RTCP packet (RFC 3550 section 6.1) into a caller-owned {@link ByteBuffer}
 * with absolute indexing: a sender or receiver report first, then 0-31 report blocks, then an
 * SDES packet with the CNAME, then optionally a BYE. Reusable and allocation-free given a
 * pre-encoded CNAME; re-point it at the next buffer with {@link #wrap}.
 *
 * <pre>{@code
 * int length = writer.wrap(buf, 0, buf.capacity())
 *         .senderReport(ssrc, NtpTime.fromEpochMillis(now), rtpTimestamp, packetsSent, octetsSent)
 *         .reportBlock(remoteSsrc, fractionLost, cumulativeLost, extendedHighest, jitter, lsr, dlsr)
 *         .sourceDescription(ssrc, cnameUtf8)
 *         .length();
 * }</pre>
 *
 * <p>The order is enforced; a call out of order, more than {@value RtcpReport#MAX_BLOCKS} blocks,
 * a CNAME or reason over 255 bytes, or a buffer too small throws, naming the values involved
 * (these are programming mistakes, not wire conditions). The buffer's content is only
 * meaningful once {@link #length()} is taken after the last packet. Not thread-safe.
 */
public final class RtcpWriter {

    private enum State { EMPTY, REPORT, DESCRIBED, DONE }

    private ByteBuffer buffer;
    private int start;
    private int limit;
    private int position;
    private int report;
    private State state = State.DONE;

    /** Creates a writer pointing at nothing; call {@link #wrap} before use. */
    public RtcpWriter() {
    }

    /**
     * Starts a new compound packet at {@code offset}, using at most {@code capacity} bytes.
     *
     * @param buffer where to write, heap or direct (not read-only)
     * @param offset index of the compound packet's first byte
     * @param capacity bytes available from {@code offset}
     * @return this
     * @throws IndexOutOfBoundsException if the range lies outside the buffer's capacity
     */
    public RtcpWriter wrap(ByteBuffer buffer, int offset, int capacity) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(offset, capacity, buffer.capacity());
        if (this.buffer != buffer) { // stored only when it changes (see RtpPacket.wrap)
            this.buffer = buffer;
        }
        this.start = offset;
        this.limit = offset + capacity;
        this.position = offset;
        this.report = -1;
        this.state = State.EMPTY;
        return this;
    }

    /**
     * Writes a sender report header and sender info (RFC 3550 section 6.4.1), with no blocks yet.
     *
     * @param ssrc the sender's SSRC
     * @param ntpTimestamp the wall clock now, 64-bit NTP format (see {@link NtpTime})
     * @param rtpTimestamp the RTP timestamp matching {@code ntpTimestamp}
     * @param packetCount RTP packets sent so far (modulo 2^32)
     * @param octetCount payload octets sent so far (modulo 2^32)
     * @return this
     * @throws IllegalStateException if a report was already written, or the buffer is too small
     */
    public RtcpWriter senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
                                   long octetCount) {
        beginReport("senderReport", RtcpReport.SR_BLOCKS_OFFSET);
        header(position, 0, RtcpPacket.SR, RtcpReport.SR_BLOCKS_OFFSET);
        put32(buffer, position + RtcpReport.SENDER_SSRC_OFFSET, ssrc);
        put32(buffer, position + RtcpReport.NTP_TIMESTAMP_OFFSET, ntpTimestamp >>> 32);
        put32(buffer, position + RtcpReport.NTP_TIMESTAMP_OFFSET + 4, ntpTimestamp);
        put32(buffer, position + RtcpReport.RTP_TIMESTAMP_OFFSET, rtpTimestamp);
        put32(buffer, position + RtcpReport.PACKET_COUNT_OFFSET, packetCount);
        put32(buffer, position + RtcpReport.OCTET_COUNT_OFFSET, octetCount);
        position += RtcpReport.SR_BLOCKS_OFFSET;
        return this;
    }

    /**
     * Writes a receiver report header (RFC 3550 section 6.4.2), with no blocks yet.
     *
     * @param ssrc the reporter's SSRC
     * @return this
     * @throws IllegalStateException if a report was already written, or the buffer is too small
     */
    public RtcpWriter receiverReport(long ssrc) {
        beginReport("receiverReport", RtcpReport.RR_BLOCKS_OFFSET);
        header(position, 0, RtcpPacket.RR, RtcpReport.RR_BLOCKS_OFFSET);
        put32(buffer, position + RtcpReport.SENDER_SSRC_OFFSET, ssrc);
        position += RtcpReport.RR_BLOCKS_OFFSET;
        return this;
    }

    private void beginReport(String call, int size) {
        if (state != State.EMPTY) {
            throw new IllegalStateException(call + " must come first in a compound packet, state is " + state);
        }
        ensure(call, size);
        report = position;
        state = State.REPORT;
    }

    /**
     * Appends a report block to the report just written, raising its RC and length.
     *
     * @param ssrc the source reported on
     * @param fractionLost 0-255 (higher bits are dropped), loss since the last report × 256
     * @param cumulativeLost packets lost in total (as {@link ReceptionStatistics#cumulativeLost()}); clamped to
     *     the 24-bit signed range, -8388608 to 8388607 (RFC 3550 A.3)
     * @param extendedHighestSequence cycles × 65536 + highest sequence number received
     * @param jitter interarrival jitter in timestamp units
     * @param lastSenderReport LSR, 0 if no sender report has been received from that source
     * @param delaySinceLastSenderReport DLSR in 1/65536 s, 0 if no sender report
     * @return this
     * @throws IllegalStateException if no report precedes it, after the SDES, with 31 blocks
     *     already, or if the buffer is too small
     */
    public RtcpWriter reportBlock(long ssrc, int fractionLost, long cumulativeLost, long extendedHighestSequence,
                                  long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
        if (state != State.REPORT) {
            throw new IllegalStateException("reportBlock must follow senderReport or receiverReport, state is " + state);
        }
        int blocks = buffer.get(report) & 0x1F;
        if (blocks == RtcpReport.MAX_BLOCKS) {
            throw new IllegalStateException("a report holds at most " + RtcpReport.MAX_BLOCKS + " blocks");
        }
        ensure("reportBlock", RtcpReport.BLOCK_LENGTH);
        int clamped = (int) Math.max(-0x80_0000, Math.min(0x7F_FFFF, cumulativeLost));
        put32(buffer, position + RtcpReport.BLOCK_SSRC_OFFSET, ssrc);
        put8(buffer, position + RtcpReport.BLOCK_FRACTION_LOST_OFFSET, fractionLost);
        put24(buffer, position + RtcpReport.BLOCK_CUMULATIVE_LOST_OFFSET, clamped);
        put32(buffer, position + RtcpReport.BLOCK_EXTENDED_HIGHEST_SEQUENCE_OFFSET, extendedHighestSequence);
        put32(buffer, position + RtcpReport.BLOCK_JITTER_OFFSET, jitter);
        put32(buffer, position + RtcpReport.BLOCK_LAST_SR_OFFSET, lastSenderReport);
        put32(buffer, position + RtcpReport.BLOCK_DELAY_SINCE_LAST_SR_OFFSET, delaySinceLastSenderReport);
        position += RtcpReport.BLOCK_LENGTH;
        header(report, blocks + 1, buffer.get(report + 1) & 0xFF, position - report);
        return this;
    }

    /**
     * Writes an SDES packet with one chunk holding the CNAME item (RFC 3550 section 6.5.1).
     *
     * @param ssrc the source described (our SSRC)
     * @param cname the CNAME, already encoded as UTF-8, 1-255 bytes
     * @return this
     * @throws IllegalStateException if no report precedes it or an SDES was already written, or
     *     if the buffer is too small
     * @throws IllegalArgumentException if the CNAME is empty or longer than 255 bytes
     */
    public RtcpWriter sourceDescription(long ssrc, byte[] cname) {
        Objects.requireNonNull(cname, "cname");
        if (state != State.REPORT) {
            throw new IllegalStateException("sourceDescription must follow the report and its blocks, state is " + state);
        }
        if (cname.length == 0 || cname.length > RtcpSdes.MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException("CNAME must be 1-255 bytes, is " + cname.length);
        }
        // header, SSRC, type, length, text, then 1-4 null octets up to the 32-bit boundary
        int size = (RtcpSdes.FIRST_CHUNK_OFFSET + 4 + RtcpSdes.ITEM_HEADER_LENGTH + cname.length + 4) & ~3;
        ensure("sourceDescription", size);
        header(position, 1, RtcpPacket.SDES, size);
        put32(buffer, position + RtcpSdes.FIRST_CHUNK_OFFSET, ssrc);
        int at = position + RtcpSdes.FIRST_CHUNK_OFFSET + 4;
        put8(buffer, at, RtcpSdes.CNAME);
        put8(buffer, at + 1, cname.length);
        at += RtcpSdes.ITEM_HEADER_LENGTH;
        for (byte b : cname) {
            buffer.put(at++, b);
        }
        while (at < position + size) {
            buffer.put(at++, (byte) 0);
        }
        position += size;
        state = State.DESCRIBED;
        return this;
    }

    /**
     * Writes a BYE packet for one source, closing the compound packet (RFC 3550 section 6.6).
     *
     * @param ssrc the source leaving (our SSRC)
     * @param reason the reason, encoded as UTF-8, up to 255 bytes; {@code null} or empty for none
     * @return this
     * @throws IllegalStateException if no report precedes it, a BYE was already written, or the
     *     buffer is too small
     * @throws IllegalArgumentException if the reason is longer than 255 bytes
     */
    public RtcpWriter bye(long ssrc, byte[] reason) {
        if (state != State.REPORT && state != State.DESCRIBED) {
            throw new IllegalStateException("bye must follow a report (and its SDES), state is " + state);
        }
        int reasonLength = reason == null ? 0 : reason.length;
        if (reasonLength > RtcpBye.MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("BYE reason must be at most 255 bytes, is " + reasonLength);
        }
        int size = RtcpBye.FIRST_SOURCE_OFFSET + 4 + (reasonLength == 0 ? 0 : (1 + reasonLength + 3) & ~3);
        ensure("bye", size);
        header(position, 1, RtcpPacket.BYE, size);
        put32(buffer, position + RtcpBye.FIRST_SOURCE_OFFSET, ssrc);
        int at = position + RtcpBye.FIRST_SOURCE_OFFSET + 4;
        if (reasonLength > 0) {
            put8(buffer, at++, reasonLength);
            for (byte b : reason) {
                buffer.put(at++, b);
            }
            while (at < position + size) {
                buffer.put(at++, (byte) 0);
            }
        }
        position += size;
        state = State.DONE;
        return this;
    }

    /**
     * Bytes written so far from the wrapped offset: the compound packet's length once complete.
     *
     * @return the length
     */
    public int length() {
        return position - start;
    }

    private void header(int at, int count, int type, int size) {
        put8(buffer, at, RtcpPacket.VERSION << 6 | count);
        put8(buffer, at + 1, type);
        put16(buffer, at + 2, size / 4 - 1);
    }

    private void ensure(String call, int size) {
        if (buffer == null) {
            throw new IllegalStateException(call + " before wrap");
        }
        if (size > limit - position) {
            throw new IllegalStateException(call + " needs " + size + " bytes at offset " + position
                    + " but only " + (limit - position) + " remain of " + (limit - start));
        }
    }

    @Override
    public String toString() {
        return "RtcpWriter[" + state + ", " + length() + " bytes]";
    }
}
