package io.voxcore.media.session;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fixed-cadence pull ({@link MediaSession#read}): a lock-free single-producer,
 * single-consumer ring of samples between the session's I/O thread, which writes everything the
 * listener would have heard (audio, concealment, comfort noise, and silence for every gap), and
 * one reader thread running its own clock, which takes exactly what it asks for on every call.
 *
 * <p>The reader starts (and restarts after running dry) by waiting for a cushion: until the ring
 * holds {@code cushion} samples, or the call's size plus one packet if larger, it gets silence.
 * Then it reads straight from the ring; when the ring runs dry mid-call the rest of the call is
 * silence (counted as padded) and the cushion is built again. When the ring holds more than the
 * cushion plus half the {@code slack} (the reader's clock is slower than the sender's, or it
 * stalled), the reader looks in what it holds for a quiet stretch (every sample within
 * {@value #QUIET} of zero: a pause, comfort noise, concealment faded out) long enough to take the
 * excess out of its middle, and skips it there when its reading reaches it, so speech is not cut.
 * When the ring holds more than the cushion plus the whole {@code slack} with no such skip
 * ahead, the excess is dropped at once, wherever it is, leaving the cushion. Both count as
 * dropped. If the reader stops
 * reading, the I/O thread drops what does not fit (counted as dropped too). Neither side ever
 * waits for the other or allocates.
 *
 * <p>The I/O thread is the only writer of {@code written}, the reader the only writer of
 * {@code taken}; each publishes with release semantics and reads the other's with acquire.
 */
final class PcmReadRing {

    /** Largest magnitude of a quiet sample: -42 dBov peak, below speech, above comfort noise. */
    static final int QUIET = 256;

    /** Allocated by the first {@link #read} (a session that is never read holds none); published by {@code active}. */
    private short[] ring;
    private final int size;
    private final int mask;
    private final int channels;
    private final int packet;
    private final int cushion;
    private final int slack;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean active;
    private volatile long padded;
    private volatile long dropped;
    private long overflowed;
    private boolean primed;
    private boolean everPrimed;
    /** Reader: a skip ahead inside a quiet stretch, at stream position {@code skipAt}; 0 when none. */
    private long skipAt;
    private long skipLength;
    /** Reader: the stream position scanned for quiet up to, and where the quiet run there began (-1: none). */
    private long scanned;
    private long quietFrom = -1;
    private volatile long skippedInQuiet;

    /**
     * Creates an empty ring.
     *
     * @param capacity samples it holds (all channels), rounded up to a power of two
     * @param channels samples per sampling instant
     * @param packet samples of one packet (all channels): added to a large call's cushion
     * @param cushion samples to hold before reading (all channels)
     * @param slack samples above the cushion that trigger a drop
     */
    PcmReadRing(int capacity, int channels, int packet, int cushion, int slack) {
        int size = Integer.highestOneBit(Math.max(64, capacity) * 2 - 1);
        this.size = size;
        this.mask = size - 1;
        this.channels = channels;
        this.packet = packet;
        this.cushion = cushion;
        this.slack = slack;
    }

    /** {@return whether a reader has called {@link #read}: the I/O thread writes from then on} */
    boolean active() {
        return active;
    }

    /**
     * I/O thread: appends samples; what does not fit is dropped, as is everything before the first read.
     *
     * @param pcm the samples
     * @param offset index of the first
     * @param length how many
     */
    void write(short[] pcm, int offset, int length) {
        if (!active) {
            return; // no reader yet, no ring yet: nothing is kept for a reader that may never come
        }
        long w = written.get();
        int n = (int) Math.min(length, ring.length - (w - taken.get()));
        int at = (int) (w & mask);
        int first = Math.min(n, ring.length - at);
        System.arraycopy(pcm, offset, ring, at, first);
        System.arraycopy(pcm, offset + first, ring, 0, n - first);
        overflowed += length - n;
        written.lazySet(w + n); // release: the samples are visible before the index
    }

    /**
     * I/O thread: appends silence; what does not fit is dropped.
     *
     * @param length samples (all channels)
     */
    void writeSilence(long length) {
        if (!active) {
            return;
        }
        long w = written.get();
        int n = (int) Math.min(length, ring.length - (w - taken.get()));
        int at = (int) (w & mask);
        int first = Math.min(n, ring.length - at);
        Arrays.fill(ring, at, at + first, (short) 0);
        Arrays.fill(ring, 0, n - first, (short) 0);
        overflowed += length - n;
        written.lazySet(w + n);
    }

    /**
     * Reader thread: fills exactly {@code samples} samples.
     *
     * @param pcm where to write
     * @param offset index of the first
     * @param samples how many (all channels)
     * @return how many of them, from the start, came from the stream; the rest is silence
     * @throws IndexOutOfBoundsException if the range lies outside {@code pcm}
     * @throws IllegalArgumentException if {@code samples} is not whole sampling instants
     * @throws IllegalStateException if another thread is reading at the same time
     */
    int read(short[] pcm, int offset, int samples) {
        Objects.checkFromIndexSize(offset, samples, pcm.length);
        if (samples % channels != 0) {
            throw new IllegalArgumentException(samples + " samples is not a multiple of " + channels + " channels");
        }
        if (!reading.compareAndSet(false, true)) {
            throw new IllegalStateException("another thread is in read(): one reader thread at a time");
        }
        try {
            if (!active) {
                ring = new short[size];
                active = true; // a volatile write: the I/O thread sees the array before it writes
            }
            long r = taken.get();
            long available = written.get() - r;
            if (!primed) {
                if (available < Math.max(cushion, samples + packet)) {
                    Arrays.fill(pcm, offset, offset + samples, (short) 0);
                    if (everPrimed) {
                        padded += samples;
                    }
                    return 0;
                }
                primed = true;
                everPrimed = true;
            }
            long ahead = available - skipLength; // what will be read once the planned skip is taken
            if (ahead > cushion + slack + samples) {
                long excess = ahead - cushion - samples; // no quiet stretch came in time: drop here
                excess -= excess % channels;
                skipLength = 0;
                r += excess;
                available -= excess;
                dropped += excess;
            } else if (skipLength == 0 && ahead > cushion + slack / 2 + samples) {
                planSkip(r, available, ahead - cushion - samples);
            }
            int n = 0;
            while (n < samples) {
                if (skipLength > 0 && r == skipAt) {
                    r += skipLength;
                    available -= skipLength;
                    dropped += skipLength;
                    skippedInQuiet += skipLength;
                    skipLength = 0;
                }
                int m = (int) Math.min(samples - n, skipLength > 0 ? Math.min(available, skipAt - r) : available);
                if (m <= 0) {
                    break;
                }
                int at = (int) (r & mask);
                int first = Math.min(m, ring.length - at);
                System.arraycopy(ring, at, pcm, offset + n, first);
                System.arraycopy(ring, 0, pcm, offset + n + first, m - first);
                r += m;
                available -= m;
                n += m;
            }
            if (n < samples) {
                Arrays.fill(pcm, offset + n, offset + samples, (short) 0);
                padded += samples - n;
                primed = false;
            }
            taken.lazySet(r);
            return n;
        } finally {
            reading.set(false);
        }
    }

    /**
     * Reader: looks through what is held, from where it last looked, for a quiet run long enough
     * to take {@code excess} out of its middle (a guard of a quarter packet kept on each side),
     * and plans that skip.
     */
    private void planSkip(long r, long available, long excess) {
        long need = excess + 2L * (packet / 4) + channels;
        if (scanned < r) {
            scanned = r;
            quietFrom = -1;
        }
        long end = r + available;
        for (long p = scanned; p < end; p++) {
            int v = ring[(int) (p & mask)];
            if (v > QUIET || v < -QUIET) {
                quietFrom = -1;
                continue;
            }
            if (quietFrom < 0) {
                quietFrom = p;
            }
            if (p + 1 - quietFrom >= need) {
                long at = quietFrom + packet / 4;
                at += (channels - at % channels) % channels; // at a sampling instant
                skipAt = at;
                skipLength = excess - excess % channels;
                scanned = p + 1;
                quietFrom = -1;
                return;
            }
        }
        scanned = end;
    }

    /** {@return samples the reader skipped inside quiet stretches (part of {@link #dropped()})} */
    long skippedInQuiet() {
        return skippedInQuiet;
    }

    /** {@return samples of silence the reader got because the ring ran dry (after it first had audio), rebuilding the cushion included} */
    long padded() {
        return padded;
    }

    /** {@return samples dropped: by the reader to stay near the cushion, and by the I/O thread when full} */
    long dropped() {
        return dropped + overflowed;
    }
}
