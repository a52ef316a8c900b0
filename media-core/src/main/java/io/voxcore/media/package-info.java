/**
 * Core media types shared by every part of media-core: {@link io.voxcore.media.AudioFrame},
 * PCM audio with its rate, channel count and RTP timestamp.
 *
 * <p>Buffer ownership: an {@code AudioFrame} owns the sample array it was built with. The
 * constructor does not copy it, so the caller hands the array over and must not write to it
 * afterwards; {@code samples()} returns that same array, for reading only. Code that needs to
 * keep changing its samples (a mixer, a jitter buffer) works on its own arrays and builds a
 * frame, or uses the zero-copy codec path in {@code io.voxcore.media.codec}, which works on
 * caller-owned arrays and buffers without frames.
 */
package io.voxcore.media;
