package io.voxcore.media.srtp;

import io.voxcore.media.sdp.Crypto;
import io.voxcore.media.sdp.SrtpPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SDES keying (RFC 4568) for the offer/answer of {@code io.voxcore.media.sdp}: set it with
 * {@code MediaCapabilities.builder().srtp(SdesPolicy.defaults())} and {@code RTP/SAVP} sections are
 * offered and accepted. Every offer and every answer carries fresh keys from
 * {@link java.security.SecureRandom}; an offered line whose suite or parameters are not
 * supported (MKI, a lifetime below 2^20, an unknown session parameter) is skipped, and a section
 * none of whose lines is acceptable is refused. Sessions updated with the resulting
 * {@code NegotiatedMedia} protect what they send with their own key and unprotect with the
 * peer's.
 */
public final class SdesPolicy implements SrtpPolicy {

    private final List<SrtpSuite> suites;

    private SdesPolicy(List<SrtpSuite> suites) {
        this.suites = List.copyOf(suites);
    }

    /**
     * The suites in voxcore's order of preference: AES_CM_128_HMAC_SHA1_80 (what every SIP device
     * speaks), AEAD_AES_128_GCM, AEAD_AES_256_GCM, AES_CM_128_HMAC_SHA1_32.
     *
     * @return the policy
     */
    public static SdesPolicy defaults() {
        return of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AEAD_AES_128_GCM, SrtpSuite.AEAD_AES_256_GCM,
                SrtpSuite.AES_CM_128_HMAC_SHA1_32);
    }

    /**
     * A policy that offers and accepts these suites, in this order of preference for offers.
     *
     * @param suites at least one
     * @return the policy
     * @throws IllegalArgumentException when none is given
     */
    public static SdesPolicy of(SrtpSuite... suites) {
        if (suites == null || suites.length == 0) {
            throw new IllegalArgumentException("an SDES policy needs at least one suite");
        }
        for (SrtpSuite s : suites) {
            Objects.requireNonNull(s, "suite");
        }
        return new SdesPolicy(List.of(suites));
    }

    /** {@return the suites, in order of preference} */
    public List<SrtpSuite> suites() {
        return suites;
    }

    @Override
    public List<Crypto> offer() {
        List<Crypto> out = new ArrayList<>();
        for (int i = 0; i < suites.size(); i++) {
            out.add(Crypto.parse(SdesCrypto.generate(i + 1, suites.get(i)).attributeValue()));
        }
        return out;
    }

    @Override
    public Optional<Crypto> answer(List<Crypto> offered) {
        for (Crypto c : offered) {
            SdesCrypto theirs;
            try {
                theirs = SdesCrypto.parse(c.value());
            } catch (IllegalArgumentException e) {
                continue; // a suite or parameter we do not support: try the next line (RFC 4568 7.1.2)
            }
            if (suites.contains(theirs.suite())) {
                return Optional.of(Crypto.parse(theirs.answer().attributeValue()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "SdesPolicy" + suites;
    }
}
