package io.voxcore.codec.opus;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.Resampler;
import org.junit.jupiter.api.Test;

/**
 * Loud speech near full scale: Concentus 1.0.2's always-on arithmetic check ({@code silk_MLA}'s
 * overflow assertion) refuses some of its frames. Every frame must still give a packet (encoded
 * quieter and counted), and the stream must decode to the signal.
 */
class OpusLoudInputTest {

    /**
     * Voiced harmonics under a syllable envelope, clipped at full scale: an 8 kHz telephone source
     * resampled to 48 kHz (the shape that tripped the check in the CLI, 55 of 300 frames).
     */
    private static short[] loudSpeech48k(long seed) {
        int n = 48_000;
        java.util.Random random = new java.util.Random(seed);
        short[] in = new short[n];
        for (int i = 0; i < n; i++) {
            double t = i / 8000.0;
            double envelope = Math.abs(Math.sin(2 * Math.PI * 2.1 * t + seed));
            double f0 = 110 + 35 * Math.sin(2 * Math.PI * 0.6 * t + seed);
            double voiced = 0;
            for (int h = 1; h <= 8; h++) {
                voiced += Math.sin(2 * Math.PI * f0 * h * t) / h;
            }
            in[i] = (short) Math.max(-32768, Math.min(32767, 12000 * envelope * voiced + 150 * random.nextGaussian()));
        }
        short[] up = new short[6 * n];
        int m = Resampler.create(8000, 48000).process(in, 0, n, up, 0);
        return java.util.Arrays.copyOf(up, m - m % 960);
    }

    @Test
    void everyFrameOfLoudSpeechGivesAPacketThatDecodes() {
        short[] signal = loudSpeech48k(31);
        OpusCodec codec = (OpusCodec) CodecFactory.createByName("opus/48000/1");
        double snr = roundTripSnr(codec, signal);
        int frames = signal.length / 960;
        assertThat(codec.quieterFrames()).as("frames Concentus refused at their own level").isPositive()
                .isLessThan(frames / 10);
        // the same speech 3 dB down, which Concentus takes whole: the loud stream must decode about
        // as faithfully (a lost or broken stream after the refused frames would not)
        short[] softer = signal.clone();
        for (int i = 0; i < softer.length; i++) {
            softer[i] = (short) (softer[i] * 0.7);
        }
        OpusCodec calm = (OpusCodec) CodecFactory.createByName("opus/48000/1");
        double calmSnr = roundTripSnr(calm, softer);
        assertThat(calm.quieterFrames()).as("frames refused 3 dB down").isZero();
        System.out.printf("loud speech: %d of %d frames encoded quieter; SNR %.2f dB (3 dB down: %.2f dB)%n",
                codec.quieterFrames(), frames, snr, calmSnr);
        assertThat(snr).as("SNR of the loud stream, dB, against the stream 3 dB down (%.2f dB)", calmSnr)
                .isGreaterThan(calmSnr - 1.0);
    }

    /** Encodes every 20 ms frame (each must give a packet), decodes them in order, and returns the SNR. */
    private static double roundTripSnr(OpusCodec codec, short[] signal) {
        OpusCodec decoder = (OpusCodec) CodecFactory.createByName("opus/48000/1");
        byte[] packet = new byte[OpusCodec.MAX_PACKET_BYTES];
        short[] decoded = new short[signal.length];
        for (int f = 0; f < signal.length / 960; f++) {
            int bytes = codec.encode(signal, f * 960, 960, packet, 0);
            assertThat(bytes).as("frame %d's packet", f).isPositive();
            assertThat(decoder.decode(packet, 0, bytes, decoded, f * 960)).as("frame %d decoded", f).isEqualTo(960);
        }
        int lag = Audio.bestLag(signal, decoded, 480);
        return Audio.snr(signal, 4800, decoded, lag, signal.length - 9600);
    }
}
