package io.voxcore.media.srtp;

import java.nio.ByteBuffer;

/**
 * The cryptographic half of SRTP or SRTCP for one set of session keys: what {@link SrtpContext}
 * calls once it has parsed the packet, estimated the index and checked the replay window. Every
 * method works in place on {@code buffer} by absolute access and allocates nothing per packet.
 * An unprotect that fails authentication leaves the packet's bytes as they came.
 */
interface PacketTransform {

    /**
     * Encrypts the payload and appends the tag.
     *
     * @param headerLength RTP header length including CSRCs and extension
     * @param payloadLength bytes after the header
     * @param index the 48-bit packet index (ROC * 65536 + SEQ)
     * @return the protected packet length
     */
    int protectRtp(ByteBuffer buffer, int offset, int headerLength, int payloadLength, int ssrc, long index);

    /**
     * Authenticates, then decrypts.
     *
     * @param payloadLength bytes between the header and the tag
     * @return whether the tag matched (only then is the payload decrypted)
     */
    boolean unprotectRtp(ByteBuffer buffer, int offset, int headerLength, int payloadLength, int ssrc, long index);

    /**
     * Encrypts everything after the first 8 bytes and appends the tag and the E flag with the index.
     *
     * @param length the RTCP compound packet length
     * @param index the 31-bit SRTCP index
     * @return the protected packet length
     */
    int protectRtcp(ByteBuffer buffer, int offset, int length, int ssrc, int index);

    /**
     * Where the 4-byte E flag and SRTCP index sit in a protected packet of {@code length} bytes.
     *
     * @return the offset from the packet start
     */
    int rtcpIndexPosition(int length);

    /**
     * Authenticates, then decrypts if {@code encrypted}.
     *
     * @param length the protected packet length
     * @return whether the tag matched
     */
    boolean unprotectRtcp(ByteBuffer buffer, int offset, int length, int ssrc, int index, boolean encrypted);
}
