package io.voxcore.codec.internal;

import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.G711;
import io.voxcore.codec.spi.AbstractSampleCodec;

/** A G.711 codec instance (mu-law or A-law): stateless, one byte per sample, on {@link G711}'s tables. */
public final class G711Codec extends AbstractSampleCodec {

    private final boolean ulaw;

    /**
     * Creates a codec.
     *
     * @param info the codec's facts
     * @param ulaw true for mu-law (PCMU), false for A-law (PCMA)
     */
    public G711Codec(CodecInfo info, boolean ulaw) {
        super(info, 1);
        this.ulaw = ulaw;
    }

    @Override
    protected void encodeSamples(short[] pcm, int pcmOffset, int count, byte[] out, int outOffset) {
        if (ulaw) {
            G711.encodeUlaw(pcm, pcmOffset, out, outOffset, count);
        } else {
            G711.encodeAlaw(pcm, pcmOffset, out, outOffset, count);
        }
    }

    @Override
    protected void decodeSamples(byte[] data, int dataOffset, int count, short[] pcm, int pcmOffset) {
        if (ulaw) {
            G711.decodeUlaw(data, dataOffset, pcm, pcmOffset, count);
        } else {
            G711.decodeAlaw(data, dataOffset, pcm, pcmOffset, count);
        }
    }

    @Override
    public String toString() {
        return "G711Codec[" + info() + "]";
    }
}
