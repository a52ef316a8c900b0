package io.voxcore.codec.internal;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.spi.CodecProvider;
import java.util.List;

/** The codecs voxcore ships: G.711 mu-law (PCMU) and A-law (PCMA), and G.722. */
public final class BuiltinCodecProvider implements CodecProvider {

    /** Most interleaved channels accepted, after the channel orders of RFC 3551 section 4.1. */
    public static final int MAX_G711_CHANNELS = 6;
    /** Longest frame accepted, in milliseconds. */
    public static final int MAX_FRAME_MILLIS = 200;

    /** Creates the provider. */
    public BuiltinCodecProvider() {
    }

    @Override
    public List<CodecType> codecTypes() {
        return List.of(CodecType.PCMU, CodecType.PCMA, CodecType.G722);
    }

    @Override
    public AudioCodec create(CodecConfig config) {
        // The built-in constant, not the caller's instance: an equal type may spell the name "pcmu".
        CodecType type;
        boolean ulaw;
        if (config.type().equals(CodecType.G722)) {
            return createG722(config);
        } else if (config.type().equals(CodecType.PCMU)) {
            type = CodecType.PCMU;
            ulaw = true;
        } else if (config.type().equals(CodecType.PCMA)) {
            type = CodecType.PCMA;
            ulaw = false;
        } else {
            throw new CodecException(CodecException.Kind.UNSUPPORTED_CODEC, "not a G.711 type: " + config.type());
        }
        if (config.sampleRate() != 8000) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "G.711 (" + type.name() + ") runs at 8000 Hz only, got " + config.sampleRate() + " Hz");
        }
        if (config.channels() > MAX_G711_CHANNELS) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "G.711 (" + type.name() + ") supports 1 to " + MAX_G711_CHANNELS + " channels, got "
                            + config.channels());
        }
        int millis = config.frameMillis();
        if (millis > MAX_FRAME_MILLIS || (8000 * millis) % 1000 != 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "G.711 (" + type.name() + ") frame duration must be a whole number of samples and at most "
                            + MAX_FRAME_MILLIS + " ms, got " + millis + " ms");
        }
        int bitrate = 64_000 * config.channels();
        if (config.bitrate() != CodecConfig.DEFAULT_BITRATE && config.bitrate() != bitrate) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "G.711 (" + type.name() + ") runs at 64000 bit/s per channel, " + bitrate + " bit/s for "
                            + config.channels() + " channel(s), got " + config.bitrate() + " bit/s");
        }
        CodecInfo info = new CodecInfo(type.name(), 8000, config.channels(), bitrate, 8 * millis, type.payloadType());
        return new G711Codec(info, ulaw);
    }

    private static AudioCodec createG722(CodecConfig config) {
        if (config.sampleRate() != 16_000) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "G.722 (G722) takes 16000 Hz audio only (its RTP clock rate is 8000), got "
                            + config.sampleRate() + " Hz");
        }
        if (config.channels() != 1) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "G.722 (G722) is mono only, got " + config.channels() + " channels");
        }
        int millis = config.frameMillis();
        if (millis > MAX_FRAME_MILLIS) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "G.722 (G722) frame duration must be at most " + MAX_FRAME_MILLIS + " ms, got " + millis + " ms");
        }
        int bitrate = config.bitrate() == CodecConfig.DEFAULT_BITRATE ? 64_000 : config.bitrate();
        G722Codec.mode(bitrate); // throws naming an unsupported rate
        CodecInfo info = new CodecInfo(CodecType.G722.name(), 16_000, 1, bitrate, 16 * millis,
                CodecType.G722.payloadType());
        return new G722Codec(info);
    }
}
