package io.voxcore.media.session;

import io.voxcore.media.AudioFrame;

/**
 * Receives a session's decoded audio in playout order, on the session's I/O thread. Callbacks
 * must return quickly (they hold up every session on that thread) and should not block; an
 * exception thrown is caught, counted and logged at a limited rate, and playout continues.
 */
@FunctionalInterface
public interface AudioListener {

    /**
     * A packet's audio is due. The frame is new and belongs to the listener.
     *
     * @param frame the decoded samples, carrying the packet's RTP timestamp
     */
    void onAudio(AudioFrame frame);

    /**
     * Packets are missing here: lost, or late. Called in order between the frames around the
     * gap. Does nothing by default.
     *
     * @param gap what is missing
     */
    default void onGap(AudioGap gap) {
    }
}
