package io.voxcore.media.codec;

import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecType;
import java.util.Arrays;

/**
 * The payload types a {@link Transcoder} was told about with {@link Transcoder#map}, and the
 * static ones codec-core knows. A handful of entries in two small arrays, looked up only when a
 * path is made, never per payload. Not thread-safe.
 */
final class PayloadTypes {

    private int[] types = new int[4];
    private Transcoder.Format[] formats = new Transcoder.Format[4];
    private int count;

    /** Declares or re-declares a payload type. */
    void put(int payloadType, Transcoder.Format format) {
        for (int i = 0; i < count; i++) {
            if (types[i] == payloadType) {
                formats[i] = format;
                return;
            }
        }
        if (count == types.length) {
            types = Arrays.copyOf(types, count * 2);
            formats = Arrays.copyOf(formats, count * 2);
        }
        types[count] = payloadType;
        formats[count++] = format;
    }

    /** The declared format, or null. */
    Transcoder.Format get(int payloadType) {
        for (int i = 0; i < count; i++) {
            if (types[i] == payloadType) {
                return formats[i];
            }
        }
        return null;
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
