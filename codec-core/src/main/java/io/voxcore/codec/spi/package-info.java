/**
 * The codec service-provider interface: how a jar adds codecs to
 * {@link io.voxcore.codec.CodecFactory} without changing voxcore.
 *
 * <p>Implement {@link io.voxcore.codec.spi.CodecProvider} and register it with
 * {@link java.util.ServiceLoader}. {@link io.voxcore.codec.spi.AbstractSampleCodec} implements
 * the whole {@link io.voxcore.codec.AudioCodec} contract for codecs with a fixed number of bytes
 * per sample, given two array kernels. Buffer ownership is the caller's throughout: a codec
 * reads and writes the buffers it is handed only during the call and keeps no reference.
 */
package io.voxcore.codec.spi;
