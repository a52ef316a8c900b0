/**
 * voxcore codec-core: every codec operation, with no dependency beyond the JDK.
 *
 * <p>{@link io.voxcore.codec.CodecFactory} creates codecs by type, payload type or SDP
 * name; {@link io.voxcore.codec.G711} offers the bit-exact G.711 primitives directly;
 * third-party codecs plug in through {@link io.voxcore.codec.spi.CodecProvider}.
 */
module io.voxcore.codec {
    exports io.voxcore.codec;
    exports io.voxcore.codec.spi;

    uses io.voxcore.codec.spi.CodecProvider;
}
