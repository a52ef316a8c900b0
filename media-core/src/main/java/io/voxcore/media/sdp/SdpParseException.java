package io.voxcore.media.sdp;

/**
 * Thrown when text cannot be understood as an SDP session description. The message names the
 * 1-based line number and the offending line, for example
 * {@code line 6: "m=audio x RTP/AVP 0": port "x" is not a number 0-65535}.
 *
 * <p>It extends {@link IllegalArgumentException}: an SDP body is input from a peer or a user.
 */
public final class SdpParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The 1-based line number, 0 for the description as a whole. */
    private final int lineNumber;
    /** The offending line as read, empty when none. */
    private final String line;

    /**
     * Creates the exception.
     *
     * @param lineNumber the 1-based line number, 0 when the problem is the description as a whole
     * @param line the offending line as read (without its line ending), empty when none
     * @param reason what is wrong with it
     */
    public SdpParseException(int lineNumber, String line, String reason) {
        super(lineNumber > 0 ? "line " + lineNumber + ": \"" + printable(line) + "\": " + reason : reason);
        this.lineNumber = lineNumber;
        this.line = line == null ? "" : line;
    }

    /**
     * The 1-based number of the offending line.
     *
     * @return the line number, 0 when the problem is the description as a whole (for example an
     *     empty body)
     */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * The offending line as read, without its line ending.
     *
     * @return the line, empty when none
     */
    public String line() {
        return line;
    }

    private static String printable(String line) {
        if (line == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(line.length(), 80));
        for (int i = 0; i < line.length() && i < 80; i++) {
            char c = line.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (line.length() > 80) {
            b.append("...");
        }
        return b.toString();
    }
}
