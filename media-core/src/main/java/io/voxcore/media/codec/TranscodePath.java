package io.voxcore.media.codec;

import io.voxcore.codec.CodecException;
import io.voxcore.codec.G711;
import io.voxcore.codec.Resampler;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One pair of formats a {@link Transcoder} has been asked for: how it converts, its per-stream
 * state, its counters, and its place in the transcoder's list. Package-private; confined to the
 * transcoder's thread like the transcoder itself.
 *
 * <p>Memory: a pass-through or G.711 table path is this object alone (a few dozen bytes); a
 * decoding path also holds its two codecs and, across rates, a resampler.
 */
abstract class TranscodePath {

    /** The key of a path asked for by {@link Transcoder.Format}s rather than payload types. */
    static final int FORMAT_KEY = -1;

    /** {@code from << 7 | to} for a payload-type path, {@link #FORMAT_KEY} otherwise. */
    final int key;
    final Transcoder.Format from;
    final Transcoder.Format to;
    /** The next path of the transcoder's list. */
    TranscodePath next;
    long frames;
    long bytesIn;
    long bytesOut;
    long failures;

    TranscodePath(int key, Transcoder.Format from, Transcoder.Format to) {
        this.key = key;
        this.from = from;
        this.to = to;
    }

    /**
     * Makes the path between two formats: pass-through when they are equal, the G.711 table for
     * PCMU and PCMA at equal rate and channels, decode-convert-encode otherwise.
     *
     * @throws MediaCodecException naming both formats when the pair cannot be transcoded
     */
    static TranscodePath create(int key, Transcoder.Format from, Transcoder.Format to, Transcoder owner) {
        if (from.equals(to)) {
            return new Passthrough(key, from, to);
        }
        if (from.clockRate() == to.clockRate() && from.channels() == to.channels()) {
            boolean ulaw = from.encoding().equalsIgnoreCase("PCMU");
            boolean alaw = from.encoding().equalsIgnoreCase("PCMA");
            if (ulaw && to.encoding().equalsIgnoreCase("PCMA") || alaw && to.encoding().equalsIgnoreCase("PCMU")) {
                return new G711Table(key, from, to, ulaw);
            }
        }
        String pair = key == FORMAT_KEY ? from + " to " + to
                : from + " (PT " + (key >> 7) + ") to " + to + " (PT " + (key & 0x7F) + ")";
        ZeroCopyCodecAdapter decoder = owner.codec(from, pair);
        ZeroCopyCodecAdapter encoder = owner.codec(to, pair);
        CodecInfo a = decoder.info();
        CodecInfo b = encoder.info();
        String sides = " (" + a.sampleRate() + " Hz, " + a.channels() + " ch to " + b.sampleRate() + " Hz, "
                + b.channels() + " ch)";
        if (a.channels() != b.channels() && a.channels() != 1 && b.channels() != 1) {
            throw new MediaCodecException(MediaCodecException.Kind.FORMAT_MISMATCH, "cannot transcode " + pair + sides
                    + ": channels are mixed only down to one or up from one");
        }
        Resampler resampler = null;
        if (a.sampleRate() != b.sampleRate()) {
            try {
                resampler = Resampler.create(a.sampleRate(), b.sampleRate(), Math.min(a.channels(), b.channels()));
            } catch (CodecException e) {
                throw new MediaCodecException(MediaCodecException.Kind.FORMAT_MISMATCH, "cannot transcode " + pair
                        + sides + ": cannot resample " + a.sampleRate() + " Hz to " + b.sampleRate() + " Hz: "
                        + e.getMessage(), e);
            }
        }
        return new DecodeEncode(key, from, to, decoder, encoder, resampler, owner.scratch(), a.name() + "->" + b.name());
    }

    /** The payload-type path with this key in the list from {@code head}, or null. */
    static TranscodePath find(TranscodePath head, int key) {
        for (TranscodePath p = head; p != null; p = p.next) {
            if (p.key == key) {
                return p;
            }
        }
        return null;
    }

    /** The format path between these formats in the list from {@code head}, or null. */
    static TranscodePath find(TranscodePath head, Transcoder.Format from, Transcoder.Format to) {
        for (TranscodePath p = head; p != null; p = p.next) {
            if (p.key == FORMAT_KEY && p.from.equals(from) && p.to.equals(to)) {
                return p;
            }
        }
        return null;
    }

    abstract byte[] transcode(byte[] payload);

    abstract int transcode(ByteBuffer in, ByteBuffer out);

    /** Clears codec and resampler state; counters stay. */
    void reset() {
    }

    /** Grows what a payload of this many bytes needs (the PCM scratch), so that it allocates nothing. */
    void reserve(int payloadBytes) {
    }

    /** Transcodes a payload array, counting it, or its failure, on this path. */
    final byte[] run(byte[] payload) {
        try {
            byte[] result = transcode(payload);
            frames++;
            bytesIn += payload.length;
            bytesOut += result.length;
            return result;
        } catch (MediaCodecException e) {
            failures++;
            throw e;
        }
    }

    /** Transcodes a payload buffer, counting it, or its failure, on this path. */
    final int run(ByteBuffer in, ByteBuffer out) {
        try {
            int length = in.remaining();
            int written = transcode(in, out);
            frames++;
            bytesIn += length;
            bytesOut += written;
            return written;
        } catch (MediaCodecException e) {
            failures++;
            throw e;
        }
    }

    static void checkInput(String name, int length) {
        if (length == 0) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_PAYLOAD,
                    name + " transcode: empty payload (0 bytes)");
        }
    }

    static void checkOutput(String name, ByteBuffer out, int needed) {
        if (out.isReadOnly()) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT,
                    name + " transcode: output buffer is read-only");
        }
        if (out.remaining() < needed) {
            throw new MediaCodecException(MediaCodecException.Kind.BUFFER_TOO_SMALL,
                    name + " transcode: output too small: needs " + needed + " bytes, has " + out.remaining());
        }
    }

    static MediaCodecException sameBuffer(String name) {
        return new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT,
                name + " transcode: input and output are the same buffer; only PCMU/PCMA conversion runs in place");
    }

    /** Equal formats: the payload is copied (buffer form) or returned as it is (array form). */
    static final class Passthrough extends TranscodePath {
        private final String name;

        Passthrough(int key, Transcoder.Format from, Transcoder.Format to) {
            super(key, from, to);
            this.name = from.encoding();
        }

        @Override
        byte[] transcode(byte[] payload) {
            checkInput(name, payload.length);
            return payload;
        }

        @Override
        int transcode(ByteBuffer in, ByteBuffer out) {
            int length = in.remaining();
            checkInput(name, length);
            if (in == out) {
                throw sameBuffer(name);
            }
            checkOutput(name, out, length);
            out.put(in);
            return length;
        }
    }

    /** PCMU to PCMA or back: one look-up per byte in codec-core's 256-entry tables; may run in place. */
    static final class G711Table extends TranscodePath {
        private final boolean ulawToAlaw;
        private final String name;

        G711Table(int key, Transcoder.Format from, Transcoder.Format to, boolean ulawToAlaw) {
            super(key, from, to);
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

    /** A pair that cannot be transcoded: every call throws the reason, and counts a failure. */
    static final class Refused extends TranscodePath {
        private final MediaCodecException.Kind kind;
        private final String message;

        Refused(int key, Transcoder.Format from, Transcoder.Format to, MediaCodecException.Kind kind, String message) {
            super(key, from, to);
            this.kind = kind;
            this.message = message;
        }

        @Override
        byte[] transcode(byte[] payload) {
            throw new MediaCodecException(kind, message);
        }

        @Override
        int transcode(ByteBuffer in, ByteBuffer out) {
            throw new MediaCodecException(kind, message);
        }
    }

    /**
     * Decode, convert channels and rate, encode: the source codec decodes at its own sample rate;
     * several channels going to one are averaged (their mean, rounded down) before resampling,
     * one channel going to several is copied to each after resampling, so the resampler filters
     * as few channels as possible; codec-core's {@link Resampler} converts the rate, its history
     * carried from packet to packet; the target codec encodes the result as one payload.
     */
    static final class DecodeEncode extends TranscodePath {
        private final ZeroCopyCodecAdapter decoder;
        private final ZeroCopyCodecAdapter encoder;
        /** Null when the sample rates are equal. */
        private final Resampler resampler;
        private final PcmScratch scratch;
        private final int fromChannels;
        private final int toChannels;
        /** Channels the resampler filters: 1 when mixing down or up, else both sides' count. */
        private final int midChannels;
        private final String name;

        DecodeEncode(int key, Transcoder.Format from, Transcoder.Format to, ZeroCopyCodecAdapter decoder,
                ZeroCopyCodecAdapter encoder, Resampler resampler, PcmScratch scratch, String name) {
            super(key, from, to);
            this.decoder = decoder;
            this.encoder = encoder;
            this.resampler = resampler;
            this.scratch = scratch;
            this.fromChannels = decoder.info().channels();
            this.toChannels = encoder.info().channels();
            this.midChannels = Math.min(fromChannels, toChannels);
            this.name = name;
        }

        @Override
        byte[] transcode(byte[] payload) {
            checkInput(name, payload.length);
            ByteBuffer out = ByteBuffer.allocate(neededOutput(payload.length));
            int written = transcode(ByteBuffer.wrap(payload), out);
            return written == out.capacity() ? out.array() : Arrays.copyOf(out.array(), written);
        }

        /** Samples (all channels) the encoder gets at most from a payload of this length. */
        private int encodedSamples(int decodedSamples) {
            int frames = decodedSamples / fromChannels;
            if (resampler != null) {
                frames = resampler.maxOutput(frames * midChannels) / midChannels;
            }
            return frames * toChannels;
        }

        private int neededOutput(int length) {
            return encoder.maxEncodedSize(encodedSamples(decoder.maxDecodedSize(length)));
        }

        @Override
        int transcode(ByteBuffer in, ByteBuffer out) {
            int length = in.remaining();
            checkInput(name, length);
            if (in == out) {
                throw sameBuffer(name);
            }
            int decodedMax = decoder.maxDecodedSize(length);
            int encodedMax = encodedSamples(decodedMax);
            checkOutput(name, out, encoder.maxEncodedSize(encodedMax));
            short[] pcm = scratch.first(resampler == null ? Math.max(decodedMax, encodedMax) : decodedMax);
            int start = in.position();
            try {
                int samples = decoder.decodeToBuffer(in, pcm, 0);
                if (fromChannels > toChannels) {
                    samples = mixDown(pcm, samples, fromChannels);
                }
                if (resampler != null) {
                    short[] resampled = scratch.second(Math.max(resampler.maxOutput(samples), encodedMax));
                    samples = resample(pcm, samples, resampled);
                    pcm = resampled;
                }
                if (toChannels > fromChannels) {
                    samples = mixUp(pcm, samples, toChannels);
                }
                return encoder.encodeToBuffer(pcm, 0, samples, out);
            } catch (MediaCodecException e) {
                in.position(start);
                throw e;
            }
        }

        private int resample(short[] in, int count, short[] out) {
            try {
                return resampler.process(in, 0, count, out, 0);
            } catch (CodecException e) {
                throw MediaCodecException.from(name + " resample", e);
            }
        }

        /** In place: each frame of {@code channels} samples becomes their mean, rounded down. */
        static int mixDown(short[] pcm, int samples, int channels) {
            int frames = samples / channels;
            for (int f = 0, at = 0; f < frames; f++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += pcm[at++];
                }
                pcm[f] = (short) Math.floorDiv(sum, channels);
            }
            return frames;
        }

        /** In place, from the end: each mono sample is copied to {@code channels} interleaved ones. */
        static int mixUp(short[] pcm, int frames, int channels) {
            for (int f = frames - 1; f >= 0; f--) {
                short v = pcm[f];
                for (int c = channels - 1, at = f * channels; c >= 0; c--) {
                    pcm[at + c] = v;
                }
            }
            return frames * channels;
        }

        @Override
        void reserve(int payloadBytes) {
            int decodedMax = decoder.maxDecodedSize(payloadBytes);
            int encodedMax = encodedSamples(decodedMax);
            scratch.first(resampler == null ? Math.max(decodedMax, encodedMax) : decodedMax);
            if (resampler != null) {
                scratch.second(Math.max(resampler.maxOutput(decodedMax), encodedMax));
            }
            decoder.reserveScratch(payloadBytes); // a direct or read-only input is copied through it
            encoder.reserveScratch(encoder.maxEncodedSize(encodedMax)); // a direct output likewise
        }

        @Override
        void reset() {
            decoder.reset();
            encoder.reset();
            if (resampler != null) {
                resampler.reset();
            }
        }
    }

    /**
     * The PCM scratch of one transcoder, shared by its decoding paths (one call runs at a time):
     * two arrays, allocated on first need and grown only when a call needs more than any before.
     */
    static final class PcmScratch {
        private short[] first = new short[0];
        private short[] second = new short[0];

        short[] first(int samples) {
            if (first.length < samples) {
                first = new short[samples];
            }
            return first;
        }

        short[] second(int samples) {
            if (second.length < samples) {
                second = new short[samples];
            }
            return second;
        }

        int samples() {
            return first.length + second.length;
        }
    }
}
