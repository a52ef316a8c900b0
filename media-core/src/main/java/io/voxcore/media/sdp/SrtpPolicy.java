package io.voxcore.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * What the SRTP layer (RFC 3711, keys by SDES, RFC 4568) contributes to a negotiation. Setting
 * one in {@link MediaCapabilities.Builder#srtp(SrtpPolicy)} is what lets {@code RTP/SAVP} sections
 * be offered and accepted; without one they are refused with port 0.
 */
public interface SrtpPolicy {

    /**
     * The {@code a=crypto} lines our offer carries, each with a fresh key.
     *
     * @return at least one crypto line
     */
    List<Crypto> offer();

    /**
     * Picks the offer's crypto line we accept and returns our answering line (same tag and
     * suite, our key), or empty to refuse the section.
     *
     * @param offered the offer's crypto lines, in its order of preference
     * @return our crypto line, or empty when no offered suite is acceptable
     */
    Optional<Crypto> answer(List<Crypto> offered);
}
