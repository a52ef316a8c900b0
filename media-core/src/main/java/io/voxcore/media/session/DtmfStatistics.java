package io.voxcore.media.session;

/**
 * The RFC 4733 telephone-event part of a {@link SessionStatistics} snapshot.
 *
 * @param eventPacketsSent telephone-event packets sent (included in {@link SendStatistics#packetsSent()})
 * @param dtmfSent DTMF digits sent (counted when their end packets are out)
 * @param eventPacketsReceived telephone-event packets accepted (included in
 *     {@link ReceiveStatistics#packetsReceived()})
 * @param dtmfReceived DTMF digits received, counted when each ends
 * @param eventsMalformed telephone-event packets whose payload is not whole 4-byte event blocks
 * @param eventsTimedOut events whose end packets never came, ended by the soft-state timeout of
 *     RFC 4733 section 2.5.2.5 (counted in {@code dtmfReceived} too)
 */
public record DtmfStatistics(long eventPacketsSent, long dtmfSent, long eventPacketsReceived, long dtmfReceived,
        long eventsMalformed, long eventsTimedOut) {
}
