package io.voxcore.media.codec;

import io.voxcore.codec.ComfortNoiseGenerator;
import io.voxcore.codec.ComfortNoisePayload;
import java.nio.ByteBuffer;

/**
 * Turns received RFC 3389 comfort-noise payloads into noise: each payload sets the level (and the
 * spectrum, when it carries reflection coefficients) of the noise played until speech resumes.
 * The media-core face of codec-core's {@code ComfortNoiseGenerator}, reading payloads straight
 * from a packet buffer.
 *
 * <p>Allocation-free after construction; not thread-safe (one per receiving stream).
 */
public final class ComfortNoiseDecoder {

    private final ComfortNoiseGenerator generator;
    private final byte[] scratch = new byte[1 + ComfortNoisePayload.MAX_ORDER];
    private boolean updated;

    /**
     * A decoder that plays silence until its first valid payload.
     *
     * @param seed seed of the noise's pseudo-random sequence (same seed and payloads, same samples)
     */
    public ComfortNoiseDecoder(long seed) {
        this.generator = ComfortNoiseGenerator.create(seed);
    }

    /**
     * Takes the payload between the buffer's position and limit (the position is not moved). A
     * malformed payload (empty, longer than 12 coefficients, reserved bit set) is refused and the
     * previous noise continues.
     *
     * @param payload the CN payload
     * @return true if taken; false if malformed (the caller counts it)
     */
    public boolean update(ByteBuffer payload) {
        int length = payload.remaining();
        if (length == 0 || length > scratch.length) {
            return false;
        }
        payload.get(payload.position(), scratch, 0, length);
        boolean ok = generator.update(scratch, 0, length) == ComfortNoisePayload.Validation.VALID;
        updated |= ok;
        return ok;
    }

    /**
     * Writes noise at the level in force into {@code pcm[offset..offset+length)}, continuing the
     * previous call's filter.
     *
     * @param pcm where to write
     * @param offset first sample
     * @param length samples
     * @throws IllegalArgumentException if the range lies outside the array
     */
    public void generate(short[] pcm, int offset, int length) {
        generator.generate(pcm, offset, length);
    }

    /** {@return the level in force, 0 to 127 (-dBov); 127 before any payload} */
    public int level() {
        return generator.level();
    }

    /** {@return whether a valid payload has been taken since creation or the last reset} */
    public boolean isActive() {
        return updated;
    }

    /** Starts the noise sequence and filter memory again and marks the decoder inactive until its next payload. */
    public void reset() {
        generator.reset();
        updated = false;
    }
}
