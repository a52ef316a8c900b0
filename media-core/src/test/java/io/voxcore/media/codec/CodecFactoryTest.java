package io.voxcore.media.codec;

import static io.voxcore.media.codec.Reference.RAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.CodecException;
import io.voxcore.codec.testkit.ItuVectors;
import io.voxcore.media.AudioFrame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecFactoryTest {

    @Test
    void builtInCodecsByPayloadType() {
        assertThat(CodecFactory.createCodec(0).info()).isEqualTo(new CodecInfo("PCMU", 8000, 1, 64_000));
        assertThat(CodecFactory.createCodec(8).info()).isEqualTo(new CodecInfo("PCMA", 8000, 1, 64_000));
        assertThat(CodecFactory.createZeroCopy(0).info()).isEqualTo(new CodecInfo("PCMU", 8000, 1, 64_000));
        assertThat(CodecFactory.createZeroCopy(8, 8000, 2).info()).isEqualTo(new CodecInfo("PCMA", 8000, 2, 128_000));
        assertThat(CodecFactory.createCodec(0)).isInstanceOf(CodecCoreAdapter.class);
    }

    @Test
    void everyCodecCodecCoreKnowsIsReachable() {
        for (io.voxcore.codec.CodecType type : io.voxcore.codec.CodecFactory.supportedCodecs()) {
            if (type.hasStaticPayloadType()) {
                assertThat(CodecFactory.createCodec(type.payloadType()).info().name()).isEqualTo(type.name());
                assertThat(CodecFactory.createZeroCopy(type.payloadType()).info().name()).isEqualTo(type.name());
            }
        }
        assertThat(io.voxcore.codec.CodecFactory.supportedCodecs()).contains(L16TestCodecProvider.L16);
    }

    /** L16 comes from a test-scope SPI provider: media-core reaches it without any change. */
    @Test
    void spiCodecIsReachableAndBigEndian() {
        AudioCodec l16 = CodecFactory.createCodec(11);
        assertThat(l16.info()).isEqualTo(new CodecInfo("L16", 44100, 1, 705_600));
        byte[] payload = l16.encode(new AudioFrame(RAMP, 44100, 1, 0));
        assertThat(payload).isEqualTo(Reference.l16(RAMP));
        assertThat(ItuVectors.crcOfWords(l16.decode(payload).samples())).isEqualTo(ItuVectors.CRC_SWEEP_SRC);

        ZeroCopyCodecAdapter zeroCopy = CodecFactory.createZeroCopy(11);
        ByteBuffer out = ByteBuffer.allocateDirect(4);
        assertThat(zeroCopy.encodeToBuffer(new short[] {0x1234, -2}, 0, 2, out)).isEqualTo(4);
        assertThat(Reference.bytes(out, 0, 4)).containsExactly(0x12, 0x34, 0xFF, 0xFE);
    }

    @ParameterizedTest(name = "payload type {0}")
    @ValueSource(ints = {99, 127, 128, -1})
    void unknownPayloadTypeListsTheSupportedOnes(int payloadType) {
        assertThatThrownBy(() -> CodecFactory.createCodec(payloadType))
                .isInstanceOfSatisfying(MediaCodecException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.UNSUPPORTED_CODEC);
                    assertThat(e.getCause()).isInstanceOf(CodecException.class);
                })
                .hasMessageContaining(String.valueOf(payloadType))
                .hasMessageContaining("PCMU/8000 (PT 0)")
                .hasMessageContaining("PCMA/8000 (PT 8)")
                .hasMessageContaining("L16/44100 (PT 11)");
        assertThatThrownBy(() -> CodecFactory.createZeroCopy(payloadType, 8000, 1))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("supported: PCMU");
    }

    @Test
    void unsupportedConfigNamesTheValue() {
        assertThatThrownBy(() -> CodecFactory.createCodec(0, 16000, 1))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_CONFIG))
                .hasMessageContaining("16000");
        assertThatThrownBy(() -> CodecFactory.createZeroCopy(8, 8000, 7))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("7");
        assertThatThrownBy(() -> CodecFactory.createCodec(8, 8000, 0))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void stereoUpToSixChannels() {
        assertThat(CodecFactory.createCodec(0, 8000, 6).info().channels()).isEqualTo(6);
    }

    @Test
    void supportedCodecsListsBuiltInCodecsThenThoseOfTheSpi() {
        // built in: G.711 at 64 kbit/s; from the test-scope L16TestCodecProvider: L16/44100 (16 bits x 44100);
        // from codec-opus, a test-scope dependency (TranscoderOpusTest): Opus at its defaults
        assertThat(CodecFactory.supportedCodecs()).containsExactly(new CodecInfo("PCMU", 8000, 1, 64_000),
                new CodecInfo("PCMA", 8000, 1, 64_000), new CodecInfo("G722", 16_000, 1, 64_000, 8000),
                new CodecInfo("L16", 44100, 1, 705_600),
                new CodecInfo("X-L16-8K", 8000, 1, 128_000), new CodecInfo("X-L16-PLC", 8000, 1, 128_000),
                new CodecInfo("opus", 48_000, 1, 32_000));
    }
}
