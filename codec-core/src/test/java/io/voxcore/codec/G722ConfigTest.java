package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * G.722 as the factory and configs present it: the RFC 3551 facts (payload type 9, RTP clock 8000
 * although the audio is 16 kHz), the three bit rates, the configs refused with the offending
 * value, and the 56 and 48 kbit/s decoders ignoring the low bits of each codeword.
 */
class G722ConfigTest {

    static void assertError(ThrowingCallable call, CodecException.Kind kind, String... fragments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContainingAll(fragments);
    }

    @Test
    void rfc3551Facts() {
        assertThat(CodecType.G722.name()).isEqualTo("G722");
        assertThat(CodecType.G722.payloadType()).isEqualTo(9);
        assertThat(CodecType.G722.clockRate()).isEqualTo(8000);
        assertThat(CodecType.G722.sampleRate()).isEqualTo(16000);
        assertThat(CodecType.G722.defaultChannels()).isEqualTo(1);
        assertThat(CodecType.G722.toString()).isEqualTo("G722/8000 (PT 9, 16000 Hz audio)");
        assertThat(CodecType.PCMU.sampleRate()).isEqualTo(8000);
        assertThat(CodecType.PCMA.sampleRate()).isEqualTo(8000);
        assertThat(CodecFactory.typeForPayloadType(9)).isSameAs(CodecType.G722);
        assertThat(CodecFactory.supportedCodecs()).contains(CodecType.G722);
        assertThat(SampleRate.of(16000)).isEqualTo(SampleRate.RATE_16000);
    }

    @Test
    void providerTypesMayTellTheTwoRatesApart() {
        assertThat(CodecType.of("L16", 11, 44100, 1).sampleRate()).as("the old form: sample rate = clock rate")
                .isEqualTo(44100);
        CodecType wide = CodecType.of("X-WIDE", CodecType.DYNAMIC_PAYLOAD_TYPE, 8000, 32000, 1);
        assertThat(wide.clockRate()).isEqualTo(8000);
        assertThat(wide.sampleRate()).isEqualTo(32000);
        assertThat(CodecConfig.of(wide).sampleRate()).isEqualTo(32000);
        assertError(() -> CodecType.of("X", CodecType.DYNAMIC_PAYLOAD_TYPE, 8000, 0, 1), CodecException.Kind.INVALID_CONFIG, "sample rate", "0");
        assertError(() -> CodecType.of("X", CodecType.DYNAMIC_PAYLOAD_TYPE, 8000, -16000, 1), CodecException.Kind.INVALID_CONFIG, "-16000");
    }

    @Test
    void everyWayToCreateItGivesA16kHzMonoCodecOnPayloadType9() {
        CodecInfo expected = new CodecInfo("G722", 16000, 1, 64000, 320, 9);
        assertThat(CodecFactory.createByPayloadType(9).info()).isEqualTo(expected);
        assertThat(CodecFactory.createByName("G722").info()).isEqualTo(expected);
        assertThat(CodecFactory.createByName("g722").info()).isEqualTo(expected);
        assertThat(CodecFactory.createByName("G722/8000").info()).as("the rtpmap rate is the RTP clock")
                .isEqualTo(expected);
        assertThat(CodecFactory.createByName("G722/16000/1").info()).isEqualTo(expected);
        assertThat(CodecFactory.create(CodecConfig.of(CodecType.G722)).info()).isEqualTo(expected);
        assertThat(CodecConfig.of(CodecType.G722).sampleRate()).isEqualTo(16000);
        assertThat(CodecFactory.create(CodecConfig.of(CodecType.G722).withFrameMillis(30)).info().frameSize())
                .isEqualTo(480);
        assertThat(CodecFactory.createByPayloadType(9).maxEncodedSize(320)).isEqualTo(160);
    }

    @Test
    void theThreeBitRates() {
        for (int bitrate : new int[] {64000, 56000, 48000}) {
            CodecConfig config = CodecConfig.of(CodecType.G722).withBitrate(bitrate);
            assertThat(config.bitrate()).isEqualTo(bitrate);
            assertThat(CodecFactory.create(config).info().bitrate()).isEqualTo(bitrate);
        }
        assertThat(CodecConfig.of(CodecType.G722).bitrate()).isEqualTo(CodecConfig.DEFAULT_BITRATE);
    }

    @Test
    void configsItCannotRunAreRefusedNamingTheValue() {
        CodecConfig g722 = CodecConfig.of(CodecType.G722);
        assertError(() -> CodecFactory.create(g722.withBitrate(32000)), CodecException.Kind.INVALID_CONFIG,
                "32000", "64000", "56000", "48000");
        assertError(() -> CodecFactory.create(g722.withBitrate(64001)), CodecException.Kind.INVALID_CONFIG, "64001");
        assertError(() -> g722.withBitrate(0), CodecException.Kind.INVALID_CONFIG, "bit rate", "0");
        assertError(() -> g722.withBitrate(-64000), CodecException.Kind.INVALID_CONFIG, "-64000");
        assertError(() -> CodecFactory.create(g722.withSampleRate(8000)), CodecException.Kind.INVALID_CONFIG,
                "8000 Hz", "16000");
        assertError(() -> CodecFactory.createByName("G722/48000"), CodecException.Kind.INVALID_CONFIG, "48000 Hz");
        assertError(() -> CodecFactory.create(g722.withChannels(2)), CodecException.Kind.INVALID_CONFIG, "mono", "2");
        assertError(() -> CodecFactory.create(g722.withFrameMillis(250)), CodecException.Kind.INVALID_CONFIG, "250 ms");
    }

    @Test
    void g711TakesOnlyItsOwnBitRate() {
        assertThat(CodecFactory.create(CodecConfig.of(CodecType.PCMU).withBitrate(64000)).info().bitrate())
                .isEqualTo(64000);
        assertThat(CodecFactory.create(CodecConfig.of(CodecType.PCMA).withChannels(2).withBitrate(128000)).info()
                .bitrate()).isEqualTo(128000);
        assertError(() -> CodecFactory.create(CodecConfig.of(CodecType.PCMU).withBitrate(56000)),
                CodecException.Kind.INVALID_CONFIG, "56000", "64000");
    }

    @Test
    void bitrateTakesPartInEqualityAndText() {
        CodecConfig plain = CodecConfig.of(CodecType.G722);
        CodecConfig slow = plain.withBitrate(48000);
        assertThat(slow).isNotEqualTo(plain).isEqualTo(CodecConfig.of(CodecType.G722).withBitrate(48000))
                .hasSameHashCodeAs(CodecConfig.of(CodecType.G722).withBitrate(48000));
        assertThat(plain).hasToString("G722/16000/1 20 ms");
        assertThat(slow).hasToString("G722/16000/1 20 ms 48000 bit/s");
        assertThat(slow.withFrameMillis(40).withChannels(1).withSampleRate(16000).bitrate()).isEqualTo(48000);
    }

    /**
     * At 56 kbit/s the decoder ignores bit 0 of every codeword and at 48 kbit/s bits 1-0, as the
     * ITU decoder does: flipping those bits of a whole stream changes nothing, while the 64 kbit/s
     * decoder (and the 56 kbit/s one for bit 1) hears the difference.
     */
    @Test
    void lowerRatesIgnoreTheLowBitsOfEachCodeword() {
        byte[] stream = new byte[8000];
        new Random(722).nextBytes(stream);
        byte[] bit0 = stream.clone();
        byte[] bits10 = stream.clone();
        for (int i = 0; i < stream.length; i++) {
            bit0[i] ^= 0x01;
            bits10[i] ^= (byte) (1 + i % 3); // 01, 10, 11 in turn
        }
        assertThat(decode(56000, bit0)).isEqualTo(decode(56000, stream));
        assertThat(decode(48000, bits10)).isEqualTo(decode(48000, stream));
        assertThat(decode(64000, bit0)).isNotEqualTo(decode(64000, stream));
        assertThat(decode(56000, bits10)).isNotEqualTo(decode(56000, stream));
    }

    private static short[] decode(int bitrate, byte[] data) {
        return CodecFactory.create(CodecConfig.of(CodecType.G722).withBitrate(bitrate)).decode(data);
    }
}
