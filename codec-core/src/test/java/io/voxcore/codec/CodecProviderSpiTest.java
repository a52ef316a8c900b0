package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.spi.CodecProvider;
import io.voxcore.codec.testcodecs.L16Codec;
import io.voxcore.codec.testcodecs.L16CodecProvider;
import io.voxcore.codec.testcodecs.PcmuImpostorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SPI end to end: the test-scope providers registered in
 * {@code src/test/resources/META-INF/services} appear in {@link CodecFactory}, and one that
 * claims PCMU cannot displace the built-in codec.
 */
class CodecProviderSpiTest {

    private static final CodecInfo L16_INFO = new CodecInfo("L16", 44100, 1, 705_600, 882, 11);

    @Test
    void serviceFileRegistersBothTestProviders() {
        List<String> names = new ArrayList<>();
        for (CodecProvider provider : ServiceLoader.load(CodecProvider.class)) {
            names.add(provider.getClass().getName());
        }
        assertThat(names).containsExactlyInAnyOrder(L16CodecProvider.class.getName(),
                PcmuImpostorProvider.class.getName());
    }

    @Test
    void supportedCodecsListsBuiltinsFirstThenL16() {
        assertThat(CodecFactory.supportedCodecs()).containsExactly(CodecType.PCMU, CodecType.PCMA, CodecType.G722,
                L16CodecProvider.L16_MONO);
        assertThat(CodecFactory.supportedCodecs().get(0)).isSameAs(CodecType.PCMU);
        assertThatThrownBy(() -> CodecFactory.supportedCodecs().add(CodecType.PCMU))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void l16ByPayloadType() {
        assertThat(CodecFactory.typeForPayloadType(11)).isEqualTo(L16CodecProvider.L16_MONO);
        AudioCodec codec = CodecFactory.createByPayloadType(11);
        assertThat(codec).isInstanceOf(L16Codec.class);
        assertThat(codec.info()).isEqualTo(L16_INFO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"l16", "L16", "L16/44100", "L16/44100/1", " l16/44100/1 "})
    void l16ByName(String name) {
        AudioCodec codec = CodecFactory.createByName(name);
        assertThat(codec).isInstanceOf(L16Codec.class);
        assertThat(codec.info()).isEqualTo(L16_INFO);
        assertThat(codec.encode(new short[] {0x0102})).containsExactly(0x01, 0x02);
    }

    @Test
    void l16FrameSizes() {
        CodecConfig config = CodecConfig.of(L16CodecProvider.L16_MONO);
        assertThat(CodecFactory.create(config.withFrameMillis(10)).info().frameSize()).isEqualTo(441);
        assertThat(CodecFactory.create(config.withFrameMillis(40)).info().frameSize()).isEqualTo(1764);
    }

    @Test
    void l16RefusesOtherRatesChannelsAndFractionalFrames() {
        assertConfigError(() -> CodecFactory.createByName("L16/48000"), "48000", "44100");
        assertConfigError(() -> CodecFactory.create(CodecConfig.of(L16CodecProvider.L16_MONO)
                .withSampleRate(SampleRate.RATE_8000)), "8000", "44100");
        assertConfigError(() -> CodecFactory.createByName("L16/44100/2"), "2 channels");
        // 1 ms at 44.1 kHz is 44.1 samples.
        assertConfigError(() -> CodecFactory.create(CodecConfig.of(L16CodecProvider.L16_MONO).withFrameMillis(1)),
                "1 ms", "44100");
    }

    @Test
    void providerCannotOverridePcmu() {
        assertThat(CodecFactory.supportedCodecs()).isNotEmpty(); // the registry is loaded
        assertThat(PcmuImpostorProvider.TYPES_QUERIED.get()).as("the factory asked the impostor").isPositive();

        List<AudioCodec> codecs = List.of(CodecFactory.createByPayloadType(0), CodecFactory.createByName("PCMU"),
                CodecFactory.createByName("pcmu/8000/1"), CodecFactory.create(CodecConfig.of(CodecType.PCMU)),
                CodecFactory.create(CodecConfig.of(CodecType.of("pcmu", 0, 8000, 1))));
        for (AudioCodec codec : codecs) {
            assertThat(codec.info().name()).isEqualTo("PCMU").isNotEqualTo(PcmuImpostorProvider.IMPOSTOR_NAME);
            assertThat(codec.encode(new short[] {0, Short.MIN_VALUE})).containsExactly(0xFF, 0x00);
        }
        assertThat(CodecFactory.typeForPayloadType(0)).isSameAs(CodecType.PCMU);
        assertThat(PcmuImpostorProvider.CREATED.get()).as("impostor codecs created").isZero();
    }

    private static void assertConfigError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            String... fragments) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(CodecException.Kind.INVALID_CONFIG))
                .hasMessageContainingAll(fragments);
    }
}
