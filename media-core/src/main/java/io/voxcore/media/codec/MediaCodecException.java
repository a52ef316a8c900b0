package io.voxcore.media.codec;

import io.voxcore.codec.CodecException;
import java.util.Objects;

/**
 * media-core's codec error. Unchecked: setup mistakes and misuse, never a normal outcome. The
 * message names the offending values and {@link #kind()} says what went wrong. When the failure
 * came from codec-core, its {@code io.voxcore.codec.CodecException} is kept as the
 * {@linkplain #getCause() cause}; this class is the one place where codec-core's errors are
 * translated. A codec that threw is left as it was and stays usable.
 */
public final class MediaCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of codec failure seen by media-core. */
    public enum Kind {
        /** No codec is known for the payload type (the message lists the supported ones). */
        UNSUPPORTED_CODEC,
        /** The codec cannot run with the requested rate, channel count or frame duration. */
        INVALID_CONFIG,
        /** A frame's rate or channel count differs from the codec's, or two codecs cannot be bridged. */
        FORMAT_MISMATCH,
        /** The output has less room than the operation needs; nothing was written. */
        BUFFER_TOO_SMALL,
        /** The payload is empty or not a whole number of samples of all channels. */
        INVALID_PAYLOAD,
        /** An argument is inconsistent: a read-only output, a count that splits a frame. */
        INVALID_ARGUMENT
    }

    /** The kind of failure; part of the serialized form. */
    private final Kind kind;

    /**
     * Creates an exception.
     *
     * @param kind the kind of failure
     * @param message what went wrong, with the offending values
     */
    public MediaCodecException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Creates an exception with a cause.
     *
     * @param kind the kind of failure
     * @param message what went wrong, with the offending values
     * @param cause the underlying failure
     */
    public MediaCodecException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * The kind of failure.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Translates a codec-core failure, keeping it as the cause and its message (which already
     * names the values) after a short context.
     */
    static MediaCodecException from(String context, CodecException cause) {
        return new MediaCodecException(kindOf(cause.kind()), context + ": " + cause.getMessage(), cause);
    }

    private static Kind kindOf(CodecException.Kind kind) {
        switch (kind) {
            case UNSUPPORTED_CODEC:
                return Kind.UNSUPPORTED_CODEC;
            case INVALID_CONFIG:
                return Kind.INVALID_CONFIG;
            case BUFFER_TOO_SMALL:
                return Kind.BUFFER_TOO_SMALL;
            case INVALID_PAYLOAD:
                return Kind.INVALID_PAYLOAD;
            case INVALID_ARGUMENT:
            default:
                return Kind.INVALID_ARGUMENT;
        }
    }
}
