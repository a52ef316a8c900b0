package io.voxcore.media.codec;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Converts RTP payloads from one codec to another, whatever their sample rates and channel
 * counts. A pair is named either by RTP payload type (static ones, and dynamic ones declared with
 * {@link #map(int, String, int, int)}) or by {@link Format} (encoding name, RTP clock rate and
 * channels, as SDP's {@code a=rtpmap} says them).
 *
 * <pre>{@code
 * Transcoder transcoder = new Transcoder();
 * Transcoder.Format opus = Transcoder.Format.of("opus/48000/2");
 * int written = transcoder.transcode(in, Transcoder.Format.PCMA, out, opus);   // one RTP payload
 * transcoder.map(96, "opus", 48000, 2);                                         // or by payload type
 * written = transcoder.transcode(in, 8, out, 96);
 * }</pre>
 *
 * <ul>
 *   <li>Equal formats: passed through untouched. The array form returns the very array it was
 *       given (not a copy); the buffer form copies the bytes to the output.</li>
 *   <li>PCMU to PCMA and back: one look-up per byte in codec-core's 256-entry tables
 *       ({@code G711.ulawToAlaw}, {@code G711.alawToUlaw}), exactly as decoding then encoding
 *       would give; the buffer form may work in place (the output the same buffer as the input).
 *       This is the fast path: no codec and no PCM scratch is created for it.</li>
 *   <li>Any other pair: decoded by the source codec at its own sample rate, resampled by
 *       codec-core's {@code Resampler} (8 to 48 kHz, multiples of 4 kHz) to the target codec's
 *       sample rate when they differ, encoded by the target codec; each payload in gives one
 *       payload out of the same duration. Channels: equal counts pass as they are; several to one
 *       are averaged (the mean of each frame, rounded down), one to several copies the channel to
 *       each. Codecs and resampler belong to the path and keep their state from packet to packet,
 *       so a stream cut into packets gives what the whole stream would. A pair this cannot do (a
 *       rate the resampler lacks, such as 44.1 kHz, two channel counts above one, an encoding no
 *       codec knows) is refused with {@link MediaCodecException} naming both formats.</li>
 * </ul>
 *
 * <p>RTP clock rate is not sample rate: G.722 is {@code G722/8000} but samples at 16 kHz, Opus is
 * {@code opus/48000/2} whatever it samples at and however many channels it really carries. A
 * {@link Format} is the SDP view; the codec made for it ({@link CodecFactory} by name, or the
 * factory given to {@link #codecs}) decides the sample rate and channels the transcoder converts
 * between. The payload-type methods and the {@link Format} methods keep separate paths and
 * counters. Timestamps are not the transcoder's business: the caller re-stamps each payload on
 * the target's RTP clock ({@code docs/codecs.md}, "Transcoding across rates").
 *
 * <p>Memory and allocation: a new transcoder holds no path and no scratch. Each pair used adds a
 * path of a few dozen bytes (pass-through, PCMU/PCMA), or its codecs and resampler; the PCM scratch
 * (two arrays shared by the decoding paths) comes with the first decoding path and grows only for
 * a payload longer than any before ({@link #prepare} does both ahead). The buffer forms then
 * allocate nothing, provided the codecs do not: G.711 and G.722 do not; Opus through Concentus
 * allocates inside its encoder and decoder on every frame.
 *
 * <p>Threading: a transcoder is <em>not</em> thread-safe. Its paths keep per-stream state, so use
 * one transcoder per stream direction (a relay leg), confined to one thread at a time.
 * {@link #stats(int, int)} reads the counters without synchronisation: call it from that thread,
 * or after a hand-over with a happens-before edge.
 *
 * <p>A failed call throws {@link MediaCodecException}, writes nothing, leaves every position
 * unchanged (a decoding path's codec or resampler history may have moved on if the encoder
 * refused the decoded samples), counts a failure on its path, and the transcoder stays usable. A
 * pair that cannot be transcoded is remembered as such: later calls fail at once, without
 * creating codecs again.
 */
public final class Transcoder {

    private static final int PAYLOAD_TYPES = 128;

    /** The paths used so far, most recently created first; null until the first call. */
    private TranscodePath paths;
    /** The path of the latest call; written only when it changes, so a steady stream stores nothing. */
    private TranscodePath last;
    /** PCM scratch, created with the first decoding path. */
    private TranscodePath.PcmScratch scratch;
    /** What {@link #map} and {@link #codecs} declared, null until the first declaration. */
    private Declarations declared;

    /** Creates a transcoder with no paths yet; codecs are created on first use of each pair. */
    public Transcoder() {
    }

    /**
     * An RTP payload format as SDP's {@code a=rtpmap} names it: encoding name, RTP clock rate and
     * channel count ({@code PCMU/8000/1}, {@code G722/8000/1}, {@code opus/48000/2}), which is also
     * its {@code toString()}. Formats are equal when their rates and channels are and their names
     * are equal ignoring case, as SDP's are.
     *
     * @param encoding the encoding name, for example "PCMU" or "opus"
     * @param clockRate the RTP clock rate in Hz (not necessarily the sample rate)
     * @param channels the channel count
     */
    public record Format(String encoding, int clockRate, int channels) {

        /** G.711 mu-law, {@code PCMU/8000/1}, static payload type 0. */
        public static final Format PCMU = new Format("PCMU", 8000, 1);
        /** G.711 A-law, {@code PCMA/8000/1}, static payload type 8. */
        public static final Format PCMA = new Format("PCMA", 8000, 1);
        /** G.722, {@code G722/8000/1} (16 kHz audio on an 8 kHz RTP clock), static payload type 9. */
        public static final Format G722 = new Format("G722", 8000, 1);

        /**
         * Checks the values.
         *
         * @param encoding the encoding name
         * @param clockRate the RTP clock rate
         * @param channels the channel count
         * @throws IllegalArgumentException naming the value when the name is blank or holds '/'
         *     or spaces, or a number is not positive
         */
        public Format {
            Objects.requireNonNull(encoding, "encoding");
            if (encoding.isBlank() || encoding.indexOf('/') >= 0 || encoding.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("encoding name must be a non-empty token without '/' or spaces, got \""
                        + encoding + "\"");
            }
            if (clockRate <= 0 || channels <= 0) {
                throw new IllegalArgumentException("format " + encoding + ": clock rate and channels must be positive, got "
                        + clockRate + " Hz, " + channels);
            }
        }

        /**
         * Parses SDP's {@code rtpmap} form: {@code NAME/rate} or {@code NAME/rate/channels} (one
         * channel when omitted), for example "opus/48000/2".
         *
         * @param rtpmap the encoding, clock rate and optional channels
         * @return the format
         * @throws IllegalArgumentException naming the text when it is not of that form
         */
        public static Format of(String rtpmap) {
            Objects.requireNonNull(rtpmap, "rtpmap");
            String[] parts = rtpmap.trim().split("/", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("expected NAME/rate or NAME/rate/channels, got \"" + rtpmap + "\"");
            }
            try {
                int rate = Integer.parseInt(parts[1].trim());
                int channels = parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1;
                return new Format(parts[0].trim(), rate, channels);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected NAME/rate or NAME/rate/channels, got \"" + rtpmap + "\"", e);
            }
        }

        /**
         * The format of a codec: its name, RTP clock rate and channel count.
         *
         * @param codec what a codec or a negotiated session says it is
         * @return the format
         */
        public static Format of(CodecInfo codec) {
            Objects.requireNonNull(codec, "codec");
            return new Format(codec.name(), codec.clockRate(), codec.channels());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Format && ((Format) o).clockRate == clockRate && ((Format) o).channels == channels
                    && ((Format) o).encoding.equalsIgnoreCase(encoding);
        }

        @Override
        public int hashCode() {
            return (encoding.toUpperCase(Locale.ROOT).hashCode() * 31 + clockRate) * 31 + channels;
        }

        @Override
        public String toString() {
            return encoding + "/" + clockRate + "/" + channels;
        }
    }

    /**
     * The counters of one path, at the moment {@link #stats(int, int)} was called.
     *
     * @param fromPayloadType the input payload type; -1 for a path asked for by {@link Format}
     * @param toPayloadType the output payload type; -1 for a path asked for by {@link Format}
     * @param frames payloads transcoded successfully
     * @param bytesIn payload bytes read by successful calls
     * @param bytesOut payload bytes produced by successful calls
     * @param failures calls that threw on this path (empty, malformed or too large payloads, a
     *     pair that cannot be transcoded)
     */
    public record Stats(int fromPayloadType, int toPayloadType, long frames, long bytesIn, long bytesOut,
            long failures) {
    }

    /**
     * Declares what a payload type carries, as an SDP {@code a=rtpmap} line does, so that the
     * payload-type methods work for dynamic payload types (and for a static one given another
     * meaning). Paths already made with this payload type are dropped, counters included.
     *
     * @param payloadType the RTP payload type, 0-127
     * @param encoding the encoding name, for example "opus"
     * @param clockRate the RTP clock rate in Hz, for example 48000
     * @param channels the channel count as SDP gives it, for example 2 for {@code opus/48000/2}
     * @return this transcoder
     * @throws IllegalArgumentException naming the value when the payload type is outside 0-127 or
     *     the format is invalid (see {@link Format})
     */
    public Transcoder map(int payloadType, String encoding, int clockRate, int channels) {
        checkRange(payloadType);
        Format format = new Format(encoding, clockRate, channels);
        forget(p -> p.key != TranscodePath.FORMAT_KEY
                && (p.key / PAYLOAD_TYPES == payloadType || p.key % PAYLOAD_TYPES == payloadType));
        declarations().map(payloadType, format);
        return this;
    }

    /**
     * Sets how the codecs of a format are made, for encoder settings other than the codec's
     * defaults (an Opus bit rate or application, a G.722 mode): every path that decodes or encodes
     * this format calls the factory once, for a new instance of its own. Without one, a path uses
     * {@link CodecFactory#createZeroCopy(String, int, int)}. Paths already made with this format
     * are dropped, counters included. The codec's name and RTP clock rate must be the format's;
     * its channel count decides what is decoded and encoded (Opus is {@code opus/48000/2} in SDP
     * whether it carries one channel or two).
     *
     * @param format the format, as given to the {@link Format} methods or resolved from a payload type
     * @param factory makes a new codec per call
     * @return this transcoder
     */
    public Transcoder codecs(Format format, Supplier<ZeroCopyCodecAdapter> factory) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(factory, "factory");
        forget(p -> format.equals(p.from) || format.equals(p.to));
        declarations().codecs(format, factory);
        return this;
    }

    /**
     * Transcodes a whole payload array.
     *
     * @param payload the input payload
     * @param fromPayloadType its RTP payload type
     * @param toPayloadType the wanted RTP payload type
     * @return the transcoded payload, a new array; {@code payload} itself when the formats are equal
     * @throws MediaCodecException {@link MediaCodecException.Kind#UNSUPPORTED_CODEC} listing the
     *     supported codecs for an unknown payload type, {@link MediaCodecException.Kind#FORMAT_MISMATCH}
     *     when the two codecs' rates or channels cannot be converted, {@link MediaCodecException.Kind#INVALID_PAYLOAD}
     *     for an empty payload or one that is not whole samples
     */
    public byte[] transcode(byte[] payload, int fromPayloadType, int toPayloadType) {
        Objects.requireNonNull(payload, "payload");
        return path(fromPayloadType, toPayloadType).run(payload);
    }

    /**
     * Transcodes all remaining bytes of {@code in} into {@code out} at its position, advancing
     * both positions like {@link ByteBuffer#put(ByteBuffer)}. Heap or direct buffers; {@code in}
     * may be read-only. {@code out} must not share memory with {@code in}, except for PCMU/PCMA
     * conversion, which may run in place ({@code out == in}). {@code out} needs room for the
     * longest output the payload could give (a decoding path checks before it decodes: an Opus
     * payload counts as 120 ms).
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
        return path(fromPayloadType, toPayloadType).run(in, out);
    }

    /**
     * Transcodes a whole payload array between two formats.
     *
     * @param payload the input payload
     * @param from its format
     * @param to the wanted format
     * @return the transcoded payload, a new array; {@code payload} itself when the formats are equal
     * @throws MediaCodecException as {@link #transcode(byte[], int, int)}, the message naming
     *     both formats when the pair cannot be transcoded
     */
    public byte[] transcode(byte[] payload, Format from, Format to) {
        Objects.requireNonNull(payload, "payload");
        return path(from, to).run(payload);
    }

    /**
     * Transcodes all remaining bytes of {@code in} into {@code out} between two formats, as
     * {@link #transcode(ByteBuffer, int, ByteBuffer, int)} does between payload types. Keep the
     * two {@link Format} instances and pass the same ones with every payload: the path is then
     * found by a reference comparison.
     *
     * @param in the input payload, position to limit
     * @param from its format
     * @param out where the output payload goes, from its position
     * @param to the wanted format
     * @return the number of bytes written to {@code out}
     * @throws MediaCodecException as {@link #transcode(ByteBuffer, int, ByteBuffer, int)}, the
     *     message naming both formats when the pair cannot be transcoded
     */
    public int transcode(ByteBuffer in, Format from, ByteBuffer out, Format to) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        return path(from, to).run(in, out);
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
        int key = fromPayloadType * PAYLOAD_TYPES + toPayloadType;
        return stats(fromPayloadType, toPayloadType, TranscodePath.find(paths, key));
    }

    /**
     * A snapshot of the counters of the path between two formats (the one the {@link Format}
     * methods use); all zero for a pair not used yet. Its payload types read -1.
     *
     * @param from the input format
     * @param to the output format
     * @return the counters
     */
    public Stats stats(Format from, Format to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return stats(-1, -1, TranscodePath.find(paths, from, to));
    }

    private static Stats stats(int from, int to, TranscodePath path) {
        return path == null
                ? new Stats(from, to, 0, 0, 0, 0)
                : new Stats(from, to, path.frames, path.bytesIn, path.bytesOut, path.failures);
    }

    /**
     * Makes the path between two formats now instead of on the first payload (its codecs and
     * resampler), and sizes the PCM scratch for payloads of up to {@code payloadBytes}: a relay's
     * set-up calls it so that the first packet of a direction allocates nothing.
     *
     * @param from the input format
     * @param to the output format
     * @param payloadBytes the longest input payload expected, for example 160 for 20 ms of PCMU
     * @return this transcoder
     * @throws MediaCodecException naming both formats when the pair cannot be transcoded (the
     *     refusal is remembered, as on a payload)
     * @throws IllegalArgumentException when {@code payloadBytes} is not positive
     */
    public Transcoder prepare(Format from, Format to, int payloadBytes) {
        if (payloadBytes <= 0) {
            throw new IllegalArgumentException("payloadBytes must be positive, got " + payloadBytes);
        }
        path(from, to).reserve(payloadBytes);
        return this;
    }

    /**
     * Clears the codec and resampler state of every path, as at the start of a new stream (a new
     * SSRC); paths and counters stay.
     */
    public void reset() {
        for (TranscodePath p = paths; p != null; p = p.next) {
            p.reset();
        }
    }

    /** PCM scratch samples held (0 until a decoding path runs). For tests. */
    int scratchSamples() {
        return scratch == null ? 0 : scratch.samples();
    }

    private static void checkRange(int payloadType) {
        if (payloadType < 0 || payloadType >= PAYLOAD_TYPES) {
            throw new IllegalArgumentException("RTP payload type must be 0-127, got " + payloadType);
        }
    }

    private TranscodePath path(int from, int to) {
        TranscodePath path = last;
        if ((from | to) >>> 7 == 0 && path != null && path.key == from * PAYLOAD_TYPES + to) {
            return path;
        }
        return lookUp(from, to);
    }

    private TranscodePath path(Format from, Format to) {
        TranscodePath path = last;
        if (path != null && path.key == TranscodePath.FORMAT_KEY
                && (path.from == from || path.from.equals(from)) && (path.to == to || path.to.equals(to))) {
            return path;
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        path = TranscodePath.find(paths, from, to);
        if (path == null) {
            path = make(TranscodePath.FORMAT_KEY, from, to);
        }
        return use(path);
    }

    private TranscodePath lookUp(int from, int to) {
        boolean inRange = (from | to) >>> 7 == 0;
        int key = from * PAYLOAD_TYPES + to;
        TranscodePath path = inRange ? TranscodePath.find(paths, key) : null;
        if (path == null) {
            Format a;
            Format b;
            try {
                a = Declarations.resolve(declared, from); // an unknown or out-of-range one throws, naming it
                b = Declarations.resolve(declared, to);
            } catch (MediaCodecException e) {
                if (inRange) {
                    add(new TranscodePath.Refused(key, null, null, e.kind(), e.getMessage())).failures++;
                }
                throw e;
            }
            path = make(key, a, b);
        }
        return use(path);
    }

    private TranscodePath use(TranscodePath path) {
        if (path != last) {
            last = path;
        }
        return path;
    }

    private TranscodePath add(TranscodePath path) {
        path.next = paths;
        paths = path;
        return path;
    }

    /** Drops the paths a new declaration changes. */
    private void forget(Predicate<TranscodePath> changed) {
        TranscodePath kept = null;
        for (TranscodePath p = paths; p != null; p = p.next) {
            if (!changed.test(p)) {
                kept = p;
            } else if (kept == null) {
                paths = p.next;
            } else {
                kept.next = p.next;
            }
        }
        last = null;
    }

    private Declarations declarations() {
        if (declared == null) {
            declared = new Declarations();
        }
        return declared;
    }

    /**
     * Makes and adds the path between two formats; a pair that cannot be transcoded becomes a
     * refused path, remembered like any other, and its first failure is thrown here.
     */
    private TranscodePath make(int key, Format from, Format to) {
        try {
            return add(TranscodePath.create(key, from, to, this));
        } catch (MediaCodecException e) {
            add(new TranscodePath.Refused(key, from, to, e.kind(), e.getMessage())).failures++;
            throw e;
        }
    }

    /** A new codec for a format, from its declared factory or {@link CodecFactory}. */
    ZeroCopyCodecAdapter codec(Format format, String pair) {
        return Declarations.codec(declared, format, pair);
    }

    /** The PCM scratch shared by the decoding paths, created by the first. */
    TranscodePath.PcmScratch scratch() {
        if (scratch == null) {
            scratch = new TranscodePath.PcmScratch();
        }
        return scratch;
    }
}
