package io.voxcore.media.session;

/**
 * The allocation-free receive path: decoded samples handed over in the session's own array, on
 * the session's I/O thread, in playout order. The array is lent for the duration of the call
 * only: copy what you need, never keep a reference. Exceptions are caught, counted and logged at
 * a limited rate.
 */
@FunctionalInterface
public interface PcmSink {

    /**
     * A packet's audio is due.
     *
     * @param samples the session's array (read {@code samples[offset .. offset+length)} only)
     * @param offset the first sample's index
     * @param length the number of samples, all channels together
     * @param timestamp the packet's RTP timestamp (0 to 2^32-1)
     */
    void onPcm(short[] samples, int offset, int length, long timestamp);

    /**
     * Time without audio here (see {@link AudioGap}): lost packets ({@code packets > 0}), or a
     * pause, a DTMF event or added delay ({@code packets == 0}). Does nothing by default.
     *
     * @param timestamp the RTP timestamp where the gap starts
     * @param samplesPerChannel how many samples per channel are missing
     * @param firstSequence the first missing sequence number
     * @param packets how many packets are missing; 0 for time without lost audio
     */
    default void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
    }
}
