package io.voxcore.media.srtp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as SRTP uses it (RFC 3711 section 4.1.1): the keystream blocks are
 * AES(k, IV + j) for j = 0, 1, ... with a 128-bit big-endian addition. Built on one reused
 * AES/ECB cipher that encrypts a whole packet's counter blocks in one {@code update} into reused
 * arrays, so a packet costs no allocation once the arrays have grown to the largest packet.
 * Not thread-safe.
 */
final class AesCtr {

    private final Cipher ecb;
    private byte[] counters = new byte[512];
    private byte[] keystream = new byte[512];
    private byte[] data = new byte[512];

    AesCtr(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/ECB/NoPadding", e);
        }
    }

    /**
     * Fills {@code keystream[0, length)} (rounded up to whole blocks internally) from {@code iv}.
     *
     * @return the internal keystream array, valid until the next call
     */
    byte[] keystream(byte[] iv, int length) {
        int bytes = (length + 15) & ~15;
        if (counters.length < bytes) {
            counters = new byte[bytes];
            keystream = new byte[bytes];
        }
        byte[] c = counters;
        for (int block = 0, at = 0; at < bytes; block++, at += 16) {
            System.arraycopy(iv, 0, c, at, 16);
            int carry = block;
            for (int i = at + 15; i >= at && carry != 0; i--) {
                int sum = (c[i] & 0xff) + (carry & 0xff);
                c[i] = (byte) sum;
                carry = (carry >>> 8) + (sum >>> 8);
            }
        }
        try {
            ecb.update(c, 0, bytes, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB refused whole blocks", e);
        }
        return keystream;
    }

    /** XORs the keystream of {@code iv} into {@code bytes[offset, offset + length)}, in place. */
    void xor(byte[] bytes, int offset, int length, byte[] iv) {
        if (length <= 0) {
            return;
        }
        byte[] ks = keystream(iv, length);
        for (int i = 0; i < length; i++) {
            bytes[offset + i] ^= ks[i];
        }
    }

    /** XORs the keystream of {@code iv} into {@code buffer[offset, offset + length)}, in place. */
    void xor(ByteBuffer buffer, int offset, int length, byte[] iv) {
        if (length <= 0) {
            return;
        }
        byte[] ks = keystream(iv, length);
        if (buffer.hasArray()) {
            byte[] a = buffer.array();
            int base = buffer.arrayOffset() + offset;
            for (int i = 0; i < length; i++) {
                a[base + i] ^= ks[i];
            }
            return;
        }
        if (data.length < length) {
            data = new byte[Math.max(length, ks.length)];
        }
        buffer.get(offset, data, 0, length);
        for (int i = 0; i < length; i++) {
            data[i] ^= ks[i];
        }
        buffer.put(offset, data, 0, length);
    }
}
