package io.voxcore.codec.opus;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.CodecType;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;

/**
 * Opus (RFC 6716) as a codec-core {@link AudioCodec}, in pure Java through Concentus (libopus 1.1.2,
 * fixed point, ported). One instance holds an encoder and a decoder for one stream.
 *
 * <p>Opus is packet-based, so the contract reads as follows: {@code encode} takes exactly one
 * frame (2.5, 5, 10, 20, 40 or 60 ms of all channels; the configured
 * {@link OpusSettings#frameMillis()} is what {@link #info()} reports) and returns one RTP payload;
 * {@code decode} takes one payload and returns its samples. The output of {@code decode} needs room
 * for that packet's own duration (its TOC says it), not for the 120 ms of
 * {@link #maxDecodedSize(int)}. A malformed payload throws {@link CodecException.Kind#INVALID_PAYLOAD}
 * and resets the decoder; payloads longer than {@link #MAX_PACKET_BYTES} are refused the same way.
 *
 * <p>Loss: {@link #decodeFec} recovers a lost frame from the next packet's in-band FEC when it
 * carries some ({@link OpusPacket#hasFec}), and {@link #conceal} runs Opus's own packet loss
 * concealment otherwise. DTX: with {@link OpusSettings#dtx()} on, encoder outputs of at most two
 * bytes ({@link #isDtxPacket(int)}) need not be sent.
 *
 * <p>Loud input: Concentus 1.0.2 refuses some frames of speech peaking near full scale (an
 * always-on arithmetic check that libopus compiles out); such a frame is encoded again 6 dB (or
 * 12 dB) quieter after an encoder reset, and counted in {@link #quieterFrames()}.
 *
 * <p>Allocation: the codec's own code never allocates per call, but Concentus does, inside its
 * encoder and decoder (measured in {@code docs/resampler-opus.md}: about 114-123 kB per 20 ms frame
 * encoded and 27 kB decoded at 48 kHz mono). These are short-lived objects the young generation
 * collects cheaply, yet a hot path that must not allocate cannot use this codec.
 */
public final class OpusCodec implements AudioCodec {

    /** Opus's codec type: SDP name "opus", dynamic payload type, RTP clock 48000 Hz. */
    public static final CodecType TYPE = CodecType.of("opus", CodecType.DYNAMIC_PAYLOAD_TYPE, 48000, 1);

    /** The longest payload accepted or produced, bytes (libopus's recommended encoder buffer). */
    public static final int MAX_PACKET_BYTES = 4000;

    private final OpusSettings settings;
    private final CodecInfo info;
    private final OpusEncoder encoder;
    private final OpusDecoder decoder;
    private final int channels;
    private final int rate;
    /** Scratch for buffer forms without an accessible array: 120 ms of stereo, and one packet. */
    private final short[] pcmScratch;
    private final byte[] byteScratch = new byte[MAX_PACKET_BYTES];
    /** A quieter copy of a frame Concentus refused at its own level; made when first needed. */
    private short[] quieter;
    private long quieterFrames;

    private OpusCodec(OpusSettings settings) {
        this.settings = settings;
        this.channels = settings.channels();
        this.rate = settings.sampleRate();
        this.info = new CodecInfo(TYPE.name(), rate, channels, settings.bitrate(), settings.frameSize(),
                CodecType.DYNAMIC_PAYLOAD_TYPE);
        this.pcmScratch = new short[rate / 1000 * 120 * channels];
        try {
            encoder = new OpusEncoder(rate, channels, application(settings.application()));
            decoder = new OpusDecoder(rate, channels);
        } catch (OpusException e) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG, "opus: cannot create " + settings, e);
        }
        encoder.setBitrate(settings.bitrate());
        encoder.setComplexity(settings.complexity());
        encoder.setUseVBR(!settings.cbr());
        encoder.setUseInbandFEC(settings.fec());
        encoder.setPacketLossPercent(settings.expectedLossPercent());
        encoder.setUseDTX(settings.dtx());
        encoder.setMaxBandwidth(bandwidth(settings.maxBandwidth()));
        if (settings.application() == OpusSettings.Application.VOIP) {
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        }
    }

    /**
     * Creates a codec.
     *
     * @param settings rate, channels, frame duration and encoder settings
     * @return a new codec for one stream
     */
    public static OpusCodec create(OpusSettings settings) {
        return new OpusCodec(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * The settings this codec runs with.
     *
     * @return the settings
     */
    public OpusSettings settings() {
        return settings;
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, int sampleCount, byte[] out, int outOffset) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
        int frame = checkFrame(sampleCount, "encode");
        int room = maxEncodedSize(sampleCount);
        if (outOffset < 0 || outOffset > out.length) {
            throw new IndexOutOfBoundsException("output offset " + outOffset + " out of bounds for length " + out.length);
        }
        if (out.length - outOffset < room) {
            throw tooSmall(room, out.length - outOffset, "bytes");
        }
        try {
            return encoder.encode(pcm, pcmOffset, frame, out, outOffset, room);
        } catch (OpusException e) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "opus encode failed: " + e.getMessage(), e);
        } catch (AssertionError e) {
            return encodeQuieter(pcm, pcmOffset, frame, out, outOffset, room, e);
        }
    }

    /**
     * Concentus 1.0.2 checks its fixed-point arithmetic with assertions that are always on (libopus
     * compiles the same checks out of release builds, and relies on the wrapped result): SILK's
     * {@code silk_MLA} overflow check throws on some frames of loud speech peaking near full scale.
     * The encoder's state is then unknown, so it is reset and the frame encoded again 6 dB quieter,
     * then 12 dB: the stream goes on with one quieter frame instead of a lost packet or a dead
     * session. Counted in {@link #quieterFrames()}. The copy array is made on the first such frame.
     */
    private int encodeQuieter(short[] pcm, int pcmOffset, int frame, byte[] out, int outOffset, int room,
            AssertionError first) {
        int samples = frame * channels;
        if (quieter == null) {
            quieter = new short[pcmScratch.length];
        }
        for (int shift = 1; shift <= 2; shift++) {
            encoder.resetState();
            for (int i = 0; i < samples; i++) {
                quieter[i] = (short) (pcm[pcmOffset + i] >> shift);
            }
            try {
                int written = encoder.encode(quieter, 0, frame, out, outOffset, room);
                quieterFrames++;
                return written;
            } catch (OpusException | AssertionError e) {
                first.addSuppressed(e);
            }
        }
        encoder.resetState();
        throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "opus encode failed on a frame of "
                + frame + " samples per channel, even 12 dB quieter (Concentus's arithmetic check)", first);
    }

    /**
     * How many frames were encoded quieter because Concentus's arithmetic check refused them at
     * their own level (loud input near full scale; see the class description).
     *
     * @return the count since this codec was made
     */
    public long quieterFrames() {
        return quieterFrames;
    }

    @Override
    public int decode(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(dataOffset, length, data.length);
        if (pcmOffset < 0 || pcmOffset > pcm.length) {
            throw new IndexOutOfBoundsException("output offset " + pcmOffset + " out of bounds for length " + pcm.length);
        }
        if (length == 0) {
            return 0;
        }
        int perChannel = checkPacket(data, dataOffset, length);
        if (pcm.length - pcmOffset < perChannel * channels) {
            throw tooSmall(perChannel * channels, pcm.length - pcmOffset, "samples");
        }
        return run(data, dataOffset, length, pcm, pcmOffset, perChannel, false);
    }

    /**
     * Runs Opus's packet loss concealment for a gap of {@code sampleCount} samples (all channels),
     * extrapolating from what was decoded before; call it once per lost frame, then decode the next
     * packet as usual.
     *
     * @param pcm where the samples go
     * @param pcmOffset index of the first sample
     * @param sampleCount a multiple of 2.5 ms of all channels, at most 120 ms
     * @return {@code sampleCount}
     */
    @Override
    public int conceal(short[] pcm, int pcmOffset, int sampleCount) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
        int frame = checkGap(sampleCount, "conceal");
        return run(null, 0, 0, pcm, pcmOffset, frame, false);
    }

    /**
     * Yes: Opus conceals a loss in its decoder ({@link #conceal}) or recovers it from the next
     * packet's in-band FEC ({@link #decodeFec}).
     *
     * @return true
     */
    @Override
    public boolean concealsLoss() {
        return true;
    }

    /**
     * The samples (all channels) a packet decodes to, from its TOC byte and frame count (RFC 6716
     * section 3), without decoding it.
     *
     * @param data the packet
     * @param dataOffset index of its first byte
     * @param length its length, at least 1
     * @return samples of all channels
     * @throws CodecException {@link CodecException.Kind#INVALID_PAYLOAD} for an empty, too long or
     *     malformed packet
     */
    @Override
    public int decodedSize(byte[] data, int dataOffset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(dataOffset, length, data.length);
        if (length == 0) {
            throw new CodecException(CodecException.Kind.INVALID_PAYLOAD, "opus: empty payload");
        }
        return checkPacket(data, dataOffset, length) * channels;
    }

    /**
     * Recovers the lost frame before {@code data} from the in-band FEC that {@code data} carries.
     * Returns 0 (and writes nothing) when it carries none ({@link OpusPacket#hasFec}); then call
     * {@link #conceal}. Either way, decode {@code data} itself next.
     *
     * @param data the packet that arrived after the gap
     * @param dataOffset index of its first byte
     * @param length its length
     * @param pcm where the recovered samples go
     * @param pcmOffset index of the first sample
     * @param sampleCount the lost frame's duration, a multiple of 2.5 ms of all channels
     * @return {@code sampleCount}, or 0 when there is no FEC
     */
    @Override
    public int decodeFec(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset, int sampleCount) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        Objects.checkFromIndexSize(dataOffset, length, data.length);
        Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
        int frame = checkGap(sampleCount, "decodeFec");
        if (length > MAX_PACKET_BYTES || !OpusPacket.hasFec(data, dataOffset, length)) {
            return 0;
        }
        return run(data, dataOffset, length, pcm, pcmOffset, frame, true);
    }

    private int run(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset, int frame, boolean fec) {
        try {
            return decoder.decode(data, dataOffset, length, pcm, pcmOffset, frame, fec) * channels;
        } catch (OpusException | RuntimeException | AssertionError e) {
            // AssertionError: Concentus checks its internal invariants with assertions, which garbage
            // input can break when the JVM runs with -ea; the decoder's state is then unknown.
            decoder.resetState();
            throw new CodecException(CodecException.Kind.INVALID_PAYLOAD, "opus: undecodable payload of " + length
                    + " bytes (TOC 0x" + (length > 0 ? Integer.toHexString(data[dataOffset] & 0xFF) : "-") + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int encode(ShortBuffer pcm, ByteBuffer out) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(out, "out");
        if (out.isReadOnly()) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "opus encode: output buffer is read-only");
        }
        int count = pcm.remaining();
        checkFrame(count, "encode");
        int room = maxEncodedSize(count);
        if (out.remaining() < room) {
            throw tooSmall(room, out.remaining(), "bytes");
        }
        int in = pcm.position();
        short[] src;
        int srcOffset;
        if (pcm.hasArray()) {
            src = pcm.array();
            srcOffset = pcm.arrayOffset() + in;
        } else {
            pcm.get(in, pcmScratch, 0, count);
            src = pcmScratch;
            srcOffset = 0;
        }
        int written;
        if (out.hasArray()) {
            written = encode(src, srcOffset, count, out.array(), out.arrayOffset() + out.position());
            out.position(out.position() + written);
        } else {
            written = encode(src, srcOffset, count, byteScratch, 0);
            out.put(byteScratch, 0, written);
        }
        pcm.position(in + count);
        return written;
    }

    @Override
    public int decode(ByteBuffer data, ShortBuffer pcm) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pcm, "pcm");
        if (pcm.isReadOnly()) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "opus decode: output buffer is read-only");
        }
        int length = data.remaining();
        if (length == 0) {
            return 0;
        }
        byte[] src;
        int srcOffset;
        if (data.hasArray()) {
            src = data.array();
            srcOffset = data.arrayOffset() + data.position();
        } else {
            if (length > MAX_PACKET_BYTES) {
                throw tooLong(length);
            }
            data.get(data.position(), byteScratch, 0, length);
            src = byteScratch;
            srcOffset = 0;
        }
        int perChannel = checkPacket(src, srcOffset, length);
        if (pcm.remaining() < perChannel * channels) {
            throw tooSmall(perChannel * channels, pcm.remaining(), "samples");
        }
        int written;
        if (pcm.hasArray()) {
            written = run(src, srcOffset, length, pcm.array(), pcm.arrayOffset() + pcm.position(), perChannel, false);
            pcm.position(pcm.position() + written);
        } else {
            written = run(src, srcOffset, length, pcmScratch, 0, perChannel, false);
            pcm.put(pcmScratch, 0, written);
        }
        data.position(data.position() + length);
        return written;
    }

    /**
     * Whether an encoder output of this length is a DTX packet that need not be sent.
     *
     * @param length what {@code encode} returned
     * @return true for at most two bytes
     */
    public static boolean isDtxPacket(int length) {
        return OpusPacket.isDtx(length);
    }

    /**
     * At most 1275 bytes per 20 ms (Opus's frame limit) plus the packet's framing, for one frame.
     *
     * @param sampleCount samples of one frame, all channels
     * @return bytes
     */
    @Override
    public int maxEncodedSize(int sampleCount) {
        if (sampleCount < 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    "opus: sample count must not be negative, got " + sampleCount);
        }
        int perChannel = sampleCount / channels;
        int twentyMs = rate / 50;
        int frames = Math.max(1, (perChannel + twentyMs - 1) / twentyMs);
        return Math.min(MAX_PACKET_BYTES, frames * 1275 + 7);
    }

    /**
     * 120 ms of all channels (the longest Opus packet) for any non-empty payload, 0 for none.
     *
     * @param byteCount payload bytes
     * @return samples, all channels
     */
    @Override
    public int maxDecodedSize(int byteCount) {
        if (byteCount < 0) {
            throw new CodecException(CodecException.Kind.INVALID_ARGUMENT,
                    "opus: byte count must not be negative, got " + byteCount);
        }
        return byteCount == 0 ? 0 : rate / 1000 * 120 * channels;
    }

    @Override
    public CodecInfo info() {
        return info;
    }

    @Override
    public void reset() {
        encoder.resetState();
        decoder.resetState();
    }

    @Override
    public String toString() {
        return settings.toString();
    }

    private int checkFrame(int sampleCount, String op) {
        if (sampleCount % channels == 0) {
            int perChannel = sampleCount / channels;
            int unit = rate / 400;   // 2.5 ms
            if (perChannel % unit == 0) {
                int units = perChannel / unit;
                if (units == 1 || units == 2 || units == 4 || units == 8 || units == 16 || units == 24) {
                    return perChannel;
                }
            }
        }
        throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "opus " + op + ": " + sampleCount
                + " samples is not one Opus frame of " + channels + " channel(s) at " + rate
                + " Hz (2.5, 5, 10, 20, 40 or 60 ms: " + (rate / 50 * channels) + " samples for 20 ms)");
    }

    private int checkGap(int sampleCount, String op) {
        int unit = rate / 400;
        if (sampleCount > 0 && sampleCount % channels == 0 && (sampleCount / channels) % unit == 0
                && sampleCount / channels <= 48 * unit) {
            return sampleCount / channels;
        }
        throw new CodecException(CodecException.Kind.INVALID_ARGUMENT, "opus " + op + ": " + sampleCount
                + " samples is not a multiple of 2.5 ms (" + (unit * channels) + " samples) up to 120 ms");
    }

    private int checkPacket(byte[] data, int offset, int length) {
        if (length > MAX_PACKET_BYTES) {
            throw tooLong(length);
        }
        int perChannel = OpusPacket.samplesPerChannel(data, offset, length, rate);
        if (perChannel <= 0) {
            throw new CodecException(CodecException.Kind.INVALID_PAYLOAD, "opus: malformed payload of " + length
                    + " bytes (TOC 0x" + Integer.toHexString(data[offset] & 0xFF) + ")");
        }
        return perChannel;
    }

    private CodecException tooLong(int length) {
        return new CodecException(CodecException.Kind.INVALID_PAYLOAD,
                "opus: payload of " + length + " bytes is longer than " + MAX_PACKET_BYTES);
    }

    private CodecException tooSmall(int needed, int available, String unit) {
        return new CodecException(CodecException.Kind.BUFFER_TOO_SMALL,
                "opus: output too small: needs " + needed + " " + unit + ", has " + available);
    }

    private static OpusApplication application(OpusSettings.Application app) {
        switch (app) {
            case AUDIO:
                return OpusApplication.OPUS_APPLICATION_AUDIO;
            case RESTRICTED_LOWDELAY:
                return OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY;
            default:
                return OpusApplication.OPUS_APPLICATION_VOIP;
        }
    }

    private static OpusBandwidth bandwidth(OpusSettings.Bandwidth b) {
        switch (b) {
            case NARROWBAND:
                return OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND;
            case MEDIUMBAND:
                return OpusBandwidth.OPUS_BANDWIDTH_MEDIUMBAND;
            case WIDEBAND:
                return OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND;
            case SUPERWIDEBAND:
                return OpusBandwidth.OPUS_BANDWIDTH_SUPERWIDEBAND;
            default:
                return OpusBandwidth.OPUS_BANDWIDTH_FULLBAND;
        }
    }
}
