package io.voxcore.codec.opus;

import io.voxcore.codec.testkit.ItuVectors;
import java.util.Arrays;

/** Test signals and the measures the Opus tests assert on. */
final class Audio {

    private Audio() {
    }

    /** A sine of {@code hz} at {@code amplitude}, {@code count} samples at {@code rate}. */
    static short[] sine(int rate, double hz, double amplitude, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** The ITU-T G.191 16 kHz speech {@code inpsp.bin} (skips the test when absent). */
    static short[] ituSpeech16k() {
        return ItuVectors.readWords(ItuVectors.file("itu-t-g191/g722/inpsp.bin"));
    }

    /** Encodes and decodes {@code signal} frame by frame; returns the decoded stream. */
    static short[] roundTrip(OpusCodec codec, short[] signal) {
        int frame = codec.settings().frameSize() * codec.settings().channels();
        byte[] packet = new byte[OpusCodec.MAX_PACKET_BYTES];
        short[] out = new short[signal.length];
        for (int at = 0; at + frame <= signal.length; at += frame) {
            int n = codec.encode(signal, at, frame, packet, 0);
            codec.decode(packet, 0, n, out, at);
        }
        return out;
    }

    /**
     * The lag (0 to {@code maxLag}) at which {@code decoded} best matches {@code reference}, by
     * normalised cross-correlation over the middle of the signal.
     */
    static int bestLag(short[] reference, short[] decoded, int maxLag) {
        int best = 0;
        double bestCorr = -2;
        for (int lag = 0; lag <= maxLag; lag++) {
            double c = correlation(reference, 0, decoded, lag, reference.length - maxLag);
            if (c > bestCorr) {
                bestCorr = c;
                best = lag;
            }
        }
        return best;
    }

    /** Normalised correlation of {@code a[from..]} and {@code b[from+lag..]} over {@code n} samples. */
    static double correlation(short[] a, int aFrom, short[] b, int bFrom, int n) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aFrom + i];
            double y = b[bFrom + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** SNR in dB of {@code test[from+lag ..]} against {@code reference[from ..]} over {@code n} samples. */
    static double snr(short[] reference, int from, short[] test, int lag, int n) {
        double signal = 0, noise = 0;
        for (int i = 0; i < n; i++) {
            double r = reference[from + i];
            double e = test[from + lag + i] - r;
            signal += r * r;
            noise += e * e;
        }
        return noise == 0 ? 200 : 10 * Math.log10(signal / noise);
    }

    static short[] slice(short[] s, int from, int to) {
        return Arrays.copyOfRange(s, from, to);
    }
}
