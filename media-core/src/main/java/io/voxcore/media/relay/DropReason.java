package io.voxcore.media.relay;

/** Why a {@link MediaRelay} did not forward a packet it received on one leg. */
public enum DropReason {
    /** The outbound leg could not send it: no remote address known yet, closed, or the socket refused it. */
    NOT_SENT,
    /** The payload could not be transcoded to the outbound leg's codec (empty, or not whole samples). */
    UNTRANSCODABLE
}
