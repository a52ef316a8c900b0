package io.voxcore.media.srtp;

/**
 * The SRTP key derivation of RFC 3711 section 4.3 with the AES-CM PRF (AES-256 for the 256-bit
 * suite, RFC 6188 section 7), at key derivation rate 0: {@code x = label * 2^48 XOR master_salt},
 * the session key is the AES-CM keystream from IV {@code x * 2^16}. A 96-bit GCM master salt is
 * first multiplied by 2^16 to form the 112-bit salt the PRF expects (RFC 7714 section 11, erratum
 * 4938). Runs once per context; allocates.
 */
final class KeyDerivation {

    /** SRTP encryption key label. */
    static final int RTP_ENCRYPTION = 0;
    /** SRTP authentication key label. */
    static final int RTP_AUTHENTICATION = 1;
    /** SRTP salt label. */
    static final int RTP_SALT = 2;
    /** SRTCP encryption key label. */
    static final int RTCP_ENCRYPTION = 3;
    /** SRTCP authentication key label. */
    static final int RTCP_AUTHENTICATION = 4;
    /** SRTCP salt label. */
    static final int RTCP_SALT = 5;

    private KeyDerivation() {
    }

    /**
     * One session key.
     *
     * @param masterKey 16 or 32 bytes
     * @param masterSalt 14 or 12 bytes
     * @param label 0 to 5
     * @param length bytes wanted
     * @return the derived bytes
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[7] ^= (byte) label;
        byte[] stream = new AesCtr(masterKey).keystream(iv, length);
        byte[] out = new byte[length];
        System.arraycopy(stream, 0, out, 0, length);
        return out;
    }
}
