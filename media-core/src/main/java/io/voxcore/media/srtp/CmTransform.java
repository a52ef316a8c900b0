package io.voxcore.media.srtp;

import java.nio.ByteBuffer;

/**
 * AES-CM encryption with HMAC-SHA1 authentication (RFC 3711 sections 4.1.1 and 4.2) for the
 * {@code AES_CM_128_HMAC_SHA1_*} suites. The IV is {@code (salt * 2^16) XOR (SSRC * 2^64) XOR
 * (index * 2^16)}; the SRTP tag covers the header, the encrypted payload and the ROC; the SRTCP
 * tag covers the header, the encrypted part and the E flag with the SRTCP index.
 */
final class CmTransform implements PacketTransform {

    private final AesCtr aes;
    private final HmacSha1 mac;
    private final byte[] salt;
    private final int tagLength;
    private final byte[] iv = new byte[16];
    private final byte[] tag = new byte[HmacSha1.LENGTH];
    private final byte[] word = new byte[4];

    CmTransform(byte[] key, byte[] authKey, byte[] salt, int tagLength) {
        this.aes = new AesCtr(key);
        this.mac = new HmacSha1(authKey);
        this.salt = salt.clone();
        this.tagLength = tagLength;
    }

    private void iv(int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
    }

    private void tag(ByteBuffer buffer, int offset, int length, boolean withRoc, int roc) {
        mac.start();
        mac.update(buffer, offset, length);
        if (withRoc) {
            Wire.put32(word, 0, roc);
            mac.update(word, 0, 4);
        }
        mac.finish(tag);
    }

    private boolean tagMatches(ByteBuffer buffer, int at) {
        int diff = 0;
        for (int i = 0; i < tagLength; i++) {
            diff |= tag[i] ^ buffer.get(at + i);
        }
        return diff == 0;
    }

    @Override
    public int protectRtp(ByteBuffer buffer, int offset, int headerLength, int payloadLength, int ssrc, long index) {
        iv(ssrc, index);
        aes.xor(buffer, offset + headerLength, payloadLength, iv);
        int end = headerLength + payloadLength;
        tag(buffer, offset, end, true, (int) (index >>> 16));
        buffer.put(offset + end, tag, 0, tagLength);
        return end + tagLength;
    }

    @Override
    public boolean unprotectRtp(ByteBuffer buffer, int offset, int headerLength, int payloadLength, int ssrc,
            long index) {
        int end = headerLength + payloadLength;
        tag(buffer, offset, end, true, (int) (index >>> 16));
        if (!tagMatches(buffer, offset + end)) {
            return false;
        }
        iv(ssrc, index);
        aes.xor(buffer, offset + headerLength, payloadLength, iv);
        return true;
    }

    @Override
    public int protectRtcp(ByteBuffer buffer, int offset, int length, int ssrc, int index) {
        iv(ssrc, index);
        aes.xor(buffer, offset + 8, length - 8, iv);
        Wire.put32(buffer, offset + length, 0x8000_0000 | index);
        int end = length + SrtpSuite.SRTCP_INDEX_LENGTH;
        tag(buffer, offset, end, false, 0);
        buffer.put(offset + end, tag, 0, tagLength);
        return end + tagLength;
    }

    @Override
    public int rtcpIndexPosition(int length) {
        return length - tagLength - SrtpSuite.SRTCP_INDEX_LENGTH;
    }

    @Override
    public boolean unprotectRtcp(ByteBuffer buffer, int offset, int length, int ssrc, int index, boolean encrypted) {
        int end = length - tagLength;
        tag(buffer, offset, end, false, 0);
        if (!tagMatches(buffer, offset + end)) {
            return false;
        }
        if (encrypted) {
            iv(ssrc, index);
            aes.xor(buffer, offset + 8, end - SrtpSuite.SRTCP_INDEX_LENGTH - 8, iv);
        }
        return true;
    }
}
