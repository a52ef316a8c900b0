package io.voxcore.codec;

import java.util.Objects;

/**
 * Thrown when a codec cannot do what it was asked. Unchecked: these are setup mistakes and
 * misuse, never a normal outcome. The message names the offending values; {@link #kind()}
 * says which kind of failure it is. A codec that threw is left as it was and stays usable.
 */
public final class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of codec failure. */
    public enum Kind {
        /** No codec is known for the requested type, payload type or name. */
        UNSUPPORTED_CODEC,
        /** A configuration value is not valid for the codec (rate, channels, frame duration). */
        INVALID_CONFIG,
        /** The output has less room than the operation needs; nothing was written. */
        BUFFER_TOO_SMALL,
        /** The encoded input is not a valid payload for the codec (for example a partial sample). */
        INVALID_PAYLOAD,
        /** An argument is out of range or inconsistent (negative count, overlapping ranges, read-only output). */
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
    public CodecException(Kind kind, String message) {
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
    public CodecException(Kind kind, String message, Throwable cause) {
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
}
