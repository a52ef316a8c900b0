package io.voxcore.media.session;

import io.voxcore.media.rtp.RtpPacket;

/**
 * A hook on a session's receive path for forwarding RTP as it arrives, such as
 * {@code io.voxcore.media.relay.MediaRelay} does; set with {@link MediaSession#tap(RtpTap)}.
 *
 * <p>A session with a tap hands it every packet that passed its checks (RTP validation, remote
 * address, the audio or telephone-event payload type, SSRC latching, RFC 3550 sequence
 * validation, duplicates), after counting it in the reception statistics, and does nothing else
 * with it: no jitter buffer, no decoding, no audio or DTMF callbacks.
 *
 * <p>Runs on the session's I/O thread. The packet and its buffer (the I/O thread's receive
 * buffer) are valid only during the call; the tap may rewrite them in place, and may pass them
 * to {@link MediaSession#trySendRtp(java.nio.ByteBuffer, int, int)} of another session.
 * It must not block or keep a reference. An exception thrown is caught and counted as a
 * listener error.
 */
@FunctionalInterface
public interface RtpTap {

    /**
     * A packet arrived and passed the session's checks.
     *
     * @param packet the validated packet; {@link RtpPacket#buffer()} is the I/O thread's receive buffer
     * @param telephoneEvent whether its payload type is the session's telephone-event type (else
     *     it is the audio payload type)
     */
    void onRtp(RtpPacket packet, boolean telephoneEvent);

    /**
     * The session's formats changed ({@link MediaSession#update}): what it accepts and what it
     * sends ({@link SessionFormats#of(MediaSession)} returns the new ones). Called on the
     * session's I/O thread once the change is in force, before the next packet reaches
     * {@link #onRtp}, so a tap can prepare for the new codecs ahead of the first packet. Does
     * nothing unless overridden; an exception thrown is caught and counted as a listener error.
     */
    default void onFormatsChanged() {
    }
}
