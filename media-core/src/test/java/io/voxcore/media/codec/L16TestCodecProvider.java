package io.voxcore.media.codec;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.spi.CodecProvider;
import io.voxcore.codec.testcodecs.L16Codec;
import java.util.List;

/**
 * A test-scope codec-core provider, registered in
 * {@code src/test/resources/META-INF/services}, that proves media-core reaches SPI codecs with no
 * change to media-core. It adds:
 * <ul>
 *   <li>{@link #L16}: RFC 3551 L16, static payload type 11, 44100 Hz mono, 16-bit big-endian
 *       (network order) two's complement.</li>
 *   <li>{@link #L16_8K}: the same encoding at 8000 Hz on payload type 20, a type RFC 3551 leaves
 *       unassigned. A test fixture only: it gives the transcoder a second codec at G.711's rate
 *       so its decode-then-encode path can be proven against the ITU vectors.</li>
 *   <li>{@link #L16_PLC}: the same at 8000 Hz on payload type 21, with a concealment of its own
 *       (each lost frame repeats the last decoded one at half its amplitude; FEC from the next
 *       packet recovers it exactly when that packet's first byte is odd, a made-up rule):
 *       a test fixture for the session's path of codecs that conceal themselves, without Opus.</li>
 * </ul>
 */
public final class L16TestCodecProvider implements CodecProvider {

    /** L16/44100 mono, RFC 3551 static payload type 11. */
    public static final CodecType L16 = CodecType.of("L16", 11, 44100, 1);
    /** Test-only: L16 at 8000 Hz mono on the unassigned static payload type 20. */
    public static final CodecType L16_8K = CodecType.of("X-L16-8K", 20, 8000, 1);
    /** Test-only: L16 at 8000 Hz mono with its own concealment, on payload type 21. */
    public static final CodecType L16_PLC = CodecType.of("X-L16-PLC", 21, 8000, 1);

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public L16TestCodecProvider() {
    }

    @Override
    public List<CodecType> codecTypes() {
        return List.of(L16, L16_8K, L16_PLC);
    }

    @Override
    public AudioCodec create(CodecConfig config) {
        if (config.channels() > 2) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    config.type().name() + " test codec supports 1 or 2 channels, got " + config.channels());
        }
        int rate = config.sampleRate();
        if (config.type().equals(L16_PLC)) {
            return new Concealing(new L16Codec(new CodecInfo(L16_PLC.name(), rate, config.channels(),
                    16 * rate * config.channels(), rate * config.frameMillis() / 1000, L16_PLC.payloadType())));
        }
        return new L16Codec(new CodecInfo(config.type().name(), rate, config.channels(),
                16 * rate * config.channels(), rate * config.frameMillis() / 1000, config.type().payloadType()));
    }

    /** L16 with a made-up concealment of its own (see {@link #L16_PLC}). */
    private static final class Concealing implements AudioCodec {
        private final L16Codec codec;
        private final short[] last = new short[8000 * 120 / 1000 * 2];
        private int lastLength;

        Concealing(L16Codec codec) {
            this.codec = codec;
        }

        @Override
        public int encode(short[] pcm, int pcmOffset, int sampleCount, byte[] out, int outOffset) {
            return codec.encode(pcm, pcmOffset, sampleCount, out, outOffset);
        }

        @Override
        public int decode(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset) {
            int n = codec.decode(data, dataOffset, length, pcm, pcmOffset);
            lastLength = Math.min(n, last.length);
            System.arraycopy(pcm, pcmOffset, last, 0, lastLength);
            return n;
        }

        @Override
        public int encode(java.nio.ShortBuffer pcm, java.nio.ByteBuffer out) {
            return codec.encode(pcm, out);
        }

        @Override
        public int decode(java.nio.ByteBuffer data, java.nio.ShortBuffer pcm) {
            throw new UnsupportedOperationException("not used by the tests");
        }

        @Override
        public int maxEncodedSize(int sampleCount) {
            return codec.maxEncodedSize(sampleCount);
        }

        @Override
        public int maxDecodedSize(int byteCount) {
            return codec.maxDecodedSize(byteCount);
        }

        @Override
        public CodecInfo info() {
            return codec.info();
        }

        @Override
        public void reset() {
            codec.reset();
            lastLength = 0;
        }

        @Override
        public boolean concealsLoss() {
            return true;
        }

        @Override
        public int conceal(short[] pcm, int pcmOffset, int sampleCount) {
            java.util.Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
            for (int i = 0; i < sampleCount; i++) {
                short v = lastLength == 0 ? 0 : last[i % lastLength];
                last[i % Math.max(1, lastLength)] = (short) (v / 2);
                pcm[pcmOffset + i] = (short) (v / 2);
            }
            return sampleCount;
        }

        @Override
        public int decodeFec(byte[] data, int dataOffset, int length, short[] pcm, int pcmOffset, int sampleCount) {
            java.util.Objects.checkFromIndexSize(pcmOffset, sampleCount, pcm.length);
            if (length < 2 * sampleCount || (data[dataOffset] & 1) == 0) {
                return 0;
            }
            return codec.decode(data, dataOffset, 2 * sampleCount, pcm, pcmOffset); // the next frame stands in
        }
    }
}
