/**
 * The {@code voxcore} command-line tool: send a WAV file as RTP, receive RTP into a WAV file,
 * relay between two legs, and a self-contained demo call. Not a library API.
 */
package io.voxcore.cli;
