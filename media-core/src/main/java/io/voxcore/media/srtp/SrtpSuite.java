package io.voxcore.media.srtp;

/**
 * The SRTP crypto suites voxcore speaks, named as in SDP Security Descriptions (RFC 4568 section
 * 6.2, RFC 7714 section 14.1), with the lengths each fixes.
 *
 * <p>The two {@code AES_CM_128_HMAC_SHA1_*} suites encrypt with AES-128 in counter mode and
 * authenticate with HMAC-SHA1 (RFC 3711); they differ only in the SRTP tag length: SRTCP always
 * carries an 80-bit tag, also under {@code _32} (RFC 4568 section 6.2.2). The two
 * {@code AEAD_AES_*_GCM} suites use AES-GCM with a 128-bit tag for both (RFC 7714). Every suite
 * derives its session keys with the AES-CM PRF at key derivation rate 0.
 */
public enum SrtpSuite {
    /** AES-128 counter mode, HMAC-SHA1, 80-bit tags (RFC 4568 section 6.2.1). */
    AES_CM_128_HMAC_SHA1_80(16, 14, 10, 10, false),
    /** AES-128 counter mode, HMAC-SHA1, 32-bit SRTP tags and 80-bit SRTCP tags (RFC 4568 section 6.2.2). */
    AES_CM_128_HMAC_SHA1_32(16, 14, 4, 10, false),
    /** AES-128 GCM, 96-bit salt, 128-bit tags (RFC 7714). */
    AEAD_AES_128_GCM(16, 12, 16, 16, true),
    /** AES-256 GCM, 96-bit salt, 128-bit tags (RFC 7714). */
    AEAD_AES_256_GCM(32, 12, 16, 16, true);

    /** Length of the HMAC-SHA1 session authentication key (RFC 3711 section 8.2). */
    static final int AUTH_KEY_LENGTH = 20;
    /** Bytes the SRTCP trailer adds besides the tag: the E flag and the 31-bit SRTCP index. */
    static final int SRTCP_INDEX_LENGTH = 4;

    private final int keyLength;
    private final int saltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final boolean aead;

    SrtpSuite(int keyLength, int saltLength, int rtpTagLength, int rtcpTagLength, boolean aead) {
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.aead = aead;
    }

    /**
     * The master (and session) encryption key length.
     *
     * @return bytes: 16 or 32
     */
    public int keyLength() {
        return keyLength;
    }

    /**
     * The master (and session) salt length.
     *
     * @return bytes: 14 for AES-CM, 12 for GCM
     */
    public int saltLength() {
        return saltLength;
    }

    /**
     * The authentication tag an SRTP packet carries.
     *
     * @return bytes: 10, 4 or 16
     */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /**
     * The authentication tag an SRTCP packet carries.
     *
     * @return bytes: 10 or 16
     */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /**
     * Bytes {@link SrtpContext#protectRtp} appends to an RTP packet: the tag.
     *
     * @return the SRTP overhead in bytes
     */
    public int rtpOverhead() {
        return rtpTagLength;
    }

    /**
     * Bytes {@link SrtpContext#protectRtcp} appends to an RTCP packet: the tag and the 4-byte
     * E flag and SRTCP index.
     *
     * @return the SRTCP overhead in bytes
     */
    public int rtcpOverhead() {
        return rtcpTagLength + SRTCP_INDEX_LENGTH;
    }

    /**
     * Whether this is an AEAD (AES-GCM) suite.
     *
     * @return true for the {@code AEAD_AES_*_GCM} suites
     */
    public boolean aead() {
        return aead;
    }

    /**
     * The suite of an SDES name, as {@code a=crypto} writes it.
     *
     * @param name for example {@code AES_CM_128_HMAC_SHA1_80}
     * @return the suite
     * @throws IllegalArgumentException naming the suites voxcore supports when it is none of them
     */
    public static SrtpSuite ofSdesName(String name) {
        for (SrtpSuite suite : values()) {
            if (suite.name().equals(name)) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unsupported SRTP crypto suite '" + name + "'; supported: "
                + java.util.Arrays.toString(values()));
    }
}
