package io.voxcore.media.session;

import java.lang.invoke.VarHandle;

/**
 * What a sender report says about a stream (RFC 3550 6.4.1): packets and octets sent, the last
 * packet's RTP timestamp and when it was sent. One writer at a time (whoever holds the send
 * stream) and readers on any thread: a sequence lock lets a reader take one consistent set
 * without locking or allocating, so a report never pairs one packet's count with another's
 * timestamp.
 */
final class SenderFigures {

    /** A consistent set, filled by {@link #read}. */
    static final class Snapshot {
        long packetsSent;
        long octetsSent;
        long lastSentTimestamp;
        long lastSentNanos;
    }

    private volatile int version;
    private long packetsSent;
    private long octetsSent;
    private long lastSentTimestamp;
    private long lastSentNanos;

    /**
     * Counts one packet written. The caller holds the send stream.
     *
     * @param payloadBytes its payload length
     * @param timestamp its RTP timestamp
     * @param now when it was written, System.nanoTime()
     */
    void sent(int payloadBytes, long timestamp, long now) {
        int v = version;
        version = v + 1; // odd: a write is in progress
        VarHandle.storeStoreFence();
        packetsSent++;
        octetsSent += payloadBytes;
        lastSentTimestamp = timestamp;
        lastSentNanos = now;
        version = v + 2;
    }

    /**
     * Reads one consistent set; spins only while a packet is being counted.
     *
     * @param into where to put it
     */
    void read(Snapshot into) {
        while (true) {
            int v = version;
            if ((v & 1) == 0) {
                into.packetsSent = packetsSent;
                into.octetsSent = octetsSent;
                into.lastSentTimestamp = lastSentTimestamp;
                into.lastSentNanos = lastSentNanos;
                VarHandle.acquireFence();
                if (version == v) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }
}
