package io.voxcore.media.relay;

/**
 * A snapshot of both directions of a {@link MediaRelay}.
 *
 * @param aToB what arrived on leg A and went out on leg B
 * @param bToA what arrived on leg B and went out on leg A
 */
public record RelayStatistics(RelayDirectionStatistics aToB, RelayDirectionStatistics bToA) {
}
