package io.voxcore.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 4568 {@code a=crypto} parsing, writing, refusal and key hygiene. */
class SdesCryptoTest {

    /** The key of RFC 4568 section 4's example (30 bytes: AES_CM_128 key and salt). */
    private static final String RFC_KEY = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    @Test
    void parsesTheRfc4568ExampleWithoutItsMki() {
        SdesCrypto crypto = SdesCrypto.parse("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|2^20");
        assertThat(crypto.tag()).isEqualTo(1);
        assertThat(crypto.suite()).isEqualTo(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(crypto.lifetime()).isEqualTo(1L << 20);
        byte[] decoded = Base64.getDecoder().decode(RFC_KEY);
        assertThat(crypto.masterKey()).containsExactly(java.util.Arrays.copyOf(decoded, 16));
        assertThat(crypto.masterSalt()).containsExactly(java.util.Arrays.copyOfRange(decoded, 16, 30));
        assertThat(crypto.attributeValue()).isEqualTo("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|2^20");
    }

    @Test
    void acceptsDecimalLifetimeKdrZeroWindowHintAndFecOrder() {
        SdesCrypto crypto = SdesCrypto.parse("7 AES_CM_128_HMAC_SHA1_32 inline:" + RFC_KEY + "|1048576"
                + " KDR=0 WSH=300 FEC_ORDER=FEC_SRTP");
        assertThat(crypto.lifetime()).isEqualTo(1_048_576L);
        assertThat(crypto.windowSizeHint()).isEqualTo(300);
        assertThat(crypto.sessionParams()).containsExactly("KDR=0", "WSH=300", "FEC_ORDER=FEC_SRTP");
        assertThat(crypto.receivingContext().toString()).contains("receiving");
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void generatedKeysWriteParseAndDriveContexts(SrtpSuite suite) {
        SdesCrypto offer = SdesCrypto.generate(3, suite);
        SdesCrypto parsed = SdesCrypto.parse(offer.attributeValue());
        assertThat(parsed.masterKey()).containsExactly(offer.masterKey());
        assertThat(parsed.masterSalt()).containsExactly(offer.masterSalt());
        assertThat(parsed.masterKey()).hasSize(suite.keyLength());
        assertThat(SdesCrypto.generate(3, suite).masterKey()).isNotEqualTo(offer.masterKey());

        SdesCrypto answer = offer.answer();
        assertThat(answer.tag()).isEqualTo(3);
        assertThat(answer.suite()).isEqualTo(suite);
        assertThat(answer.masterKey()).isNotEqualTo(offer.masterKey());

        SrtpContext tx = offer.sendingContext();
        SrtpContext rx = parsed.receivingContext();
        ByteBuffer packet = Packets.rtp(Packets.SSRC, 77, 160);
        int n = tx.protectRtp(packet, 0, 172);
        assertThat(rx.unprotectRtp(packet, 0, n)).isEqualTo(172);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1 F8_128_HMAC_SHA1_80 inline:@K                               | unsupported SRTP crypto suite 'F8_128_HMAC_SHA1_80'",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K#2^20#1:4                  | MKI '1:4' is not supported",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K;inline:@K                | with 2 keys is not supported",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K#2^10                      | lifetime 2^10 is below",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K#1000                      | lifetime 1000 is below",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K#2^50                      | exceeds the 2^48",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K#forever                   | neither 2^n nor a number",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K UNENCRYPTED_SRTP          | UNENCRYPTED_SRTP is refused",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K UNENCRYPTED_SRTCP         | UNENCRYPTED_SRTCP is refused",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K UNAUTHENTICATED_SRTP      | UNAUTHENTICATED_SRTP is refused",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K KDR=24                    | KDR=24 is not supported",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K WSH=32                    | WSH=32 must be a window size of at least 64",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K FEC_KEY=inline:@K        | FEC_KEY is not supported",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K SPECIAL=1                 | session parameter 'SPECIAL=1' is not supported",
        "1 AES_CM_128_HMAC_SHA1_80 inline:@K X_KEY=inline:@K           | 'X_KEY=inline:<redacted>' is not supported",
        "1 AEAD_AES_256_GCM inline:@K                                  | needs 44 bytes of key and salt, the inline key has 30",
        "1 AES_CM_128_HMAC_SHA1_80 inline:***notbase64***               | not valid base64",
        "1 AES_CM_128_HMAC_SHA1_80 uri:sip:keys@example.com             | key method must be 'inline', got 'uri'",
        "x1 AES_CM_128_HMAC_SHA1_80 inline:@K                          | tag must be 1 to 9 digits",
        "1 AES_CM_128_HMAC_SHA1_80                                      | needs a tag, a suite and key parameters",
    })
    void refusesWhatItCannotHonourNamingTheReason(String value, String reason) {
        String attribute = value.strip().replace("@K", RFC_KEY).replace('#', '|');
        assertThatThrownBy(() -> SdesCrypto.parse(attribute))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .hasMessageNotContaining(RFC_KEY);
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        for (SrtpSuite suite : SrtpSuite.values()) {
            for (int i = 0; i < 50; i++) {
                SdesCrypto crypto = SdesCrypto.generate(i, suite);
                String base64 = crypto.attributeValue().split("inline:")[1];
                String text = crypto + " " + crypto.sendingContext() + " " + crypto.receivingContext();
                assertThat(text).doesNotContain(base64).doesNotContain(base64.substring(0, 8))
                        .doesNotContain(HexFormat.of().formatHex(crypto.masterKey()).substring(0, 8))
                        .contains("<redacted>", suite.name());
            }
        }
        SdesCrypto parsed = SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY + "|2^31 WSH=128");
        assertThat(parsed.toString()).isEqualTo("SdesCrypto[1 AES_CM_128_HMAC_SHA1_80 inline:<redacted> lifetime "
                + (1L << 31) + " WSH=128]");
    }
}
