package io.voxcore.media.codec;

import io.voxcore.codec.ComfortNoiseAnalyser;
import io.voxcore.codec.SilenceSuppressor;
import java.nio.ByteBuffer;

/**
 * Silence suppression at the sender: decides packet by packet whether a frame of audio is
 * speech (sent), the start of a talkspurt (sent with the RTP marker bit, RFC 3551 4.1), the
 * start or a change of silence (an RFC 3389 comfort-noise packet instead, its timestamp the
 * frame's, marker clear), or silence already described (nothing sent; the timestamp still runs).
 * The media-core face of codec-core's {@code SilenceSuppressor} with its default voice activity
 * detector (10 dB above the tracked noise floor and above -60 dBov, 200 ms hangover), an
 * order-10 spectral model, and a new CN packet on a 3 dB level change or every 5 s.
 *
 * <p>Allocation-free after construction; not thread-safe (one per sending stream).
 */
public final class ComfortNoiseEncoder {

    /** What to send for a frame. */
    public enum Action {
        /** The first speech frame after silence (or of the stream): send it with the marker bit. */
        TALKSPURT_START,
        /** Speech inside a talkspurt: send it. */
        SPEECH,
        /** Silence starts or changed: send the CN payload ({@link #writePayload}) instead. */
        COMFORT_NOISE,
        /** Silence already described: send nothing. */
        NOTHING
    }

    private static final Action[] ACTIONS = Action.values();
    /** Reflection coefficients per CN payload. */
    public static final int ORDER = 10;

    private final SilenceSuppressor suppressor;
    private final byte[] payload = new byte[ORDER + 1];

    private ComfortNoiseEncoder(SilenceSuppressor suppressor) {
        this.suppressor = suppressor;
    }

    /**
     * An encoder for mono audio at the given rate.
     *
     * @param sampleRate samples per second
     * @return a new encoder, in silence until the first speech
     * @throws IllegalArgumentException for a rate the detector does not take
     */
    public static ComfortNoiseEncoder create(int sampleRate) {
        return new ComfortNoiseEncoder(SilenceSuppressor.create(sampleRate, ORDER));
    }

    /**
     * Classifies the next frame.
     *
     * @param pcm its samples
     * @param offset index of the first
     * @param length samples in the frame, at least 1
     * @return what to send
     * @throws IllegalArgumentException if the range lies outside the array or is empty
     */
    public Action offer(short[] pcm, int offset, int length) {
        // the two enums list the same decisions in the same order (ComfortNoiseEncoderTest)
        return ACTIONS[suppressor.offer(pcm, offset, length).ordinal()];
    }

    /**
     * Writes the CN payload of the last {@link Action#COMFORT_NOISE} at an absolute index.
     *
     * @param dst the buffer; its position and limit are not changed
     * @param index where the level byte goes
     * @return the payload length, 1 to 11
     * @throws IndexOutOfBoundsException if it does not fit
     */
    public int writePayload(ByteBuffer dst, int index) {
        int n = suppressor.copyPayload(payload, 0);
        dst.put(index, payload, 0, n);
        return n;
    }

    /** {@return the most payload bytes {@link #writePayload} writes} */
    public static int maxPayloadLength() {
        return ComfortNoiseAnalyser.MAX_ORDER + 1;
    }
}
