/**
 * Media sessions over UDP: {@code MediaEngine}, the shared I/O loop and buffer pools, and
 * {@code MediaSession}, one RTP stream pair running on it.
 */
package io.voxcore.media.session;
