package io.voxcore.codec.spi;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecType;
import java.util.List;

/**
 * Extension point through which a jar adds codecs to {@link io.voxcore.codec.CodecFactory}.
 *
 * <p>Providers are found once, with {@link java.util.ServiceLoader}: on the class path through a
 * {@code META-INF/services/io.voxcore.codec.spi.CodecProvider} file, on the module path through
 * {@code provides io.voxcore.codec.spi.CodecProvider with ...}. A provider needs a public
 * no-argument constructor and must be thread-safe; the codecs it creates need not be.
 *
 * <p>A built-in codec type wins over a provider's type with the same SDP name and payload type.
 * Codecs with a fixed number of bytes per sample can extend {@link AbstractSampleCodec}, which
 * implements every buffer form and all argument checks.
 */
public interface CodecProvider {

    /**
     * The codec types this provider creates.
     *
     * @return the types, never empty
     */
    List<CodecType> codecTypes();

    /**
     * Creates a codec. Called only with a config whose type is one of {@link #codecTypes()}.
     *
     * @param config the requested config
     * @return a new codec instance for one stream
     * @throws io.voxcore.codec.CodecException of kind
     *     {@link io.voxcore.codec.CodecException.Kind#INVALID_CONFIG} naming the value it cannot
     *     support
     */
    AudioCodec create(CodecConfig config);
}
