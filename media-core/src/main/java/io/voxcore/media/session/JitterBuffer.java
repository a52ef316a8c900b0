package io.voxcore.media.session;

import io.voxcore.media.rtp.ReceptionStatistics;
import io.voxcore.media.rtp.RtpMath;

/**
 * The adaptive jitter buffer of one receive stream, confined to the session's I/O thread: packet
 * storage and sequence order. A {@link DelayEstimator} estimates the delay needed; a
 * {@link PlayoutTimeline} decides when each audio packet plays (delay changes take effect at
 * talkspurt boundaries or through reported gaps, never as bursts).
 *
 * <p>Packets are kept by extended sequence number in a ring of decoded-PCM slots and played in
 * sequence order. Local time between two audio packets is reported as a gap, in order, between
 * them, so played samples plus gap samples follow the local clock. A missing packet is waited for
 * until the next present packet is due. Late packets (older than the playout point) and second
 * copies are dropped. When a packet would not fit in the ring, the oldest are played at once
 * (early): received audio is never discarded for lack of space. A packet without audio (a
 * telephone event, see {@link #prepareEmpty}) only holds its place in the sequence: it is due when
 * the audio before it has run out, and plays as nothing. docs/sessions.md has the full rules.
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
         * A packet is due, saying whether it is comfort noise (RFC 3389) rather than audio.
         *
         * @param pcm decoded samples, valid only during the call
         * @param length number of samples (all channels)
         * @param rtpTimestamp its RTP timestamp
         * @param sequence its sequence number
         * @param comfortNoise whether the samples are noise generated from a CN packet
         */
        default void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence, boolean comfortNoise) {
            onPlayout(pcm, length, rtpTimestamp, sequence);
        }

        /**
         * Time without audio: packets missing, or (with {@code packets == 0}) no packet lost but
         * time passing between two packets' audio: a pause, a telephone event, or delay the
         * buffer inserted.
         *
         * @param rtpTimestamp the timestamp where the gap starts: where the previous audio ended,
         *     or, for time added after lost packets, where their timestamps end
         * @param samplesPerChannel the gap's length in samples per channel
         * @param firstSequence the first missing sequence number, or with no packet missing the
         *     sequence number of the packet that follows the gap
         * @param packets how many packets are missing
         */
        void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets);

        /**
         * Delay the buffer adds in the middle of a talkspurt (the stream arrived later than its
         * playout point and the delay grows): no packet is missing and no pause is there, so an
         * output that can should fill it with concealment rather than silence (a stretch).
         *
         * @param rtpTimestamp where the added time starts (where the previous audio ended)
         * @param samplesPerChannel its length, in RTP units
         * @param nextSequence the sequence number of the packet that follows
         */
        default void onStretch(long rtpTimestamp, int samplesPerChannel, int nextSequence) {
            onGap(rtpTimestamp, samplesPerChannel, nextSequence, 0);
        }

        /**
         * The packet released next was kept undecoded ({@link #commitEncoded}): called before the
         * gaps that precede it, so that a codec with in-band FEC can recover the lost frame from it.
         *
         * @param payload its payload from index 0, valid until its {@link #onPlayoutEncoded}
         * @param length the payload's length
         * @param payloadType its RTP payload type
         * @param samples the samples (all channels) it decodes to
         * @param rtpTimestamp its RTP timestamp
         */
        default void onNextEncoded(byte[] payload, int length, int payloadType, int samples, long rtpTimestamp) {
        }

        /**
         * A packet kept undecoded is due: decode it into {@code pcm} and play it.
         *
         * @param payload its payload from index 0, valid only during the call
         * @param payloadLength the payload's length
         * @param payloadType its RTP payload type
         * @param pcm where to decode, room for {@code length} samples
         * @param length the samples (all channels) it decodes to
         * @param rtpTimestamp its RTP timestamp
         * @param sequence its sequence number
         */
        default void onPlayoutEncoded(byte[] payload, int payloadLength, int payloadType, short[] pcm, int length,
                long rtpTimestamp, int sequence) {
            java.util.Arrays.fill(pcm, 0, length, (short) 0);
            onPlayout(pcm, length, rtpTimestamp, sequence);
        }
    }

    /** {@link #prepare} result: the packet is older than the playout point. */
    static final int LATE = -1;
    /** {@link #prepare} result: the packet is already buffered. */
    static final int DUPLICATE = -2;
    /** How far behind the play position a packet must be to mean a restarted sequence (A.1's MAX_MISORDER). */
    static final int RESTART_DISTANCE = ReceptionStatistics.MAX_MISORDER;

    private final int channels;
    private final int clockRate;
    private final int sampleRate;
    private final int capacity;
    private final int mask;
    private final long[] seqs;
    private final long[] timestamps;
    private final long[] arrivals;
    private final boolean[] markers;
    private final boolean[] noise;
    private long shortenedSilence;
    private final int[] lengths;
    private final short[][] pcm;
    /** Payloads kept undecoded (a codec that conceals itself decodes in playout order); 0 length: decoded. */
    private final byte[][] payloads;
    private final int[] payloadLengths;
    private final byte[] payloadTypes;
    private final Output output;
    private final DelayEstimator estimator;
    private final PlayoutTimeline timeline;

    private boolean haveReference;
    private long highestSeq;
    private long referenceTs;
    private int count;
    private long nextSeq;

    private long pendingSeq;

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
        this(channels, 1, 1, minDelay, maxDelay, window, slots, output);
    }

    /**
     * Creates a buffer for a codec whose sample rate differs from its RTP clock (G.722: 16 kHz
     * audio, 8 kHz clock): a packet's duration on the RTP clock is its samples per channel times
     * {@code clockRate / sampleRate}.
     *
     * @param channels samples per sampling instant, at least 1
     * @param clockRate the RTP clock rate
     * @param sampleRate the decoded audio's sample rate
     * @param minDelay the least delay, in RTP units
     * @param maxDelay the largest delay, in RTP units
     * @param window the transit-estimate window, in RTP units
     * @param slots ring size, rounded up to a power of two
     * @param output where played audio and gaps (in RTP units) go
     */
    JitterBuffer(int channels, int clockRate, int sampleRate, long minDelay, long maxDelay, long window, int slots,
            Output output) {
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        this.estimator = new DelayEstimator(minDelay, maxDelay, window);
        this.timeline = new PlayoutTimeline(estimator);
        this.channels = channels;
        this.capacity = Integer.highestOneBit(Math.max(4, slots) * 2 - 1);
        this.mask = capacity - 1;
        this.seqs = new long[capacity];
        java.util.Arrays.fill(seqs, -1L);
        this.timestamps = new long[capacity];
        this.arrivals = new long[capacity];
        this.markers = new boolean[capacity];
        this.noise = new boolean[capacity];
        this.lengths = new int[capacity];
        this.pcm = new short[capacity][];
        this.payloads = new byte[capacity][];
        this.payloadLengths = new int[capacity];
        this.payloadTypes = new byte[capacity];
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
        boolean playing = timeline.playing();
        if (count == 0 && !playing) {
            nextSeq = ext;
        } else if (!playing && ext < nextSeq && highestSeq - ext < capacity) {
            nextSeq = ext; // nothing played yet: an earlier packet may still lead
        }
        if (seqs[(int) (ext & mask)] == ext) {
            return DUPLICATE;
        }
        if (ext < nextSeq && playing && nextSeq - ext > RESTART_DISTANCE) {
            // Far behind what plays next: a sender that restarted its sequence (the session lets
            // such a packet through only once RFC 3550 A.1 confirmed it), or a stream resumed after
            // a relay held it. Play out what is held; start again, timestamps and estimate included.
            flush();
            haveReference = false;
            timeline.reset();
            estimator.reset();
            return place(sequence, rtpTimestamp, arrival, marker, audio);
        }
        if (audio) { // a late packet too: it shows the delay needed
            estimator.observe(arrival - extTs, arrival, timeline.boundary(extTs, arrival, marker));
        }
        if (ext < nextSeq) {
            if (audio) {
                timeline.late();
            }
            return LATE;
        }
        while (ext >= nextSeq + capacity) {
            if (count == 0) {
                nextSeq = ext; // a jump past everything: restart the sequence here
                break;
            }
            release(true, arrival);
        }
        int slot = (int) (ext & mask); // free: the ring holds sequence numbers nextSeq to nextSeq + capacity - 1
        pendingSeq = ext;
        timestamps[slot] = extTs;
        arrivals[slot] = arrival;
        markers[slot] = marker;
        return slot;
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
     * The slot's payload array, grown to at least {@code length}: for a packet kept undecoded.
     *
     * @param slot from {@link #prepare}
     * @param length bytes needed
     * @return the array to copy the payload into from index 0
     */
    byte[] payload(int slot, int length) {
        byte[] a = payloads[slot];
        if (a == null || a.length < length) {
            a = new byte[Math.max(length, 256)];
            payloads[slot] = a;
        }
        return a;
    }

    /**
     * Second step for a packet kept undecoded: its payload is in {@link #payload}, and it will
     * decode to {@code samples} samples into {@link #pcm} (grown by the caller) when it is due.
     *
     * @param slot from {@link #prepare}
     * @param samples what it decodes to (all channels)
     * @param payloadLength the payload's length, at least 1
     * @param payloadType its RTP payload type
     */
    void commitEncoded(int slot, int samples, int payloadLength, int payloadType) {
        commit(slot, samples, false);
        payloadLengths[slot] = payloadLength;
        payloadTypes[slot] = (byte) payloadType;
    }

    /**
     * Second step: the slot now holds {@code length} decoded samples.
     *
     * @param slot from {@link #prepare}
     * @param length samples written (all channels); 0 for a packet without audio, which plays as nothing
     */
    void commit(int slot, int length) {
        commit(slot, length, false);
    }

    /**
     * Second step, saying whether the slot holds comfort noise.
     *
     * @param slot from {@link #prepare}
     * @param length samples written (all channels)
     * @param comfortNoise whether they are noise generated from a CN packet
     */
    void commit(int slot, int length, boolean comfortNoise) {
        noise[slot] = comfortNoise;
        payloadLengths[slot] = 0;
        seqs[slot] = pendingSeq;
        lengths[slot] = length;
        count++;
        highestSeq = Math.max(highestSeq, pendingSeq);
        referenceTs = Math.max(referenceTs, timestamps[slot]);
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
     * Releases the head of the sequence: the next present packet, with a gap for any missing
     * sequence numbers or time before it.
     *
     * @param early release it now, whatever its due time (ring full, flush)
     * @param now the local clock
     * @return {@link Long#MIN_VALUE} when released, else when it is due
     */
    private long release(boolean early, long now) {
        long present = nextSeq;
        while (seqs[(int) (present & mask)] != present) {
            present++;
        }
        int slot = (int) (present & mask);
        int missing = (int) (present - nextSeq);
        long ts = timestamps[slot];
        long gapTs = timeline.playing() ? timeline.endTs() : ts;
        if (lengths[slot] == 0) {
            // A telephone event's place: due when the audio before it has run out.
            if (!early && timeline.playing() && timeline.endTime() > now) {
                return timeline.endTime();
            }
            if (missing > 0) {
                gap(gapTs, 0, missing);
            }
            seqs[slot] = -1;
            count--;
            nextSeq = present + 1;
            return Long.MIN_VALUE;
        }
        int samplesPerChannel = (int) ((long) (lengths[slot] / channels) * clockRate / sampleRate); // RTP units
        boolean contiguous = missing == 0 && timeline.playing() && ts == timeline.endTs() && !markers[slot];
        long hole;
        if (early) {
            hole = timeline.playEarly(ts, samplesPerChannel, arrivals[slot]);
        } else {
            long start = timeline.start(ts, arrivals[slot], markers[slot], missing);
            if (start > now) {
                return start;
            }
            hole = timeline.hole(ts, start);
            if (missing == 0 && timeline.playing() && ts > timeline.endTs()) {
                // a pause played shorter than it was sent: the delay shrank at a talkspurt boundary
                shortenedSilence += Math.max(0, ts - timeline.endTs() - Math.max(0, start - timeline.endTime()));
            }
            timeline.play(ts, samplesPerChannel, start);
        }
        boolean encoded = payloadLengths[slot] > 0;
        if (encoded) {
            output.onNextEncoded(payloads[slot], payloadLengths[slot], payloadTypes[slot], lengths[slot],
                    ts & 0xFFFF_FFFFL);
        }
        if (missing > 0) {
            // The lost packets' share: at most the timestamps they left out, less when a new
            // talkspurt shortens the pause.
            long lost = Math.min(hole, Math.max(0, ts - gapTs));
            gap(gapTs, lost, missing);
            hole -= lost;
            gapTs += lost;
        }
        if (hole > 0) { // time without lost audio: a pause, an event's duration, added delay
            nextSeq = present;
            if (contiguous) { // mid-talkspurt: the delay grew
                output.onStretch(gapTs & 0xFFFF_FFFFL, (int) Math.min(Integer.MAX_VALUE, hole), (int) (present & 0xFFFF));
            } else {
                gap(gapTs, hole, 0);
            }
        }
        seqs[slot] = -1;
        count--;
        nextSeq = present + 1;
        if (encoded) {
            output.onPlayoutEncoded(payloads[slot], payloadLengths[slot], payloadTypes[slot], pcm[slot], lengths[slot],
                    ts & 0xFFFF_FFFFL, (int) (present & 0xFFFF));
        } else {
            output.onPlayout(pcm[slot], lengths[slot], ts & 0xFFFF_FFFFL, (int) (present & 0xFFFF), noise[slot]);
        }
        return Long.MIN_VALUE;
    }

    /** {@return RTP units of pause left out when the delay shrank at talkspurt boundaries} */
    long shortenedSilence() {
        return shortenedSilence;
    }

    private void gap(long fromTs, long samples, int packets) {
        output.onGap(fromTs & 0xFFFF_FFFFL, (int) Math.min(Integer.MAX_VALUE, samples), (int) (nextSeq & 0xFFFF), packets);
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
        return timeline.delay();
    }
}
