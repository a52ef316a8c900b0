package io.voxcore.media.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * What one RTP payload type means on a leg: the codec (or telephone-event, or comfort noise) by
 * its SDP encoding name, RTP clock rate, channel count and format parameters.
 *
 * @param payloadType the RTP payload type, 0-127
 * @param encodingName the SDP encoding name, for example {@code PCMU}, {@code telephone-event}, {@code CN}
 * @param clockRate the RTP clock rate in Hz
 * @param channels the channel count
 * @param fmtp the format parameters as written, empty when none
 */
public record PayloadFormat(int payloadType, String encodingName, int clockRate, int channels, String fmtp) {

    /** The encoding name of RFC 4733 telephone events. */
    public static final String TELEPHONE_EVENT = "telephone-event";
    /** The encoding name of RFC 3389 comfort noise. */
    public static final String COMFORT_NOISE = "CN";

    /**
     * Creates the record.
     *
     * @param payloadType 0-127
     * @param encodingName a token
     * @param clockRate positive
     * @param channels positive
     * @param fmtp the parameters, not null (empty for none)
     * @throws IllegalArgumentException for a value out of range
     */
    public PayloadFormat {
        PayloadTypes.check(payloadType);
        Tokens.require(encodingName, "encoding name");
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive, got " + clockRate + "/" + channels);
        }
        Objects.requireNonNull(fmtp, "fmtp");
    }

    /**
     * Whether this is RFC 4733 telephone-event.
     *
     * @return true for {@code telephone-event}, any case
     */
    public boolean isTelephoneEvent() {
        return encodingName.equalsIgnoreCase(TELEPHONE_EVENT);
    }

    /**
     * Whether this is RFC 3389 comfort noise.
     *
     * @return true for {@code CN}, any case
     */
    public boolean isComfortNoise() {
        return encodingName.equalsIgnoreCase(COMFORT_NOISE);
    }

    /**
     * Whether this is a codec (neither telephone-event nor comfort noise).
     *
     * @return true for an audio codec
     */
    public boolean isCodec() {
        return !isTelephoneEvent() && !isComfortNoise();
    }

    /**
     * Whether this format is the same encoding as another: name ignoring case, clock rate and
     * channel count (payload type and fmtp are not compared).
     *
     * @param name the encoding name
     * @param rate the clock rate
     * @param channelCount the channel count
     * @return true when they match
     */
    public boolean sameEncoding(String name, int rate, int channelCount) {
        return encodingName.equalsIgnoreCase(name) && clockRate == rate && channels == channelCount;
    }

    /**
     * The same format under another payload type.
     *
     * @param pt the payload type
     * @return a new record
     */
    public PayloadFormat withPayloadType(int pt) {
        return new PayloadFormat(pt, encodingName, clockRate, channels, fmtp);
    }

    /**
     * The rtpmap attribute of this format.
     *
     * @return the typed attribute
     */
    public Rtpmap rtpmap() {
        return new Rtpmap(payloadType, encodingName, clockRate, channels);
    }

    /**
     * A short description.
     *
     * @return for example {@code 101 telephone-event/8000 (0-15)}
     */
    @Override
    public String toString() {
        return payloadType + " " + encodingName + "/" + clockRate + (channels == 1 ? "" : "/" + channels)
                + (fmtp.isEmpty() ? "" : " (" + fmtp + ")");
    }

    static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
