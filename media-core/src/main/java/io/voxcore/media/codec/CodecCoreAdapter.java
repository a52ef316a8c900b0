package io.voxcore.media.codec;

import io.voxcore.codec.CodecException;
import io.voxcore.media.AudioFrame;
import java.util.Objects;

/**
 * media-core's {@link AudioCodec} over any codec-core codec, built in or added through
 * codec-core's SPI. It checks frames against the codec's rate and channel count and turns
 * codec-core's {@code CodecException} into {@link MediaCodecException}, keeping it as the cause.
 *
 * <p>Usually obtained from {@link CodecFactory#createCodec(int)}. One instance per stream; not
 * thread-safe.
 */
public final class CodecCoreAdapter implements AudioCodec {

    private final io.voxcore.codec.AudioCodec codec;
    private final CodecInfo info;

    /**
     * Wraps a codec-core codec. The adapter becomes the codec's only user: do not call the
     * wrapped instance directly afterwards.
     *
     * @param codec the codec-core codec
     */
    public CodecCoreAdapter(io.voxcore.codec.AudioCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.info = infoOf(codec);
    }

    @Override
    public byte[] encode(AudioFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.sampleRate() != info.sampleRate() || frame.channels() != info.channels()) {
            throw new MediaCodecException(MediaCodecException.Kind.FORMAT_MISMATCH,
                    info.name() + " encode: frame is " + frame.sampleRate() + " Hz, " + frame.channels()
                            + " channel(s); the codec expects " + info.sampleRate() + " Hz, "
                            + info.channels() + " channel(s)");
        }
        try {
            return codec.encode(frame.samples());
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " encode", e);
        }
    }

    @Override
    public AudioFrame decode(byte[] payload, long timestamp) {
        Objects.requireNonNull(payload, "payload");
        if (timestamp < 0 || timestamp > AudioFrame.MAX_TIMESTAMP) {
            throw new IllegalArgumentException("RTP timestamp must be 0 to " + AudioFrame.MAX_TIMESTAMP
                    + ", got " + timestamp);
        }
        if (payload.length == 0) {
            throw emptyPayload(info);
        }
        short[] pcm;
        try {
            pcm = codec.decode(payload);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " decode", e);
        }
        return new AudioFrame(pcm, info.sampleRate(), info.channels(), timestamp);
    }

    @Override
    public boolean concealsLoss() {
        return codec.concealsLoss();
    }

    @Override
    public AudioFrame conceal(int samplesPerChannel, long timestamp) {
        checkTimestamp(timestamp);
        if (!codec.concealsLoss()) {
            return null;
        }
        short[] pcm = new short[checkDuration(samplesPerChannel) * info.channels()];
        try {
            int n = codec.conceal(pcm, 0, pcm.length);
            return n == 0 ? null : new AudioFrame(pcm, info.sampleRate(), info.channels(), timestamp);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " conceal", e);
        }
    }

    @Override
    public AudioFrame decodeFec(byte[] next, int samplesPerChannel, long timestamp) {
        Objects.requireNonNull(next, "next");
        checkTimestamp(timestamp);
        if (!codec.concealsLoss() || next.length == 0) {
            return null;
        }
        short[] pcm = new short[checkDuration(samplesPerChannel) * info.channels()];
        try {
            int n = codec.decodeFec(next, 0, next.length, pcm, 0, pcm.length);
            return n == 0 ? null : new AudioFrame(pcm, info.sampleRate(), info.channels(), timestamp);
        } catch (CodecException e) {
            throw MediaCodecException.from(info.name() + " FEC decode", e);
        }
    }

    private int checkDuration(int samplesPerChannel) {
        if (samplesPerChannel <= 0 || samplesPerChannel > info.sampleRate()) {
            throw new MediaCodecException(MediaCodecException.Kind.INVALID_ARGUMENT, info.name()
                    + ": a lost duration must be 1 to " + info.sampleRate() + " samples per channel, got "
                    + samplesPerChannel);
        }
        return samplesPerChannel;
    }

    private static void checkTimestamp(long timestamp) {
        if (timestamp < 0 || timestamp > AudioFrame.MAX_TIMESTAMP) {
            throw new IllegalArgumentException("RTP timestamp must be 0 to " + AudioFrame.MAX_TIMESTAMP
                    + ", got " + timestamp);
        }
    }

    @Override
    public CodecInfo info() {
        return info;
    }

    @Override
    public void reset() {
        codec.reset();
    }

    @Override
    public String toString() {
        return "CodecCoreAdapter[" + info + "]";
    }

    /** media-core's facts about a codec-core codec. */
    static CodecInfo infoOf(io.voxcore.codec.AudioCodec codec) {
        io.voxcore.codec.CodecInfo core = codec.info();
        return new CodecInfo(core.name(), core.sampleRate(), core.channels(), core.bitrate(),
                rtpClockRate(core.name(), core.sampleRate()));
    }

    /**
     * The RTP clock rate of a payload format: the clock rate of codec-core's type of that name
     * (G.722: 8000; Opus: 48000), or the sample rate for a codec codec-core has no type for.
     */
    static int rtpClockRate(String name, int sampleRate) {
        for (io.voxcore.codec.CodecType type : io.voxcore.codec.CodecFactory.supportedCodecs()) {
            if (type.name().equalsIgnoreCase(name)) {
                return type.clockRate();
            }
        }
        return sampleRate;
    }

    static MediaCodecException emptyPayload(CodecInfo info) {
        return new MediaCodecException(MediaCodecException.Kind.INVALID_PAYLOAD,
                info.name() + " decode: empty payload (0 bytes)");
    }
}
