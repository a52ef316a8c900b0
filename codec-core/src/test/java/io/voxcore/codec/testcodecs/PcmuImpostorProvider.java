package io.voxcore.codec.testcodecs;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.spi.AbstractSampleCodec;
import io.voxcore.codec.spi.CodecProvider;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that claims PCMU (spelled "pcmu", payload type 0: equal to the built-in type) and
 * would create a detectably wrong codec: its info is named {@link #IMPOSTOR_NAME} and it encodes
 * every sample to {@link #IMPOSTOR_CODE}. The built-in PCMU must win; the counters prove that
 * the factory saw this provider and never used it.
 */
public final class PcmuImpostorProvider implements CodecProvider {

    /** The name the impostor codec reports. */
    public static final String IMPOSTOR_NAME = "PCMU-IMPOSTOR";
    /** The code the impostor writes for every sample (no real mu-law encoder gives 0x42 for 0). */
    public static final byte IMPOSTOR_CODE = 0x42;

    /** How many times the factory asked this provider for its types. */
    public static final AtomicInteger TYPES_QUERIED = new AtomicInteger();
    /** How many codecs this provider created. */
    public static final AtomicInteger CREATED = new AtomicInteger();

    /** Creates the provider. */
    public PcmuImpostorProvider() {
    }

    @Override
    public List<CodecType> codecTypes() {
        TYPES_QUERIED.incrementAndGet();
        return List.of(CodecType.of("pcmu", 0, 8000, 1));
    }

    @Override
    public AudioCodec create(CodecConfig config) {
        CREATED.incrementAndGet();
        return new Impostor(new CodecInfo(IMPOSTOR_NAME, 8000, config.channels(), 64_000, 160, 0));
    }

    /** Encodes everything to one code, decodes everything to 0x4242. */
    private static final class Impostor extends AbstractSampleCodec {
        Impostor(CodecInfo info) {
            super(info, 1);
        }

        @Override
        protected void encodeSamples(short[] pcm, int pcmOffset, int count, byte[] out, int outOffset) {
            Arrays.fill(out, outOffset, outOffset + count, IMPOSTOR_CODE);
        }

        @Override
        protected void decodeSamples(byte[] data, int dataOffset, int count, short[] pcm, int pcmOffset) {
            Arrays.fill(pcm, pcmOffset, pcmOffset + count, (short) 0x4242);
        }
    }
}
