/**
 * Opus for voxcore: {@link io.voxcore.codec.opus.OpusCodec} (a codec-core
 * {@link io.voxcore.codec.AudioCodec} with FEC and concealment), its
 * {@link io.voxcore.codec.opus.OpusSettings}, the RFC 7587 fmtp parameters in
 * {@link io.voxcore.codec.opus.OpusConfig}, and {@link io.voxcore.codec.opus.OpusPacket} for facts
 * read from a packet without decoding it.
 *
 * <p>With this jar on the class or module path, {@code CodecFactory.createByName("opus")} finds it.
 * Buffer ownership is the caller's, as everywhere in codec-core: a codec reads and writes the
 * arrays and buffers it is handed only during the call and keeps no reference.
 */
package io.voxcore.codec.opus;
