package io.voxcore.media.session;

/**
 * Audio the jitter buffer gave up waiting for: packets lost, or too late to play.
 *
 * @param timestamp the RTP timestamp where the missing audio starts (0 to 2^32-1)
 * @param samplesPerChannel how many samples per channel are missing (0 when unknown: the gap
 *     came before the first packet played)
 * @param firstSequence the first missing sequence number (0-65535)
 * @param packets how many consecutive sequence numbers are missing
 */
public record AudioGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
}
