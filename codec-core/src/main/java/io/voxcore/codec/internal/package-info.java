/**
 * Implementation of the built-in codecs; not exported from the module and not API. Codec
 * instances here follow the {@link io.voxcore.codec.AudioCodec} buffer rules: they touch the
 * caller's buffers only during a call.
 */
package io.voxcore.codec.internal;
