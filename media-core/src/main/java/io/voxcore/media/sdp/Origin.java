package io.voxcore.media.sdp;

/**
 * The SDP origin line ({@code o=}, RFC 8866 5.2): who made the description and which version of
 * it this is. RFC 3264 8 asks the version to grow by one with each changed description of a
 * session; {@link OfferAnswer} does that.
 *
 * @param username the user name, {@code -} when none
 * @param sessionId the session id, a numeric string kept as written
 * @param sessionVersion the version of this description
 * @param connection network type, address type and the address of the machine that made it
 */
public record Origin(String username, String sessionId, long sessionVersion, Connection connection) {

    /**
     * Creates the record.
     *
     * @param username the user name, one token
     * @param sessionId the session id, one token
     * @param sessionVersion the version, not negative
     * @param connection the origin's address, not null
     * @throws IllegalArgumentException for an empty or spaced token or a negative version
     */
    public Origin {
        Tokens.require(username, "origin user name");
        Tokens.require(sessionId, "origin session id");
        if (sessionVersion < 0) {
            throw new IllegalArgumentException("origin session version must not be negative, got " + sessionVersion);
        }
        java.util.Objects.requireNonNull(connection, "connection");
    }

    /**
     * The same origin with another version.
     *
     * @param version the new version
     * @return a new origin
     */
    public Origin withVersion(long version) {
        return new Origin(username, sessionId, version, connection);
    }

    /**
     * The value as written after {@code o=}.
     *
     * @return for example {@code - 4711 4712 IN IP4 192.0.2.4}
     */
    @Override
    public String toString() {
        return username + " " + sessionId + " " + Long.toUnsignedString(sessionVersion) + " " + connection;
    }
}
