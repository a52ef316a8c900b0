package io.voxcore.media.session;

/**
 * Time in the received stream without audio to play, reported in order between the frames
 * around it, so that the samples played plus the gaps' samples keep the stream's timing. Two
 * kinds: {@code packets > 0}, audio the jitter buffer gave up waiting for (packets lost, or too
 * late to play); {@code packets == 0}, time without lost audio: a pause between talkspurts, the
 * length of a DTMF event, or delay the jitter buffer added when it grew.
 *
 * @param timestamp the RTP timestamp where the missing audio starts (0 to 2^32-1)
 * @param samplesPerChannel how many samples per channel are missing (0 when unknown: the gap
 *     came before the first packet played)
 * @param firstSequence the first missing sequence number (0-65535)
 * @param packets how many consecutive sequence numbers are missing; 0 for time without lost audio
 */
public record AudioGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
}
