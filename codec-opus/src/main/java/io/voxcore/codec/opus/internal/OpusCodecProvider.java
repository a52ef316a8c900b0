package io.voxcore.codec.opus.internal;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.opus.OpusCodec;
import io.voxcore.codec.opus.OpusSettings;
import io.voxcore.codec.spi.CodecProvider;
import java.util.List;

/**
 * Registers Opus with codec-core's {@link io.voxcore.codec.CodecFactory}: found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services} on the class path and
 * {@code provides} on the module path. A config's rate, channels and frame duration are used,
 * with {@link OpusSettings#defaults()} for the encoder settings.
 */
public final class OpusCodecProvider implements CodecProvider {

    /** Creates the provider (the service loader does). */
    public OpusCodecProvider() {
    }

    @Override
    public List<CodecType> codecTypes() {
        return List.of(OpusCodec.TYPE);
    }

    @Override
    public AudioCodec create(CodecConfig config) {
        return OpusCodec.create(OpusSettings.from(config));
    }
}
