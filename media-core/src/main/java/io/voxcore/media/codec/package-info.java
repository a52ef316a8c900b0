/**
 * media-core's codec contract and its adapter layer over codec-core: the only package of
 * media-core that refers to codec-core ({@code io.voxcore.codec}) at all. Sessions, the
 * transcoder and the relay see {@link io.voxcore.media.codec.AudioCodec},
 * {@link io.voxcore.media.codec.ZeroCopyCodecAdapter} and
 * {@link io.voxcore.media.codec.MediaCodecException}; {@link io.voxcore.media.codec.CodecFactory}
 * is the one place codecs come from, so a codec added to codec-core (built in or through its SPI)
 * is usable here with no change, and codec-core's errors are mapped in one place.
 *
 * <p>Buffer ownership:
 * <ul>
 *   <li>{@link io.voxcore.media.codec.AudioCodec} (frame form): the frame passed to
 *       {@code encode} stays the caller's and is only read; the array returned by {@code encode}
 *       and the frame returned by {@code decode} are new and belong to the caller.</li>
 *   <li>{@link io.voxcore.media.codec.ZeroCopyCodecAdapter}: every array and buffer is the
 *       caller's; the adapter reads and writes them only during a call, at the buffer's position
 *       (advancing it like {@code java.nio}), and keeps no reference afterwards. Its only memory
 *       is one scratch array it owns, used for direct and read-only buffers, grown only when a
 *       call needs more than any earlier one.</li>
 *   <li>{@link io.voxcore.media.codec.Transcoder}: the buffer form writes into the caller's output
 *       buffer; the array form returns a new array, except for an unchanged payload type, where
 *       it returns the caller's own array. Its PCM scratch arrays, created by its first path that
 *       decodes, are its own and never leave it.</li>
 *   <li>A call that fails writes nothing and leaves every position as it was.</li>
 * </ul>
 *
 * <p>Threading: codec instances and transcoders keep per-stream state and scratch memory; use
 * each from one thread at a time. {@code CodecFactory} is thread-safe.
 */
package io.voxcore.media.codec;
