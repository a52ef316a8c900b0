package io.voxcore.media.codec;

import io.voxcore.codec.CodecException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * The hot-path face of a codec-core codec: encodes and decodes straight between caller-owned
 * sample arrays and {@link ByteBuffer}s (heap or direct), with no allocation per call.
 *
 * <p>The buffer arguments behave like {@link ByteBuffer#put(byte[])} and
 * {@link ByteBuffer#get(byte[])}: they are read from, or written at, their position, and the
 * position advances by what was consumed or produced; limits and marks are left alone. To encode
 * straight into an RTP packet, position the packet buffer at its payload (12 bytes in, after a
 * header without CSRCs or extension) and call {@link #encodeToBuffer(short[], int, int, ByteBuffer)}.
 *
 * <pre>{@code
 * ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
 * packet.position(12);                                   // after the RTP header
 * int payloadBytes = pcmu.encodeToBuffer(pcm, 0, 160, packet);
 * }</pre>
 *
 * <p>Buffer ownership: every array and buffer belongs to the caller; the adapter touches them
 * only during the call and keeps no reference. Arrays backing heap buffers are handed to the
 * codec directly. Direct and read-only buffers are copied through one scratch array owned by the
 * instance, which grows (allocating once) only when a call needs more room than any call before;
 * steady-state calls with the same frame size never allocate.
 *
 * <p>On failure a call throws {@link MediaCodecException} (or the usual {@link NullPointerException}
 * and {@link IndexOutOfBoundsException} for null arguments and array ranges), writes nothing,
 * leaves every position unchanged, and the adapter stays usable. One instance per stream; not
 * thread-safe.
 */
public final class ZeroCopyCodecAdapter {

    /** No scratch until a direct or read-only buffer needs it (a codec used only through arrays, or never, holds none). */
    private static final byte[] NO_SCRATCH = new byte[0];

    private final io.voxcore.codec.AudioCodec codec;
    private final CodecInfo info;
    private byte[] scratch = NO_SCRATCH;

    /**
     * Wraps a codec-core codec. The adapter becomes the codec's only user: do not call the
     * wrapped instance directly afterwards.
     *
     * @param codec the codec-core codec
     */
    public ZeroCopyCodecAdapter(io.voxcore.codec.AudioCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.info = CodecCoreAdapter.infoOf(codec);
    }

    /**
     * Encodes {@code count} samples from {@code pcm[offset...]} into {@code out} at its position,
     * advancing the position by the bytes written.
     *
     * @param pcm the samples, interleaved if there are several channels
     * @param offset index of the first sample
     * @param count how many samples (all channels together), a multiple of the channel count
     * @param out where the bytes go, heap or direct, not read-only
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if the range lies outside {@code pcm}
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_ARGUMENT} when {@code out}
     *     is read-only or {@code count} splits a frame of all channels,
     *     {@link MediaCodecException.Kind#BUFFER_TOO_SMALL} naming both sizes when {@code out} has
     *     less room than {@link #maxEncodedSize(int) maxEncodedSize(count)}
     */
    public int encodeToBuffer(short[] pcm, int offset, int count, ByteBuffer out) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(offset, count, pcm.length);
        checkWritable(out, "encode");
        checkWholeFrames(count);
        int needed = maxEncodedSize(count);
        int at = out.position();
        if (out.limit() - at < needed) {
            throw tooSmall("encode", needed, out.limit() - at, "bytes");
        }
        try {
            if (out.hasArray()) {
                int written = codec.encode(pcm, offset, count, out.array(), out.arrayOffset() + at);
                out.position(at + written);
                return written;
            }
            byte[] bytes = scratch(needed);
            int written = codec.encode(pcm, offset, count, bytes, 0);
            out.put(bytes, 0, written);
            return written;
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " encode", e);
        }
    }

    /**
     * Encodes all remaining samples of {@code pcm} into {@code out}, advancing both positions.
     *
     * @param pcm the samples, from position to limit; heap, direct or read-only
     * @param out where the bytes go, from its position; not read-only
     * @return the number of bytes written
     * @throws MediaCodecException as {@link #encodeToBuffer(short[], int, int, ByteBuffer)}
     */
    public int encodeToBuffer(ShortBuffer pcm, ByteBuffer out) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        checkWritable(out, "encode");
        checkWholeFrames(pcm.remaining());
        int needed = maxEncodedSize(pcm.remaining());
        if (out.remaining() < needed) {
            throw tooSmall("encode", needed, out.remaining(), "bytes");
        }
        try {
            return codec.encode(pcm, out);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " encode", e);
        }
    }

    /**
     * Decodes all remaining bytes of {@code payload} into {@code pcm[offset...]}, advancing the
     * payload's position to its limit.
     *
     * @param payload the payload, from position to limit; heap, direct or read-only
     * @param pcm where the samples go
     * @param offset index of the first sample written
     * @return the number of samples written (all channels together)
     * @throws IndexOutOfBoundsException if {@code offset} lies outside {@code pcm}
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_PAYLOAD} naming the
     *     length when the payload is empty or not whole samples of all channels,
     *     {@link MediaCodecException.Kind#BUFFER_TOO_SMALL} naming both sizes when {@code pcm} has
     *     no room for {@link #maxDecodedSize(int) maxDecodedSize(payload.remaining())} samples
     */
    public int decodeToBuffer(ByteBuffer payload, short[] pcm, int offset) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkIndex(offset, pcm.length + 1);
        int at = payload.position();
        int length = payload.limit() - at;
        if (length == 0) {
            throw CodecCoreAdapter.emptyPayload(info);
        }
        try {
            int written;
            if (payload.hasArray()) {
                written = codec.decode(payload.array(), payload.arrayOffset() + at, length, pcm, offset);
            } else {
                byte[] bytes = scratch(length);
                payload.get(at, bytes, 0, length);
                written = codec.decode(bytes, 0, length, pcm, offset);
            }
            payload.position(at + length);
            return written;
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " decode", e);
        }
    }

    /**
     * Decodes all remaining bytes of {@code payload} into {@code pcm}, advancing both positions.
     *
     * @param payload the payload, from position to limit; heap, direct or read-only
     * @param pcm where the samples go, from its position; not read-only
     * @return the number of samples written
     * @throws MediaCodecException as {@link #decodeToBuffer(ByteBuffer, short[], int)}, and
     *     {@link MediaCodecException.Kind#INVALID_ARGUMENT} when {@code pcm} is read-only
     */
    public int decodeToBuffer(ByteBuffer payload, ShortBuffer pcm) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.isReadOnly()) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT,
                    info.name() + " decode: output buffer is read-only");
        }
        if (!payload.hasRemaining()) {
            throw CodecCoreAdapter.emptyPayload(info);
        }
        try {
            return codec.decode(payload, pcm);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " decode", e);
        }
    }

    /**
     * Decodes {@code length} bytes from {@code data[offset...]} into {@code pcm[pcmOffset...]}:
     * the array form, for a payload kept until its playout time.
     *
     * @param data the payload
     * @param offset index of its first byte
     * @param length its length, at least 1
     * @param pcm where the samples go
     * @param pcmOffset index of the first sample written
     * @return the number of samples written (all channels together)
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws MediaCodecException as {@link #decodeToBuffer(ByteBuffer, short[], int)}
     */
    public int decode(byte[] data, int offset, int length, short[] pcm, int pcmOffset) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.checkIndex(pcmOffset, pcm.length + 1);
        if (length == 0) {
            throw CodecCoreAdapter.emptyPayload(info);
        }
        try {
            return codec.decode(data, offset, length, pcm, pcmOffset);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " decode", e);
        }
    }

    /**
     * Whether the codec conceals lost audio itself (Opus): then {@link #conceal} and
     * {@link #decodeFec} write samples, and a receiver decodes its packets in playout order so that
     * the decoder's state sees each loss where it happened. Codecs without (G.711, G.722) say no;
     * a session conceals for them with {@link LossConcealer}.
     *
     * @return true when {@link #conceal} writes samples
     */
    public boolean concealsLoss() {
        return codec.concealsLoss();
    }

    /**
     * How many samples (all channels) decoding {@code payload}'s remaining bytes will produce,
     * read without decoding it and without moving its position.
     *
     * @param payload the payload, from position to limit; heap, direct or read-only
     * @return the sample count
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_PAYLOAD} for an empty or
     *     malformed payload
     */
    public int decodedSize(ByteBuffer payload) {
        Objects.requireNonNull(payload, "payload");
        int at = payload.position();
        int length = payload.limit() - at;
        if (length == 0) {
            throw CodecCoreAdapter.emptyPayload(info);
        }
        try {
            if (payload.hasArray()) {
                return codec.decodedSize(payload.array(), payload.arrayOffset() + at, length);
            }
            byte[] bytes = scratch(length);
            payload.get(at, bytes, 0, length);
            return codec.decodedSize(bytes, 0, length);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " decode", e);
        }
    }

    /**
     * Conceals a lost frame through the codec's own concealment (Opus PLC), advancing its decoder
     * as if the frame had been decoded.
     *
     * @param pcm where the samples go
     * @param offset index of the first sample written
     * @param count the lost duration in samples (all channels together); Opus takes multiples of
     *     2.5 ms up to 120 ms
     * @return the samples written, 0 when the codec has no concealment of its own
     * @throws IndexOutOfBoundsException if the range lies outside {@code pcm}
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_ARGUMENT} naming the
     *     count when the codec cannot conceal that duration
     */
    public int conceal(short[] pcm, int offset, int count) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(offset, count, pcm.length);
        try {
            return codec.conceal(pcm, offset, count);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " conceal", e);
        }
    }

    /**
     * Recovers a lost frame from the in-band forward error correction carried by the packet that
     * arrived after it (RFC 7587, Opus LBRR); decode that packet itself afterwards as usual.
     *
     * @param data the packet after the loss
     * @param offset index of its first byte
     * @param length its length
     * @param pcm where the recovered samples go
     * @param pcmOffset index of the first sample written
     * @param count the lost frame's duration in samples (all channels together)
     * @return the samples written, 0 when the packet carries no such data (then {@link #conceal})
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_ARGUMENT} naming the
     *     count when the codec cannot recover that duration, or
     *     {@link MediaCodecException.Kind#INVALID_PAYLOAD} when the packet is undecodable
     */
    public int decodeFec(byte[] data, int offset, int length, short[] pcm, int pcmOffset, int count) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.checkFromIndexSize(pcmOffset, count, pcm.length);
        try {
            return codec.decodeFec(data, offset, length, pcm, pcmOffset, count);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " FEC decode", e);
        }
    }

    /**
     * The most bytes encoding this many samples can produce: the room an output needs.
     *
     * @param sampleCount samples (all channels together), not negative
     * @return the byte count
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_ARGUMENT} when negative
     */
    public int maxEncodedSize(int sampleCount) {
        try {
            return codec.maxEncodedSize(sampleCount);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name(), e);
        }
    }

    /**
     * The most samples decoding this many bytes can produce: the room a sample array needs.
     *
     * @param byteCount bytes, not negative
     * @return the sample count (all channels together)
     * @throws MediaCodecException {@link MediaCodecException.Kind#INVALID_ARGUMENT} when negative
     */
    public int maxDecodedSize(int byteCount) {
        try {
            return codec.maxDecodedSize(byteCount);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name(), e);
        }
    }

    /**
     * What this codec instance is.
     *
     * @return its facts
     */
    public CodecInfo info() {
        return info;
    }

    /** Clears any state the codec keeps between calls, as if the instance were new. */
    public void reset() {
        codec.reset();
    }

    @Override
    public String toString() {
        return "ZeroCopyCodecAdapter[" + info + "]";
    }

    /**
     * Grows the scratch array to {@code bytes} now (a path set up ahead of its first packet), so
     * that buffers up to that size never allocate.
     *
     * @param bytes the largest payload, in or out, this codec will copy through the scratch
     */
    void reserveScratch(int bytes) {
        scratch(bytes);
    }

    private byte[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new byte[size];
        }
        return scratch;
    }

    private void checkWritable(ByteBuffer out, String operation) {
        if (out.isReadOnly()) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT,
                    info.name() + " " + operation + ": output buffer is read-only");
        }
    }

    private void checkWholeFrames(int count) {
        if (count % info.channels() != 0) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT,
                    info.name() + " encode: " + count + " samples is not a whole number of "
                            + info.channels() + "-channel frames");
        }
    }

    private MediaCodecException tooSmall(String operation, int needed, int available, String unit) {
        return new MediaCodecException(MediaCodecException.Kind.BUFFER_TOO_SMALL,
                info.name() + " " + operation + ": output too small: needs " + needed + " " + unit
                        + ", has " + available);
    }
}
