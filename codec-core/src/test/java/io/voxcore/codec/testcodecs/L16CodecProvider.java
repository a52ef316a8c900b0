package io.voxcore.codec.testcodecs;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecConfig;
import io.voxcore.codec.CodecException;
import io.voxcore.codec.CodecInfo;
import io.voxcore.codec.CodecType;
import io.voxcore.codec.spi.CodecProvider;
import java.util.List;

/**
 * Adds RFC 3551 static payload type 11: L16, 44100 Hz, mono. Other rates, channel counts and
 * frame durations that are not a whole number of samples are refused with
 * {@link CodecException.Kind#INVALID_CONFIG}.
 */
public final class L16CodecProvider implements CodecProvider {

    /** L16 mono at 44.1 kHz: SDP name "L16", static payload type 11 (RFC 3551 table 4). */
    public static final CodecType L16_MONO = CodecType.of("L16", 11, 44100, 1);

    /** The only rate this provider accepts, in Hz. */
    public static final int RATE = 44100;

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public L16CodecProvider() {
    }

    @Override
    public List<CodecType> codecTypes() {
        return List.of(L16_MONO);
    }

    @Override
    public AudioCodec create(CodecConfig config) {
        if (config.sampleRate() != RATE) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "L16 (PT 11) runs at " + RATE + " Hz only, got " + config.sampleRate() + " Hz");
        }
        if (config.channels() != 1) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "L16 (PT 11) is mono, got " + config.channels() + " channels");
        }
        long scaled = (long) RATE * config.frameMillis();
        if (scaled % 1000 != 0) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "L16 frame of " + config.frameMillis() + " ms at " + RATE + " Hz is not a whole number of samples");
        }
        CodecInfo info = new CodecInfo("L16", RATE, 1, RATE * 16, (int) (scaled / 1000), 11);
        return new L16Codec(info);
    }
}
