package io.voxcore.codec;

/**
 * What a codec instance is: the facts an SDP offer or an RTP sender needs.
 *
 * @param name the SDP encoding name, for example "PCMU"
 * @param sampleRate samples per second per channel, in Hz
 * @param channels the channel count; samples are interleaved
 * @param bitrate the encoded bit rate in bits per second for all channels
 * @param frameSize samples per channel in one frame of the configured frame duration
 *     (160 for 20 ms at 8 kHz)
 * @param payloadType the static RTP payload type, or {@link CodecType#DYNAMIC_PAYLOAD_TYPE}
 */
public record CodecInfo(String name, int sampleRate, int channels, int bitrate, int frameSize, int payloadType) {
}
