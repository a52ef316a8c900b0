package io.voxcore.media.relay;

import java.util.Map;

/**
 * The counters of one direction of a {@link MediaRelay} (from one leg to the other), as read by
 * {@link MediaRelay#statistics()}. Packets the inbound session itself dropped (malformed, foreign,
 * wrong payload type, duplicates) never reach the relay: see that session's statistics.
 *
 * @param packetsForwarded packets sent on the outbound leg (audio and telephone events)
 * @param bytesForwarded payload bytes of those packets, as sent
 * @param packetsTranscoded audio packets whose payload was converted to the outbound codec
 * @param eventPacketsForwarded RFC 4733 telephone-event packets forwarded (included in
 *     {@code packetsForwarded})
 * @param dropped packets received but not forwarded, by reason (reasons never seen are absent)
 */
public record RelayDirectionStatistics(long packetsForwarded, long bytesForwarded, long packetsTranscoded,
        long eventPacketsForwarded, Map<DropReason, Long> dropped) {

    /**
     * Copies the map so the snapshot stays immutable.
     *
     * @param packetsForwarded packets forwarded
     * @param bytesForwarded payload bytes forwarded
     * @param packetsTranscoded packets transcoded
     * @param eventPacketsForwarded telephone-event packets forwarded
     * @param dropped drops by reason
     */
    public RelayDirectionStatistics {
        dropped = Map.copyOf(dropped);
    }

    /**
     * Packets dropped for one reason.
     *
     * @param reason the reason
     * @return the count, 0 if none
     */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /**
     * All packets dropped.
     *
     * @return the sum of {@link #dropped()}
     */
    public long droppedTotal() {
        long sum = 0;
        for (long n : dropped.values()) {
            sum += n;
        }
        return sum;
    }
}
