package io.voxcore.codec.spi;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * Base for codecs that turn each sample into a fixed number of bytes (G.711: one, L16: two).
 *
 * <p>A subclass supplies two array kernels; this class does every argument check, the channel
 * and sample-alignment rules, and the buffer forms. Array-backed buffers go straight to the
 * kernels; direct, read-only and view buffers pass through two small scratch arrays owned by the
 * instance, made by the first call that needs them (an instance only ever used with arrays, as a
 * relay's or a session's, holds none), so no later call allocates.
 */
public abstract class AbstractSampleCodec implements AudioCodec {

    /** Samples moved through the scratch arrays per step, for buffers without an accessible array. */
    private static final int CHUNK = 480;

    private final CodecInfo info;
    private final int bytesPerSample;
    private short[] pcmScratch;
    private byte[] byteScratch;

    /**
     * Creates the codec.
     *
     * @param info what the codec is; its channel count sets the alignment rules
     * @param bytesPerSample encoded bytes per sample, 1 or more
     */
    protected AbstractSampleCodec(CodecInfo info, int bytesPerSample) {
        this.info = Objects.requireNonNull(info, "info");
        if (bytesPerSample < 1) {
            throw new IllegalArgumentException("bytesPerSample must be at least 1, got " + bytesPerSample);
        }
        if (info.channels() < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + info.channels());
        }
        this.bytesPerSample = bytesPerSample;
    }

    /** Makes the scratch arrays on first need: about 1.5 KB that array-only users never pay for. */
    private void scratch() {
        if (pcmScratch == null) {
            pcmScratch = new short[CHUNK];
            byteScratch = new byte[CHUNK * bytesPerSample];
        }
    }

    /**
     * Encodes {@code count} samples; ranges are already checked and the output has room for
     * {@code count * bytesPerSample} bytes.
     *
     * @param pcm the samples
     * @param pcmOffset index of the first sample
     * @param count how many samples
     * @param out where the bytes go
     * @param outOffset index of the first byte
     */
    protected abstract void encodeSamples(short[] pcm, int pcmOffset, int count, byte[] out, int outOffset);

    /**
     * Decodes {@code count} samples from {@code count * bytesPerSample} bytes; ranges are already
     * checked.
     *
     * @param data the bytes
     * @param dataOffset index of the first byte
     * @param count how many samples
     * @param pcm where the samples go
     * @param pcmOffset index of the first sample
     */
    protected abstract void decodeSamples(byte[] data, int dataOffset, int count, short[] pcm, int pcmOffset);

    @Override
    public final int encode(short[] pcm, int pcmOffset, int sampleCount, byte[] out, int outOffset) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
        checkWholeFrames(sampleCount);
        int needed = maxEncodedSize(sampleCount);
        checkRoom(outOffset, out.length, needed, "bytes", "output array");
        encodeSamples(pcm, pcmOffset, sampleCount, out, outOffset);
        return needed;
    }

    @Override
    public final int decode(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(dataOffset, length, data.length);
        int samples = checkWholeSamples(length);
        checkRoom(pcmOffset, pcm.length, samples, "samples", "output array");
        decodeSamples(data, dataOffset, samples, pcm, pcmOffset);
        return samples;
    }

    @Override
    public final int encode(ShortBuffer pcm, ByteBuffer out) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        if (out.isReadOnly()) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    info.name() + " encode: output buffer is read-only");
        }
        int samples = pcm.remaining();
        checkWholeFrames(samples);
        int needed = maxEncodedSize(samples);
        if (out.remaining() < needed) {
            throw tooSmall(needed, out.remaining(), "bytes", "output buffer");
        }
        int in = pcm.position();
        int at = out.position();
        if (pcm.hasArray() && out.hasArray()) {
            encodeSamples(pcm.array(), pcm.arrayOffset() + in, samples, out.array(), out.arrayOffset() + at);
            pcm.position(in + samples);
            out.position(at + needed);
            return needed;
        }
        scratch();
        for (int done = 0; done < samples; ) {
            int n = Math.min(CHUNK, samples - done);
            pcm.get(pcmScratch, 0, n);
            encodeSamples(pcmScratch, 0, n, byteScratch, 0);
            out.put(byteScratch, 0, n * bytesPerSample);
            done += n;
        }
        return needed;
    }

    @Override
    public final int decode(ByteBuffer data, ShortBuffer pcm) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.isReadOnly()) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    info.name() + " decode: output buffer is read-only");
        }
        int length = data.remaining();
        int samples = checkWholeSamples(length);
        if (pcm.remaining() < samples) {
            throw tooSmall(samples, pcm.remaining(), "samples", "output buffer");
        }
        int in = data.position();
        int at = pcm.position();
        if (data.hasArray() && pcm.hasArray()) {
            decodeSamples(data.array(), data.arrayOffset() + in, samples, pcm.array(), pcm.arrayOffset() + at);
            data.position(in + length);
            pcm.position(at + samples);
            return samples;
        }
        scratch();
        for (int done = 0; done < samples; ) {
            int n = Math.min(CHUNK, samples - done);
            data.get(byteScratch, 0, n * bytesPerSample);
            decodeSamples(byteScratch, 0, n, pcmScratch, 0);
            pcm.put(pcmScratch, 0, n);
            done += n;
        }
        return samples;
    }

    @Override
    public final int maxEncodedSize(int sampleCount) {
        if (sampleCount < 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    info.name() + ": sample count must not be negative, got " + sampleCount);
        }
        if (sampleCount > Integer.MAX_VALUE / bytesPerSample) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    info.name() + ": " + sampleCount + " samples would need more than 2^31-1 bytes");
        }
        return sampleCount * bytesPerSample;
    }

    @Override
    public final int maxDecodedSize(int byteCount) {
        if (byteCount < 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    info.name() + ": byte count must not be negative, got " + byteCount);
        }
        return byteCount / bytesPerSample;
    }

    @Override
    public final CodecInfo info() {
        return info;
    }

    /** Stateless by default: nothing to clear. Subclasses with state override this. */
    @Override
    public void reset() {
    }

    private void checkWholeFrames(int sampleCount) {
        if (sampleCount % info.channels() != 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    info.name() + ": " + sampleCount + " samples is not a whole number of "
                            + info.channels() + "-channel frames");
        }
    }

    private int checkWholeSamples(int length) {
        int unit = bytesPerSample * info.channels();
        if (length % unit != 0) {
            throw new CodecException(CodecException.Kind.INVALID_PAYLOAD,
                    info.name() + ": payload of " + length + " bytes is not a whole number of samples ("
                            + unit + " bytes per sample of all " + info.channels() + " channel(s))");
        }
        return length / bytesPerSample;
    }

    private void checkRoom(int offset, int arrayLength, int needed, String unit, String what) {
        if (offset < 0 || offset > arrayLength) {
            throw new IndexOutOfBoundsException(what + " offset " + offset + " out of bounds for length " + arrayLength);
        }
        if (arrayLength - offset < needed) {
            throw tooSmall(needed, arrayLength - offset, unit, what);
        }
    }

    private CodecException tooSmall(int needed, int available, String unit, String what) {
        return new CodecException(CodecException.Kind.BUFFER_TOO_SMALL,
                info.name() + ": " + what + " too small: needs " + needed + " " + unit + ", has " + available);
    }
}
