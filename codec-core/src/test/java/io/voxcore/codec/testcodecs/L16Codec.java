package io.voxcore.codec.testcodecs;

import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.spi.AbstractSampleCodec;

/**
 * RFC 3551 section 4.5.11 L16: uncompressed 16-bit signed linear PCM, two bytes per sample,
 * most significant byte first (network order). Stateless.
 */
public final class L16Codec extends AbstractSampleCodec {

    /**
     * Creates the codec.
     *
     * @param info the codec's facts
     */
    public L16Codec(CodecInfo info) {
        super(info, 2);
    }

    @Override
    protected void encodeSamples(short[] pcm, int pcmOffset, int count, byte[] out, int outOffset) {
        for (int i = 0; i < count; i++) {
            short s = pcm[pcmOffset + i];
            out[outOffset + 2 * i] = (byte) (s >> 8);
            out[outOffset + 2 * i + 1] = (byte) s;
        }
    }

    @Override
    protected void decodeSamples(byte[] data, int dataOffset, int count, short[] pcm, int pcmOffset) {
        for (int i = 0; i < count; i++) {
            pcm[pcmOffset + i] = (short) ((data[dataOffset + 2 * i] << 8) | (data[dataOffset + 2 * i + 1] & 0xFF));
        }
    }
}
