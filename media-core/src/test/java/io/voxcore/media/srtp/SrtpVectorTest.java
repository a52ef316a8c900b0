package io.voxcore.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transforms against published answers: RFC 3711 Appendix B.2 (AES-CM keystream) and B.3
 * (key derivation), RFC 7714 sections 16 and 17 (AES-GCM SRTP and SRTCP, 128 and 256), and the
 * reference packets of libsrtp's {@code test/srtp_driver.c srtp_validate()} for
 * AES_CM_128_HMAC_SHA1_80 (a published known answer; the RFC has none for HMAC-SHA1 packets). The
 * RFC 7714 bytes were taken from the RFC text as quoted by two independent test suites (pion/srtp
 * and a C# SRTP suite) that agree byte for byte; our GHASH is also checked against the JDK's GCM.
 */
class SrtpVectorTest {

    // RFC 3711 B.2
    private static final byte[] B2_KEY = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] B2_IV = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    // RFC 3711 B.3 (also libsrtp's default test key)
    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    // RFC 7714 sections 16 and 17: session keys and salt given directly
    private static final byte[] GCM_KEY_128 = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_KEY_256 = Hex.bytes(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] GCM_SALT = Hex.bytes("517569642070726f2071756f");
    private static final String GCM_RTP = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973"
            + " 20646976 69736120 696e2070 61727465 73207472 6573";
    private static final String GCM_SRTP_128 = "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca"
            + " be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce";
    private static final String GCM_SRTP_256 = "8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa"
            + " b1801238 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13";
    private static final String GCM_RTCP = "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930"
            + " 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef";
    private static final String GCM_SRTCP_128 = "81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7"
            + " 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4";
    private static final String GCM_SRTCP_256 = "81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d"
            + " bffe0a50 a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad 1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4";
    /** RFC 7714 section 17.1: SRTCP with E = 0, authenticated only. */
    private static final String GCM_SRTCP_AUTH_ONLY_128 = GCM_RTCP
            + " 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4";

    // libsrtp test/srtp_driver.c, srtp_validate(): AES_CM_128_HMAC_SHA1_80, SSRC 0xcafebabe
    private static final String LIBSRTP_RTP = "800f1234 decafbad cafebabe abababab abababab abababab abababab";
    private static final String LIBSRTP_SRTP = "800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402"
            + " b78d6acc 99ea179b 8dbb";
    private static final String LIBSRTP_RTCP = "81c8000b cafebabe abababab abababab abababab abababab";
    private static final String LIBSRTP_SRTCP = "81c8000b cafebabe 7128035b e487b9bd bef89041 f977a5a8 80000001"
            + " 993e08cd 54d6c123 0798";

    @Test
    void aesCounterModeKeystreamIsAppendixB2() {
        byte[] ks = new AesCtr(B2_KEY).keystream(B2_IV, 65282 * 16);
        assertThat(Hex.of(ks, 0, 48)).isEqualToIgnoringCase("E03EAD0935C95E80E166B16DD92B4EB4"
                + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0");
        assertThat(Hex.of(ks, 0xFEFF * 16, 48)).isEqualToIgnoringCase("EC8CDF7398607CB0F2D21675EA9EA1E4"
                + "362B7C3C6773516318A077D7FC5073AE" + "6A2CC3787889374FBEB4C81B17BA6C44");
    }

    @Test
    void keyDerivationIsAppendixB3() {
        assertThat(Hex.of(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0, 16), 0, 16))
                .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
        assertThat(Hex.of(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 2, 14), 0, 14))
                .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
        assertThat(Hex.of(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 1, 94), 0, 94)).isEqualToIgnoringCase(
                "CEBE321F6FF7716B6FD4AB49AF256A15" + "6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF7227098" + "6371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E47403576" + "6B68642C59BBFC2F34DB60DBDFB2");
    }

    private static ByteBuffer packet(String hex, int room, boolean direct) {
        byte[] bytes = Hex.bytes(hex);
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(3 + bytes.length + room) : ByteBuffer.allocate(3 + bytes.length + room);
        b.put(3, bytes);
        return b;
    }

    @ParameterizedTest(name = "direct buffer {0}")
    @ValueSource(booleans = {false, true})
    void hmacSha1SuiteMatchesLibsrtpReferencePackets(boolean direct) {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = SrtpContext.forSending(suite, MASTER_KEY, MASTER_SALT);
        ByteBuffer rtp = packet(LIBSRTP_RTP, 10, direct);
        int n = tx.protectRtp(rtp, 3, 28);
        assertThat(Hex.of(rtp, 3, n)).isEqualToIgnoringCase(LIBSRTP_SRTP.replace(" ", ""));

        tx.nextRtcpIndex(0xcafebabe, 1); // libsrtp numbers its first SRTCP packet 1
        ByteBuffer rtcp = packet(LIBSRTP_RTCP, 14, direct);
        n = tx.protectRtcp(rtcp, 3, 24);
        assertThat(Hex.of(rtcp, 3, n)).isEqualToIgnoringCase(LIBSRTP_SRTCP.replace(" ", ""));

        SrtpContext rx = SrtpContext.forReceiving(suite, MASTER_KEY, MASTER_SALT);
        ByteBuffer srtp = packet(LIBSRTP_SRTP, 0, direct);
        assertThat(rx.unprotectRtp(srtp, 3, 38)).isEqualTo(28);
        assertThat(Hex.of(srtp, 3, 28)).isEqualToIgnoringCase(LIBSRTP_RTP.replace(" ", ""));
        ByteBuffer srtcp = packet(LIBSRTP_SRTCP, 0, direct);
        assertThat(rx.unprotectRtcp(srtcp, 3, 38)).isEqualTo(24);
        assertThat(Hex.of(srtcp, 3, 24)).isEqualToIgnoringCase(LIBSRTP_RTCP.replace(" ", ""));
    }

    @ParameterizedTest(name = "AES-256 {0}")
    @ValueSource(booleans = {false, true})
    void gcmMatchesRfc7714Sections16And17(boolean aes256) {
        for (boolean direct : new boolean[] {false, true}) {
            SrtpSuite suite = aes256 ? SrtpSuite.AEAD_AES_256_GCM : SrtpSuite.AEAD_AES_128_GCM;
            byte[] key = aes256 ? GCM_KEY_256 : GCM_KEY_128;
            String srtpHex = (aes256 ? GCM_SRTP_256 : GCM_SRTP_128).replace(" ", "");
            String srtcpHex = (aes256 ? GCM_SRTCP_256 : GCM_SRTCP_128).replace(" ", "");
            SrtpContext tx = SrtpContext.ofTransforms(suite, true, new GcmTransform(key, GCM_SALT),
                    new GcmTransform(key, GCM_SALT));
            ByteBuffer rtp = packet(GCM_RTP, 16, direct);
            int n = tx.protectRtp(rtp, 3, 50);
            assertThat(Hex.of(rtp, 3, n)).isEqualTo(srtpHex);
            tx.nextRtcpIndex(0x4d617273, 0x5d4);
            ByteBuffer rtcp = packet(GCM_RTCP, 20, direct);
            n = tx.protectRtcp(rtcp, 3, 52);
            assertThat(Hex.of(rtcp, 3, n)).isEqualTo(srtcpHex);

            SrtpContext rx = SrtpContext.ofTransforms(suite, false, new GcmTransform(key, GCM_SALT),
                    new GcmTransform(key, GCM_SALT));
            ByteBuffer srtp = packet(srtpHex, 0, direct);
            assertThat(rx.unprotectRtp(srtp, 3, 66)).isEqualTo(50);
            assertThat(Hex.of(srtp, 3, 50)).isEqualTo(GCM_RTP.replace(" ", ""));
            ByteBuffer srtcp = packet(srtcpHex, 0, direct);
            assertThat(rx.unprotectRtcp(srtcp, 3, 72)).isEqualTo(52);
            assertThat(Hex.of(srtcp, 3, 52)).isEqualTo(GCM_RTCP.replace(" ", ""));
        }
    }

    @Test
    void gcmSrtcpWithoutEncryptionFlagIsAuthenticatedOnlyAsRfc7714Section17() {
        SrtpContext rx = SrtpContext.ofTransforms(SrtpSuite.AEAD_AES_128_GCM, false,
                new GcmTransform(GCM_KEY_128, GCM_SALT), new GcmTransform(GCM_KEY_128, GCM_SALT));
        ByteBuffer srtcp = packet(GCM_SRTCP_AUTH_ONLY_128, 0, false);
        assertThat(rx.unprotectRtcp(srtcp, 3, 72)).isEqualTo(52);
        assertThat(Hex.of(srtcp, 3, 52)).isEqualTo(GCM_RTCP.replace(" ", ""));
    }

    /** Our GHASH-based GCM equals the JDK's AES/GCM for random keys, headers (AAD) and payloads. */
    @Test
    void gcmEqualsJdkGcmOnRandomPackets() throws Exception {
        Random random = new Random(7714);
        for (int round = 0; round < 400; round++) {
            byte[] key = new byte[round % 2 == 0 ? 16 : 32];
            byte[] salt = new byte[12];
            random.nextBytes(key);
            random.nextBytes(salt);
            int cc = random.nextInt(16);
            int header = 12 + 4 * cc;
            int payload = random.nextInt(300);
            byte[] plain = new byte[header + payload];
            random.nextBytes(plain);
            plain[0] = (byte) (0x80 | cc);
            int ssrc = random.nextInt();
            int seq = random.nextInt(65536);
            long index = seq; // a fresh transform at ROC 0

            GcmTransform ours = new GcmTransform(key, salt);
            ByteBuffer buffer = ByteBuffer.allocate(plain.length + 16).put(0, plain);
            int n = ours.protectRtp(buffer, 0, header, payload, ssrc, index);

            byte[] iv = salt.clone();
            for (int i = 0; i < 4; i++) {
                iv[2 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
            }
            iv[10] ^= (byte) (seq >>> 8);
            iv[11] ^= (byte) seq;
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jdk.updateAAD(plain, 0, header);
            byte[] expected = jdk.doFinal(plain, header, payload);
            assertThat(n).isEqualTo(header + payload + 16);
            assertThat(Hex.of(buffer, header, payload + 16)).isEqualTo(Hex.of(expected, 0, expected.length));
        }
    }

    /** Our MessageDigest-based HMAC-SHA1 equals javax.crypto.Mac for random keys and messages. */
    @Test
    void hmacEqualsJdkMac() throws Exception {
        Random random = new Random(2104);
        for (int round = 0; round < 200; round++) {
            byte[] key = new byte[1 + random.nextInt(100)];
            byte[] message = new byte[random.nextInt(500)];
            random.nextBytes(key);
            random.nextBytes(message);
            HmacSha1 ours = new HmacSha1(key);
            ours.start();
            ours.update(message, 0, message.length);
            byte[] tag = new byte[20];
            ours.finish(tag);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            assertThat(MessageDigest.isEqual(tag, mac.doFinal(message))).isTrue();
        }
    }
}
