package io.voxcore.media.session;

/**
 * Receives a session's DTMF digits (RFC 4733 telephone events), on the session's I/O thread;
 * set with {@link MediaSession#onDtmf(DtmfListener)}. Independent of how audio is consumed
 * (listener, sink or pull queue). Must return quickly; an exception is caught, counted as a
 * listener error and logged at a limited rate.
 */
@FunctionalInterface
public interface DtmfListener {

    /**
     * An event started or ended; see {@link DtmfEvent} for when each is reported.
     *
     * @param event the digit, timestamp, duration and volume
     */
    void onDtmf(DtmfEvent event);
}
