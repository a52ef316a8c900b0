package io.voxcore.codec.opus;

/**
 * Facts read from an Opus packet without decoding it, from its table-of-contents byte and frame
 * layout (RFC 6716 section 3). Static, allocation-free; a malformed packet gives -1 or false,
 * never an exception.
 */
public final class OpusPacket {

    /** Packets of at most this many bytes carry no audio: DTX or an empty frame (RFC 7587 3.1.3). */
    public static final int DTX_MAX_BYTES = 2;

    /** SILK-only frame durations by the low two bits of the configuration, in milliseconds. */
    private static final int[] SILK_MILLIS = {10, 20, 40, 60};

    private OpusPacket() {
    }

    /**
     * Samples per channel that decoding this packet gives at {@code rate}.
     *
     * @param data the packet
     * @param offset index of its first (TOC) byte
     * @param length its length
     * @param rate the decoding rate in Hz
     * @return samples per channel, or -1 when the packet is malformed (empty, bad frame count,
     *     over 120 ms)
     */
    public static int samplesPerChannel(byte[] data, int offset, int length, int rate) {
        if (length < 1) {
            return -1;
        }
        int toc = data[offset] & 0xFF;
        int frames;
        switch (toc & 3) {
            case 0:
                frames = 1;
                break;
            case 1:
            case 2:
                frames = 2;
                break;
            default:
                if (length < 2) {
                    return -1;
                }
                frames = data[offset + 1] & 0x3F;
                if (frames == 0) {
                    return -1;
                }
        }
        int units = frameDuration1600ths(toc);
        if (frames * units > 192) {        // more than 120 ms (192 / 1600 s)
            return -1;
        }
        return (int) ((long) frames * units * rate / 1600);
    }

    /**
     * One frame's duration in units of 1/1600 s (2.5 ms = 4), from the TOC configuration
     * (RFC 6716 table 2).
     */
    private static int frameDuration1600ths(int toc) {
        int config = toc >> 3;
        if (config < 12) {                 // SILK-only: 10, 20, 40, 60 ms
            return SILK_MILLIS[config & 3] * 16 / 10;
        }
        if (config < 16) {                 // hybrid: 10, 20 ms
            return (config & 1) == 0 ? 16 : 32;
        }
        return 4 << (config & 3);          // CELT-only: 2.5, 5, 10, 20 ms
    }

    /**
     * Whether the packet carries in-band FEC (SILK LBRR data) for the frame before it. Only SILK
     * and hybrid packets can; the LBRR flag is read from the first frame's header bits, which are
     * coded with probability one half each and so are the leading bits of its first byte
     * (RFC 6716 section 4.2.3: per channel, one VAD flag per 20 ms SILK frame, then the LBRR flag).
     *
     * @param data the packet
     * @param offset index of its first byte
     * @param length its length
     * @return true when a lost previous frame can be recovered from it
     */
    public static boolean hasFec(byte[] data, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int toc = data[offset] & 0xFF;
        int config = toc >> 3;
        if (config >= 16) {
            return false;                   // CELT only
        }
        int first = firstFrameOffset(data, offset, length);
        if (first < 0 || first >= offset + length) {
            return false;
        }
        int ms = config < 12 ? SILK_MILLIS[config & 3] : ((config & 1) == 0 ? 10 : 20);
        int silkFrames = Math.max(1, ms / 20);
        int b = data[first] & 0xFF;
        boolean lbrr = ((b >> (7 - silkFrames)) & 1) != 0;
        if ((toc & 4) != 0) {               // stereo: the side channel's flags follow the mid's
            lbrr |= ((b >> (6 - 2 * silkFrames)) & 1) != 0;
        }
        return lbrr;
    }

    /**
     * Whether an encoder output of this length is a DTX packet the sender need not transmit.
     *
     * @param length the packet length
     * @return true for at most {@link #DTX_MAX_BYTES} bytes
     */
    public static boolean isDtx(int length) {
        return length <= DTX_MAX_BYTES;
    }

    /** Index of the first frame's first byte (RFC 6716 3.2), or -1 when malformed. */
    private static int firstFrameOffset(byte[] data, int offset, int length) {
        int end = offset + length;
        int p = offset + 1;
        switch (data[offset] & 3) {
            case 0:
            case 1:
                return p;
            case 2:
                if (p >= end) {
                    return -1;
                }
                return p + ((data[p] & 0xFF) < 252 ? 1 : 2);
            default:
                if (p >= end) {
                    return -1;
                }
                int countByte = data[p++] & 0xFF;
                int frames = countByte & 0x3F;
                if ((countByte & 0x40) != 0) {      // padding length bytes
                    int b;
                    do {
                        if (p >= end) {
                            return -1;
                        }
                        b = data[p++] & 0xFF;
                    } while (b == 255);
                }
                if ((countByte & 0x80) != 0) {      // VBR: lengths of all frames but the last
                    for (int i = 0; i < frames - 1; i++) {
                        if (p >= end) {
                            return -1;
                        }
                        p += (data[p] & 0xFF) < 252 ? 1 : 2;
                    }
                }
                return p;
        }
    }
}
