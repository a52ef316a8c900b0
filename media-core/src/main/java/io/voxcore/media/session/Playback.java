package io.voxcore.media.session;

import java.util.concurrent.CompletionStage;

/**
 * One {@link PcmSource} being played by a session ({@link MediaSession#play}).
 */
public interface Playback {

    /**
     * Completes normally when the source said its audio is over and the last packet was sent;
     * exceptionally when the playback was cancelled, the session closed, or the source threw.
     * Dependent actions added without an executor run on the session's I/O thread.
     *
     * @return the completion
     */
    CompletionStage<Void> done();

    /**
     * Stops the playback before its next packet. Any thread; idempotent.
     *
     * @return true if this call stopped it; false if it had already ended
     */
    boolean cancel();

    /**
     * Packets sent so far.
     *
     * @return the count
     */
    long packetsSent();
}
