package io.voxcore.codec;

/** The sampling rates a {@link CodecConfig} may ask for. Each codec accepts a subset. */
public enum SampleRate {
    /** 8 kHz, narrowband telephony (G.711). */
    RATE_8000(8000),
    /** 16 kHz, wideband (G.722, whose RTP clock nevertheless runs at 8 kHz). */
    RATE_16000(16000),
    /** 24 kHz. */
    RATE_24000(24000),
    /** 32 kHz, super-wideband. */
    RATE_32000(32000),
    /** 44.1 kHz, CD audio (RTP L16 payload types 10 and 11). */
    RATE_44100(44100),
    /** 48 kHz, fullband. */
    RATE_48000(48000);

    private final int hz;

    SampleRate(int hz) {
        this.hz = hz;
    }

    /**
     * The rate in samples per second per channel.
     *
     * @return the rate in Hz
     */
    public int hz() {
        return hz;
    }

    /**
     * The constant for a rate in Hz.
     *
     * @param hz a rate such as 8000
     * @return the matching constant
     * @throws CodecException of kind {@link CodecException.Kind#INVALID_CONFIG} listing the
     *     supported rates when there is none
     */
    public static SampleRate of(int hz) {
        for (SampleRate rate : values()) {
            if (rate.hz == hz) {
                return rate;
            }
        }
        StringBuilder supported = new StringBuilder();
        for (SampleRate rate : values()) {
            supported.append(supported.length() == 0 ? "" : ", ").append(rate.hz);
        }
        throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                "unsupported sample rate " + hz + " Hz; supported: " + supported);
    }
}
