package io.voxcore.codec;

import io.voxcore.codec.testkit.ItuVectors;
import java.util.Arrays;

/**
 * The {@link AudioCodec} contract for G.722 in one of its modes, anchored to the ITU-T G.191
 * vectors: the only input with an independent reference is the ITU's, so both signals are
 * {@code inpsp.bin} (the whole file, and its first 48,000 samples) with the codewords of
 * {@code codspw.cod} as the reference encoding, and both payloads are {@code codspw.cod} (whole,
 * and its first 30,000 codewords) with the mode's {@code outspN.bin} as the reference decoding.
 * G.722 keeps state, so the references hold for input that starts at the beginning of those
 * files, which every contract test feeds from a new or reset codec. Two samples make one byte.
 * Skipped, naming the missing path, without the vectors.
 */
abstract class AbstractG722ContractTest extends AbstractAudioCodecContractTest {

    // Read once per class; each getter skips the test (an assumption) when its file is absent.
    private static short[] input;
    private static byte[] codewords;
    private short[] output;

    private static synchronized short[] input() {
        if (input == null) {
            input = ItuVectors.readWords(ItuVectors.g722("inpsp.bin"));
        }
        return input;
    }

    private static synchronized byte[] codewords() {
        if (codewords == null) {
            codewords = ItuVectors.g722Codewords();
        }
        return codewords;
    }

    private short[] output() {
        if (output == null) {
            output = ItuVectors.readWords(ItuVectors.g722(referenceOutput()));
        }
        return output;
    }

    /** The bit rate under test: 64000, 56000 or 48000. */
    abstract int bitrate();

    /** The ITU decoder output for this mode: outsp1.bin, outsp2.bin or outsp3.bin. */
    abstract String referenceOutput();

    @Override
    AudioCodec newCodec() {
        return CodecFactory.create(CodecConfig.of(CodecType.G722).withBitrate(bitrate()));
    }

    @Override
    int channels() {
        return 1;
    }

    @Override
    int frameSamples() {
        return 2;
    }

    @Override
    int frameBytes() {
        return 1;
    }

    @Override
    String frameWord() {
        return "2-sample";
    }

    @Override
    short[] samples(Signal signal) {
        return signal == Signal.RAMP ? input().clone() : Arrays.copyOf(input(), 48_000);
    }

    @Override
    byte[] bytes(Payload payload) {
        return payload == Payload.ALL_VALUES ? codewords().clone() : Arrays.copyOf(codewords(), 30_000);
    }

    /** The ITU codewords, for input that is the start of {@code inpsp.bin}. */
    @Override
    byte[] referenceEncode(short[] pcm) {
        short[] in = input();
        if (pcm.length > in.length || !Arrays.equals(pcm, 0, pcm.length, in, 0, pcm.length)) {
            throw new IllegalArgumentException("no ITU reference: the input is not the start of inpsp.bin");
        }
        return Arrays.copyOf(codewords(), pcm.length / 2);
    }

    /** The ITU decoder output of this mode, for a payload that is the start of {@code codspw.cod}. */
    @Override
    short[] referenceDecode(byte[] data) {
        byte[] codes = codewords();
        if (data.length > codes.length || !Arrays.equals(data, 0, data.length, codes, 0, data.length)) {
            throw new IllegalArgumentException("no ITU reference: the payload is not the start of codspw.cod");
        }
        return Arrays.copyOf(output(), 2 * data.length);
    }
}
