package io.voxcore.media.srtp;

import java.nio.ByteBuffer;

/**
 * AES-GCM for SRTP and SRTCP (RFC 7714) built from {@link AesCtr} and {@link Ghash} so that no
 * packet allocates and a forged packet costs a tag comparison, not an exception (the JDK's
 * {@code AES/GCM} cipher allocates on every {@code init} and throws {@code AEADBadTagException}).
 *
 * <p>IV (12 bytes) = salt XOR {@code 00 00 || SSRC || ROC || SEQ} for SRTP and
 * {@code 00 00 || SSRC || 00 00 || 0 || SRTCP index} for SRTCP (RFC 7714 sections 8.1, 9.1). GCM
 * with a 96-bit IV (NIST SP 800-38D 7.1): J0 = IV || 0^31 || 1, the payload is XORed with the
 * counter-mode keystream from inc32(J0), the tag is GHASH(AAD, C) XOR AES(K, J0). The SRTP AAD is
 * the RTP header; the SRTCP AAD is the first 8 bytes and the E flag with the index, which follows
 * the tag on the wire. With E = 0 (received only) the whole packet is AAD and only the tag is
 * checked (RFC 7714 section 9.2).
 */
final class GcmTransform implements PacketTransform {

    static final int TAG = 16;

    private final AesCtr aes;
    private final Ghash ghash;
    private final byte[] salt;
    private final byte[] iv = new byte[16];
    private final byte[] mask = new byte[16];
    private final byte[] tag = new byte[16];
    private final byte[] word = new byte[4];
    private byte[] copy = new byte[512];

    GcmTransform(byte[] key, byte[] salt) {
        this.aes = new AesCtr(key);
        this.salt = salt.clone();
        byte[] h = new byte[16];
        System.arraycopy(aes.keystream(new byte[16], 16), 0, h, 0, 16);
        this.ghash = new Ghash(h);
    }

    /** Sets iv = salt XOR (00 00 || ssrc || high || low) || 00 00 00 01, and mask = AES(K, J0). */
    private void iv(int ssrc, int high, int low16or32, boolean rtcp) {
        System.arraycopy(salt, 0, iv, 0, 12);
        for (int i = 0; i < 4; i++) {
            iv[2 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        if (rtcp) {
            for (int i = 0; i < 4; i++) {
                iv[8 + i] ^= (byte) (low16or32 >>> (24 - 8 * i));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                iv[6 + i] ^= (byte) (high >>> (24 - 8 * i));
            }
            iv[10] ^= (byte) (low16or32 >>> 8);
            iv[11] ^= (byte) low16or32;
        }
        iv[12] = 0;
        iv[13] = 0;
        iv[14] = 0;
        iv[15] = 1;
        System.arraycopy(aes.keystream(iv, 16), 0, mask, 0, 16);
        iv[15] = 2;
    }

    /** The bytes of buffer[offset, offset + length) as an array region: the backing array or a copy. */
    private byte[] view(ByteBuffer buffer, int offset, int length) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        if (copy.length < length) {
            copy = new byte[length];
        }
        buffer.get(offset, copy, 0, length);
        return copy;
    }

    private int base(ByteBuffer buffer, int offset) {
        return buffer.hasArray() ? buffer.arrayOffset() + offset : 0;
    }

    private void computeTag(byte[] a, int aadAt, int aadLength, boolean withWord, int textAt, int textLength) {
        ghash.reset();
        ghash.update(a, aadAt, aadLength);
        if (withWord) {
            ghash.update(word, 0, 4);
        }
        ghash.pad();
        ghash.update(a, textAt, textLength);
        ghash.finish(aadLength + (withWord ? 4 : 0), textLength, tag);
        for (int i = 0; i < 16; i++) {
            tag[i] ^= mask[i];
        }
    }

    private boolean tagMatches(byte[] a, int at) {
        int diff = 0;
        for (int i = 0; i < TAG; i++) {
            diff |= tag[i] ^ a[at + i];
        }
        return diff == 0;
    }

    private static void writeBack(ByteBuffer buffer, int offset, byte[] a, int from, int length) {
        if (!buffer.hasArray()) {
            buffer.put(offset + from, a, from, length);
        }
    }

    @Override
    public int protectRtp(ByteBuffer buffer, int offset, int headerLength, int payloadLength, int ssrc, long index) {
        int total = headerLength + payloadLength + TAG;
        byte[] a = view(buffer, offset, total);
        int b = base(buffer, offset);
        iv(ssrc, (int) (index >>> 16), (int) index & 0xffff, false);
        aes.xor(a, b + headerLength, payloadLength, iv);
        computeTag(a, b, headerLength, false, b + headerLength, payloadLength);
        System.arraycopy(tag, 0, a, b + headerLength + payloadLength, TAG);
        writeBack(buffer, offset, a, headerLength, payloadLength + TAG);
        return total;
    }

    @Override
    public boolean unprotectRtp(ByteBuffer buffer, int offset, int headerLength, int payloadLength, int ssrc,
            long index) {
        byte[] a = view(buffer, offset, headerLength + payloadLength + TAG);
        int b = base(buffer, offset);
        iv(ssrc, (int) (index >>> 16), (int) index & 0xffff, false);
        computeTag(a, b, headerLength, false, b + headerLength, payloadLength);
        if (!tagMatches(a, b + headerLength + payloadLength)) {
            return false;
        }
        aes.xor(a, b + headerLength, payloadLength, iv);
        writeBack(buffer, offset, a, headerLength, payloadLength);
        return true;
    }

    @Override
    public int protectRtcp(ByteBuffer buffer, int offset, int length, int ssrc, int index) {
        int total = length + TAG + SrtpSuite.SRTCP_INDEX_LENGTH;
        byte[] a = view(buffer, offset, length);
        int b = base(buffer, offset);
        Wire.put32(word, 0, 0x8000_0000 | index);
        iv(ssrc, 0, index, true);
        aes.xor(a, b + 8, length - 8, iv);
        computeTag(a, b, 8, true, b + 8, length - 8);
        if (buffer.hasArray()) {
            System.arraycopy(tag, 0, a, b + length, TAG);
            System.arraycopy(word, 0, a, b + length + TAG, 4);
        } else {
            buffer.put(offset + 8, a, 8, length - 8);
            buffer.put(offset + length, tag, 0, TAG);
            buffer.put(offset + length + TAG, word, 0, 4);
        }
        return total;
    }

    @Override
    public int rtcpIndexPosition(int length) {
        return length - SrtpSuite.SRTCP_INDEX_LENGTH;
    }

    @Override
    public boolean unprotectRtcp(ByteBuffer buffer, int offset, int length, int ssrc, int index, boolean encrypted) {
        byte[] a = view(buffer, offset, length);
        int b = base(buffer, offset);
        System.arraycopy(a, b + length - 4, word, 0, 4);
        int tagAt = length - 4 - TAG;
        iv(ssrc, 0, index, true);
        if (encrypted) {
            computeTag(a, b, 8, true, b + 8, tagAt - 8);
        } else {
            computeTag(a, b, tagAt, true, b + tagAt, 0);
        }
        if (!tagMatches(a, b + tagAt)) {
            return false;
        }
        if (encrypted) {
            aes.xor(a, b + 8, tagAt - 8, iv);
            writeBack(buffer, offset, a, 8, tagAt - 8);
        }
        return true;
    }
}
