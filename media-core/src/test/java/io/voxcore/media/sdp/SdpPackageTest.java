package io.voxcore.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.ArchitectureTestAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: the SDP package "knows nothing of sessions": no source in it refers to
 * {@code io.voxcore.media.session}, {@code .relay} or {@code .rtp}, and every source stays under
 * the project's 500-line limit.
 */
class SdpPackageTest {

    private static final Pattern SESSION_REFERENCE = Pattern.compile("io\\.voxcore\\.media\\.(session|relay|rtp)\\b");

    @Test
    void theSdpPackageReferNeitherToSessionsNorToRtp() throws IOException {
        Path dir = ArchitectureTestAccess.mainSources().resolve("io/voxcore/media/sdp");
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            assertThat(lines.size()).as(f.getFileName().toString()).isLessThanOrEqualTo(500);
            for (int i = 0; i < lines.size(); i++) {
                if (SESSION_REFERENCE.matcher(lines.get(i)).find()) {
                    found.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(found).isEmpty();
        assertThat(SESSION_REFERENCE.matcher("import io.voxcore.media.session.MediaSession;").find()).isTrue();
        assertThat(SESSION_REFERENCE.matcher("import io.voxcore.media.sdp.Origin;").find()).isFalse();
    }
}
