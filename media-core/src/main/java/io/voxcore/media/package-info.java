/**
 * Core media types shared by every part of media-core, such as {@code AudioFrame}: PCM audio
 * with its rate, channel count and RTP timestamp. A frame owns its sample array once built.
 */
package io.voxcore.media;
