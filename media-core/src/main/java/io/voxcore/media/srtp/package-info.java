/**
 * SRTP and SRTCP (RFC 3711, AES-GCM per RFC 7714) with keys from SDP Security Descriptions
 * (RFC 4568). Knows nothing of sessions: a session's send path calls
 * {@link io.voxcore.media.srtp.SrtpContext#protectRtp} after writing a packet, its receive
 * pipeline calls {@link io.voxcore.media.srtp.SrtpContext#unprotectRtp} before anything else reads
 * the payload.
 *
 * <p>Buffer ownership: the caller owns every buffer; a context transforms the bytes in place by
 * absolute access and never changes position, limit or byte order, nor keeps a reference after
 * returning. Protecting appends up to 16 bytes (RTP) or 20 bytes (RTCP) after the packet, so the
 * buffer's limit must leave that room. Failures on the per-packet path are negative return codes
 * ({@link io.voxcore.media.srtp.SrtpFailure}) and counters, never exceptions; exceptions are for
 * setup mistakes (wrong key length, unsupported SDES attribute) and name the offending values.
 * Key material is never printed by any {@code toString()} here.
 */
package io.voxcore.media.srtp;
