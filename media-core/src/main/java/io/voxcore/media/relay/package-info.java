/**
 * The media relay: {@link io.voxcore.media.relay.MediaRelay} forwards RTP between two sessions,
 * transcoding in place when their codecs differ, re-stamping each packet for the outbound leg and
 * mapping RFC 4733 telephone-event payload types.
 *
 * <p>Buffer ownership: the relay works in the inbound session's I/O-thread receive buffer, which
 * the session owns and lends it for one packet; it rewrites the header and (PCMU/PCMA) the payload
 * there and sends it before returning. Transcoding between other codecs writes into a direct
 * buffer the relay owns, one per direction. Nothing is kept between packets.
 */
package io.voxcore.media.relay;
