package io.voxcore.media.sdp;

/**
 * A typed {@code a=rtpmap} attribute (RFC 8866 6.6): {@code <payload type> <encoding
 * name>/<clock rate>[/<channels>]}.
 *
 * @param payloadType the RTP payload type, 0-127
 * @param encodingName the encoding name as written (compare ignoring case)
 * @param clockRate the RTP clock rate in Hz
 * @param channels the channel count, 1 when the attribute names none
 */
public record Rtpmap(int payloadType, String encodingName, int clockRate, int channels) {

    /**
     * Creates the record.
     *
     * @param payloadType 0-127
     * @param encodingName a token without '/' or spaces
     * @param clockRate positive
     * @param channels positive
     * @throws IllegalArgumentException for a value out of range
     */
    public Rtpmap {
        PayloadTypes.check(payloadType);
        Tokens.require(encodingName, "encoding name");
        if (encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("encoding name must not hold '/', got \"" + encodingName + "\"");
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channel count must be positive, got " + channels);
        }
    }

    /**
     * Parses the value of an {@code a=rtpmap} attribute.
     *
     * @param value for example {@code 97 iLBC/8000} or {@code 96 opus/48000/2}
     * @return the typed attribute
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Rtpmap parse(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("rtpmap needs \"<payload type> <encoding>/<clock rate>\"");
        }
        int pt = PayloadTypes.parse(v.substring(0, space));
        String[] parts = v.substring(space + 1).trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("rtpmap encoding must be <name>/<clock rate>[/<channels>]");
        }
        int rate = Numbers.positive(parts[1], "clock rate");
        int channels = parts.length == 3 ? Numbers.positive(parts[2], "channel count") : 1;
        return new Rtpmap(pt, parts[0], rate, channels);
    }

    /**
     * The attribute, channels written only when not 1.
     *
     * @return {@code a=rtpmap:...}
     */
    public Attribute toAttribute() {
        return Attribute.of("rtpmap", payloadType + " " + encodingName + "/" + clockRate + (channels == 1 ? "" : "/" + channels));
    }
}
