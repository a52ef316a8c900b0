package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.G711;
import io.voxcore.codec.Resampler;
import io.voxcore.media.codec.Transcoder.Format;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Transcoder} across sample rates and channel counts, against codec-core's codecs and
 * {@link Resampler} called directly, frame by frame with their state carried, and against
 * independently computed channel mixes.
 */
class TranscoderCrossRateTest {

    private static final int FRAMES = 100; // 2 s of 20 ms frames

    private static io.voxcore.codec.AudioCodec core(String rtpmap) {
        return io.voxcore.codec.CodecFactory.createByName(rtpmap);
    }

    /** codec-core alone: decode, resample, encode each payload in turn, one set of instances for the stream. */
    private static byte[][] reference(byte[][] payloads, String from, String to, int fromHz, int toHz) {
        io.voxcore.codec.AudioCodec decoder = core(from);
        io.voxcore.codec.AudioCodec encoder = core(to);
        Resampler resampler = Resampler.create(fromHz, toHz);
        byte[][] out = new byte[payloads.length][];
        for (int f = 0; f < payloads.length; f++) {
            short[] pcm = decoder.decode(payloads[f]);
            short[] resampled = new short[resampler.maxOutput(pcm.length)];
            int n = resampler.process(pcm, 0, pcm.length, resampled, 0);
            out[f] = encoder.encode(Arrays.copyOf(resampled, n));
        }
        return out;
    }

    private static byte[][] frames(io.voxcore.codec.AudioCodec encoder, short[] pcm, int samplesPerFrame) {
        byte[][] out = new byte[pcm.length / samplesPerFrame][];
        for (int f = 0; f < out.length; f++) {
            out[f] = encoder.encode(Arrays.copyOfRange(pcm, f * samplesPerFrame, (f + 1) * samplesPerFrame));
        }
        return out;
    }

    /** The transcoder's buffer form over one stream, payload by payload, into a packet after a 12-byte header. */
    private static byte[][] transcodeStream(byte[][] payloads, BufferKind kind, Transcode call) {
        byte[][] out = new byte[payloads.length][];
        ByteBuffer packet = (kind.readOnly() ? BufferKind.DIRECT : kind).allocate(12 + 2048);
        for (int f = 0; f < payloads.length; f++) {
            ByteBuffer in = kind.of(payloads[f]);
            packet.clear().position(12);
            int written = call.run(in, packet);
            assertThat(in.hasRemaining()).isFalse();
            assertThat(packet.position()).isEqualTo(12 + written);
            out[f] = Reference.bytes(packet, 12, 12 + written);
        }
        return out;
    }

    @FunctionalInterface
    interface Transcode {
        int run(ByteBuffer in, ByteBuffer out);
    }

    private static void assertSameFrames(String what, byte[][] expected, byte[][] actual) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int f = 0; f < expected.length; f++) {
            Reference.assertSameCodes(what + " frame " + f, expected[f], actual[f]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BufferKind.class, names = {"HEAP", "DIRECT", "HEAP_SLICE", "READ_ONLY_DIRECT"})
    void pcmuToG722IsDecodeResampleEncodeFrameByFrame(BufferKind kind) {
        byte[][] ulaw = frames(core("PCMU"), SpeechLike.samples(8000, 160 * FRAMES), 160);
        byte[][] expected = reference(ulaw, "PCMU", "G722", 8000, 16000);
        assertThat(expected[50]).hasSize(160); // 20 ms of G.722: 320 samples, two per byte

        Transcoder byFormat = new Transcoder();
        assertSameFrames("PCMU->G722 by format", expected,
                transcodeStream(ulaw, kind, (in, out) -> byFormat.transcode(in, Format.PCMU, out, Format.G722)));
        Transcoder byPayloadType = new Transcoder();
        assertSameFrames("PCMU->G722 by payload type", expected,
                transcodeStream(ulaw, kind, (in, out) -> byPayloadType.transcode(in, 0, out, 9)));
        assertThat(byPayloadType.stats(0, 9))
                .isEqualTo(new Transcoder.Stats(0, 9, FRAMES, 160L * FRAMES, 160L * FRAMES, 0));
        assertThat(byFormat.stats(Format.PCMU, Format.G722))
                .isEqualTo(new Transcoder.Stats(-1, -1, FRAMES, 160L * FRAMES, 160L * FRAMES, 0));
    }

    @ParameterizedTest
    @EnumSource(value = BufferKind.class, names = {"HEAP", "DIRECT", "DIRECT_SLICE", "READ_ONLY_HEAP"})
    void g722ToPcmuIsDecodeResampleEncodeFrameByFrame(BufferKind kind) {
        byte[][] g722 = frames(core("G722"), SpeechLike.samples(16000, 320 * FRAMES), 320);
        byte[][] expected = reference(g722, "G722", "PCMU", 16000, 8000);
        assertThat(expected[50]).hasSize(160);

        Transcoder byFormat = new Transcoder();
        assertSameFrames("G722->PCMU by format", expected,
                transcodeStream(g722, kind, (in, out) -> byFormat.transcode(in, Format.G722, out, Format.PCMU)));
        Transcoder byPayloadType = new Transcoder();
        assertSameFrames("G722->PCMU by payload type", expected,
                transcodeStream(g722, kind, (in, out) -> byPayloadType.transcode(in, 9, out, 0)));
    }

    @Test
    void arrayFormCarriesTheSameState() {
        byte[][] ulaw = frames(core("PCMU"), SpeechLike.samples(8000, 160 * 20), 160);
        byte[][] expected = reference(ulaw, "PCMU", "G722", 8000, 16000);
        Transcoder transcoder = new Transcoder();
        for (int f = 0; f < ulaw.length; f++) {
            Reference.assertSameCodes("frame " + f, expected[f], transcoder.transcode(ulaw[f], Format.PCMU, Format.G722));
        }
    }

    @Test
    void g722RoundTripThroughPcmuKeepsTheNarrowbandSignal() {
        // Not against ourselves: the audio that comes back is the source, delayed by the two
        // resampling filters, at the SNR of two G.711 quantisations and one G.722 coding.
        short[] source = SpeechLike.samples(8000, 160 * FRAMES);
        byte[][] ulaw = frames(core("PCMU"), source, 160);
        Transcoder up = new Transcoder();
        Transcoder down = new Transcoder();
        short[] back = new short[source.length];
        io.voxcore.codec.AudioCodec pcmu = core("PCMU");
        for (int f = 0; f < FRAMES; f++) {
            byte[] g722 = up.transcode(ulaw[f], 0, 9);
            short[] decoded = pcmu.decode(down.transcode(g722, 9, 0));
            System.arraycopy(decoded, 0, back, f * 160, 160);
        }
        double[] snr = SpeechLike.bestSnr(source, back, 800, 200);
        System.out.printf("G.722 round trip through PCMU: %.1f dB SNR at a delay of %.2f samples%n", snr[0], snr[1]);
        assertThat(snr[0]).as("SNR in dB at delay %s samples (measured 26.5 dB at 112.56)", snr[1]).isGreaterThan(23.0);
    }

    @Test
    void dynamicPayloadTypeMappedToAFormat() {
        byte[][] ulaw = frames(core("PCMU"), SpeechLike.samples(8000, 160 * 20), 160);
        byte[][] expected = reference(ulaw, "PCMU", "G722", 8000, 16000);
        Transcoder transcoder = new Transcoder().map(97, "g722", 8000, 1);
        assertSameFrames("PCMU->PT 97 (G722/8000)", expected,
                transcodeStream(ulaw, BufferKind.DIRECT, (in, out) -> transcoder.transcode(in, 0, out, 97)));
        assertThat(transcoder.stats(0, 97).frames()).isEqualTo(20);

        // Re-declared: the old path and its counters go; PT 97 is now A-law, through the table.
        transcoder.map(97, "PCMA", 8000, 1);
        assertThat(transcoder.stats(0, 97).frames()).isZero();
        byte[] codes = Reference.allCodes();
        Reference.assertSameCodes("PCMU->PT 97 (PCMA/8000)", Reference.alaw(Reference.ulawDecoded(codes)),
                transcoder.transcode(codes, 0, 97));
        assertThat(transcoder.scratchSamples()).as("scratch is kept by the transcoder, not the dropped path")
                .isPositive();
    }

    @Test
    void stereoIsAveragedToMonoBeforeResampling() {
        // X-L16-8K (test SPI codec, big-endian linear) at 16 kHz stereo to PCMU: the mean of each
        // pair, rounded down, then 16 -> 8 kHz, then mu-law.
        short[] left = SpeechLike.samples(16000, 320 * 10);
        short[] stereo = new short[2 * left.length];
        short[] mean = new short[left.length];
        for (int i = 0; i < left.length; i++) {
            short right = (short) (-left[i] / 3 + (i % 7) - 3);
            stereo[2 * i] = left[i];
            stereo[2 * i + 1] = right;
            mean[i] = (short) Math.floorDiv(left[i] + right, 2);
        }
        Resampler resampler = Resampler.create(16000, 8000);
        Transcoder transcoder = new Transcoder();
        Format l16 = new Format("X-L16-8K", 16000, 2);
        for (int f = 0; f < 10; f++) {
            short[] down = new short[160];
            assertThat(resampler.process(mean, f * 320, 320, down, 0)).isEqualTo(160);
            byte[] payload = Reference.l16(Arrays.copyOfRange(stereo, f * 640, (f + 1) * 640));
            Reference.assertSameCodes("frame " + f, Reference.ulaw(down), transcoder.transcode(payload, l16, Format.PCMU));
        }
    }

    @Test
    void monoIsCopiedToEachChannelAfterResampling() {
        short[] source = SpeechLike.samples(8000, 160 * 10);
        byte[] ulaw = Reference.ulaw(source);
        short[] decoded = Reference.ulawDecoded(ulaw);
        Resampler resampler = Resampler.create(8000, 16000);
        Transcoder transcoder = new Transcoder();
        Format l16 = Format.of("X-L16-8K/16000/2");
        for (int f = 0; f < 10; f++) {
            short[] up = new short[320];
            assertThat(resampler.process(decoded, f * 160, 160, up, 0)).isEqualTo(320);
            short[] expected = new short[640];
            for (int i = 0; i < 320; i++) {
                expected[2 * i] = up[i];
                expected[2 * i + 1] = up[i];
            }
            byte[] out = transcoder.transcode(Arrays.copyOfRange(ulaw, f * 160, (f + 1) * 160), Format.PCMU, l16);
            Reference.assertSameSamples("frame " + f, expected, Reference.fromL16(out));
        }
    }

    @Test
    void sameRateChannelChangeNeedsNoResampler() {
        byte[] codes = Reference.allCodes();
        Transcoder transcoder = new Transcoder();
        byte[] stereo = transcoder.transcode(codes, Format.PCMU, new Format("PCMA", 8000, 2));
        byte[] expected = new byte[512];
        for (int i = 0; i < 256; i++) {
            expected[2 * i] = G711.ulawToAlaw(codes[i]);
            expected[2 * i + 1] = G711.ulawToAlaw(codes[i]);
        }
        Reference.assertSameCodes("PCMU mono -> PCMA stereo", expected, stereo);
        byte[] twoChannels = new byte[512];
        short[] mean = new short[256];
        short[] linear = Reference.alawDecoded(codes);
        for (int i = 0; i < 256; i++) {
            twoChannels[2 * i] = codes[i];
            twoChannels[2 * i + 1] = codes[255 - i];
            mean[i] = (short) Math.floorDiv(linear[i] + linear[255 - i], 2);
        }
        Reference.assertSameCodes("PCMA stereo -> PCMU mono", Reference.ulaw(mean),
                transcoder.transcode(twoChannels, new Format("PCMA", 8000, 2), Format.PCMU));
    }

    // ---- What cannot be done is refused, naming both formats, and remembered. ----

    @Test
    void unsupportedRateIsRefusedNamingBothFormats() {
        Transcoder transcoder = new Transcoder();
        Format l16 = new Format("L16", 44100, 1);
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> transcoder.transcode(new byte[882], l16, Format.G722))
                    .isInstanceOfSatisfying(MediaCodecException.class,
                            e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.FORMAT_MISMATCH))
                    .hasMessageContaining("L16/44100/1")
                    .hasMessageContaining("G722/8000/1")
                    .hasMessageContaining("44100 Hz to 16000 Hz");
        }
        assertThat(transcoder.stats(l16, Format.G722).failures()).isEqualTo(2);
        assertThat(transcoder.scratchSamples()).isZero();
    }

    @Test
    void unknownEncodingIsRefusedNamingBothFormats() {
        Transcoder transcoder = new Transcoder();
        Format amr = Format.of("AMR/8000/1");
        assertThatThrownBy(() -> transcoder.transcode(ByteBuffer.allocate(32), amr, ByteBuffer.allocate(320), Format.PCMU))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.UNSUPPORTED_CODEC))
                .hasMessageContaining("AMR/8000/1 to PCMU/8000/1")
                .hasMessageContaining("PCMA/8000 (PT 8)");
        // Equal formats pass through even when no codec knows them: nothing is decoded.
        assertThat(transcoder.transcode(new byte[] {1, 2}, amr, Format.of("amr/8000"))).containsExactly(1, 2);
    }

    @Test
    void twoChannelCountsAboveOneAreRefused() {
        Transcoder transcoder = new Transcoder();
        assertThatThrownBy(() -> transcoder.transcode(new byte[6], new Format("PCMU", 8000, 2), new Format("PCMA", 8000, 3)))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.FORMAT_MISMATCH))
                .hasMessageContaining("PCMU/8000/2 to PCMA/8000/3")
                .hasMessageContaining("2 ch to 8000 Hz, 3 ch");
    }

    @Test
    void formatsCompareLikeSdpNames() {
        assertThat(Format.of("pcmu/8000")).isEqualTo(Format.PCMU).hasSameHashCodeAs(Format.PCMU);
        assertThat(Format.of("opus/48000/2")).hasToString("opus/48000/2").isNotEqualTo(Format.of("opus/48000/1"));
        assertThat(Format.of(new CodecInfo("G722", 16000, 1, 64000, 8000))).isEqualTo(Format.G722);
        assertThatThrownBy(() -> Format.of("PCMU")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PCMU");
        assertThatThrownBy(() -> Format.of("PCMU/x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PCMU/x");
        assertThatThrownBy(() -> new Format("PCMU", 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 Hz");
        assertThatThrownBy(() -> new Transcoder().map(128, "opus", 48000, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128");
    }
}
