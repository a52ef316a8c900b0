package io.voxcore.media.codec;

import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecType;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link Transcoder}'s user declared: the formats of payload types
 * ({@link Transcoder#map}) and how the codecs of a format are made ({@link Transcoder#codecs}).
 * Created on the first declaration; read only when a path is made, never per payload. Not
 * thread-safe.
 */
final class Declarations {

    private final Map<Integer, Transcoder.Format> payloadTypes = new HashMap<>();
    private final Map<Transcoder.Format, Supplier<ZeroCopyCodecAdapter>> factories = new HashMap<>();

    void map(int payloadType, Transcoder.Format format) {
        payloadTypes.put(payloadType, format);
    }

    void codecs(Transcoder.Format format, Supplier<ZeroCopyCodecAdapter> factory) {
        factories.put(format, factory);
    }

    /** The declared format of a payload type, or null. */
    Transcoder.Format format(int payloadType) {
        return payloadTypes.get(payloadType);
    }

    /** The declared codec factory of a format, or null. */
    Supplier<ZeroCopyCodecAdapter> factory(Transcoder.Format format) {
        return factories.get(format);
    }

    /** The format a payload type carries: declared, else codec-core's static type. */
    static Transcoder.Format resolve(Declarations declared, int payloadType) {
        Transcoder.Format mapped = declared == null ? null : declared.format(payloadType);
        return mapped != null ? mapped : staticFormat(payloadType);
    }

    /**
     * A new codec for a format, from its declared factory or {@link CodecFactory}; {@code pair}
     * names the two formats in the error.
     */
    static ZeroCopyCodecAdapter codec(Declarations declared, Transcoder.Format format, String pair) {
        Supplier<ZeroCopyCodecAdapter> factory = declared == null ? null : declared.factory(format);
        try {
            if (factory == null) {
                return CodecFactory.createZeroCopy(format.encoding(), format.clockRate(), format.channels());
            }
            ZeroCopyCodecAdapter codec = Objects.requireNonNull(factory.get(), "codec factory of " + format + " returned null");
            CodecInfo info = codec.info();
            if (!info.name().equalsIgnoreCase(format.encoding()) || info.clockRate() != format.clockRate()) {
                throw new MediaCodecException(MediaCodecException.Kind.INVALID_CONFIG, "the codec factory of " + format
                        + " made " + info.name() + "/" + info.clockRate() + " (" + info + ")");
            }
            return codec;
        } catch (MediaCodecException e) {
            throw new MediaCodecException(e.kind(), "cannot transcode " + pair + ": " + e.getMessage(), e);
        }
    }

    /**
     * The format of a static payload type (RFC 3551) as codec-core registers it.
     *
     * @throws MediaCodecException {@link MediaCodecException.Kind#UNSUPPORTED_CODEC} listing the
     *     supported codecs when codec-core has no codec with this payload type
     */
    static Transcoder.Format staticFormat(int payloadType) {
        switch (payloadType) {
            case 0:
                return Transcoder.Format.PCMU;
            case 8:
                return Transcoder.Format.PCMA;
            case 9:
                return Transcoder.Format.G722;
            default:
                try {
                    CodecType type = io.voxcore.codec.CodecFactory.typeForPayloadType(payloadType);
                    return new Transcoder.Format(type.name(), type.clockRate(), type.defaultChannels());
                } catch (CodecException e) {
                    throw MediaCodecException.from("payload type " + payloadType, e);
                }
        }
    }
}
