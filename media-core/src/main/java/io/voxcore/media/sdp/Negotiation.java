package io.voxcore.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one offer/answer exchange on a leg.
 *
 * @param local our description: the answer we give, or the offer we made
 * @param remote the peer's description: its offer, or its answer
 * @param media the streams that were accepted, in {@code m=} order (refused sections have none)
 */
public record Negotiation(SessionDescription local, SessionDescription remote, List<NegotiatedMedia> media) {

    /**
     * Creates the record.
     *
     * @param local our description
     * @param remote the peer's description
     * @param media the accepted streams
     */
    public Negotiation {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        media = List.copyOf(media);
    }

    /**
     * The audio stream of the leg: the first accepted one.
     *
     * @return the stream, or empty when every audio section was refused
     */
    public Optional<NegotiatedMedia> audio() {
        return media.isEmpty() ? Optional.empty() : Optional.of(media.get(0));
    }
}
