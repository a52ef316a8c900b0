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
     * Time without audio here, called in order between the frames around it: lost or late packets
     * ({@code gap.packets() > 0}), or a pause, a DTMF event or added delay ({@code packets() == 0};
     * see {@link AudioGap}). Does nothing by default.
     *
     * @param gap what is missing
     */
    default void onGap(AudioGap gap) {
    }
}
