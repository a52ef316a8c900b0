package io.voxcore.media.session;

/**
 * The send half of a {@link SessionStatistics} snapshot: what this session wrote to its socket.
 *
 * @param ssrc this session's SSRC (it changes only after an SSRC collision, RFC 3550 8.2)
 * @param packetsSent RTP packets written to the socket, telephone events included
 * @param octetsSent payload octets sent (RFC 3550 6.4.1's sender's octet count)
 * @param packetsUnsent packets not sent: no remote known yet, or the socket refused them
 * @param packetsSuppressed audio packets not sent because a DTMF event was being sent at the time
 *     (RFC 4733 2.5.1.1: the event replaces the audio) or because the negotiated direction sends
 *     nothing (hold); the media clock still advanced
 * @param talkspurts talkspurts started (packets sent with the marker bit)
 * @param silencePackets audio packets silence suppression did not send
 *     ({@link MediaSessionConfig.Builder#silenceSuppression(boolean)}): each replaced by an RFC
 *     3389 comfort-noise packet or by nothing; the media clock still advanced
 * @param comfortNoiseSent comfort-noise packets sent (counted in {@code packetsSent} too)
 */
public record SendStatistics(long ssrc, long packetsSent, long octetsSent, long packetsUnsent, long packetsSuppressed,
        long talkspurts, long silencePackets, long comfortNoiseSent) {
}
