package io.voxcore.media;

import java.nio.file.Path;

/** Lets tests in other packages find media-core's main sources the way {@link ArchitectureTest} does. */
public final class ArchitectureTestAccess {

    private ArchitectureTestAccess() {
    }

    /**
     * media-core's {@code src/main/java}.
     *
     * @return the directory
     */
    public static Path mainSources() {
        return ArchitectureTest.mainSources();
    }
}
