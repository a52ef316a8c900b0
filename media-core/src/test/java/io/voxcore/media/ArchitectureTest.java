package io.voxcore.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter seam holds: no media-core source outside {@code io/voxcore/media/codec/} refers to
 * codec-core ({@code import io.voxcore.codec...} or a fully qualified {@code io.voxcore.codec.}
 * name). {@code module-info.java} is exempt: it must name the module it requires.
 */
class ArchitectureTest {

    /** A reference to a codec-core package: {@code io.voxcore.codec.} not preceded by a name character. */
    static final Pattern CODEC_CORE_REFERENCE = Pattern.compile("(?<![\\w.])io\\.voxcore\\.codec\\.");

    private static final String ADAPTER_PACKAGE = "io/voxcore/media/codec/";

    /** media-core's main sources, found from the working directory (the module under surefire). */
    static Path mainSources() {
        Path cwd = Paths.get("").toAbsolutePath();
        for (Path candidate : List.of(cwd.resolve("src/main/java"), cwd.resolve("media-core/src/main/java"))) {
            if (Files.isDirectory(candidate.resolve("io/voxcore/media"))) {
                return candidate;
            }
        }
        throw new AssertionError("media-core/src/main/java not found from " + cwd);
    }

    /** Every line referring to codec-core, as "relative/path.java:line: text". */
    static List<String> references(Path root, boolean includeAdapterPackage) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (relative.equals("module-info.java")
                    || (!includeAdapterPackage && relative.startsWith(ADAPTER_PACKAGE))) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (CODEC_CORE_REFERENCE.matcher(lines.get(i)).find()) {
                    found.add(relative + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        return found;
    }

    @Test
    void onlyTheAdapterPackageRefersToCodecCore() throws IOException {
        Path root = mainSources();
        assertThat(references(root, false))
                .as("media-core reaches codec-core only from io.voxcore.media.codec (see docs/architecture.md)")
                .isEmpty();
        // The scan reads the real sources: the adapter package itself does refer to codec-core.
        assertThat(references(root, true)).anyMatch(line -> line.startsWith(ADAPTER_PACKAGE + "CodecFactory.java:"));
    }

    @Test
    void matcherRecognisesImportsAndQualifiedNames() {
        assertThat(CODEC_CORE_REFERENCE.matcher("import io.voxcore.codec.G711;").find()).isTrue();
        assertThat(CODEC_CORE_REFERENCE.matcher("import static io.voxcore.codec.G711.linearToUlaw;").find()).isTrue();
        assertThat(CODEC_CORE_REFERENCE.matcher("import io.voxcore.codec.*;").find()).isTrue();
        assertThat(CODEC_CORE_REFERENCE.matcher("    var c = io.voxcore.codec.CodecFactory.createByPayloadType(0);").find())
                .isTrue();
        assertThat(CODEC_CORE_REFERENCE.matcher(" * {@link io.voxcore.codec.AudioCodec}").find()).isTrue();
        assertThat(CODEC_CORE_REFERENCE.matcher("import io.voxcore.media.codec.AudioCodec;").find()).isFalse();
        assertThat(CODEC_CORE_REFERENCE.matcher("import org.example.io.voxcore.codec.Thing;").find()).isFalse();
        assertThat(CODEC_CORE_REFERENCE.matcher("    requires transitive io.voxcore.codec;").find()).isFalse();
    }

    @Test
    void scanFlagsAFileOutsideTheAdapterPackage(@TempDir Path root) throws IOException {
        write(root.resolve("io/voxcore/media/session/Session.java"),
                "package io.voxcore.media.session;\n\nimport io.voxcore.codec.CodecFactory;\n");
        write(root.resolve("io/voxcore/media/relay/Relay.java"),
                "package io.voxcore.media.relay;\nclass Relay { Object c = io.voxcore.codec.G711.class; }\n");
        write(root.resolve("io/voxcore/media/codec/Adapter.java"),
                "package io.voxcore.media.codec;\nimport io.voxcore.codec.AudioCodec;\n");
        write(root.resolve("module-info.java"), "module m { requires transitive io.voxcore.codec; }\n");
        assertThat(references(root, false)).containsExactly(
                "io/voxcore/media/relay/Relay.java:2: class Relay { Object c = io.voxcore.codec.G711.class; }",
                "io/voxcore/media/session/Session.java:3: import io.voxcore.codec.CodecFactory;");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
