package io.voxcore.media.srtp;

/**
 * What one direction knows of one SSRC: the rollover counter and highest sequence number
 * (s_l) of RFC 3711 section 3.3.1, the replay window of section 3.3.2, and for SRTCP senders the
 * next SRTCP index. Changed only after a packet authenticated (or, sending, was protected).
 */
final class StreamState {

    final int ssrc;
    final ReplayWindow window;
    private long roc;
    private int highestSeq;
    private boolean started;
    int nextRtcpIndex;

    StreamState(int ssrc, int windowSize) {
        this.ssrc = ssrc;
        this.window = new ReplayWindow(windowSize);
    }

    /**
     * The packet index for {@code seq} (RFC 3711 section 3.3.1 and Appendix A): the ROC guess v
     * is ROC - 1, ROC or ROC + 1, whichever puts SEQ closest to s_l.
     *
     * @return the 48-bit index, or -1 when it would fall before ROC 0
     */
    long estimate(int seq) {
        if (!started) {
            return seq;
        }
        long v;
        if (highestSeq < 32768) {
            v = seq - highestSeq > 32768 ? roc - 1 : roc;
        } else {
            v = highestSeq - 32768 > seq ? roc + 1 : roc;
        }
        if (v < 0 || v > 0xFFFF_FFFFL) {
            return -1;
        }
        return (v << 16) | seq;
    }

    /** Moves ROC and s_l forward for an accepted index (never backward). */
    void update(long index) {
        long v = index >>> 16;
        int seq = (int) index & 0xffff;
        if (!started) {
            started = true;
            roc = v;
            highestSeq = seq;
        } else if (v > roc) {
            roc = v;
            highestSeq = seq;
        } else if (v == roc && seq > highestSeq) {
            highestSeq = seq;
        }
    }

    long roc() {
        return roc;
    }
}
