/**
 * Media sessions over UDP: {@link io.voxcore.media.session.MediaEngine}, the shared I/O loop
 * (a few selector threads, timers, pooled direct buffers), and
 * {@link io.voxcore.media.session.MediaSession}, one RTP stream pair with jitter buffer,
 * symmetric-RTP latching, RTCP and RFC 3550 statistics.
 *
 * <p>Buffer ownership: every datagram buffer belongs to the engine. Each I/O thread reads every
 * datagram into its one direct receive buffer; each session owns one pooled direct send buffer
 * (used by the sending thread) and one RTCP buffer (used by its I/O thread), returned to the
 * engine's pool on close. Audio handed to the application: an
 * {@link io.voxcore.media.AudioFrame} given to an {@link io.voxcore.media.session.AudioListener}
 * or returned by {@code poll}/{@code receive} is new and belongs to the application; the array
 * lent to a {@link io.voxcore.media.session.PcmSink} belongs to the session and is valid only
 * during the call. Arrays passed to {@code send} are read during the call only.
 */
package io.voxcore.media.session;
