package io.voxcore.media.session;

import io.voxcore.media.rtp.ReceptionStatistics;
import io.voxcore.media.rtp.RtpMath;

/**
 * The adaptive jitter buffer of one receive stream, confined to the session's I/O thread.
 *
 * <p>Packets are kept by extended sequence number in a ring of decoded-PCM slots and played in
 * sequence order. Each packet is due at {@code timestamp + baseTransit + delay} on a local clock
 * in RTP units, where {@code baseTransit} is the smallest transit time ({@code arrival -
 * timestamp}) seen over the last one to two windows and {@code delay} is the largest excess
 * transit seen over the same windows, clamped to the configured minimum and maximum. A missing
 * packet is waited for until the next present packet is due; then it is reported as a gap
 * (first missing sequence number, how many packets, the RTP timestamp and samples missing).
 * Packets older than the playout point are late and dropped; a second copy of a buffered packet
 * is a duplicate and dropped. When a packet would not fit in the ring, the oldest packets are
 * played at once (early) to make room: received audio is never discarded for lack of space.
 * A packet with the marker bit restarts the transit estimate (a new talkspurt). A packet without
 * audio (a telephone event, see {@link #prepareEmpty}) only holds its place in the sequence: it is
 * due at once and plays as nothing, so the audio around it sees no gap.
 *
 * <p>Allocation-free once every slot's array has grown to the largest packet seen.
 */
final class JitterBuffer {

    /** Where played packets and gaps go. */
    interface Output {
        /**
         * A packet is due.
         *
         * @param pcm decoded samples, valid only during the call
         * @param length number of samples (all channels)
         * @param rtpTimestamp its RTP timestamp
         * @param sequence its sequence number
         */
        void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence);

        /**
         * Packets are missing.
         *
         * @param rtpTimestamp the timestamp where the gap starts
         * @param samplesPerChannel the gap's length in samples per channel
         * @param firstSequence the first missing sequence number
         * @param packets how many packets are missing
         */
        void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets);
    }

    /** {@link #prepare} result: the packet is older than the playout point. */
    static final int LATE = -1;
    /** {@link #prepare} result: the packet is already buffered. */
    static final int DUPLICATE = -2;

    private final int channels;
    private final long minDelay;
    private final long maxDelay;
    private final long window;
    private final int capacity;
    private final int mask;
    private final long[] seqs;
    private final long[] timestamps;
    private final int[] lengths;
    private final short[][] pcm;
    private final Output output;

    private boolean haveReference;
    private long highestSeq;
    private long referenceTs;
    private boolean playing;
    private long nextSeq;
    private long nextTs;
    private int count;

    private boolean haveTransit;
    private long currentMin;
    private long previousMin;
    private long currentMaxExcess;
    private long previousMaxExcess;
    private long windowStart;
    private long delay;

    private long pendingSeq;
    private long pendingTs;

    /**
     * Creates a buffer.
     *
     * @param channels samples per sampling instant
     * @param minDelay the least delay, in RTP units
     * @param maxDelay the largest delay, in RTP units
     * @param window the transit-estimate window, in RTP units
     * @param slots ring size, rounded up to a power of two
     * @param output where played audio and gaps go
     */
    JitterBuffer(int channels, long minDelay, long maxDelay, long window, int slots, Output output) {
        this.channels = channels;
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.window = window;
        this.capacity = Integer.highestOneBit(Math.max(4, slots) * 2 - 1);
        this.mask = capacity - 1;
        this.seqs = new long[capacity];
        java.util.Arrays.fill(seqs, -1L);
        this.timestamps = new long[capacity];
        this.lengths = new int[capacity];
        this.pcm = new short[capacity][];
        this.output = output;
        this.delay = minDelay;
    }

    /**
     * First step of inserting a packet: places it, or says why not. Updates the transit estimate.
     * May play buffered packets early when the ring is full.
     *
     * @param sequence the packet's sequence number
     * @param rtpTimestamp the packet's timestamp
     * @param arrival its arrival on the local clock, in RTP units
     * @param marker its marker bit
     * @return a slot index for {@link #pcm} and {@link #commit}, or {@link #LATE} or {@link #DUPLICATE}
     */
    int prepare(int sequence, long rtpTimestamp, long arrival, boolean marker) {
        return place(sequence, rtpTimestamp, arrival, marker, true);
    }

    /**
     * First step of inserting a packet that carries no audio (an RFC 4733 telephone event sharing
     * the stream's sequence space): it holds its sequence number so that no gap is reported for
     * it, plays as nothing, and leaves the transit estimate alone (an event's packets all carry
     * its start timestamp). Commit it with length 0.
     *
     * @param sequence the packet's sequence number
     * @param rtpTimestamp the packet's timestamp
     * @return a slot index for {@link #commit}, or {@link #LATE} or {@link #DUPLICATE}
     */
    int prepareEmpty(int sequence, long rtpTimestamp) {
        return place(sequence, rtpTimestamp, 0, false, false);
    }

    /** How far behind the play position a packet must be to mean a restarted sequence (A.1's MAX_MISORDER). */
    static final int RESTART_DISTANCE = ReceptionStatistics.MAX_MISORDER;

    private int place(int sequence, long rtpTimestamp, long arrival, boolean marker, boolean audio) {
        long ext;
        long extTs;
        if (!haveReference) {
            ext = (1L << 16) + (sequence & 0xFFFF);
            extTs = (1L << 32) + (rtpTimestamp & 0xFFFF_FFFFL);
            haveReference = true;
            highestSeq = ext;
            referenceTs = extTs;
        } else {
            ext = highestSeq + RtpMath.sequenceDelta((int) highestSeq, sequence);
            extTs = referenceTs + RtpMath.timestampDelta(referenceTs, rtpTimestamp);
        }
        if (count == 0 && !playing) {
            nextSeq = ext;
        } else if (!playing && ext < nextSeq && highestSeq - ext < capacity) {
            nextSeq = ext; // nothing played yet: an earlier packet may still lead
        }
        if (seqs[(int) (ext & mask)] == ext) {
            return DUPLICATE;
        }
        if (audio) {
            observeTransit(arrival - extTs, arrival, marker);
        }
        if (ext < nextSeq && playing && nextSeq - ext > RESTART_DISTANCE) {
            // Far behind what plays next: not a late packet but a sender that restarted its
            // sequence (the session lets such a packet through only once RFC 3550 A.1 confirmed the
            // restart with a second one), or a stream resumed after a relay held it. Play out what
            // is buffered and start again from this packet.
            flush();
            haveReference = false;
            playing = false;
            return place(sequence, rtpTimestamp, arrival, marker, audio);
        }
        if (ext < nextSeq) {
            return LATE;
        }
        while (ext >= nextSeq + capacity) {
            if (count == 0) {
                nextSeq = ext; // a jump past everything: restart the sequence here
                break;
            }
            playHead();
        }
        pendingSeq = ext;
        pendingTs = extTs;
        return (int) (ext & mask);
    }

    /**
     * The slot's sample array, grown to at least {@code length}.
     *
     * @param slot from {@link #prepare}
     * @param length samples needed
     * @return the array to decode into from index 0
     */
    short[] pcm(int slot, int length) {
        short[] a = pcm[slot];
        if (a == null || a.length < length) {
            a = new short[Math.max(length, 160)];
            pcm[slot] = a;
        }
        return a;
    }

    /**
     * Second step: the slot now holds {@code length} decoded samples.
     *
     * @param slot from {@link #prepare}
     * @param length samples written (all channels); 0 for a packet without audio, which plays as nothing
     */
    void commit(int slot, int length) {
        seqs[slot] = pendingSeq;
        timestamps[slot] = pendingTs;
        lengths[slot] = length;
        count++;
        if (pendingSeq > highestSeq) {
            highestSeq = pendingSeq;
        }
        if (pendingTs > referenceTs) {
            referenceTs = pendingTs;
        }
    }

    private void observeTransit(long transit, long arrival, boolean marker) {
        if (!haveTransit || marker) {
            haveTransit = true;
            currentMin = transit;
            previousMin = transit;
            currentMaxExcess = 0;
            previousMaxExcess = 0;
            windowStart = arrival;
        } else if (arrival - windowStart >= window) {
            previousMin = currentMin;
            previousMaxExcess = currentMaxExcess;
            currentMin = transit;
            currentMaxExcess = 0;
            windowStart = arrival;
        }
        if (transit < currentMin) {
            currentMin = transit;
        }
        long excess = transit - base();
        if (excess > currentMaxExcess) {
            currentMaxExcess = excess;
        }
        delay = Math.max(minDelay, Math.min(maxDelay, Math.max(currentMaxExcess, previousMaxExcess)));
    }

    private long base() {
        return Math.min(currentMin, previousMin);
    }

    /**
     * Plays every packet (and reports every gap) due at {@code now}.
     *
     * @param now the local clock in RTP units
     * @return when the next packet is due (local RTP units), or {@link Long#MAX_VALUE} when empty
     */
    long playout(long now) {
        while (count > 0) {
            int slot = (int) (nextSeq & mask);
            if (seqs[slot] == nextSeq) {
                long due = timestamps[slot] + base() + delay;
                if (due > now && lengths[slot] != 0) {
                    return due;
                }
                play(slot);
            } else {
                long j = nextPresent();
                int present = (int) (j & mask);
                long due = timestamps[present] + base() + delay;
                if (due > now && lengths[present] != 0) {
                    return due;
                }
                gapUntil(j);
            }
        }
        return Long.MAX_VALUE;
    }

    /** Plays every buffered packet now, in order, reporting gaps. */
    void flush() {
        while (count > 0) {
            playHead();
        }
    }

    private void playHead() {
        int slot = (int) (nextSeq & mask);
        if (seqs[slot] != nextSeq) {
            gapUntil(nextPresent());
            slot = (int) (nextSeq & mask);
        }
        play(slot);
    }

    private long nextPresent() {
        long j = nextSeq + 1;
        while (seqs[(int) (j & mask)] != j) {
            j++;
        }
        return j;
    }

    private void gapUntil(long present) {
        long ts = timestamps[(int) (present & mask)];
        long samples = playing ? Math.max(0, ts - nextTs) : 0;
        long start = playing ? nextTs : ts;
        output.onGap(start & 0xFFFF_FFFFL, (int) Math.min(Integer.MAX_VALUE, samples),
                (int) (nextSeq & 0xFFFF), (int) (present - nextSeq));
        nextSeq = present;
    }

    private void play(int slot) {
        long ts = timestamps[slot];
        int length = lengths[slot];
        seqs[slot] = -1;
        count--;
        nextSeq++;
        if (length == 0) {
            return; // a telephone event's place in the sequence: nothing to play
        }
        nextTs = ts + length / channels;
        playing = true;
        output.onPlayout(pcm[slot], length, ts & 0xFFFF_FFFFL, (int) ((nextSeq - 1) & 0xFFFF));
    }

    /**
     * Packets held.
     *
     * @return the count
     */
    int size() {
        return count;
    }

    /**
     * The current playout delay.
     *
     * @return RTP units
     */
    long delay() {
        return delay;
    }
}
