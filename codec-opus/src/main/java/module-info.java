/**
 * voxcore codec-opus: Opus in pure Java (Concentus), plugged into codec-core's
 * {@link io.voxcore.codec.CodecFactory} through the {@link io.voxcore.codec.spi.CodecProvider} SPI.
 *
 * <p>Concentus 1.0.2 ships no module descriptor and no {@code Automatic-Module-Name}; on the module
 * path it is the automatic module {@code concentus}, a name derived from its file name
 * {@code concentus-1.0.2.jar}. Keep that file name (Maven and Gradle do) or use the class path.
 */
module io.voxcore.codec.opus {
    requires transitive io.voxcore.codec;
    requires concentus;

    exports io.voxcore.codec.opus;

    provides io.voxcore.codec.spi.CodecProvider with io.voxcore.codec.opus.internal.OpusCodecProvider;
}
