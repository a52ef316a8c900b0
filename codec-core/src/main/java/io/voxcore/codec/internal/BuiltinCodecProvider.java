package io.voxcore.codec.internal;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.spi.CodecProvider;
import java.util.List;

/** The codecs voxcore ships: G.711 mu-law (PCMU) and A-law (PCMA). */
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
        return List.of(CodecType.PCMU, CodecType.PCMA);
    }

    @Override
    public AudioCodec create(CodecConfig config) {
        // The built-in constant, not the caller's instance: an equal type may spell the name "pcmu".
        CodecType type;
        boolean ulaw;
        if (config.type().equals(CodecType.PCMU)) {
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
        CodecInfo info = new CodecInfo(type.name(), 8000, config.channels(), 64_000 * config.channels(),
                8 * millis, type.payloadType());
        return new G711Codec(info, ulaw);
    }
}
