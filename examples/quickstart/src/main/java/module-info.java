/**
 * A voxcore user's application, running README.md's quick start as a named module. Requiring
 * {@code io.voxcore.media} is all it takes: media-core requires codec-core transitively, and
 * slf4j-api is a named module that media-core requires.
 */
module io.voxcore.examples.quickstart {
    requires io.voxcore.media;
}
