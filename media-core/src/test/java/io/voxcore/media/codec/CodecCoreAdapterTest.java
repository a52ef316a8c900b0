package io.voxcore.media.codec;

import static io.voxcore.media.codec.Reference.RAMP;
import static io.voxcore.media.codec.Reference.assertSameCodes;
import static io.voxcore.media.codec.Reference.assertSameSamples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.CodecException;
import io.voxcore.codec.testkit.ItuVectors;
import io.voxcore.media.AudioFrame;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CodecCoreAdapter} against codec-core called directly and against the ITU reference. */
class CodecCoreAdapterTest {

    private static io.voxcore.codec.AudioCodec core(int payloadType) {
        return io.voxcore.codec.CodecFactory.createByPayloadType(payloadType);
    }

    @Test
    void ulawRampMatchesCodecCoreAndThePublishedCrc() {
        byte[] codes = CodecFactory.createCodec(0).encode(new AudioFrame(RAMP, 8000, 1, 0));
        assertSameCodes("PCMU ramp vs codec-core", core(0).encode(RAMP), codes);
        assertSameCodes("PCMU ramp vs G711 primitives", Reference.ulaw(RAMP), codes);
        assertThat(ItuVectors.crcOfCodesAsWords(codes)).isEqualTo(ItuVectors.CRC_SWEEP_U);
    }

    @Test
    void alawRampMatchesCodecCoreAndThePublishedCrc() {
        byte[] codes = CodecFactory.createCodec(8).encode(new AudioFrame(RAMP, 8000, 1, 0));
        assertSameCodes("PCMA ramp vs codec-core", core(8).encode(RAMP), codes);
        assertSameCodes("PCMA ramp vs G711 primitives", Reference.alaw(RAMP), codes);
        assertThat(ItuVectors.crcOfCodesAsWords(codes)).isEqualTo(ItuVectors.CRC_SWEEP_A);
    }

    @Test
    void roundTripsMatchThePublishedCrcs() {
        AudioCodec pcmu = CodecFactory.createCodec(0);
        AudioCodec pcma = CodecFactory.createCodec(8);
        AudioFrame ramp = new AudioFrame(RAMP, 8000, 1, 0);
        assertThat(ItuVectors.crcOfWords(pcmu.decode(pcmu.encode(ramp)).samples())).isEqualTo(ItuVectors.CRC_SWEEP_UU);
        assertThat(ItuVectors.crcOfWords(pcma.decode(pcma.encode(ramp)).samples())).isEqualTo(ItuVectors.CRC_SWEEP_AA);
    }

    @Test
    void decodesAll256CodesLikeCodecCore() {
        byte[] codes = Reference.allCodes();
        AudioFrame ulaw = CodecFactory.createCodec(0).decode(codes);
        AudioFrame alaw = CodecFactory.createCodec(8).decode(codes);
        assertSameSamples("PCMU 256 codes vs primitives", Reference.ulawDecoded(codes), ulaw.samples());
        assertSameSamples("PCMU 256 codes vs codec-core", core(0).decode(codes), ulaw.samples());
        assertSameSamples("PCMA 256 codes vs primitives", Reference.alawDecoded(codes), alaw.samples());
        assertSameSamples("PCMA 256 codes vs codec-core", core(8).decode(codes), alaw.samples());
        assertThat(ulaw.sampleRate()).isEqualTo(8000);
        assertThat(ulaw.channels()).isEqualTo(1);
        assertThat(ulaw.timestamp()).isZero();
    }

    @Test
    void encodeMatchesTheItuFiles() {
        short[] src = Reference.ituWords("sweep.src");
        AudioFrame frame = new AudioFrame(src, 8000, 1, 0);
        assertSameCodes("sweep-r.u", Reference.ituCodes("sweep-r.u"), CodecFactory.createCodec(0).encode(frame));
        assertSameCodes("sweep-r.a", Reference.ituCodes("sweep-r.a"), CodecFactory.createCodec(8).encode(frame));
    }

    @Test
    void decodeMatchesTheItuFiles() {
        assertSameSamples("sweep-r.reu", Reference.ituWords("sweep-r.reu"),
                CodecFactory.createCodec(0).decode(Reference.ituCodes("sweep-r.u")).samples());
        assertSameSamples("sweep-r.rea", Reference.ituWords("sweep-r.rea"),
                CodecFactory.createCodec(8).decode(Reference.ituCodes("sweep-r.a")).samples());
    }

    @ParameterizedTest(name = "{0} ms frames")
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void rampFrameByFrame(int millis) {
        AudioCodec pcmu = CodecFactory.createCodec(0);
        int perFrame = 8 * millis;
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        short[] decoded = new short[RAMP.length];
        long timestamp = 0xFFFF_FF00L; // near the wrap, carried through unchanged
        for (int at = 0; at < RAMP.length; at += perFrame) {
            short[] samples = Arrays.copyOfRange(RAMP, at, Math.min(RAMP.length, at + perFrame));
            byte[] payload = pcmu.encode(new AudioFrame(samples, 8000, 1, timestamp));
            assertThat(payload).hasSize(samples.length);
            encoded.writeBytes(payload);
            AudioFrame frame = pcmu.decode(payload, timestamp);
            assertThat(frame.timestamp()).isEqualTo(timestamp);
            if (samples.length == perFrame) {
                assertThat(frame.duration()).isEqualTo(Duration.ofMillis(millis));
            }
            System.arraycopy(frame.samples(), 0, decoded, at, frame.samples().length);
            timestamp = (timestamp + perFrame) & 0xFFFF_FFFFL;
        }
        assertThat(ItuVectors.crcOfCodesAsWords(encoded.toByteArray())).isEqualTo(ItuVectors.CRC_SWEEP_U);
        assertThat(ItuVectors.crcOfWords(decoded)).isEqualTo(ItuVectors.CRC_SWEEP_UU);
    }

    @Test
    void stereoG711IsInterleavedSampleBySample() {
        AudioCodec stereo = CodecFactory.createCodec(8, 8000, 2);
        assertThat(stereo.info()).isEqualTo(new CodecInfo("PCMA", 8000, 2, 128_000));
        byte[] codes = stereo.encode(new AudioFrame(RAMP, 8000, 2, 0));
        assertSameCodes("stereo PCMA vs primitives", Reference.alaw(RAMP), codes);
        assertThat(ItuVectors.crcOfCodesAsWords(codes)).isEqualTo(ItuVectors.CRC_SWEEP_A);
        AudioFrame back = stereo.decode(codes, 160);
        assertThat(back.channels()).isEqualTo(2);
        assertThat(back.samplesPerChannel()).isEqualTo(RAMP.length / 2);
        assertThat(back.timestamp()).isEqualTo(160);
        assertThat(ItuVectors.crcOfWords(back.samples())).isEqualTo(ItuVectors.CRC_SWEEP_AA);
    }

    @Test
    void frameAtTheWrongRateIsRejectedNamingBothRates() {
        AudioCodec pcmu = CodecFactory.createCodec(0);
        assertThatThrownBy(() -> pcmu.encode(new AudioFrame(new short[320], 16000, 1, 0)))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.FORMAT_MISMATCH))
                .hasMessageContaining("16000 Hz")
                .hasMessageContaining("8000 Hz");
        assertThat(pcmu.encode(new AudioFrame(new short[] {0, 1000}, 8000, 1, 0)))
                .containsExactly(Reference.ulaw(new short[] {0, 1000}));
    }

    @Test
    void frameWithTheWrongChannelCountIsRejected() {
        AudioCodec pcmu = CodecFactory.createCodec(0);
        assertThatThrownBy(() -> pcmu.encode(new AudioFrame(new short[320], 8000, 2, 0)))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("2 channel(s)")
                .hasMessageContaining("1 channel(s)");
        assertThat(pcmu.encode(new AudioFrame(new short[] {-5}, 8000, 1, 0)))
                .containsExactly(Reference.ulaw(new short[] {-5}));
    }

    @Test
    void emptyPayloadIsRejected() {
        AudioCodec pcmu = CodecFactory.createCodec(0);
        assertThatThrownBy(() -> pcmu.decode(new byte[0]))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_PAYLOAD))
                .hasMessageContaining("0 bytes");
        assertThat(pcmu.decode(new byte[] {(byte) 0x80}).samples()).containsExactly(Reference.ulawDecoded(new byte[] {(byte) 0x80}));
    }

    @Test
    void oddStereoPayloadIsMappedFromCodecCoreKeepingTheCause() {
        AudioCodec stereo = CodecFactory.createCodec(0, 8000, 2);
        assertThatThrownBy(() -> stereo.decode(new byte[3]))
                .isInstanceOfSatisfying(MediaCodecException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_PAYLOAD);
                    assertThat(e.getCause()).isInstanceOfSatisfying(CodecException.class,
                            c -> assertThat(c.kind()).isEqualTo(CodecException.Kind.INVALID_PAYLOAD));
                })
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("2 channel");
        assertThat(stereo.decode(new byte[] {1, 2}).samples()).containsExactly(Reference.ulawDecoded(new byte[] {1, 2}));
    }

    @Test
    void oddL16PayloadIsRejected() {
        AudioCodec l16 = CodecFactory.createCodec(11);
        assertThatThrownBy(() -> l16.decode(new byte[5]))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_PAYLOAD))
                .hasMessageContaining("5 bytes");
        assertThat(l16.decode(new byte[] {0x12, 0x34, (byte) 0x80, 0}).samples()).containsExactly((short) 0x1234, (short) -32768);
    }

    @Test
    void timestampOutOfRangeIsRejected() {
        AudioCodec pcmu = CodecFactory.createCodec(0);
        assertThatThrownBy(() -> pcmu.decode(new byte[1], 1L << 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4294967296");
        assertThat(pcmu.decode(new byte[1], 0xFFFF_FFFFL).timestamp()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void wrapsAnyCodecCoreCodecAndResetsIt() {
        CodecCoreAdapter adapter = new CodecCoreAdapter(core(8));
        assertThat(adapter.info()).isEqualTo(new CodecInfo("PCMA", 8000, 1, 64_000));
        adapter.reset();
        assertThat(adapter.encode(new AudioFrame(new short[] {32767, -32768}, 8000, 1, 0)))
                .containsExactly(Reference.alaw(new short[] {32767, -32768}));
        assertThat(adapter).hasToString("CodecCoreAdapter[CodecInfo[name=PCMA, sampleRate=8000, channels=1, bitrate=64000, clockRate=8000]]");
    }
}
