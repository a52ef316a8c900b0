package io.voxcore.codec;

/**
 * What a codec instance is: the facts an SDP offer or an RTP sender needs.
 *
 * <p>{@code sampleRate} is the rate of the PCM samples, which is not always the RTP clock rate:
 * G.722 samples at 16000 Hz while its RTP timestamps count at 8000 Hz
 * ({@link CodecType#clockRate()} tells the RTP clock).
 *
 * @param name the SDP encoding name, for example "PCMU"
 * @param sampleRate PCM samples per second per channel, in Hz (16000 for G.722)
 * @param channels the channel count; samples are interleaved
 * @param bitrate the encoded bit rate in bits per second for all channels
 * @param frameSize PCM samples per channel in one frame of the configured frame duration, at
 *     the sample rate (160 for 20 ms of G.711, 320 for 20 ms of G.722)
 * @param payloadType the static RTP payload type, or {@link CodecType#DYNAMIC_PAYLOAD_TYPE}
 */
public record CodecInfo(String name, int sampleRate, int channels, int bitrate, int frameSize, int payloadType) {
}
