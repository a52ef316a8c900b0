/**
 * SDP (RFC 8866) and the RFC 3264 offer/answer model: the session description model, its parser
 * and writer, local media capabilities, the offer/answer negotiator and the immutable
 * description of a negotiated leg that a media session is created from or updated with.
 *
 * <p>This package depends on the JDK alone (plus {@code io.voxcore.media.codec} for the default
 * capabilities) and knows nothing of sessions: {@link io.voxcore.media.sdp.NegotiatedMedia} is
 * plain data.
 *
 * <p>Threading: every model type is immutable and thread-safe. {@link io.voxcore.media.sdp.OfferAnswer}
 * keeps the state of one leg's negotiation (origin version, last description) and is not
 * thread-safe; use it from the thread that handles the leg's signalling.
 */
package io.voxcore.media.sdp;
