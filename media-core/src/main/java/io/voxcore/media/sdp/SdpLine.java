package io.voxcore.media.sdp;

/**
 * An SDP line this model keeps but does not interpret: {@code i= u= e= p= k=} and the timing
 * lines {@code t= r= z=}. Kept in order and written back unchanged.
 *
 * @param type the one-letter type
 * @param value the text after {@code =}
 */
public record SdpLine(char type, String value) {

    /**
     * Creates the record.
     *
     * @param type a lower-case letter
     * @param value the text: no line break, no leading or trailing white space
     * @throws IllegalArgumentException for another type character or a value that would not
     *     parse back the same
     */
    public SdpLine {
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("SDP line type must be a lower-case letter, got '" + type + "'");
        }
        Tokens.requireTrimmed(value, type + "= value");
    }

    /**
     * The line as written, without its line ending.
     *
     * @return for example {@code t=0 0}
     */
    @Override
    public String toString() {
        return type + "=" + value;
    }
}
