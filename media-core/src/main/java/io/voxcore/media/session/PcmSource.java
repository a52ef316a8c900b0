package io.voxcore.media.session;

/**
 * Audio that a session plays at real time from the engine's timers ({@link MediaSession#play}):
 * a file, a prompt, generated audio. Called on the session's I/O thread once per packet
 * interval: keep it short and never block (read files ahead, or from memory).
 */
@FunctionalInterface
public interface PcmSource {

    /**
     * Fills the next packet's audio.
     *
     * @param pcm where to write interleaved samples at the session's codec rate and channels
     * @param offset index of the first sample to write
     * @param length samples wanted: one packet's worth, all channels
     * @return samples written, whole sampling instants: {@code length} for a full packet; fewer
     *     at the end of the audio (the rest of the packet is silence); 0 for silence now (nothing
     *     is sent, the media clock advances, the next audio starts a talkspurt); -1 when the
     *     audio is over
     */
    int read(short[] pcm, int offset, int length);
}
