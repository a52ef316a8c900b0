package io.voxcore.media.sdp;

import java.util.Objects;

/** Small checks shared by the model's records. */
final class Tokens {

    private Tokens() {
    }

    /** A non-empty token without white space or line breaks. */
    static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " must be one token without spaces, got \"" + value + "\"");
            }
        }
        return value;
    }

    /** Text that may hold spaces but no line break or NUL (an SDP line value). */
    static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " must not hold a line break or NUL, got \""
                        + value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"");
            }
        }
        return value;
    }

    /** Whether the text has no leading or trailing white space (so that a written line parses back equal). */
    static String requireTrimmed(String value, String what) {
        requireText(value, what);
        if (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(0) == '\t'
                || value.charAt(value.length() - 1) == ' ' || value.charAt(value.length() - 1) == '\t')) {
            throw new IllegalArgumentException(what + " must not start or end with white space, got \"" + value + "\"");
        }
        return value;
    }

    /** Text without a line break, NUL or trailing white space (the parser strips trailing white space). */
    static String requireNoTrailingSpace(String value, String what) {
        requireText(value, what);
        if (!value.isEmpty() && (value.charAt(value.length() - 1) == ' ' || value.charAt(value.length() - 1) == '\t')) {
            throw new IllegalArgumentException(what + " must not end with white space, got \"" + value + "\"");
        }
        return value;
    }
}
