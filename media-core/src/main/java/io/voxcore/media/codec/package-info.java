/**
 * media-core's codec contract and the adapter layer over codec-core: the only package of
 * media-core that imports {@code io.voxcore.codec}.
 */
package io.voxcore.media.codec;
