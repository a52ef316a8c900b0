package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CodecFactory}, {@link CodecType}, {@link CodecConfig}, {@link CodecInfo} and
 * {@link SampleRate}: RFC 3551 facts as constants, and each setup mistake with its own error.
 */
class CodecFactoryTest {

    static void assertError(ThrowingCallable call, CodecException.Kind kind, String... fragments) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContainingAll(fragments);
    }

    // ---- RFC 3551 facts ----

    @Test
    void builtinTypes() {
        assertThat(CodecType.PCMU.name()).isEqualTo("PCMU");
        assertThat(CodecType.PCMU.payloadType()).isEqualTo(0);
        assertThat(CodecType.PCMU.clockRate()).isEqualTo(8000);
        assertThat(CodecType.PCMU.defaultChannels()).isEqualTo(1);
        assertThat(CodecType.PCMU.hasStaticPayloadType()).isTrue();
        assertThat(CodecType.PCMA.name()).isEqualTo("PCMA");
        assertThat(CodecType.PCMA.payloadType()).isEqualTo(8);
        assertThat(CodecType.PCMA.clockRate()).isEqualTo(8000);
        assertThat(CodecType.PCMA.defaultChannels()).isEqualTo(1);
        assertThat(CodecType.PCMU.toString()).isEqualTo("PCMU/8000 (PT 0)");
        assertThat(CodecType.PCMA.toString()).isEqualTo("PCMA/8000 (PT 8)");
    }

    @Test
    void valuesAndValueOf() {
        assertThat(CodecType.values()).containsExactly(CodecType.PCMU, CodecType.PCMA, CodecType.G722);
        CodecType[] values = CodecType.values();
        values[0] = CodecType.PCMA;
        assertThat(CodecType.values()[0]).as("values() returns a fresh array").isSameAs(CodecType.PCMU);
        assertThat(CodecType.valueOf("PCMU")).isSameAs(CodecType.PCMU);
        assertThat(CodecType.valueOf("pcma")).isSameAs(CodecType.PCMA);
        assertThat(CodecType.valueOf("g722")).isSameAs(CodecType.G722);
        assertError(() -> CodecType.valueOf("G729"), CodecException.Kind.UNSUPPORTED_CODEC, "G729", "PCMU", "PCMA",
                "G722");
        assertThatThrownBy(() -> CodecType.valueOf(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    void typeEqualityIgnoresNameCaseButNotPayloadType() {
        CodecType lower = CodecType.of("pcmu", 0, 8000, 1);
        assertThat(lower).isEqualTo(CodecType.PCMU).hasSameHashCodeAs(CodecType.PCMU);
        assertThat(CodecType.of("PCMU", CodecType.DYNAMIC_PAYLOAD_TYPE, 8000, 1)).isNotEqualTo(CodecType.PCMU);
        assertThat(CodecType.PCMU).isNotEqualTo(CodecType.PCMA);
        assertThat(CodecType.of("opus", CodecType.DYNAMIC_PAYLOAD_TYPE, 48000, 2).toString())
                .isEqualTo("opus/48000 (dynamic PT)");
    }

    @Test
    void typeOfRejectsBadValues() {
        assertError(() -> CodecType.of(" ", 0, 8000, 1), CodecException.Kind.INVALID_CONFIG, "\" \"");
        assertError(() -> CodecType.of("L16/44100", 11, 44100, 1), CodecException.Kind.INVALID_CONFIG, "L16/44100");
        assertError(() -> CodecType.of("X", 96, 8000, 1), CodecException.Kind.INVALID_CONFIG, "96", "0-95");
        assertError(() -> CodecType.of("X", -2, 8000, 1), CodecException.Kind.INVALID_CONFIG, "-2");
        assertError(() -> CodecType.of("X", 0, 0, 1), CodecException.Kind.INVALID_CONFIG, "0", "X");
        assertError(() -> CodecType.of("X", 0, 8000, 0), CodecException.Kind.INVALID_CONFIG, "0", "X");
        assertThatThrownBy(() -> CodecType.of(null, 0, 8000, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("sdpName");
    }

    @Test
    void payloadTypes() {
        assertThat(CodecFactory.createByPayloadType(0).info())
                .isEqualTo(new CodecInfo("PCMU", 8000, 1, 64_000, 160, 0));
        assertThat(CodecFactory.createByPayloadType(8).info())
                .isEqualTo(new CodecInfo("PCMA", 8000, 1, 64_000, 160, 8));
        assertThat(CodecFactory.typeForPayloadType(0)).isSameAs(CodecType.PCMU);
        assertThat(CodecFactory.typeForPayloadType(8)).isSameAs(CodecType.PCMA);
    }

    @ParameterizedTest
    @CsvSource({
        "PCMU, PCMU, 0", "pcmu, PCMU, 0", "PCMU/8000, PCMU, 0", "PCMU/8000/1, PCMU, 0",
        "PCMA, PCMA, 8", "Pcma/8000, PCMA, 8", "' PCMA/8000/1 ', PCMA, 8"})
    void sdpNames(String name, String expectedName, int expectedPayloadType) {
        AudioCodec codec = CodecFactory.createByName(name);
        assertThat(codec.info()).isEqualTo(new CodecInfo(expectedName, 8000, 1, 64_000, 160, expectedPayloadType));
    }

    @Test
    void sdpNameWithChannels() {
        assertThat(CodecFactory.createByName("PCMU/8000/2").info())
                .isEqualTo(new CodecInfo("PCMU", 8000, 2, 128_000, 160, 0));
    }

    /** frameSize is samples per channel: 8 per millisecond at 8 kHz; bitrate is 64 kbit/s per channel. */
    @ParameterizedTest(name = "{0} {1} ch {2} ms")
    @CsvSource({
        "PCMU, 1, 10, 64000, 80", "PCMU, 1, 20, 64000, 160", "PCMU, 1, 30, 64000, 240",
        "PCMU, 1, 40, 64000, 320", "PCMU, 1, 60, 64000, 480",
        "PCMA, 1, 10, 64000, 80", "PCMA, 1, 20, 64000, 160", "PCMA, 1, 30, 64000, 240",
        "PCMA, 1, 40, 64000, 320", "PCMA, 1, 60, 64000, 480",
        "PCMU, 2, 20, 128000, 160", "PCMA, 2, 30, 128000, 240", "PCMU, 6, 20, 384000, 160",
        "PCMU, 1, 1, 64000, 8", "PCMA, 1, 200, 64000, 1600"})
    void codecInfoForConfigs(String type, int channels, int millis, int bitrate, int frameSize) {
        CodecType codecType = CodecType.valueOf(type);
        CodecConfig config = CodecConfig.of(codecType).withChannels(channels).withFrameMillis(millis);
        assertThat(config.frameMillis()).isEqualTo(millis);
        AudioCodec codec = CodecFactory.create(config);
        assertThat(codec.info()).isEqualTo(new CodecInfo(type, 8000, channels, bitrate, frameSize,
                type.equals("PCMU") ? 0 : 8));
    }

    // ---- CodecConfig ----

    @Test
    void configDefaultsAndImmutability() {
        CodecConfig base = CodecConfig.of(CodecType.PCMU);
        assertThat(base.type()).isSameAs(CodecType.PCMU);
        assertThat(base.sampleRate()).isEqualTo(8000);
        assertThat(base.channels()).isEqualTo(1);
        assertThat(base.frameMillis()).isEqualTo(20).isEqualTo(CodecConfig.DEFAULT_FRAME_MILLIS);
        assertThat(base.toString()).isEqualTo("PCMU/8000/1 20 ms");

        CodecConfig changed = base.withSampleRate(SampleRate.RATE_16000).withChannels(2).withFrameMillis(30);
        assertThat(changed).isNotSameAs(base);
        assertThat(changed.sampleRate()).isEqualTo(16000);
        assertThat(changed.channels()).isEqualTo(2);
        assertThat(changed.frameMillis()).isEqualTo(30);
        assertThat(base.sampleRate()).as("original unchanged").isEqualTo(8000);
        assertThat(base.channels()).isEqualTo(1);
        assertThat(base.frameMillis()).isEqualTo(20);
        assertThat(base.withSampleRate(8000)).isNotSameAs(base);
    }

    @Test
    void configEquality() {
        CodecConfig a = CodecConfig.of(CodecType.PCMA).withFrameMillis(30).withChannels(2);
        CodecConfig b = CodecConfig.of(CodecType.PCMA).withChannels(2).withFrameMillis(30);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(CodecConfig.of(CodecType.PCMU).withFrameMillis(30).withChannels(2));
        assertThat(a).isNotEqualTo(b.withFrameMillis(20));
        assertThat(a).isNotEqualTo(b.withChannels(1));
        assertThat(a).isNotEqualTo(b.withSampleRate(16000));
        assertThat(a).isNotEqualTo("PCMA/8000/2 30 ms");
        assertThat(CodecConfig.of(CodecType.PCMU)).isEqualTo(CodecConfig.of(CodecType.of("pcmu", 0, 8000, 1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void nonPositiveConfigValuesAreRefusedAtOnce(int value) {
        CodecConfig base = CodecConfig.of(CodecType.PCMU);
        assertError(() -> base.withFrameMillis(value), CodecException.Kind.INVALID_CONFIG, value + " ms", "PCMU");
        assertError(() -> base.withSampleRate(value), CodecException.Kind.INVALID_CONFIG, value + " Hz", "PCMU");
        assertError(() -> base.withChannels(value), CodecException.Kind.INVALID_CONFIG, "got " + value, "PCMU");
        assertThatThrownBy(() -> CodecConfig.of(null)).isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> base.withSampleRate((SampleRate) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("rate");
    }

    @Test
    void sampleRates() {
        assertThat(Arrays.stream(SampleRate.values()).mapToInt(SampleRate::hz))
                .containsExactly(8000, 16000, 24000, 32000, 44100, 48000);
        assertThat(SampleRate.of(44100)).isSameAs(SampleRate.RATE_44100);
        assertError(() -> SampleRate.of(11025), CodecException.Kind.INVALID_CONFIG, "11025", "8000", "48000");
    }

    // ---- what create refuses ----

    @Test
    void g711At16kHzIsRefused() {
        assertError(() -> CodecFactory.create(CodecConfig.of(CodecType.PCMU).withSampleRate(SampleRate.RATE_16000)),
                CodecException.Kind.INVALID_CONFIG, "16000", "8000", "PCMU");
        assertError(() -> CodecFactory.createByName("PCMA/16000"), CodecException.Kind.INVALID_CONFIG,
                "16000", "8000", "PCMA");
    }

    @Test
    void sevenChannelsIsRefused() {
        assertError(() -> CodecFactory.create(CodecConfig.of(CodecType.PCMA).withChannels(7)),
                CodecException.Kind.INVALID_CONFIG, "7", "6");
        assertError(() -> CodecFactory.createByName("PCMU/8000/7"), CodecException.Kind.INVALID_CONFIG, "7", "6");
        assertError(() -> CodecFactory.createByName("PCMU/8000/0"), CodecException.Kind.INVALID_CONFIG, "got 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 1000})
    void overlongFramesAreRefused(int millis) {
        CodecConfig config = CodecConfig.of(CodecType.PCMU).withFrameMillis(millis);
        assertError(() -> CodecFactory.create(config), CodecException.Kind.INVALID_CONFIG, millis + " ms", "200");
    }

    @Test
    void unknownPayloadTypes() {
        assertError(() -> CodecFactory.createByPayloadType(3), CodecException.Kind.UNSUPPORTED_CODEC,
                "payload type 3", "PCMU", "PCMA");
        assertError(() -> CodecFactory.createByPayloadType(96), CodecException.Kind.UNSUPPORTED_CODEC,
                "96", "PCMU", "PCMA");
        assertError(() -> CodecFactory.createByPayloadType(128), CodecException.Kind.UNSUPPORTED_CODEC,
                "128", "0-127", "PCMU");
        assertError(() -> CodecFactory.createByPayloadType(-1), CodecException.Kind.UNSUPPORTED_CODEC,
                "-1", "0-127", "PCMU");
    }

    @Test
    void unknownAndMalformedNames() {
        assertError(() -> CodecFactory.createByName("G729"), CodecException.Kind.UNSUPPORTED_CODEC,
                "\"G729\"", "PCMU", "PCMA");
        assertError(() -> CodecFactory.createByName(""), CodecException.Kind.UNSUPPORTED_CODEC, "PCMU", "PCMA");
        assertThatThrownBy(() -> CodecFactory.createByName("PCMU/abc"))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_CONFIG);
                    assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
                })
                .hasMessageContainingAll("\"abc\"", "rate", "PCMU/abc");
        assertError(() -> CodecFactory.createByName("PCMU/8000/two"), CodecException.Kind.INVALID_CONFIG,
                "\"two\"", "channel count");
        assertError(() -> CodecFactory.createByName("PCMU/8000/1/x"), CodecException.Kind.INVALID_CONFIG,
                "PCMU/8000/1/x");
        assertThatThrownBy(() -> CodecFactory.createByName(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> CodecFactory.create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("config");
    }

    @Test
    void unsupportedTypeListsTheSupportedOnes() {
        CodecType g729 = CodecType.of("G729", 18, 8000, 1);
        assertError(() -> CodecFactory.create(CodecConfig.of(g729)), CodecException.Kind.UNSUPPORTED_CODEC,
                "G729", "PCMU", "PCMA", "G722");
    }

    @Test
    void exceptionCarriesKind() {
        CodecException e = new CodecException(CodecException.Kind.INVALID_PAYLOAD, "3 bytes");
        assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_PAYLOAD);
        assertThat(e).hasMessage("3 bytes").hasNoCause();
        assertThatThrownBy(() -> new CodecException(null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessage("kind");
    }
}
