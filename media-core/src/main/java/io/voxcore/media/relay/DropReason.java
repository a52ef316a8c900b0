package io.voxcore.media.relay;

/** Why a {@link MediaRelay} did not forward a packet it received on one leg. */
public enum DropReason {
    /** The outbound leg could not send it: no remote address known yet, closed, or the socket refused it. */
    NOT_SENT,
    /**
     * The outbound leg cannot carry it: the payload could not be transcoded to its codec (empty,
     * not whole samples, a duration its codec does not take, a pair refused after an update),
     * or it is comfort noise or a telephone event and the outbound leg has no payload type for
     * that (no telephone-event, or no comfort-noise type, as on an Opus leg without {@code CN/48000}).
     */
    UNTRANSCODABLE
}
