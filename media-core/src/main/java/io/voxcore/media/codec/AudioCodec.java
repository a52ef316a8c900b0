package io.voxcore.media.codec;

import io.voxcore.media.AudioFrame;

/**
 * media-core's codec contract: frames in, RTP payload bytes out, and back. Sessions, the
 * transcoder and the relay use this type (or {@link ZeroCopyCodecAdapter} on hot paths), never
 * codec-core's; instances come from {@link CodecFactory}.
 *
 * <p>One instance serves one stream and is not thread-safe. A call that fails throws
 * {@link MediaCodecException} (or {@link NullPointerException} for a null argument), changes
 * nothing, and leaves the codec usable.
 *
 * <p>These forms allocate the array or frame they return, which then belongs to the caller.
 */
public interface AudioCodec {

    /**
     * Encodes a frame into a new payload.
     *
     * @param frame the frame; its rate and channel count must be the codec's
     * @return the payload bytes, exactly as many as were produced
     * @throws MediaCodecException {@link MediaCodecException.Kind#FORMAT_MISMATCH} naming both
     *     formats when the frame's rate or channel count differs from {@link #info()}'s
     */
    byte[] encode(AudioFrame frame);

    /**
     * Decodes a payload into a new frame with RTP timestamp 0.
     *
     * @param payload the payload bytes, the whole array
     * @return the frame, at the codec's rate and channel count
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_PAYLOAD} naming the length
     *     when the payload is empty or not a whole number of samples of all channels
     */
    default AudioFrame decode(byte[] payload) {
        return decode(payload, 0L);
    }

    /**
     * Decodes a payload into a new frame carrying an RTP timestamp (usually the packet's).
     *
     * @param payload the payload bytes, the whole array
     * @param timestamp the frame's RTP timestamp, 0 to 2^32-1
     * @return the frame, at the codec's rate and channel count
     * @throws MediaCodecException as {@link #decode(byte[])}
     * @throws IllegalArgumentException when the timestamp is outside 0 to 2^32-1
     */
    AudioFrame decode(byte[] payload, long timestamp);

    /**
     * Whether the codec conceals lost audio itself (Opus): then {@link #conceal} and
     * {@link #decodeFec} give audio, and the packets must be decoded in playout order. This
     * default says no (G.711, G.722: see {@link LossConcealer}).
     *
     * @return true when {@link #conceal} gives audio
     */
    default boolean concealsLoss() {
        return false;
    }

    /**
     * Conceals a lost frame through the codec's own concealment (Opus PLC), advancing the decoder
     * as if it had been decoded. This default has none and returns null.
     *
     * @param samplesPerChannel the lost duration (Opus: a multiple of 2.5 ms, at most 120 ms)
     * @param timestamp the frame's RTP timestamp, 0 to 2^32-1
     * @return a new frame, or null when the codec has no concealment of its own
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_ARGUMENT} naming the
     *     duration when the codec cannot conceal it
     */
    default AudioFrame conceal(int samplesPerChannel, long timestamp) {
        return null;
    }

    /**
     * Recovers a lost frame from the in-band FEC of the packet after it (RFC 7587, Opus LBRR);
     * decode that packet itself afterwards. This default has none and returns null.
     *
     * @param next the payload of the packet that arrived after the loss
     * @param samplesPerChannel the lost frame's duration
     * @param timestamp the lost frame's RTP timestamp, 0 to 2^32-1
     * @return a new frame, or null when nothing could be recovered (then {@link #conceal})
     * @throws MediaCodecException as {@link #conceal}, or {@link MediaCodecException.Kind#INVALID_PAYLOAD}
     *     for an undecodable packet
     */
    default AudioFrame decodeFec(byte[] next, int samplesPerChannel, long timestamp) {
        return null;
    }

    /**
     * What this codec instance is.
     *
     * @return its facts
     */
    CodecInfo info();

    /** Clears any state kept between calls, as if the instance were new. */
    void reset();
}
