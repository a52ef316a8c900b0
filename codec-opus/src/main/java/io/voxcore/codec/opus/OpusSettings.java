package io.voxcore.codec.opus;

import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecException;
import java.util.Objects;

/**
 * What an Opus codec instance runs with: the PCM format on our side and the encoder settings a
 * telephony user sets. Immutable; each {@code with*} returns a new value and rejects an invalid
 * one at once, naming it.
 *
 * <pre>{@code
 * OpusSettings s = OpusSettings.defaults().withSampleRate(16000).withBitrate(24000).withFec(10);
 * OpusCodec opus = OpusCodec.create(s);
 * }</pre>
 *
 * <p>Defaults: 48 kHz mono, 20 ms frames, {@link Application#VOIP}, 32 kbit/s per channel,
 * complexity 5, variable bit rate, no FEC, 0 % expected loss, no DTX, full band allowed. The RTP
 * clock stays 48 kHz whatever the sample rate (RFC 7587); that is the session's concern.
 */
public final class OpusSettings {

    /** Opus's coding modes (its {@code OPUS_APPLICATION_*}). */
    public enum Application {
        /** Speech first: the mode a telephony stream uses. */
        VOIP,
        /** Music and mixed content. */
        AUDIO,
        /** Lowest delay: CELT only, no speech (SILK) mode and hence no in-band FEC. */
        RESTRICTED_LOWDELAY
    }

    /** Audio bandwidths Opus codes, with their upper edge. */
    public enum Bandwidth {
        /** 4 kHz audio bandwidth (8 kHz sampling). */
        NARROWBAND(8000),
        /** 6 kHz (12 kHz sampling). */
        MEDIUMBAND(12000),
        /** 8 kHz (16 kHz sampling). */
        WIDEBAND(16000),
        /** 12 kHz (24 kHz sampling). */
        SUPERWIDEBAND(24000),
        /** 20 kHz (48 kHz sampling). */
        FULLBAND(48000);

        private final int sampleRate;

        Bandwidth(int sampleRate) {
            this.sampleRate = sampleRate;
        }

        /**
         * The sample rate that carries this bandwidth.
         *
         * @return Hz
         */
        public int sampleRate() {
            return sampleRate;
        }

        /**
         * The widest bandwidth a playback or capture rate can carry (RFC 7587 {@code maxplaybackrate}).
         *
         * @param hz a rate in Hz
         * @return the bandwidth
         */
        public static Bandwidth forRate(int hz) {
            Bandwidth best = NARROWBAND;
            for (Bandwidth b : values()) {
                if (b.sampleRate <= hz) {
                    best = b;
                }
            }
            return best;
        }
    }

    /** The expected loss put in when FEC is turned on by a peer's {@code useinbandfec=1} and none was set. */
    public static final int DEFAULT_FEC_LOSS_PERCENT = 10;

    private static final OpusSettings DEFAULTS =
            new OpusSettings(48000, 1, 20, 32000, 5, Application.VOIP, false, 0, false, false, Bandwidth.FULLBAND);

    private final int sampleRate;
    private final int channels;
    private final int frameMillis;
    private final int bitrate;
    private final int complexity;
    private final Application application;
    private final boolean fec;
    private final int expectedLossPercent;
    private final boolean dtx;
    private final boolean cbr;
    private final Bandwidth maxBandwidth;

    private OpusSettings(int sampleRate, int channels, int frameMillis, int bitrate, int complexity,
            Application application, boolean fec, int expectedLossPercent, boolean dtx, boolean cbr,
            Bandwidth maxBandwidth) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frameMillis = frameMillis;
        this.bitrate = bitrate;
        this.complexity = complexity;
        this.application = application;
        this.fec = fec;
        this.expectedLossPercent = expectedLossPercent;
        this.dtx = dtx;
        this.cbr = cbr;
        this.maxBandwidth = maxBandwidth;
    }

    /**
     * The defaults listed in the class description.
     *
     * @return the settings
     */
    public static OpusSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Settings from a codec-core config: its sample rate, channel count and frame duration, with
     * the defaults for the rest (32 kbit/s per channel).
     *
     * @param config a config of any type; only rate, channels and frame duration are read
     * @return the settings
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} naming a value Opus
     *     cannot run with
     */
    public static OpusSettings from(CodecConfig config) {
        Objects.requireNonNull(config, "config");
        return DEFAULTS.withSampleRate(config.sampleRate()).withChannels(config.channels())
                .withFrameMillis(config.frameMillis()).withBitrate(32000 * config.channels());
    }

    /**
     * At another PCM sample rate (the rate of the samples we encode and decode).
     *
     * @param hz 8000, 12000, 16000, 24000 or 48000
     * @return new settings
     */
    public OpusSettings withSampleRate(int hz) {
        if (hz != 8000 && hz != 12000 && hz != 16000 && hz != 24000 && hz != 48000) {
            throw invalid("sample rate must be 8000, 12000, 16000, 24000 or 48000 Hz, got " + hz);
        }
        return new OpusSettings(hz, channels, frameMillis, bitrate, complexity, application, fec,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With another channel count.
     *
     * @param count 1 (mono) or 2 (stereo, interleaved)
     * @return new settings
     */
    public OpusSettings withChannels(int count) {
        if (count != 1 && count != 2) {
            throw invalid("channel count must be 1 or 2, got " + count);
        }
        return new OpusSettings(sampleRate, count, frameMillis, bitrate, complexity, application, fec,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With another frame (packet) duration; each {@code encode} call takes exactly one frame.
     *
     * @param millis 10, 20, 40 or 60
     * @return new settings
     */
    public OpusSettings withFrameMillis(int millis) {
        if (millis != 10 && millis != 20 && millis != 40 && millis != 60) {
            throw invalid("frame duration must be 10, 20, 40 or 60 ms, got " + millis);
        }
        return new OpusSettings(sampleRate, channels, millis, bitrate, complexity, application, fec,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With another target bit rate, for all channels together.
     *
     * @param bitsPerSecond 6000 to 510000
     * @return new settings
     */
    public OpusSettings withBitrate(int bitsPerSecond) {
        if (bitsPerSecond < 6000 || bitsPerSecond > 510000) {
            throw invalid("bit rate must be 6000 to 510000 bit/s, got " + bitsPerSecond);
        }
        return new OpusSettings(sampleRate, channels, frameMillis, bitsPerSecond, complexity, application, fec,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With another encoder complexity: higher is better quality for more CPU.
     *
     * @param level 0 to 10
     * @return new settings
     */
    public OpusSettings withComplexity(int level) {
        if (level < 0 || level > 10) {
            throw invalid("complexity must be 0 to 10, got " + level);
        }
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, level, application, fec,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With another coding mode.
     *
     * @param app the mode
     * @return new settings
     */
    public OpusSettings withApplication(Application app) {
        Objects.requireNonNull(app, "app");
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, complexity, app, fec,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With in-band forward error correction on: each packet carries a low-rate copy of the previous
     * frame (SILK's LBRR), which the receiver decodes when that frame was lost. Opus sends this
     * redundancy only when it expects loss, so a loss of at least 1 % is required, and only in its
     * speech modes (not with {@link Application#RESTRICTED_LOWDELAY}, nor at bit rates so high
     * that it codes CELT only).
     *
     * @param expectedLossPercent the packet loss the encoder plans for, 1 to 100
     * @return new settings
     */
    public OpusSettings withFec(int expectedLossPercent) {
        if (expectedLossPercent < 1 || expectedLossPercent > 100) {
            throw invalid("FEC needs an expected loss of 1 to 100 % (Opus sends no redundancy at 0 %), got "
                    + expectedLossPercent);
        }
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, complexity, application, true,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With FEC off, keeping the expected loss (which still makes the encoder more robust).
     *
     * @return new settings
     */
    public OpusSettings withoutFec() {
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, complexity, application, false,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    /**
     * With another expected packet loss, FEC unchanged.
     *
     * @param percent 0 to 100; with FEC on, 1 to 100
     * @return new settings
     */
    public OpusSettings withExpectedLossPercent(int percent) {
        if (percent < 0 || percent > 100 || (fec && percent == 0)) {
            throw invalid("expected loss must be 0 to 100 % (1 to 100 with FEC on), got " + percent);
        }
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, complexity, application, fec,
                percent, dtx, cbr, maxBandwidth);
    }

    /**
     * With discontinuous transmission on or off: in silence the encoder then returns packets of at
     * most two bytes, which the sender need not transmit (see {@link OpusCodec#isDtxPacket(int)}),
     * and a real packet about every 400 ms to keep the receiver's comfort noise alive.
     *
     * @param on whether DTX is used
     * @return new settings
     */
    public OpusSettings withDtx(boolean on) {
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, complexity, application, fec,
                expectedLossPercent, on, cbr, maxBandwidth);
    }

    /**
     * With constant (true) or variable (false) bit rate.
     *
     * @param on whether every packet has the same size
     * @return new settings
     */
    public OpusSettings withCbr(boolean on) {
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, complexity, application, fec,
                expectedLossPercent, dtx, on, maxBandwidth);
    }

    /**
     * With an upper bound on the coded audio bandwidth (a receiver's {@code maxplaybackrate}).
     *
     * @param bandwidth the widest bandwidth to code
     * @return new settings
     */
    public OpusSettings withMaxBandwidth(Bandwidth bandwidth) {
        Objects.requireNonNull(bandwidth, "bandwidth");
        return new OpusSettings(sampleRate, channels, frameMillis, bitrate, complexity, application, fec,
                expectedLossPercent, dtx, cbr, bandwidth);
    }

    /**
     * The PCM sample rate.
     *
     * @return Hz
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * The channel count.
     *
     * @return 1 or 2
     */
    public int channels() {
        return channels;
    }

    /**
     * The frame duration.
     *
     * @return milliseconds
     */
    public int frameMillis() {
        return frameMillis;
    }

    /**
     * Samples per channel in one frame.
     *
     * @return for example 320 for 20 ms at 16 kHz
     */
    public int frameSize() {
        return sampleRate / 1000 * frameMillis;
    }

    /**
     * The target bit rate, all channels.
     *
     * @return bit/s
     */
    public int bitrate() {
        return bitrate;
    }

    /**
     * The encoder complexity.
     *
     * @return 0 to 10
     */
    public int complexity() {
        return complexity;
    }

    /**
     * The coding mode.
     *
     * @return the mode
     */
    public Application application() {
        return application;
    }

    /**
     * Whether in-band FEC is on.
     *
     * @return true when on
     */
    public boolean fec() {
        return fec;
    }

    /**
     * The expected packet loss.
     *
     * @return percent
     */
    public int expectedLossPercent() {
        return expectedLossPercent;
    }

    /**
     * Whether DTX is on.
     *
     * @return true when on
     */
    public boolean dtx() {
        return dtx;
    }

    /**
     * Whether the bit rate is constant.
     *
     * @return true for CBR
     */
    public boolean cbr() {
        return cbr;
    }

    /**
     * The widest coded bandwidth allowed.
     *
     * @return the bandwidth
     */
    public Bandwidth maxBandwidth() {
        return maxBandwidth;
    }

    private static CodecException invalid(String message) {
        return new CodecException(CodecException.Kind.INVALID_CONFIG, "opus: " + message);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OpusSettings)) {
            return false;
        }
        OpusSettings s = (OpusSettings) o;
        return sampleRate == s.sampleRate && channels == s.channels && frameMillis == s.frameMillis
                && bitrate == s.bitrate && complexity == s.complexity && application == s.application && fec == s.fec
                && expectedLossPercent == s.expectedLossPercent && dtx == s.dtx && cbr == s.cbr
                && maxBandwidth == s.maxBandwidth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, channels, frameMillis, bitrate, complexity, application, fec,
                expectedLossPercent, dtx, cbr, maxBandwidth);
    }

    @Override
    public String toString() {
        return "opus " + sampleRate + " Hz " + channels + " ch " + frameMillis + " ms " + bitrate + " bit/s "
                + (cbr ? "CBR" : "VBR") + " complexity " + complexity + " " + application
                + (fec ? " FEC" : "") + " loss " + expectedLossPercent + "%" + (dtx ? " DTX" : "")
                + " max " + maxBandwidth;
    }
}
