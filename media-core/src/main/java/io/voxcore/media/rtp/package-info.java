/**
 * RTP and RTCP wire formats (RFC 3550 and companions) as flyweights over caller-owned
 * {@link java.nio.ByteBuffer}s, with sequence and timestamp arithmetic.
 */
package io.voxcore.media.rtp;
