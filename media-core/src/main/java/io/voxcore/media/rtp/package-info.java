/**
 * RTP and RTCP wire formats (RFC 3550 and companions) as flyweights over caller-owned
 * {@link java.nio.ByteBuffer}s, with sequence and timestamp arithmetic.
 *
 * <p>What is here: {@link io.voxcore.media.rtp.RtpPacket} (the RTP header, RFC 8285 header
 * extensions), {@link io.voxcore.media.rtp.RtcpPacket} (compound RTCP validation, packet
 * iteration, RFC 5761 demultiplexing) with {@link io.voxcore.media.rtp.RtcpReport},
 * {@link io.voxcore.media.rtp.RtcpSdes} and {@link io.voxcore.media.rtp.RtcpBye} for the packet
 * bodies, {@link io.voxcore.media.rtp.RtcpWriter} for outgoing compound packets,
 * {@link io.voxcore.media.rtp.NtpTime} and {@link io.voxcore.media.rtp.RtcpInterval} for RTCP
 * timing, {@link io.voxcore.media.rtp.TelephoneEvent} (RFC 4733), {@link io.voxcore.media.rtp.RtpMath}
 * and {@link io.voxcore.media.rtp.ReceptionStatistics}.
 *
 * <p>Buffer ownership: the caller owns every buffer. A flyweight only remembers the buffer, offset
 * and length it was wrapped with, reads and writes with absolute indexing (never changing the
 * buffer's position, limit or byte order), and copies nothing; it is valid only as long as the
 * caller leaves those bytes alone, and is re-pointed at the next datagram with {@code wrap}. The
 * flyweights are reusable, allocation-free on the per-packet path and not thread-safe: keep one
 * set per I/O thread. Received bytes are checked by {@code validate()}, which returns a reason
 * enum and never throws; read fields only after it returned {@code VALID}. Writers and setters
 * throw only for programming mistakes (a buffer too small, a field out of range, calls out of
 * order), naming the values involved.
 */
package io.voxcore.media.rtp;
