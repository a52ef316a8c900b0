/**
 * voxcore's codec API: create a codec with {@link io.voxcore.codec.CodecFactory}, then encode
 * 16-bit linear PCM to RTP payload bytes and back through {@link io.voxcore.codec.AudioCodec}.
 * {@link io.voxcore.codec.G711} holds the bit-exact G.711 primitives for callers that want a
 * single sample or a bulk array. Built in: G.711 (PCMU, PCMA) and G.722 (64/56/48 kbit/s),
 * both bit-exact with the ITU-T G.191 reference.
 *
 * <p>Rates: {@link io.voxcore.codec.CodecType#clockRate()} is the RTP clock (timestamps, SDP
 * {@code a=rtpmap}); {@link io.voxcore.codec.CodecType#sampleRate()} and
 * {@link io.voxcore.codec.CodecInfo#sampleRate()} are the PCM rate. They differ for G.722:
 * 8000 and 16000 (RFC 3551 section 4.5.2).
 *
 * <p>Playout helpers that work on 16-bit PCM without a session: {@link io.voxcore.codec.G711Plc}
 * conceals lost frames (ITU-T G.711 Appendix I, bit-exact at 8 kHz, also at 16 kHz);
 * {@link io.voxcore.codec.ComfortNoisePayload}, {@link io.voxcore.codec.ComfortNoiseGenerator} and
 * {@link io.voxcore.codec.ComfortNoiseAnalyser} read, play and write RFC 3389 comfort noise;
 * {@link io.voxcore.codec.VoiceActivityDetector} and {@link io.voxcore.codec.SilenceSuppressor}
 * decide what a sender transmits in silence. Each works in place on caller arrays, allocates
 * nothing per call and is for one stream on one thread.
 *
 * <p>Buffer ownership: every array and buffer passed to a codec belongs to the caller. A codec
 * reads its input and writes its output only during the call, keeps no reference to either, and
 * writes nothing when a call fails. Only the convenience forms {@code encode(short[])} and
 * {@code decode(byte[])} allocate, and what they return belongs to the caller.
 */
package io.voxcore.codec;
