package io.voxcore.codec.internal;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * A G.722 codec instance: an {@link G722Encoder} and a {@link G722Decoder}, each with its own
 * state carried across calls, behind the {@link AudioCodec} contract. Mono, 16 kHz; two samples
 * per byte, so encoding takes an even number of samples and decoding gives two per byte.
 *
 * <p>Array-backed buffers go straight to the kernels; direct, read-only and view buffers pass
 * through two small scratch arrays owned by the instance, so no call allocates.
 */
public final class G722Codec implements AudioCodec {

    /** Codewords moved through the scratch arrays per step, for buffers without an accessible array. */
    private static final int CHUNK = 240;

    private final CodecInfo info;
    private final G722Encoder encoder = new G722Encoder();
    private final G722Decoder decoder;
    private final short[] pcmScratch = new short[2 * CHUNK];
    private final byte[] byteScratch = new byte[CHUNK];

    /**
     * Creates a codec.
     *
     * @param info the codec's facts; its bit rate (64000, 56000 or 48000) sets the decoder's mode
     */
    public G722Codec(CodecInfo info) {
        this.info = Objects.requireNonNull(info, "info");
        this.decoder = new G722Decoder(mode(info.bitrate()));
    }

    /**
     * The ITU-T G.722 decoder mode of a bit rate.
     *
     * @param bitrate 64000, 56000 or 48000
     * @return 1, 2 or 3
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming any other rate
     */
    static int mode(int bitrate) {
        switch (bitrate) {
            case 64_000:
                return 1;
            case 56_000:
                return 2;
            case 48_000:
                return 3;
            default:
                throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                        "G.722 (G722) runs at 64000, 56000 or 48000 bit/s, got " + bitrate + " bit/s");
        }
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, int sampleCount, byte[] out, int outOffset) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
        checkPairs(sampleCount);
        int needed = sampleCount >> 1;
        checkRoom(outOffset, out.length, needed, "bytes", "output array");
        encoder.encode(pcm, pcmOffset, needed, out, outOffset);
        return needed;
    }

    @Override
    public int decode(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(dataOffset, length, data.length);
        int samples = maxDecodedSize(length);
        checkRoom(pcmOffset, pcm.length, samples, "samples", "output array");
        decoder.decode(data, dataOffset, length, pcm, pcmOffset);
        return samples;
    }

    @Override
    public int encode(ShortBuffer pcm, ByteBuffer out) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        if (out.isReadOnly()) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "G722 encode: output buffer is read-only");
        }
        int samples = pcm.remaining();
        checkPairs(samples);
        int needed = samples >> 1;
        if (out.remaining() < needed) {
            throw tooSmall(needed, out.remaining(), "bytes", "output buffer");
        }
        int in = pcm.position();
        int at = out.position();
        if (pcm.hasArray() && out.hasArray()) {
            encoder.encode(pcm.array(), pcm.arrayOffset() + in, needed, out.array(), out.arrayOffset() + at);
            pcm.position(in + samples);
            out.position(at + needed);
            return needed;
        }
        for (int done = 0; done < needed; ) {
            int n = Math.min(CHUNK, needed - done);
            pcm.get(pcmScratch, 0, 2 * n);
            encoder.encode(pcmScratch, 0, n, byteScratch, 0);
            out.put(byteScratch, 0, n);
            done += n;
        }
        return needed;
    }

    @Override
    public int decode(ByteBuffer data, ShortBuffer pcm) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.isReadOnly()) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "G722 decode: output buffer is read-only");
        }
        int length = data.remaining();
        int samples = maxDecodedSize(length);
        if (pcm.remaining() < samples) {
            throw tooSmall(samples, pcm.remaining(), "samples", "output buffer");
        }
        int in = data.position();
        int at = pcm.position();
        if (data.hasArray() && pcm.hasArray()) {
            decoder.decode(data.array(), data.arrayOffset() + in, length, pcm.array(), pcm.arrayOffset() + at);
            data.position(in + length);
            pcm.position(at + samples);
            return samples;
        }
        for (int done = 0; done < length; ) {
            int n = Math.min(CHUNK, length - done);
            data.get(byteScratch, 0, n);
            decoder.decode(byteScratch, 0, n, pcmScratch, 0);
            pcm.put(pcmScratch, 0, 2 * n);
            done += n;
        }
        return samples;
    }

    /**
     * One byte per two samples.
     *
     * @param sampleCount samples, not negative
     * @return {@code sampleCount / 2}
     */
    @Override
    public int maxEncodedSize(int sampleCount) {
        if (sampleCount < 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    "G722: sample count must not be negative, got " + sampleCount);
        }
        return sampleCount >> 1;
    }

    /**
     * Two samples per byte.
     *
     * @param byteCount bytes, not negative
     * @return {@code 2 * byteCount}
     */
    @Override
    public int maxDecodedSize(int byteCount) {
        if (byteCount < 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    "G722: byte count must not be negative, got " + byteCount);
        }
        if (byteCount > Integer.MAX_VALUE / 2) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    "G722: " + byteCount + " bytes would decode to more than 2^31-1 samples");
        }
        return byteCount << 1;
    }

    @Override
    public CodecInfo info() {
        return info;
    }

    /** Returns encoder and decoder to the initial state of ITU-T G.722, as a new instance has. */
    @Override
    public void reset() {
        encoder.reset();
        decoder.reset();
    }

    @Override
    public String toString() {
        return "G722Codec[" + info + "]";
    }

    private static void checkPairs(int sampleCount) {
        if ((sampleCount & 1) != 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    "G722: " + sampleCount + " samples is not a whole number of 2-sample pairs"
                            + " (one byte codes two 16 kHz samples)");
        }
    }

    private static void checkRoom(int offset, int arrayLength, int needed, String unit, String what) {
        if (offset < 0 || offset > arrayLength) {
            throw new IndexOutOfBoundsException(what + " offset " + offset + " out of bounds for length " + arrayLength);
        }
        if (arrayLength - offset < needed) {
            throw tooSmall(needed, arrayLength - offset, unit, what);
        }
    }

    private static CodecException tooSmall(int needed, int available, String unit, String what) {
        return new CodecException(CodecException.Kind.BUFFER_TOO_SMALL,
                "G722: " + what + " too small: needs " + needed + " " + unit + ", has " + available);
    }
}
