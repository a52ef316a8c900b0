package io.voxcore.media.codec;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.spi.AbstractSampleCodec;
import io.voxcore.codec.spi.CodecProvider;
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
 * </ul>
 */
public final class L16TestCodecProvider implements CodecProvider {

    /** L16/44100 mono, RFC 3551 static payload type 11. */
    public static final CodecType L16 = CodecType.of("L16", 11, 44100, 1);
    /** Test-only: L16 at 8000 Hz mono on the unassigned static payload type 20. */
    public static final CodecType L16_8K = CodecType.of("X-L16-8K", 20, 8000, 1);

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public L16TestCodecProvider() {
    }

    @Override
    public List<CodecType> codecTypes() {
        return List.of(L16, L16_8K);
    }

    @Override
    public AudioCodec create(CodecConfig config) {
        if (config.channels() > 2) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    config.type().name() + " test codec supports 1 or 2 channels, got " + config.channels());
        }
        int rate = config.sampleRate();
        return new L16Codec(new CodecInfo(config.type().name(), rate, config.channels(),
                16 * rate * config.channels(), rate * config.frameMillis() / 1000, config.type().payloadType()));
    }

    /** 16-bit big-endian linear PCM: two bytes per sample, high byte first. */
    static final class L16Codec extends AbstractSampleCodec {

        L16Codec(CodecInfo info) {
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
}
