package io.voxcore.media.sdp;

/** Strict decimal parsing for SDP fields: digits only, no sign, no overflow. */
final class Numbers {

    private Numbers() {
    }

    static long nonNegativeLong(String text, String what) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not a number of 1-18 digits");
        }
        return Long.parseLong(text);
    }

    static int positive(String text, String what) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not a positive number");
        }
        int value = Integer.parseInt(text);
        if (value == 0) {
            throw new IllegalArgumentException(what + " must be positive, got 0");
        }
        return value;
    }

    static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("port \"" + text + "\" is not a number 0-65535");
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        return port;
    }
}
