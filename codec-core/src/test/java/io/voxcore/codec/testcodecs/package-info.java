/**
 * Test-scope codecs and {@link io.voxcore.codec.spi.CodecProvider}s, registered through
 * {@code META-INF/services} in codec-core's test resources and published in its test jar so that
 * other modules' tests can reuse them: an RFC 3551 L16 codec, and a provider that tries to
 * replace the built-in PCMU and must lose. Buffer ownership follows
 * {@link io.voxcore.codec.AudioCodec}: the caller's throughout.
 */
package io.voxcore.codec.testcodecs;
