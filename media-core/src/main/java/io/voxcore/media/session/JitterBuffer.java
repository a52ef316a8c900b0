package io.voxcore.media.session;

import io.voxcore.media.rtp.ReceptionStatistics;
import io.voxcore.media.rtp.RtpMath;

/**
 * The adaptive jitter buffer of one receive stream, confined to the session's I/O thread: packet
 * storage and sequence order. How much delay to apply comes from a {@link DelayEstimator}; this
 * class decides when a change of it takes effect.
 *
 * <p>Packets are kept by extended sequence number in a ring of decoded-PCM slots and played in
 * sequence order. Within a talkspurt every packet plays at {@code timestamp + offset} on a local
 * clock in RTP units, one offset for the talkspurt, so audio plays back to back. The offset takes
 * the estimator's {@link DelayEstimator#target() target} at a talkspurt boundary: the first audio,
 * an audio packet whose timestamp jumps past the end of the audio played before it (a pause: with
 * no sequence number missing in between, or with the marker bit), or one that arrives after the
 * audio played before it ran out. Mid-talkspurt the offset only grows, and only when a packet
 * would otherwise play late; a shrinking estimate waits for the next boundary, so a delay spike
 * that ages out releases no burst. The marker bit alone changes nothing (some peers set it on
 * every packet). A packet is never held more than the maximum delay after its arrival (a sender
 * faster than real time, or a network delay that dropped by more than the headroom).
 *
 * <p>Every stretch of local time between two audio packets is reported as a <b>gap</b>, in order,
 * between them: the missing sequence numbers (0 when none: a pause, a telephone event's duration,
 * or time the buffer put in to grow its delay), the timestamp where the previous audio ended and
 * the length in samples per channel. Played samples plus gap samples thus follow the local clock;
 * while the delay does not change they add up to the sender's timestamps. A missing packet is
 * waited for until the next present packet is due. Packets older than the playout point are late
 * and dropped; a second copy of a buffered packet is a duplicate and dropped. When a packet would
 * not fit in the ring, the oldest packets are played at once (early) to make room: received
 * audio is never discarded for lack of space. A packet without audio (a telephone event, see
 * {@link #prepareEmpty}) only holds its place in the sequence: it is due when the audio before it
 * has ended, and plays as nothing.
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
         * Time without audio: packets missing, or (with {@code packets == 0}) no packet lost but
         * time passing between two packets' audio: a pause, a telephone event, or delay the
         * buffer inserted.
         *
         * @param rtpTimestamp the timestamp where the gap starts (where the previous audio ended)
         * @param samplesPerChannel the gap's length in samples per channel
         * @param firstSequence the first missing sequence number, or with no packet missing the
         *     sequence number of the packet that follows the gap
         * @param packets how many packets are missing
         */
        void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets);
    }

    /** {@link #prepare} result: the packet is older than the playout point. */
    static final int LATE = -1;
    /** {@link #prepare} result: the packet is already buffered. */
    static final int DUPLICATE = -2;
    /** How far behind the play position a packet must be to mean a restarted sequence (A.1's MAX_MISORDER). */
    static final int RESTART_DISTANCE = ReceptionStatistics.MAX_MISORDER;

    private final int channels;
    private final int capacity;
    private final int mask;
    private final long[] seqs;
    private final long[] timestamps;
    private final long[] arrivals;
    private final boolean[] markers;
    private final int[] lengths;
    private final short[][] pcm;
    private final Output output;
    private final DelayEstimator estimator;

    private boolean haveReference;
    private long highestSeq;
    private long referenceTs;
    private int count;
    private long nextSeq;

    /** Whether audio has played since the start (or a restart). */
    private boolean playing;
    /** Where the last audio played ends, in RTP timestamp units. */
    private long nextTs;
    /** Local time minus RTP timestamp of the audio playing: the talkspurt's offset. */
    private long offset;

    private long pendingSeq;
    private long pendingTs;
    private long pendingArrival;
    private boolean pendingMarker;

    /**
     * Creates a buffer.
     *
     * @param channels samples per sampling instant, at least 1
     * @param minDelay the least delay, in RTP units
     * @param maxDelay the largest delay, in RTP units
     * @param window the transit-estimate window, in RTP units
     * @param slots ring size, rounded up to a power of two
     * @param output where played audio and gaps go
     * @throws IllegalArgumentException when {@code channels} or the delays are out of range
     */
    JitterBuffer(int channels, long minDelay, long maxDelay, long window, int slots, Output output) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        this.estimator = new DelayEstimator(minDelay, maxDelay, window);
        this.channels = channels;
        this.capacity = Integer.highestOneBit(Math.max(4, slots) * 2 - 1);
        this.mask = capacity - 1;
        this.seqs = new long[capacity];
        java.util.Arrays.fill(seqs, -1L);
        this.timestamps = new long[capacity];
        this.arrivals = new long[capacity];
        this.markers = new boolean[capacity];
        this.lengths = new int[capacity];
        this.pcm = new short[capacity][];
        this.output = output;
    }

    /**
     * First step of inserting a packet: places it, or says why not. Updates the delay estimate.
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
     * the stream's sequence space): it holds its sequence number so that no packet is reported
     * missing for it, plays as nothing, and leaves the delay estimate alone (an event's packets
     * all carry its start timestamp). Commit it with length 0.
     *
     * @param sequence the packet's sequence number
     * @param rtpTimestamp the packet's timestamp
     * @return a slot index for {@link #commit}, or {@link #LATE} or {@link #DUPLICATE}
     */
    int prepareEmpty(int sequence, long rtpTimestamp) {
        return place(sequence, rtpTimestamp, Long.MIN_VALUE, false, false);
    }

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
        if (ext < nextSeq && playing && nextSeq - ext > RESTART_DISTANCE) {
            // Far behind what plays next: not a late packet but a sender that restarted its
            // sequence (the session lets such a packet through only once RFC 3550 A.1 confirmed the
            // restart with a second one), or a stream resumed after a relay held it. Play out what
            // is buffered and start again from this packet, timestamps and delay estimate included.
            flush();
            haveReference = false;
            playing = false;
            estimator.reset();
            return place(sequence, rtpTimestamp, arrival, marker, audio);
        }
        if (audio) {
            estimator.observe(arrival - extTs, arrival); // a late packet too: it shows the delay needed
        }
        if (ext < nextSeq) {
            return LATE;
        }
        while (ext >= nextSeq + capacity) {
            if (count == 0) {
                nextSeq = ext; // a jump past everything: restart the sequence here
                break;
            }
            release(true, Long.MIN_VALUE);
        }
        pendingSeq = ext;
        pendingTs = extTs;
        pendingArrival = arrival;
        pendingMarker = marker;
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
        arrivals[slot] = pendingArrival;
        markers[slot] = pendingMarker;
        lengths[slot] = length;
        count++;
        if (pendingSeq > highestSeq) {
            highestSeq = pendingSeq;
        }
        if (pendingTs > referenceTs) {
            referenceTs = pendingTs;
        }
    }

    /**
     * Plays every packet (and reports every gap) due at {@code now}.
     *
     * @param now the local clock in RTP units
     * @return when the next packet is due (local RTP units), or {@link Long#MAX_VALUE} when empty
     */
    long playout(long now) {
        while (count > 0) {
            long due = release(false, now);
            if (due != Long.MIN_VALUE) {
                return due;
            }
        }
        return Long.MAX_VALUE;
    }

    /** Plays every buffered packet now, in order, reporting gaps. */
    void flush() {
        while (count > 0) {
            release(true, Long.MIN_VALUE);
        }
    }

    /**
     * Releases the head of the sequence: the next packet with any missing ones before it.
     *
     * @param force release it now, whatever its due time (ring full, flush)
     * @param now the local clock, when not forced
     * @return {@link Long#MIN_VALUE} when released, else when it is due
     */
    private long release(boolean force, long now) {
        long present = nextSeq;
        while (seqs[(int) (present & mask)] != present) {
            present++;
        }
        int slot = (int) (present & mask);
        int missing = (int) (present - nextSeq);
        long ts = timestamps[slot];
        if (lengths[slot] == 0) {
            // A telephone event's place: due when the audio before it has run out.
            if (!force && playing && nextTs + offset > now) {
                return nextTs + offset;
            }
            if (missing > 0) {
                gap(playing ? nextTs : ts, 0, missing);
            }
            seqs[slot] = -1;
            count--;
            nextSeq = present + 1;
            return Long.MIN_VALUE;
        }
        long hole;
        if (force) {
            if (!playing) {
                offset = start(slot, missing) - ts;
            }
            hole = playing ? Math.max(0, ts - nextTs) : 0; // early: on the sender's timeline
        } else {
            long start = start(slot, missing);
            if (start > now) {
                return start;
            }
            hole = playing ? Math.max(0, start - (nextTs + offset)) : 0;
            offset = start - ts;
        }
        if (missing > 0 || hole > 0) {
            gap(playing ? nextTs : ts, hole, missing);
        }
        play(slot, present);
        return Long.MIN_VALUE;
    }

    /** When the audio packet in {@code slot} plays, {@code missing} sequence numbers after the last played. */
    private long start(int slot, int missing) {
        long ts = timestamps[slot];
        long arrival = arrivals[slot];
        long target = estimator.target();
        long o;
        if (!playing) {
            o = target;
        } else {
            long end = nextTs + offset;
            boolean pause = ts > nextTs && (missing == 0 || markers[slot]);
            boolean ranOut = arrival >= end;
            o = pause || ranOut ? Math.max(target, end - ts) : Math.max(offset, target);
        }
        return Math.max(arrival, Math.min(ts + o, arrival + estimator.maxDelay()));
    }

    private void gap(long fromTs, long samples, int packets) {
        output.onGap(fromTs & 0xFFFF_FFFFL, (int) Math.min(Integer.MAX_VALUE, samples), (int) (nextSeq & 0xFFFF), packets);
    }

    private void play(int slot, long seq) {
        long ts = timestamps[slot];
        int length = lengths[slot];
        seqs[slot] = -1;
        count--;
        nextSeq = seq + 1;
        nextTs = ts + length / channels;
        playing = true;
        output.onPlayout(pcm[slot], length, ts & 0xFFFF_FFFFL, (int) (seq & 0xFFFF));
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
     * The delay the estimate asks for (largest excess transit, clamped); the buffer applies it at
     * the next talkspurt boundary, or sooner when it grows.
     *
     * @return RTP units
     */
    long delay() {
        return estimator.delay();
    }

    /**
     * The delay applied to the audio playing now: its offset above the base transit.
     *
     * @return RTP units; the estimate's {@link #delay()} before any audio played
     */
    long playoutDelay() {
        return playing ? offset - estimator.base() : estimator.delay();
    }
}
