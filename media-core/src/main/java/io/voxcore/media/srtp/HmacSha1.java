package io.voxcore.media.srtp;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) on one reused {@link MessageDigest}. {@code javax.crypto.Mac} returns a
 * new array from every {@code doFinal}; {@code MessageDigest.digest(byte[], int, int)} writes into
 * ours, so a tag costs no allocation. Not thread-safe.
 */
final class HmacSha1 {

    /** SHA-1 output length. */
    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] ipad = new byte[BLOCK];
    private final byte[] opad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];
    private byte[] copy = new byte[256];

    HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-1", e);
        }
        byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
    }

    void start() {
        sha1.reset();
        sha1.update(ipad);
    }

    void update(byte[] bytes, int offset, int length) {
        sha1.update(bytes, offset, length);
    }

    /** Feeds {@code buffer[offset, offset + length)} by absolute access: position and limit stay. */
    void update(ByteBuffer buffer, int offset, int length) {
        if (buffer.hasArray()) {
            sha1.update(buffer.array(), buffer.arrayOffset() + offset, length);
            return;
        }
        if (copy.length < length) {
            copy = new byte[length];
        }
        buffer.get(offset, copy, 0, length);
        sha1.update(copy, 0, length);
    }

    /** Writes the 20-byte HMAC into {@code out[0, 20)}. */
    void finish(byte[] out) {
        try {
            sha1.digest(inner, 0, LENGTH);
            sha1.update(opad);
            sha1.update(inner);
            sha1.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 output does not fit 20 bytes", e);
        }
    }
}
