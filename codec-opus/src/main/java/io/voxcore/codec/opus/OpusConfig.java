package io.voxcore.codec.opus;

import io.voxcore.codec.CodecException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The Opus {@code a=fmtp} parameters of RFC 7587 section 6.1, parsed from and written back to the
 * fmtp string, and mapped to the {@link OpusSettings} of the encoder that sends to the party who
 * declared them. Standalone: an SDP layer calls {@link #parse(String)} on the remote fmtp value and
 * {@link #toFmtp()} for its own.
 *
 * <pre>{@code
 * // the peer's offer: a=fmtp:111 maxplaybackrate=16000;useinbandfec=1;maxaveragebitrate=20000
 * OpusConfig peer = OpusConfig.parse("maxplaybackrate=16000;useinbandfec=1;maxaveragebitrate=20000");
 * OpusCodec toPeer = OpusCodec.create(peer.encoderSettings(OpusSettings.defaults()));
 * }</pre>
 *
 * <p>RFC 7587 facts kept here: the rtpmap is always {@link #RTPMAP} ({@code opus/48000/2}) whatever
 * the real rate and channel count, the RTP clock is 48 kHz, the payload type is dynamic. The
 * parameters, their ranges and their defaults when absent:
 *
 * <table>
 * <caption>fmtp parameters</caption>
 * <tr><th>parameter</th><th>range</th><th>absent</th><th>meaning</th></tr>
 * <tr><td>maxplaybackrate</td><td>8000-48000</td><td>48000</td><td>highest rate the receiver plays</td></tr>
 * <tr><td>sprop-maxcapturerate</td><td>8000-48000</td><td>48000</td><td>highest rate the sender captures</td></tr>
 * <tr><td>maxaveragebitrate</td><td>6000-510000</td><td>none</td><td>receiver's limit on the average bit rate</td></tr>
 * <tr><td>stereo</td><td>0, 1</td><td>0</td><td>receiver prefers stereo</td></tr>
 * <tr><td>sprop-stereo</td><td>0, 1</td><td>0</td><td>sender is likely to send stereo</td></tr>
 * <tr><td>cbr</td><td>0, 1</td><td>0</td><td>receiver prefers constant bit rate</td></tr>
 * <tr><td>useinbandfec</td><td>0, 1</td><td>0</td><td>receiver can use in-band FEC</td></tr>
 * <tr><td>usedtx</td><td>0, 1</td><td>0</td><td>receiver prefers DTX</td></tr>
 * <tr><td>minptime</td><td>positive ms</td><td>none</td><td>shortest packet duration the receiver wants</td></tr>
 * </table>
 *
 * <p>Unknown parameters are ignored (and not written back); a known one with a malformed or
 * out-of-range value is rejected with its name and value. Immutable.
 */
public final class OpusConfig {

    /** The rtpmap encoding, always with 48000 and 2 (RFC 7587 section 7). */
    public static final String RTPMAP = "opus/48000/2";

    /** The RTP clock rate of Opus, whatever the sample rate. */
    public static final int RTP_CLOCK_RATE = 48000;

    private static final String[] NAMES = {"maxplaybackrate", "sprop-maxcapturerate", "maxaveragebitrate",
        "stereo", "sprop-stereo", "cbr", "useinbandfec", "usedtx", "minptime"};
    private static final int MAXPLAYBACKRATE = 0;
    private static final int SPROP_MAXCAPTURERATE = 1;
    private static final int MAXAVERAGEBITRATE = 2;
    private static final int STEREO = 3;
    private static final int SPROP_STEREO = 4;
    private static final int CBR = 5;
    private static final int USEINBANDFEC = 6;
    private static final int USEDTX = 7;
    private static final int MINPTIME = 8;

    private static final OpusConfig EMPTY = new OpusConfig(new int[NAMES.length], 0);

    /** Values indexed like {@link #NAMES}; meaningful where the bit in {@code present} is set. */
    private final int[] values;
    private final int present;

    private OpusConfig(int[] values, int present) {
        this.values = values;
        this.present = present;
    }

    /**
     * No parameters: every default of RFC 7587.
     *
     * @return the config
     */
    public static OpusConfig empty() {
        return EMPTY;
    }

    /**
     * Parses an fmtp value: {@code name=value} pairs separated by {@code ;} (spaces around
     * them allowed), names case-insensitive. The payload type in front ({@code a=fmtp:111 }) must
     * already be removed.
     *
     * @param fmtp the parameters, possibly empty
     * @return the config
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming a known
     *     parameter whose value is malformed or out of range
     */
    public static OpusConfig parse(String fmtp) {
        Objects.requireNonNull(fmtp, "fmtp");
        OpusConfig config = EMPTY;
        for (String part : fmtp.split(";")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String name = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : item.substring(eq + 1).trim();
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(name)) {
                    config = config.with(i, number(name, value));
                }
            }
        }
        return config;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "opus fmtp: " + name + " needs an integer, got \"" + value + "\"", e);
        }
    }

    private OpusConfig with(int index, int value) {
        String name = NAMES[index];
        switch (index) {
            case MAXPLAYBACKRATE:
            case SPROP_MAXCAPTURERATE:
                check(value >= 8000 && value <= 48000, name, value, "8000 to 48000");
                break;
            case MAXAVERAGEBITRATE:
                check(value >= 6000 && value <= 510000, name, value, "6000 to 510000");
                break;
            case MINPTIME:
                check(value > 0 && value <= 120, name, value, "1 to 120 ms");
                break;
            default:
                check(value == 0 || value == 1, name, value, "0 or 1");
        }
        int[] copy = values.clone();
        copy[index] = value;
        return new OpusConfig(copy, present | (1 << index));
    }

    private static void check(boolean ok, String name, int value, String range) {
        if (!ok) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "opus fmtp: " + name + " must be " + range + ", got " + value);
        }
    }

    /**
     * The fmtp value holding exactly the parameters set, in RFC 7587's order, {@code ;}-separated
     * (for example {@code maxplaybackrate=16000;useinbandfec=1}); empty when none is set.
     *
     * @return the fmtp value, without the {@code a=fmtp:PT } prefix
     */
    public String toFmtp() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((present & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : ";").append(NAMES[i]).append('=').append(values[i]);
            }
        }
        return b.toString();
    }

    /**
     * The fmtp we declare for a stream we receive and send with {@code local}: our playback and
     * capture rate when below 48 kHz, {@code stereo}/{@code sprop-stereo} for two channels,
     * {@code useinbandfec}, {@code usedtx} and {@code cbr} when on, and our bit rate as
     * {@code maxaveragebitrate}.
     *
     * @param local our settings
     * @return the config to write with {@link #toFmtp()}
     */
    public static OpusConfig describing(OpusSettings local) {
        Objects.requireNonNull(local, "local");
        OpusConfig c = EMPTY;
        if (local.sampleRate() < 48000) {
            c = c.withMaxPlaybackRate(local.sampleRate()).withSpropMaxCaptureRate(local.sampleRate());
        }
        if (local.channels() == 2) {
            c = c.withStereo(true).withSpropStereo(true);
        }
        c = c.withMaxAverageBitrate(local.bitrate());
        if (local.cbr()) {
            c = c.withCbr(true);
        }
        if (local.fec()) {
            c = c.withUseInbandFec(true);
        }
        if (local.dtx()) {
            c = c.withUseDtx(true);
        }
        return c;
    }

    /**
     * The settings for an encoder sending to the party that declared this fmtp, starting from ours:
     * the coded bandwidth is capped by {@code maxplaybackrate}, the bit rate by
     * {@code maxaveragebitrate}; stereo is sent only if {@code stereo=1} and {@code local} has two
     * channels (otherwise mono); {@code cbr}, {@code usedtx} and {@code useinbandfec} switch CBR,
     * DTX and FEC (FEC with {@code local}'s expected loss, or
     * {@link OpusSettings#DEFAULT_FEC_LOSS_PERCENT} if that is 0); the frame duration is raised to
     * {@code minptime} (to the next of 10, 20, 40, 60 ms).
     *
     * @param local our own settings: sample rate, bit rate, complexity and the rest
     * @return the settings to create the encoder with
     */
    public OpusSettings encoderSettings(OpusSettings local) {
        Objects.requireNonNull(local, "local");
        OpusSettings s = local;
        OpusSettings.Bandwidth cap = OpusSettings.Bandwidth.forRate(maxPlaybackRate());
        if (cap.ordinal() < s.maxBandwidth().ordinal()) {
            s = s.withMaxBandwidth(cap);
        }
        OptionalInt maxBitrate = maxAverageBitrate();
        if (maxBitrate.isPresent() && maxBitrate.getAsInt() < s.bitrate()) {
            s = s.withBitrate(maxBitrate.getAsInt());
        }
        if (s.channels() == 2 && !stereo()) {
            s = s.withChannels(1);
        }
        s = s.withCbr(cbr()).withDtx(useDtx());
        if (useInbandFec()) {
            s = s.withFec(s.expectedLossPercent() > 0 ? s.expectedLossPercent() : OpusSettings.DEFAULT_FEC_LOSS_PERCENT);
        } else {
            s = s.withoutFec();
        }
        OptionalInt min = minPtime();
        if (min.isPresent() && s.frameMillis() < min.getAsInt()) {
            int ms = min.getAsInt() <= 10 ? 10 : min.getAsInt() <= 20 ? 20 : min.getAsInt() <= 40 ? 40 : 60;
            s = s.withFrameMillis(ms);
        }
        return s;
    }

    private boolean has(int index) {
        return (present & (1 << index)) != 0;
    }

    /**
     * Whether a parameter was given.
     *
     * @param name a parameter name such as "useinbandfec", any case
     * @return true when it was parsed or set
     */
    public boolean isSet(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return has(i);
            }
        }
        return false;
    }

    /**
     * {@code maxplaybackrate}, default 48000.
     *
     * @return Hz
     */
    public int maxPlaybackRate() {
        return has(MAXPLAYBACKRATE) ? values[MAXPLAYBACKRATE] : 48000;
    }

    /**
     * {@code sprop-maxcapturerate}, default 48000.
     *
     * @return Hz
     */
    public int spropMaxCaptureRate() {
        return has(SPROP_MAXCAPTURERATE) ? values[SPROP_MAXCAPTURERATE] : 48000;
    }

    /**
     * {@code maxaveragebitrate}, if given.
     *
     * @return bit/s
     */
    public OptionalInt maxAverageBitrate() {
        return has(MAXAVERAGEBITRATE) ? OptionalInt.of(values[MAXAVERAGEBITRATE]) : OptionalInt.empty();
    }

    /**
     * {@code stereo=1}.
     *
     * @return whether the receiver prefers stereo
     */
    public boolean stereo() {
        return values[STEREO] == 1;
    }

    /**
     * {@code sprop-stereo=1}.
     *
     * @return whether the sender is likely to send stereo
     */
    public boolean spropStereo() {
        return values[SPROP_STEREO] == 1;
    }

    /**
     * {@code cbr=1}.
     *
     * @return whether the receiver prefers constant bit rate
     */
    public boolean cbr() {
        return values[CBR] == 1;
    }

    /**
     * {@code useinbandfec=1}.
     *
     * @return whether the receiver can use in-band FEC
     */
    public boolean useInbandFec() {
        return values[USEINBANDFEC] == 1;
    }

    /**
     * {@code usedtx=1}.
     *
     * @return whether the receiver prefers DTX
     */
    public boolean useDtx() {
        return values[USEDTX] == 1;
    }

    /**
     * {@code minptime}, if given.
     *
     * @return milliseconds
     */
    public OptionalInt minPtime() {
        return has(MINPTIME) ? OptionalInt.of(values[MINPTIME]) : OptionalInt.empty();
    }

    /**
     * With {@code maxplaybackrate}.
     *
     * @param hz 8000 to 48000
     * @return a new config
     */
    public OpusConfig withMaxPlaybackRate(int hz) {
        return with(MAXPLAYBACKRATE, hz);
    }

    /**
     * With {@code sprop-maxcapturerate}.
     *
     * @param hz 8000 to 48000
     * @return a new config
     */
    public OpusConfig withSpropMaxCaptureRate(int hz) {
        return with(SPROP_MAXCAPTURERATE, hz);
    }

    /**
     * With {@code maxaveragebitrate}.
     *
     * @param bitsPerSecond 6000 to 510000
     * @return a new config
     */
    public OpusConfig withMaxAverageBitrate(int bitsPerSecond) {
        return with(MAXAVERAGEBITRATE, bitsPerSecond);
    }

    /**
     * With {@code stereo}.
     *
     * @param on the value
     * @return a new config
     */
    public OpusConfig withStereo(boolean on) {
        return with(STEREO, on ? 1 : 0);
    }

    /**
     * With {@code sprop-stereo}.
     *
     * @param on the value
     * @return a new config
     */
    public OpusConfig withSpropStereo(boolean on) {
        return with(SPROP_STEREO, on ? 1 : 0);
    }

    /**
     * With {@code cbr}.
     *
     * @param on the value
     * @return a new config
     */
    public OpusConfig withCbr(boolean on) {
        return with(CBR, on ? 1 : 0);
    }

    /**
     * With {@code useinbandfec}.
     *
     * @param on the value
     * @return a new config
     */
    public OpusConfig withUseInbandFec(boolean on) {
        return with(USEINBANDFEC, on ? 1 : 0);
    }

    /**
     * With {@code usedtx}.
     *
     * @param on the value
     * @return a new config
     */
    public OpusConfig withUseDtx(boolean on) {
        return with(USEDTX, on ? 1 : 0);
    }

    /**
     * With {@code minptime}.
     *
     * @param millis 1 to 120
     * @return a new config
     */
    public OpusConfig withMinPtime(int millis) {
        return with(MINPTIME, millis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpusConfig && toFmtp().equals(((OpusConfig) o).toFmtp());
    }

    @Override
    public int hashCode() {
        return toFmtp().hashCode();
    }

    /** Returns the fmtp form, {@link #toFmtp()}. */
    @Override
    public String toString() {
        return toFmtp();
    }
}
