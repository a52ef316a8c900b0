package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.Resampler;
import io.voxcore.codec.opus.OpusCodec;
import io.voxcore.codec.opus.OpusSettings;
import io.voxcore.media.codec.Transcoder.Format;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Transcoder} between G.711 and Opus (codec-opus, test scope, found by codec-core's
 * {@code CodecFactory} by name): 8 kHz mono to 48 kHz stereo and back, as a relay between a PCMA
 * leg and a WebRTC leg ({@code opus/48000/2}) does.
 *
 * <p>Two proofs. With codec-opus's default settings the transcoder gives exactly what codec-core's
 * codecs and {@link Resampler} called directly give, byte for byte and sample for sample (Concentus
 * is deterministic). The audio: Opus is a perceptual codec, and its speech mode (SILK, the default
 * VOIP application) keeps the sound, not the waveform - about 5 dB waveform SNR on this signal,
 * as for Opus alone at 48 kHz. Its CELT mode (the AUDIO application), set through
 * {@link Transcoder#codecs}, keeps the waveform: the round trip is then held to 20 dB SNR.
 */
class TranscoderOpusTest {

    private static final int FRAMES = 150; // 3 s of 20 ms frames
    private static final Format OPUS = Format.of("opus/48000/2");

    private static byte[][] alawFrames(short[] source) {
        byte[] alaw = Reference.alaw(source);
        byte[][] frames = new byte[source.length / 160][];
        for (int f = 0; f < frames.length; f++) {
            frames[f] = Arrays.copyOfRange(alaw, f * 160, (f + 1) * 160);
        }
        return frames;
    }

    /** Both directions through two transcoders (one per relay direction); returns the linear audio back. */
    private static short[] roundTrip(byte[][] alaw, Transcoder toOpus, Transcoder fromOpus, byte[][] packets) {
        short[] back = new short[alaw.length * 160];
        ByteBuffer opus = ByteBuffer.allocateDirect(4000);
        ByteBuffer out = ByteBuffer.allocateDirect(1000);
        for (int f = 0; f < alaw.length; f++) {
            opus.clear();
            int bytes = toOpus.transcode(ByteBuffer.wrap(alaw[f]), Format.PCMA, opus, OPUS);
            packets[f] = Reference.bytes(opus, 0, bytes);
            out.clear();
            assertThat(fromOpus.transcode(opus.flip(), OPUS, out, Format.PCMA)).isEqualTo(160);
            System.arraycopy(Reference.alawDecoded(Reference.bytes(out, 0, 160)), 0, back, f * 160, 160);
        }
        return back;
    }

    @Test
    void pcmaToOpusAndBackIsCodecCoreDirectlyFrameByFrame() {
        short[] source = SpeechLike.samples(8000, 160 * FRAMES);
        byte[][] alaw = alawFrames(source);
        byte[][] packets = new byte[FRAMES][];
        short[] back = roundTrip(alaw, new Transcoder(), new Transcoder(), packets);

        io.voxcore.codec.AudioCodec pcma = io.voxcore.codec.CodecFactory.createByName("PCMA");
        io.voxcore.codec.AudioCodec encoder = io.voxcore.codec.CodecFactory.createByName("opus/48000/2");
        io.voxcore.codec.AudioCodec decoder = io.voxcore.codec.CodecFactory.createByName("opus/48000/2");
        Resampler up = Resampler.create(8000, 48000);
        Resampler down = Resampler.create(48000, 8000);
        for (int f = 0; f < FRAMES; f++) {
            short[] wide = new short[960];
            assertThat(up.process(pcma.decode(alaw[f]), 0, 160, wide, 0)).isEqualTo(960);
            short[] stereo = new short[1920];
            for (int i = 0; i < 960; i++) {
                stereo[2 * i] = wide[i];
                stereo[2 * i + 1] = wide[i];
            }
            Reference.assertSameCodes("PCMA->opus frame " + f, encoder.encode(stereo), packets[f]);
            short[] decoded = decoder.decode(packets[f]);
            short[] mono = new short[960];
            for (int i = 0; i < 960; i++) {
                mono[i] = (short) Math.floorDiv(decoded[2 * i] + decoded[2 * i + 1], 2);
            }
            short[] narrow = new short[160];
            assertThat(down.process(mono, 0, 960, narrow, 0)).isEqualTo(160);
            Reference.assertSameSamples("opus->PCMA frame " + f,
                    Reference.alawDecoded(pcma.encode(narrow)), Arrays.copyOfRange(back, f * 160, (f + 1) * 160));
        }
        double[] snr = SpeechLike.bestSnr(source, back, 1600, 300);
        System.out.printf("PCMA -> opus/48000/2 (VOIP, defaults) -> PCMA: %.1f dB SNR at a delay of %.2f samples%n",
                snr[0], snr[1]);
        assertThat(snr[0]).as("waveform SNR of Opus's speech mode, dB").isGreaterThan(3.0);
    }

    @Test
    void pcmaToOpusAndBackKeepsTheWaveformInCeltMode() {
        short[] source = SpeechLike.samples(8000, 160 * FRAMES);
        OpusSettings celt = OpusSettings.defaults().withSampleRate(48000).withChannels(1).withBitrate(40000)
                .withApplication(OpusSettings.Application.AUDIO);
        Transcoder toOpus = new Transcoder().codecs(OPUS, () -> new ZeroCopyCodecAdapter(OpusCodec.create(celt)));
        Transcoder fromOpus = new Transcoder().codecs(OPUS, () -> new ZeroCopyCodecAdapter(OpusCodec.create(celt)));
        byte[][] packets = new byte[FRAMES][];
        short[] back = roundTrip(alawFrames(source), toOpus, fromOpus, packets);
        // Mono (the factory's choice), though SDP says opus/48000/2: TOC byte's stereo flag clear.
        assertThat(packets[50][0] & 0x04).isZero();
        double[] snr = SpeechLike.bestSnr(source, back, 1600, 300);
        System.out.printf("PCMA -> opus/48000/2 (AUDIO, 40 kbit/s mono) -> PCMA: %.1f dB SNR at a delay of %.2f samples%n",
                snr[0], snr[1]);
        assertThat(snr[0]).as("SNR in dB at a delay of %s samples", snr[1]).isGreaterThanOrEqualTo(20.0);
        assertThat(toOpus.stats(Format.PCMA, OPUS).frames()).isEqualTo(FRAMES);
        assertThat(fromOpus.stats(OPUS, Format.PCMA).bytesOut()).isEqualTo(160L * FRAMES);
    }

    @Test
    void dynamicPayloadTypeForOpusWorksThroughThePayloadTypeMethods() {
        byte[][] alaw = alawFrames(SpeechLike.samples(8000, 160 * 25));
        Transcoder byPayloadType = new Transcoder().map(111, "OPUS", 48000, 2);
        Transcoder byFormat = new Transcoder();
        for (int f = 0; f < alaw.length; f++) {
            byte[] packet = byPayloadType.transcode(alaw[f], 8, 111);
            Reference.assertSameCodes("frame " + f, byFormat.transcode(alaw[f], Format.PCMA, OPUS), packet);
            Reference.assertSameCodes("back, frame " + f, byFormat.transcode(packet, OPUS, Format.PCMA),
                    byPayloadType.transcode(packet, 111, 8));
        }
        assertThat(byPayloadType.stats(8, 111).frames()).isEqualTo(25);
    }

    @Test
    void aFactoryMakingAnotherCodecIsRefused() {
        Transcoder transcoder = new Transcoder().codecs(OPUS, () -> CodecFactory.createZeroCopy(9));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transcoder.transcode(new byte[160], Format.PCMA, OPUS))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_CONFIG))
                .hasMessageContaining("PCMA/8000/1 to opus/48000/2")
                .hasMessageContaining("made G722/8000");
    }
}
