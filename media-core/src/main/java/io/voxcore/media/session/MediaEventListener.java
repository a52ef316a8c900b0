package io.voxcore.media.session;

/**
 * Receives a session's {@link MediaEvent}s: RTP timeout, source and SSRC changes, RTCP BYE, codec
 * changes. Called on the session's I/O thread: return quickly and never block; what it throws is
 * caught and counted ({@code listenerErrors}).
 */
@FunctionalInterface
public interface MediaEventListener {

    /**
     * An event happened.
     *
     * @param event what happened
     */
    void onEvent(MediaEvent event);
}
