package io.voxcore.media.session;

import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import java.util.Arrays;

/**
 * Loss concealment by a codec that has its own (Opus): the receive path keeps such a codec's
 * packets undecoded in the jitter buffer, and this class decodes them in playout order, so that
 * the decoder meets each loss where it happened. A lost frame is recovered from the in-band
 * forward error correction of the packet after it when that packet carries some (RFC 7587, Opus
 * LBRR: the codec's {@code decodeFec}), and concealed by the codec ({@code conceal}, Opus PLC)
 * otherwise, one frame of the last packet's duration per call, as a receiver of that codec's own
 * library would.
 *
 * <p>Allocation-free after construction (what the codec allocates inside is its own: Concentus
 * allocates per frame). I/O thread only.
 */
final class CodecConcealment {

    private static final ZeroCopyCodecAdapter[] NONE = new ZeroCopyCodecAdapter[0];

    private final int clockRate;
    private final int sampleRate;
    private final int channels;
    /** 2.5 ms per channel: the unit Opus conceals in. */
    private final int unit;
    /** Where {@link #fill} writes: made on the first loss, so a session that only relays holds none. */
    private short[] out;
    private ZeroCopyCodecAdapter[] decoders = NONE;
    /** The codec of the audio played last, when it conceals itself; else null. */
    private ZeroCopyCodecAdapter current;
    /** Samples per channel of the packet played last. */
    private int frame;
    private ZeroCopyCodecAdapter nextDecoder;
    private byte[] nextPayload;
    private int nextLength;
    private int nextSamples;
    private long nextTimestamp;
    private boolean recovered;
    private long undecodable;

    /**
     * Creates the state of one receive stream.
     *
     * @param clockRate the RTP clock rate
     * @param sampleRate the decoded audio's rate
     * @param channels its channel count
     */
    CodecConcealment(int clockRate, int sampleRate, int channels) {
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.unit = Math.max(1, sampleRate / 400);
        this.frame = sampleRate / 50;
    }

    /**
     * Sets the decoders.
     *
     * @param byPayloadType the decoders in force, by payload type
     */
    void decoders(ZeroCopyCodecAdapter[] byPayloadType) {
        this.decoders = byPayloadType;
    }

    /** {@return whether the audio played last came from a codec that conceals its losses itself} */
    boolean active() {
        return current != null;
    }

    /** A new source: nothing of the old one is continued, its decoders' state included. */
    void forget() {
        for (ZeroCopyCodecAdapter d : decoders) {
            if (d != null && d.concealsLoss()) {
                d.reset();
            }
        }
        current = null;
        nextPayload = null;
        nextDecoder = null;
    }

    /** Audio decoded on arrival (a codec without its own concealment, or comfort noise) was played. */
    void decodedElsewhere() {
        current = null;
        nextPayload = null;
        nextDecoder = null;
    }

    /**
     * The undecoded packet that plays after the gaps about to be reported.
     *
     * @param payload its payload, from index 0, valid until it is decoded
     * @param length its length
     * @param payloadType its payload type
     * @param samples what it decodes to, all channels
     * @param rtpTimestamp its timestamp
     */
    void next(byte[] payload, int length, int payloadType, int samples, long rtpTimestamp) {
        ZeroCopyCodecAdapter d = payloadType < decoders.length ? decoders[payloadType] : null;
        if (d == null || !d.concealsLoss()) {
            nextPayload = null;
            nextDecoder = null;
            return;
        }
        nextDecoder = d;
        nextPayload = payload;
        nextLength = length;
        nextSamples = samples / channels;
        nextTimestamp = rtpTimestamp;
    }

    /**
     * Decodes a packet that is due.
     *
     * @param payload its payload from index 0
     * @param length the payload's length
     * @param payloadType its payload type
     * @param pcm where the samples go
     * @param samples how many it decodes to, all channels
     * @return true when decoded; false when the codec rejected it (counted), its time to be concealed
     */
    boolean decode(byte[] payload, int length, int payloadType, short[] pcm, int samples) {
        nextPayload = null;
        nextDecoder = null;
        ZeroCopyCodecAdapter d = payloadType < decoders.length ? decoders[payloadType] : null;
        if (d == null) {
            undecodable++; // the payload type went away with a re-INVITE while the packet waited
            return false;
        }
        current = d.concealsLoss() ? d : null;
        frame = Math.max(1, samples / channels);
        try {
            int n = d.decode(payload, 0, length, pcm, 0);
            if (n < samples) {
                Arrays.fill(pcm, n, samples, (short) 0);
            }
            return true;
        } catch (MediaCodecException | IndexOutOfBoundsException e) {
            undecodable++;
            return false;
        }
    }

    /**
     * Writes the next part of a loss into {@link #output()}: the whole of what is left when the
     * packet after it can recover it by FEC, else one frame of concealment.
     *
     * @param rtpTimestamp where the part starts
     * @param left samples per channel of the loss still to fill, at least 1
     * @param fec whether the packet announced by {@link #next} follows this loss (lost packets,
     *     not a stretch)
     * @return samples per channel written, at least 1; {@link #recovered()} says how
     */
    int fill(long rtpTimestamp, int left, boolean fec) {
        recovered = false;
        boolean fecPossible = fec && nextPayload != null && nextDecoder == current
                && ((rtpTimestamp + rtp(left)) & 0xFFFF_FFFFL) == nextTimestamp;
        if (fecPossible && left <= nextSamples && left <= 48 * unit) {
            int got;
            try {
                got = current.decodeFec(nextPayload, 0, nextLength, output(), 0, roundUp(left) * channels);
            } catch (MediaCodecException e) {
                got = 0;
            }
            if (got > 0) {
                recovered = true;
                return left;
            }
        }
        int n = Math.min(Math.min(frame, 48 * unit), left);
        if (fecPossible && left > nextSamples && left - n < nextSamples) {
            n = left - nextSamples; // the last lost frame is left for the next packet's FEC
        }
        int m = Math.min(roundUp(n), 48 * unit);
        n = Math.min(n, m);
        int written;
        try {
            written = current.conceal(output(), 0, m * channels);
        } catch (MediaCodecException e) {
            written = 0;
        }
        if (written < n * channels) {
            Arrays.fill(out, Math.max(0, written), n * channels, (short) 0);
        }
        return n;
    }

    /** {@return whether the last {@link #fill} came from FEC rather than concealment} */
    boolean recovered() {
        return recovered;
    }

    /** {@return where {@link #fill} wrote, from index 0} */
    short[] output() {
        if (out == null) {
            out = new short[48 * unit * channels]; // 120 ms, the longest Opus frame
        }
        return out;
    }

    /** {@return packets that failed to decode when due} */
    long undecodable() {
        return undecodable;
    }

    private int roundUp(int samplesPerChannel) {
        return (samplesPerChannel + unit - 1) / unit * unit;
    }

    private long rtp(int samples) {
        return clockRate == sampleRate ? samples : (long) samples * clockRate / sampleRate;
    }
}
