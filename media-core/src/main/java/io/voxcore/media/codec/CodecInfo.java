package io.voxcore.media.codec;

import java.util.Objects;

/**
 * What a media-core codec is: the facts a session or an SDP offer needs.
 *
 * @param name the SDP encoding name, for example "PCMU"
 * @param sampleRate samples per second per channel, in Hz
 * @param channels the channel count; samples are interleaved
 * @param bitrate the encoded bit rate in bits per second for all channels
 */
public record CodecInfo(String name, int sampleRate, int channels, int bitrate) {

    /**
     * Creates the record.
     *
     * @param name the SDP encoding name, not null
     * @param sampleRate the rate in Hz
     * @param channels the channel count
     * @param bitrate the bit rate in bits per second
     */
    public CodecInfo {
        Objects.requireNonNull(name, "name");
    }
}
