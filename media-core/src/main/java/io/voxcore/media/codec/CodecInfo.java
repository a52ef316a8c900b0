package io.voxcore.media.codec;

import java.util.Objects;

/**
 * What a media-core codec is: the facts a session or an SDP offer needs.
 *
 * @param name the SDP encoding name, for example "PCMU"
 * @param sampleRate samples per second per channel of its PCM, in Hz
 * @param channels the channel count; samples are interleaved
 * @param bitrate the encoded bit rate in bits per second for all channels
 * @param clockRate the RTP clock rate of its payload format, in Hz: what RTP timestamps count and
 *     what SDP's {@code a=rtpmap} names. Usually the sample rate; not for G.722 (8000 although it
 *     samples at 16 kHz, RFC 3551 4.5.2) nor Opus (48000 whatever it samples at, RFC 7587)
 */
public record CodecInfo(String name, int sampleRate, int channels, int bitrate, int clockRate) {

    /**
     * Checks the values.
     *
     * @param name the SDP encoding name
     * @param sampleRate the PCM sample rate
     * @param channels the channel count
     * @param bitrate the bit rate
     * @param clockRate the RTP clock rate
     * @throws IllegalArgumentException naming the value when a rate or the channel count is not positive
     */
    public CodecInfo {
        Objects.requireNonNull(name, "name");
        if (sampleRate <= 0 || clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("codec " + name + ": sample rate, clock rate and channels must be "
                    + "positive, got " + sampleRate + " Hz, " + clockRate + " Hz, " + channels);
        }
    }

    /**
     * A codec whose RTP clock runs at its sample rate (G.711 and most others).
     *
     * @param name the SDP encoding name
     * @param sampleRate samples per second per channel, also the RTP clock rate
     * @param channels the channel count
     * @param bitrate the bit rate
     */
    public CodecInfo(String name, int sampleRate, int channels, int bitrate) {
        this(name, sampleRate, channels, bitrate, sampleRate);
    }
}
