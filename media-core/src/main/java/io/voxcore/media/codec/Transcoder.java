package io.voxcore.media.codec;

import io.voxcore.codec.G711;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Converts RTP payloads from one payload type to another.
 *
 * <ul>
 *   <li>Same type in and out: passed through untouched. The array form returns the very array
 *       it was given (not a copy); the buffer form copies the bytes to the output.</li>
 *   <li>PCMU (0) to PCMA (8) and back: one look-up per byte in codec-core's 256-entry tables
 *       ({@code G711.ulawToAlaw}, {@code G711.alawToUlaw}), exactly as decoding then encoding
 *       would give; the buffer form may work in place (the output the same buffer as the input).</li>
 *   <li>Any other pair of codecs at the same rate and channel count: decoded then encoded through
 *       codec instances from {@link CodecFactory}, created on first use of the pair and kept.
 *       Pairs whose rates or channel counts differ are refused: this class neither resamples
 *       nor mixes channels.</li>
 * </ul>
 *
 * <p>The buffer form {@link #transcode(ByteBuffer, int, ByteBuffer, int)} allocates nothing once
 * a pair has been used and the PCM scratch array has grown to the largest payload seen.
 *
 * <p>Threading: a transcoder is <em>not</em> thread-safe. It owns one PCM scratch array and its
 * cached codec instances keep per-stream state, so use one transcoder per thread, or per stream
 * (a relay leg) confined to one thread at a time. {@link #stats(int, int)} reads the counters
 * without synchronisation: call it from that thread, or after a hand-over with a happens-before
 * edge.
 *
 * <p>A failed call throws {@link MediaCodecException}, writes nothing, leaves every position
 * unchanged, counts a failure on its path (once the path exists), and the transcoder stays
 * usable.
 */
public final class Transcoder {

    private static final int PAYLOAD_TYPES = 128;
    private static final int PCMU = 0;
    private static final int PCMA = 8;

    private final Path[] paths = new Path[PAYLOAD_TYPES * PAYLOAD_TYPES];
    private short[] pcm = new short[2880];

    /** Creates a transcoder with no paths yet; codecs are created on first use of each pair. */
    public Transcoder() {
    }

    /**
     * The counters of one path, at the moment {@link #stats(int, int)} was called.
     *
     * @param fromPayloadType the input payload type
     * @param toPayloadType the output payload type
     * @param frames payloads transcoded successfully
     * @param bytesIn payload bytes read by successful calls
     * @param bytesOut payload bytes produced by successful calls
     * @param failures calls that threw on this path (empty, malformed or too large payloads)
     */
    public record Stats(int fromPayloadType, int toPayloadType, long frames, long bytesIn, long bytesOut,
            long failures) {
    }

    /**
     * Transcodes a whole payload array.
     *
     * @param payload the input payload
     * @param fromPayloadType its RTP payload type
     * @param toPayloadType the wanted RTP payload type
     * @return the transcoded payload, a new array; {@code payload} itself when the types are equal
     * @throws MediaCodecException {@link MediaCodecException.Kind#UNSUPPORTED_CODEC} listing the
     *     supported codecs for an unknown payload type, {@link MediaCodecException.Kind#FORMAT_MISMATCH}
     *     when the two codecs differ in rate or channels, {@link MediaCodecException.Kind#INVALID_PAYLOAD}
     *     for an empty payload or one that is not whole samples
     */
    public byte[] transcode(byte[] payload, int fromPayloadType, int toPayloadType) {
        Objects.requireNonNull(payload, "payload");
        Path path = path(fromPayloadType, toPayloadType);
        try {
            byte[] result = path.transcode(payload);
            path.count(payload.length, result.length);
            return result;
        } catch (MediaCodecException e) {
            path.failures++;
            throw e;
        }
    }

    /**
     * Transcodes all remaining bytes of {@code in} into {@code out} at its position, advancing
     * both positions like {@link ByteBuffer#put(ByteBuffer)}. Heap or direct buffers; {@code in}
     * may be read-only. {@code out} must not share memory with {@code in}, except for PCMU/PCMA
     * conversion, which may run in place ({@code out == in}).
     *
     * @param in the input payload, position to limit
     * @param fromPayloadType its RTP payload type
     * @param out where the output payload goes, from its position
     * @param toPayloadType the wanted RTP payload type
     * @return the number of bytes written to {@code out}
     * @throws MediaCodecException as {@link #transcode(byte[], int, int)}, and
     *     {@link MediaCodecException.Kind#BUFFER_TOO_SMALL} naming both sizes when {@code out} has
     *     too little room, {@link MediaCodecException.Kind#INVALID_ARGUMENT} when it is read-only
     *     or is {@code in} for a path that cannot work in place
     */
    public int transcode(ByteBuffer in, int fromPayloadType, ByteBuffer out, int toPayloadType) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Path path = path(fromPayloadType, toPayloadType);
        try {
            int length = in.remaining();
            int written = path.transcode(in, out);
            path.count(length, written);
            return written;
        } catch (MediaCodecException e) {
            path.failures++;
            throw e;
        }
    }

    /**
     * A snapshot of one path's counters; all zero for a pair not used yet.
     *
     * @param fromPayloadType the input payload type, 0-127
     * @param toPayloadType the output payload type, 0-127
     * @return the counters
     * @throws IllegalArgumentException naming the value when a payload type is outside 0-127
     */
    public Stats stats(int fromPayloadType, int toPayloadType) {
        checkRange(fromPayloadType);
        checkRange(toPayloadType);
        Path path = paths[fromPayloadType * PAYLOAD_TYPES + toPayloadType];
        return path == null
                ? new Stats(fromPayloadType, toPayloadType, 0, 0, 0, 0)
                : new Stats(fromPayloadType, toPayloadType, path.frames, path.bytesIn, path.bytesOut, path.failures);
    }

    private static void checkRange(int payloadType) {
        if (payloadType < 0 || payloadType >= PAYLOAD_TYPES) {
            throw new IllegalArgumentException("RTP payload type must be 0-127, got " + payloadType);
        }
    }

    private Path path(int from, int to) {
        if ((from | to) >>> 7 == 0) {
            Path path = paths[from * PAYLOAD_TYPES + to];
            if (path != null) {
                return path;
            }
        }
        // Creating both codecs validates the payload types (the error lists the supported ones).
        ZeroCopyCodecAdapter decoder = CodecFactory.createZeroCopy(from);
        ZeroCopyCodecAdapter encoder = CodecFactory.createZeroCopy(to);
        Path path;
        if (from == to) {
            path = new Passthrough(decoder.info());
        } else if (from == PCMU && to == PCMA) {
            path = new G711Table(true);
        } else if (from == PCMA && to == PCMU) {
            path = new G711Table(false);
        } else {
            CodecInfo a = decoder.info();
            CodecInfo b = encoder.info();
            if (a.sampleRate() != b.sampleRate() || a.channels() != b.channels()) {
                throw new MediaCodecException(MediaCodecException.Kind.FORMAT_MISMATCH,
                        "cannot transcode " + a.name() + " (PT " + from + ", " + a.sampleRate() + " Hz, "
                                + a.channels() + " ch) to " + b.name() + " (PT " + to + ", " + b.sampleRate()
                                + " Hz, " + b.channels() + " ch): resampling and channel mixing are not supported");
            }
            path = new DecodeEncode(decoder, encoder);
        }
        paths[from * PAYLOAD_TYPES + to] = path;
        return path;
    }

    private static void checkInput(String name, int length) {
        if (length == 0) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_PAYLOAD,
                    name + " transcode: empty payload (0 bytes)");
        }
    }

    private static void checkOutput(String name, ByteBuffer out, int needed) {
        if (out.isReadOnly()) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT,
                    name + " transcode: output buffer is read-only");
        }
        if (out.remaining() < needed) {
            throw new MediaCodecException(MediaCodecException.Kind.BUFFER_TOO_SMALL,
                    name + " transcode: output too small: needs " + needed + " bytes, has " + out.remaining());
        }
    }

    private static MediaCodecException sameBuffer(String name) {
        return new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT,
                name + " transcode: input and output are the same buffer; only PCMU/PCMA conversion runs in place");
    }

    /** One cached payload-type pair with its counters. */
    private abstract static class Path {
        long frames;
        long bytesIn;
        long bytesOut;
        long failures;

        abstract byte[] transcode(byte[] payload);

        abstract int transcode(ByteBuffer in, ByteBuffer out);

        final void count(int in, int out) {
            frames++;
            bytesIn += in;
            bytesOut += out;
        }
    }

    private static final class Passthrough extends Path {
        private final CodecInfo info;

        Passthrough(CodecInfo info) {
            this.info = info;
        }

        @Override
        byte[] transcode(byte[] payload) {
            checkInput(info.name(), payload.length);
            return payload;
        }

        @Override
        int transcode(ByteBuffer in, ByteBuffer out) {
            int length = in.remaining();
            checkInput(info.name(), length);
            if (in == out) {
                throw sameBuffer(info.name());
            }
            checkOutput(info.name(), out, length);
            out.put(in);
            return length;
        }
    }

    private static final class G711Table extends Path {
        private final boolean ulawToAlaw;
        private final String name;

        G711Table(boolean ulawToAlaw) {
            this.ulawToAlaw = ulawToAlaw;
            this.name = ulawToAlaw ? "PCMU->PCMA" : "PCMA->PCMU";
        }

        @Override
        byte[] transcode(byte[] payload) {
            checkInput(name, payload.length);
            byte[] out = new byte[payload.length];
            if (ulawToAlaw) {
                G711.ulawToAlaw(payload, 0, out, 0, payload.length);
            } else {
                G711.alawToUlaw(payload, 0, out, 0, payload.length);
            }
            return out;
        }

        @Override
        int transcode(ByteBuffer in, ByteBuffer out) {
            int length = in.remaining();
            checkInput(name, length);
            // In place (out == in) the table maps each byte where it stands: no extra room needed.
            checkOutput(name, out, in == out ? 0 : length);
            return ulawToAlaw ? G711.ulawToAlaw(in, out) : G711.alawToUlaw(in, out);
        }
    }

    private final class DecodeEncode extends Path {
        private final ZeroCopyCodecAdapter decoder;
        private final ZeroCopyCodecAdapter encoder;
        private final String name;

        DecodeEncode(ZeroCopyCodecAdapter decoder, ZeroCopyCodecAdapter encoder) {
            this.decoder = decoder;
            this.encoder = encoder;
            this.name = decoder.info().name() + "->" + encoder.info().name();
        }

        @Override
        byte[] transcode(byte[] payload) {
            checkInput(name, payload.length);
            int samples = decoder.maxDecodedSize(payload.length);
            ByteBuffer out = ByteBuffer.allocate(encoder.maxEncodedSize(samples));
            int written = transcode(ByteBuffer.wrap(payload), out);
            return written == out.capacity() ? out.array() : Arrays.copyOf(out.array(), written);
        }

        @Override
        int transcode(ByteBuffer in, ByteBuffer out) {
            int length = in.remaining();
            checkInput(name, length);
            if (in == out) {
                throw sameBuffer(name);
            }
            int samples = decoder.maxDecodedSize(length);
            checkOutput(name, out, encoder.maxEncodedSize(samples));
            if (pcm.length < samples) {
                pcm = new short[samples];
            }
            int start = in.position();
            int decoded = decoder.decodeToBuffer(in, pcm, 0);
            try {
                return encoder.encodeToBuffer(pcm, 0, decoded, out);
            } catch (MediaCodecException e) {
                in.position(start);
                throw e;
            }
        }
    }
}
