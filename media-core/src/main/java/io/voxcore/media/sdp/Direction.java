package io.voxcore.media.sdp;

import java.util.Locale;

/**
 * The direction of a media stream (RFC 8866 6.7, RFC 3264 5.1 and 6.1), always from the point of
 * view of the party whose description carries it.
 */
public enum Direction {
    /** Send and receive (the default when a description names no direction). */
    SENDRECV(true, true),
    /** Send only. */
    SENDONLY(true, false),
    /** Receive only. */
    RECVONLY(false, true),
    /** Neither send nor receive media (RTCP continues). */
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    Direction(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /**
     * Whether media is sent in this direction.
     *
     * @return true for {@link #SENDRECV} and {@link #SENDONLY}
     */
    public boolean sends() {
        return sends;
    }

    /**
     * Whether media is received in this direction.
     *
     * @return true for {@link #SENDRECV} and {@link #RECVONLY}
     */
    public boolean receives() {
        return receives;
    }

    /**
     * The same stream seen from the other party: send-only becomes receive-only and back.
     *
     * @return the mirrored direction
     */
    public Direction reverse() {
        return of(receives, sends);
    }

    /**
     * The direction that does only what both allow.
     *
     * @param other another direction of the same party
     * @return the intersection, for example {@code SENDRECV.and(SENDONLY) == SENDONLY}
     */
    public Direction and(Direction other) {
        return of(sends && other.sends, receives && other.receives);
    }

    /**
     * The direction with the given abilities.
     *
     * @param sends whether media is sent
     * @param receives whether media is received
     * @return the direction
     */
    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /**
     * The attribute name, as written in SDP.
     *
     * @return {@code sendrecv}, {@code sendonly}, {@code recvonly} or {@code inactive}
     */
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The direction an attribute name means, ignoring case.
     *
     * @param attributeName the attribute name
     * @return the direction, or null when the name is not a direction
     */
    public static Direction fromAttribute(String attributeName) {
        for (Direction d : values()) {
            if (d.attributeName().equalsIgnoreCase(attributeName)) {
                return d;
            }
        }
        return null;
    }
}
