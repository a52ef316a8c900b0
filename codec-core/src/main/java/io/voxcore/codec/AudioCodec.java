package io.voxcore.codec;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;

/**
 * The codec contract: 16-bit linear PCM in, encoded bytes out, and back.
 *
 * <p>One instance serves one stream and is not thread-safe; {@link #reset()} clears any state
 * kept between calls. Samples of several channels are interleaved.
 *
 * <p>The array and buffer forms are the hot path: they never allocate, write nothing when
 * they fail, and leave the codec usable after a failure. The buffer forms behave like
 * {@code java.nio}: they read from the input's position up to its limit, write at the output's
 * position, and advance both positions by what was consumed and produced. They accept heap,
 * direct, read-only (input only), sliced and view buffers alike.
 */
public interface AudioCodec {

    /**
     * Encodes {@code sampleCount} samples from {@code pcm[pcmOffset...]} into {@code out[outOffset...]}.
     *
     * @param pcm the samples, interleaved if there are several channels
     * @param pcmOffset index of the first sample
     * @param sampleCount how many samples (all channels together); a multiple of the channel count
     * @param out where the encoded bytes go
     * @param outOffset index of the first byte written
     * @return the number of bytes written
     * @throws NullPointerException if an array is null
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws CodecException {@link CodecException.Kind#BUFFER_TOO_SMALL} when {@code out} has no
     *     room for {@link #maxEncodedSize(int) maxEncodedSize(sampleCount)} bytes, or
     *     {@link CodecException.Kind#INVALID_ARGUMENT} when the count is not a whole number of
     *     frames of all channels
     */
    int encode(short[] pcm, int pcmOffset, int sampleCount, byte[] out, int outOffset);

    /**
     * Decodes {@code length} bytes from {@code data[dataOffset...]} into {@code pcm[pcmOffset...]}.
     *
     * @param data the encoded payload
     * @param dataOffset index of the first byte
     * @param length how many bytes to decode
     * @param pcm where the samples go
     * @param pcmOffset index of the first sample written
     * @return the number of samples written (all channels together)
     * @throws NullPointerException if an array is null
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws CodecException {@link CodecException.Kind#BUFFER_TOO_SMALL} when {@code pcm} has no
     *     room for {@link #maxDecodedSize(int) maxDecodedSize(length)} samples, or
     *     {@link CodecException.Kind#INVALID_PAYLOAD} when the bytes are not whole samples
     */
    int decode(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset);

    /**
     * Encodes all remaining samples of {@code pcm} into {@code out}, advancing both positions.
     *
     * @param pcm the samples, from position to limit
     * @param out where the bytes go, from its position
     * @return the number of bytes written
     * @throws CodecException as for the array form, and {@link CodecException.Kind#INVALID_ARGUMENT}
     *     when {@code out} is read-only; positions are unchanged on failure
     */
    int encode(ShortBuffer pcm, ByteBuffer out);

    /**
     * Decodes all remaining bytes of {@code data} into {@code pcm}, advancing both positions.
     *
     * @param data the payload, from position to limit
     * @param pcm where the samples go, from its position
     * @return the number of samples written
     * @throws CodecException as for the array form, and {@link CodecException.Kind#INVALID_ARGUMENT}
     *     when {@code pcm} is read-only; positions are unchanged on failure
     */
    int decode(ByteBuffer data, ShortBuffer pcm);

    /**
     * The most bytes encoding this many samples can produce.
     *
     * @param sampleCount samples (all channels together), not negative
     * @return the byte count
     */
    int maxEncodedSize(int sampleCount);

    /**
     * The most samples decoding this many bytes can produce.
     *
     * @param byteCount bytes, not negative
     * @return the sample count (all channels together)
     */
    int maxDecodedSize(int byteCount);

    /**
     * What this codec instance is.
     *
     * @return the codec's facts
     */
    CodecInfo info();

    /** Clears any state kept between calls, as if the instance were new. */
    void reset();

    /**
     * Conceals lost audio: writes {@code sampleCount} samples that continue the stream plausibly
     * where a packet is missing (packet loss concealment), and advances the codec's state as if
     * the lost frame had been decoded. A receiver calls it for each missing frame instead of
     * inserting silence, then decodes the next packet as usual.
     *
     * <p>Codecs without concealment of their own return 0 and write nothing (this default); the
     * caller then fills the gap itself. Like the other hot-path forms it never allocates.
     *
     * @param pcm where the samples go
     * @param pcmOffset index of the first sample written
     * @param sampleCount how many samples (all channels together) the gap lasts; a codec may
     *     require a whole number of its frames and says which in its documentation
     * @return the number of samples written, 0 when the codec cannot conceal
     * @throws IndexOutOfBoundsException if the range lies outside the array
     * @throws CodecException {@link CodecException.Kind#INVALID_ARGUMENT} when the count is not a
     *     duration the codec can conceal
     */
    default int conceal(short[] pcm, int pcmOffset, int sampleCount) {
        java.util.Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
        return 0;
    }

    /**
     * Whether {@link #conceal} writes samples: the codec has a packet loss concealment of its own,
     * running in its decoder, so a receiver must decode packets in playout order (not as they
     * arrive) and call {@link #conceal} (or {@link #decodeFec}) for each lost frame. This default
     * says no.
     *
     * @return true when the codec conceals losses itself
     */
    default boolean concealsLoss() {
        return false;
    }

    /**
     * How many samples decoding this payload will produce, read from the payload without decoding
     * it (a receiver that decodes in playout order needs a packet's duration when it arrives). This
     * default returns {@link #maxDecodedSize(int) maxDecodedSize(length)}, exact for codecs of a
     * constant bitrate; a codec whose {@link #concealsLoss()} is true overrides it. Never allocates.
     *
     * @param data the encoded payload
     * @param dataOffset index of the first byte
     * @param length how many bytes
     * @return the number of samples (all channels together)
     * @throws IndexOutOfBoundsException if the range lies outside the array
     * @throws CodecException {@link CodecException.Kind#INVALID_PAYLOAD} when the payload is malformed
     */
    default int decodedSize(byte[] data, int dataOffset, int length) {
        java.util.Objects.checkFromIndexSize(dataOffset, length, data.length);
        return maxDecodedSize(length);
    }

    /**
     * Recovers a lost frame from the redundancy that the packet after it carries (in-band forward
     * error correction, as Opus's LBRR data): {@code data} is the packet that arrived <em>after</em>
     * the gap, and {@code sampleCount} samples of the lost frame are written. Decode
     * {@code data} itself afterwards as usual.
     *
     * <p>Returns 0 and writes nothing when the codec has no such redundancy (this default) or this
     * packet carries none; the caller then calls {@link #conceal}. Never allocates.
     *
     * @param data the packet received after the lost one
     * @param dataOffset index of its first byte
     * @param length its length
     * @param pcm where the recovered samples go
     * @param pcmOffset index of the first sample written
     * @param sampleCount the lost frame's duration in samples (all channels together)
     * @return the number of samples written, 0 when nothing could be recovered
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws CodecException {@link CodecException.Kind#INVALID_ARGUMENT} when the count is not a
     *     duration the codec can recover
     */
    default int decodeFec(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset, int sampleCount) {
        java.util.Objects.checkFromIndexSize(dataOffset, length, data.length);
        java.util.Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
        return 0;
    }

    /**
     * Encodes a whole array into a new one. Convenient, but allocates: hot paths use the
     * array-with-offsets or buffer forms.
     *
     * @param pcm the samples
     * @return the encoded bytes, exactly as many as were produced
     */
    default byte[] encode(short[] pcm) {
        byte[] out = new byte[maxEncodedSize(pcm.length)];
        int written = encode(pcm, 0, pcm.length, out, 0);
        return written == out.length ? out : java.util.Arrays.copyOf(out, written);
    }

    /**
     * Decodes a whole array into a new one. Convenient, but allocates.
     *
     * @param data the encoded payload
     * @return the samples, exactly as many as were produced
     */
    default short[] decode(byte[] data) {
        short[] pcm = new short[maxDecodedSize(data.length)];
        int written = decode(data, 0, data.length, pcm, 0);
        return written == pcm.length ? pcm : java.util.Arrays.copyOf(pcm, written);
    }
}
