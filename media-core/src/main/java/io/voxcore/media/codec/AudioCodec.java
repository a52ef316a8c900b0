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
     * What this codec instance is.
     *
     * @return its facts
     */
    CodecInfo info();

    /** Clears any state kept between calls, as if the instance were new. */
    void reset();
}
