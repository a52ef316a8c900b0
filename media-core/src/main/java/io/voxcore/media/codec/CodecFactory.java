package io.voxcore.media.codec;

import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one way media-core obtains codecs. Every codec codec-core knows, built in or added by an
 * {@code io.voxcore.codec.spi.CodecProvider} on the class or module path, is reachable here by
 * its static RTP payload type, with no change to media-core.
 *
 * <pre>{@code
 * AudioCodec pcmu = CodecFactory.createCodec(0);                    // 8000 Hz mono
 * ZeroCopyCodecAdapter stereo = CodecFactory.createZeroCopy(8, 8000, 2);
 * }</pre>
 *
 * <p>Each call returns a new instance for one stream. Thread-safe.
 */
public final class CodecFactory {

    private CodecFactory() {
    }

    /**
     * Creates a codec for a static RTP payload type at the codec's clock rate and default
     * channel count.
     *
     * @param payloadType the RTP payload type, for example 0 (PCMU) or 8 (PCMA)
     * @return a new codec
     * @throws MediaCodecException {@link MediaCodecException.Kind#UNSUPPORTED_CODEC} listing the
     *     supported codecs when none has this payload type
     */
    public static AudioCodec createCodec(int payloadType) {
        return new CodecCoreAdapter(coreCodec(payloadType));
    }

    /**
     * Creates a codec for a static RTP payload type at a given rate and channel count.
     *
     * @param payloadType the RTP payload type
     * @param sampleRate the rate in Hz
     * @param channels the channel count (samples interleaved)
     * @return a new codec
     * @throws MediaCodecException {@link MediaCodecException.Kind#UNSUPPORTED_CODEC} listing the
     *     supported codecs, or {@link MediaCodecException.Kind#INVALID_CONFIG} naming the value the
     *     codec cannot run with
     */
    public static AudioCodec createCodec(int payloadType, int sampleRate, int channels) {
        return new CodecCoreAdapter(coreCodec(payloadType, sampleRate, channels));
    }

    /**
     * Creates an allocation-free codec for a static RTP payload type at its clock rate and
     * default channel count.
     *
     * @param payloadType the RTP payload type
     * @return a new zero-copy codec
     * @throws MediaCodecException as {@link #createCodec(int)}
     */
    public static ZeroCopyCodecAdapter createZeroCopy(int payloadType) {
        return new ZeroCopyCodecAdapter(coreCodec(payloadType));
    }

    /**
     * Creates an allocation-free codec for a static RTP payload type at a given rate and channel
     * count.
     *
     * @param payloadType the RTP payload type
     * @param sampleRate the rate in Hz
     * @param channels the channel count (samples interleaved)
     * @return a new zero-copy codec
     * @throws MediaCodecException as {@link #createCodec(int, int, int)}
     */
    public static ZeroCopyCodecAdapter createZeroCopy(int payloadType, int sampleRate, int channels) {
        return new ZeroCopyCodecAdapter(coreCodec(payloadType, sampleRate, channels));
    }

    /**
     * What every codec media-core can create is, built-in codecs first, then those other jars add
     * through codec-core's {@code CodecProvider} SPI: the list an SDP offer is built from. Each
     * entry is the codec at its clock rate and default channel count; a codec whose provider
     * cannot create it at those defaults is left out.
     *
     * @return an unmodifiable list, in codec-core's order
     */
    public static List<CodecInfo> supportedCodecs() {
        List<CodecInfo> out = new ArrayList<>();
        for (CodecType type : io.voxcore.codec.CodecFactory.supportedCodecs()) {
            try {
                io.voxcore.codec.CodecInfo info = io.voxcore.codec.CodecFactory.create(CodecConfig.of(type)).info();
                out.add(new CodecInfo(type.name(), info.sampleRate(), info.channels(), info.bitrate(), type.clockRate()));
            } catch (CodecException | IllegalArgumentException e) {
                // a provider that cannot build its own codec at the defaults offers nothing we could use
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Creates an allocation-free codec for an encoding as SDP names it ({@code a=rtpmap}), the way
     * a negotiated dynamic payload type is resolved: "PCMU"/8000/1, "opus"/48000/2. The rate is
     * the RTP clock rate: when it is the codec's own clock the codec runs at its native sample
     * rate (G.722/8000 samples at 16 kHz, RFC 3551 4.5.2). Codecs other jars add through
     * codec-core's SPI are found too.
     *
     * @param encodingName the encoding name, any case
     * @param clockRate the RTP clock rate in Hz
     * @param channels the channel count
     * @return a new zero-copy codec
     * @throws MediaCodecException {@link MediaCodecException.Kind#UNSUPPORTED_CODEC} listing the
     *     supported codecs when none has this name, {@link MediaCodecException.Kind#INVALID_CONFIG}
     *     for a rate or channel count the codec cannot run with
     */
    public static ZeroCopyCodecAdapter createZeroCopy(String encodingName, int clockRate, int channels) {
        java.util.Objects.requireNonNull(encodingName, "encodingName");
        String rtpmap = encodingName + "/" + clockRate + "/" + channels;
        try {
            return new ZeroCopyCodecAdapter(io.voxcore.codec.CodecFactory.createByName(rtpmap));
        } catch (CodecException e) {
            throw MediaCodecException.from("encoding " + rtpmap, e);
        }
    }

    private static io.voxcore.codec.AudioCodec coreCodec(int payloadType) {
        try {
            return io.voxcore.codec.CodecFactory.create(CodecConfig.of(type(payloadType)));
        } catch (CodecException e) {
            throw MediaCodecException.from("payload type " + payloadType, e);
        }
    }

    private static io.voxcore.codec.AudioCodec coreCodec(int payloadType, int sampleRate, int channels) {
        try {
            CodecConfig config = CodecConfig.of(type(payloadType)).withSampleRate(sampleRate).withChannels(channels);
            return io.voxcore.codec.CodecFactory.create(config);
        } catch (CodecException e) {
            throw MediaCodecException.from("payload type " + payloadType + " at " + sampleRate + " Hz, "
                    + channels + " channel(s)", e);
        }
    }

    private static CodecType type(int payloadType) {
        return io.voxcore.codec.CodecFactory.typeForPayloadType(payloadType);
    }
}
