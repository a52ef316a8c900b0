package io.voxcore.codec;

import io.voxcore.codec.internal.BuiltinCodecProvider;
import io.voxcore.codec.spi.CodecProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Creates codecs: the one entry point to every codec voxcore knows, built in or added by a
 * {@link CodecProvider} on the class or module path.
 *
 * <pre>{@code
 * AudioCodec pcmu = CodecFactory.createByPayloadType(0);
 * byte[] payload = pcmu.encode(new short[160]);
 * }</pre>
 *
 * <p>Providers are discovered once, on first use, with {@link ServiceLoader}; a provider that
 * fails to load is skipped with a warning on the {@code io.voxcore.codec} {@link System.Logger}.
 * Thread-safe.
 */
public final class CodecFactory {

    private CodecFactory() {
    }

    /** The registry, built on first use (class initialisation is the lock). */
    private static final class Registry {
        static final Map<CodecType, CodecProvider> PROVIDERS = load();

        private static Map<CodecType, CodecProvider> load() {
            Map<CodecType, CodecProvider> map = new LinkedHashMap<>();
            CodecProvider builtin = new BuiltinCodecProvider();
            for (CodecType type : builtin.codecTypes()) {
                map.put(type, builtin);
            }
            Iterator<CodecProvider> it = ServiceLoader.load(CodecProvider.class).iterator();
            while (true) {
                CodecProvider provider;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    provider = it.next();
                    for (CodecType type : provider.codecTypes()) {
                        map.putIfAbsent(type, provider);
                    }
                } catch (ServiceConfigurationError | RuntimeException e) {
                    System.getLogger("io.voxcore.codec").log(System.Logger.Level.WARNING,
                            "skipping a codec provider that failed to load", e);
                }
            }
            return Collections.unmodifiableMap(map);
        }
    }

    /**
     * Creates a codec for a config.
     *
     * @param config the codec type, rate, channels and frame duration
     * @return a new codec instance, for one stream
     * @throws CodecException {@link CodecException.Kind#UNSUPPORTED_CODEC} when no provider knows
     *     the type (the message lists the supported ones), or
     *     {@link CodecException.Kind#INVALID_CONFIG} when the codec cannot run with the config
     */
    public static AudioCodec create(CodecConfig config) {
        Objects.requireNonNull(config, "config");
        CodecProvider provider = Registry.PROVIDERS.get(config.type());
        if (provider == null) {
            throw new CodecException(CodecException.Kind.UNSUPPORTED_CODEC,
                    "unsupported codec " + config.type() + "; supported: " + describeSupported());
        }
        return provider.create(config);
    }

    /**
     * Creates a codec for a static RTP payload type (RFC 3551), at its type's sample rate (16000
     * Hz for G.722, whose RTP clock is 8000 Hz), with 20 ms frames and its default bit rate.
     *
     * @param payloadType for example 0 (PCMU), 8 (PCMA) or 9 (G722)
     * @return a new codec instance
     * @throws CodecException {@link CodecException.Kind#UNSUPPORTED_CODEC} listing the supported
     *     payload types when none matches
     */
    public static AudioCodec createByPayloadType(int payloadType) {
        return create(CodecConfig.of(typeForPayloadType(payloadType)));
    }

    /**
     * The codec type registered for a static RTP payload type.
     *
     * @param payloadType the payload type, 0-127
     * @return the type
     * @throws CodecException {@link CodecException.Kind#UNSUPPORTED_CODEC} listing the supported
     *     payload types when none matches
     */
    public static CodecType typeForPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new CodecException(CodecException.Kind.UNSUPPORTED_CODEC,
                    "payload type " + payloadType + " is outside RTP's range 0-127; supported: " + describeSupported());
        }
        for (CodecType type : Registry.PROVIDERS.keySet()) {
            if (type.payloadType() == payloadType) {
                return type;
            }
        }
        throw new CodecException(CodecException.Kind.UNSUPPORTED_CODEC,
                "unsupported payload type " + payloadType + "; supported: " + describeSupported());
    }

    /**
     * Creates a codec by SDP encoding name, ignoring case: "PCMU", "pcma", "G722". The
     * {@code rtpmap} form "NAME/rate" or "NAME/rate/channels" sets the rate and channel count
     * too. The rate in {@code rtpmap} is the RTP clock rate: when it equals the type's
     * {@linkplain CodecType#clockRate() clock rate} the codec runs at the type's
     * {@linkplain CodecType#sampleRate() sample rate}, so "G722/8000" gives a 16 kHz G.722
     * codec; any other rate is taken as the sample rate asked for.
     *
     * @param name the encoding name, optionally with rate and channels
     * @return a new codec instance
     * @throws CodecException {@link CodecException.Kind#UNSUPPORTED_CODEC} listing the supported
     *     names when none matches, {@link CodecException.Kind#INVALID_CONFIG} for a malformed rate
     *     or channel count
     */
    public static AudioCodec createByName(String name) {
        Objects.requireNonNull(name, "name");
        String[] parts = name.trim().split("/", -1);
        if (parts.length > 3) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "expected NAME, NAME/rate or NAME/rate/channels, got \"" + name + "\"");
        }
        CodecType found = null;
        for (CodecType type : Registry.PROVIDERS.keySet()) {
            if (type.name().equalsIgnoreCase(parts[0])) {
                found = type;
                break;
            }
        }
        if (found == null) {
            throw new CodecException(CodecException.Kind.UNSUPPORTED_CODEC,
                    "unsupported codec name \"" + name + "\"; supported: " + describeSupported());
        }
        CodecConfig config = CodecConfig.of(found);
        if (parts.length > 1) {
            int rate = parseNumber(parts[1], "rate", name);
            config = config.withSampleRate(rate == found.clockRate() ? found.sampleRate() : rate);
        }
        if (parts.length > 2) {
            config = config.withChannels(parseNumber(parts[2], "channel count", name));
        }
        return create(config);
    }

    /**
     * Every codec type that can be created, built-in ones first.
     *
     * @return an unmodifiable list
     */
    public static List<CodecType> supportedCodecs() {
        return Collections.unmodifiableList(new ArrayList<>(Registry.PROVIDERS.keySet()));
    }

    private static int parseNumber(String text, String what, String whole) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new CodecException(CodecException.Kind.INVALID_CONFIG,
                    "invalid " + what + " \"" + text + "\" in \"" + whole + "\"", e);
        }
    }

    private static String describeSupported() {
        return Registry.PROVIDERS.keySet().stream().map(CodecType::toString).collect(Collectors.joining(", "));
    }
}
