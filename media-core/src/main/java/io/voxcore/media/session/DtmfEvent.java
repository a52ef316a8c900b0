package io.voxcore.media.session;

import io.voxcore.media.rtp.TelephoneEvent;
import java.time.Duration;

/**
 * A DTMF digit received as an RFC 4733 telephone event, reported by a {@link MediaSession} to
 * its {@link DtmfListener}. Each event (one RTP timestamp) is reported at most twice: once when it
 * starts ({@code end} false, the duration so far), if a packet before its end arrives, and once
 * when it ends ({@code end} true, the final duration).
 *
 * @param digit the keypad character: one of {@code 0-9 * # A-D}
 * @param timestamp the event's RTP timestamp: when the tone began, in the sender's clock
 * @param durationSamples the duration in RTP timestamp units: so far (start) or final (end); above
 *     65,535 for a long event the sender split into segments (RFC 4733 2.5.1.3)
 * @param volume the power level as 0 to 63, meaning 0 to -63 dBm0
 * @param end whether this report is the event's end
 * @param clockRate the RTP clock rate, to convert {@code durationSamples}
 */
public record DtmfEvent(char digit, long timestamp, int durationSamples, int volume, boolean end, int clockRate) {

    /**
     * Checks the values.
     *
     * @param digit the keypad character
     * @param timestamp the RTP timestamp
     * @param durationSamples the duration in RTP units
     * @param volume the volume, 0-63
     * @param end the end flag
     * @param clockRate the clock rate
     * @throws IllegalArgumentException naming the value when one is out of range
     */
    public DtmfEvent {
        if (TelephoneEvent.dtmfEvent(digit) < 0) {
            throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit (0-9 * # A-D)");
        }
        if (durationSamples < 0 || volume < 0 || volume > TelephoneEvent.MAX_VOLUME
                || clockRate <= 0 || timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("DTMF event fields out of range: timestamp=" + timestamp
                    + " duration=" + durationSamples + " volume=" + volume + " clockRate=" + clockRate);
        }
    }

    /**
     * The RFC 4733 event code of the digit.
     *
     * @return 0-15
     */
    public int event() {
        return TelephoneEvent.dtmfEvent(digit);
    }

    /**
     * The duration as time.
     *
     * @return {@code durationSamples / clockRate}
     */
    public Duration duration() {
        return Duration.ofNanos(durationSamples * 1_000_000_000L / clockRate);
    }
}
