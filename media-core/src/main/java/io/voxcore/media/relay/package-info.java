/**
 * The media relay: forwards RTP between two sessions, transcoding in place when their codecs
 * differ.
 */
package io.voxcore.media.relay;
