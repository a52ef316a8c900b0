package io.voxcore.media.session;

import io.voxcore.media.rtp.RtpMath;
import io.voxcore.media.rtp.TelephoneEvent;
import io.voxcore.media.rtp.TelephoneEventValidation;
import java.nio.ByteBuffer;

/**
 * Turns received RFC 4733 telephone-event packets into {@link DtmfEvent}s: a start when an event
 * first appears, an end when its E bit arrives (once, however often the end is repeated).
 *
 * <ul>
 *   <li>Every event block of a packet is read (RFC 4733 2.5.1.5 and 2.5.2.4): earlier blocks carry
 *   events that have ended, sent again for redundancy; one whose end was missed is reported, one
 *   already reported (same code and final duration among the last few) is not.</li>
 *   <li>A long event is sent as segments (2.5.1.3 and 2.5.2.3): a new timestamp where the previous
 *   segment ends, same code, previous segment not ended. It continues the same digit, with the
 *   durations added up, rather than starting another.</li>
 *   <li>Soft state (2.5.2.5): an event whose packets stop without an end is ended by a timeout
 *   ({@link #TIMEOUT_NANOS} after its last packet), with the duration last received.</li>
 * </ul>
 *
 * <p>I/O thread only; allocation-free except the {@link DtmfEvent} handed to a listener.
 */
final class DtmfReceiver extends TimerQueue.Timer {

    /** How long an event lasts without packets before it is ended: 2.5.2.5's soft state. */
    static final long TIMEOUT_NANOS = 500_000_000L;
    private static final int RECENT = 4;

    private final int clockRate;
    private final TimerQueue timers;
    private final CallbackGuard guard;
    private final TelephoneEvent flyweight = new TelephoneEvent();
    private final int[] recentCodes = new int[RECENT];
    private final long[] recentDurations = new long[RECENT];
    private int recentNext;
    private volatile DtmfListener listener;

    private long current = -1;
    private int code;
    private long firstSegmentStart;
    private int segmentDuration;
    private long priorSegments;
    private int volume;
    private boolean ended = true;

    private long packets;
    private long dtmfReceived;
    private long malformed;
    private long timedOut;

    DtmfReceiver(int clockRate, TimerQueue timers, CallbackGuard guard) {
        this.clockRate = clockRate;
        this.timers = timers;
        this.guard = guard;
        java.util.Arrays.fill(recentCodes, -1);
    }

    /** Sets the listener; any thread. @param l the listener, or null */
    void listener(DtmfListener l) {
        this.listener = l;
    }

    /**
     * One accepted telephone-event packet.
     *
     * @param buf the packet's buffer
     * @param offset payload offset
     * @param length payload length
     * @param timestamp the packet's RTP timestamp
     * @param now System.nanoTime()
     */
    void onPacket(ByteBuffer buf, int offset, int length, long timestamp, long now) {
        packets++;
        if (flyweight.wrap(buf, offset, length).validate() != TelephoneEventValidation.VALID) {
            malformed++;
            return;
        }
        int blocks = flyweight.eventCount();
        for (int i = 0; i < blocks - 1; i++) {
            flyweight.select(i);
            redundantBlock(flyweight.event(), flyweight.duration(), flyweight.volume(), timestamp);
        }
        flyweight.select(blocks - 1);
        lastBlock(flyweight.event(), flyweight.end(), flyweight.duration(), flyweight.volume(), timestamp);
        if (!ended) {
            timers.schedule(this, now + TIMEOUT_NANOS);
        } else {
            timers.cancel(this);
        }
    }

    /** An earlier block of a multi-event packet: an ended event, repeated for redundancy. */
    private void redundantBlock(int event, int duration, int vol, long packetTimestamp) {
        if (!ended && event == code) {
            segmentDuration = Math.max(segmentDuration, duration);
            end(false);
            return;
        }
        if (wasReported(event, duration)) {
            return;
        }
        // An event we never saw (its own packets were lost): report it whole.
        closeCurrent();
        long start = (packetTimestamp - duration) & 0xFFFF_FFFFL;
        begin(event, start, duration, vol, false);
        end(false);
        current = -1; // its start is estimated: a later packet with the true start is a new event
    }

    private void lastBlock(int event, boolean end, int duration, int vol, long timestamp) {
        if (current >= 0 && timestamp == current) {
            if (!ended) {
                segmentDuration = Math.max(segmentDuration, duration);
                if (end) {
                    end(false);
                }
            }
            return; // an update, or a repeated end
        }
        if (current >= 0 && RtpMath.timestampDelta(current, timestamp) < 0) {
            return; // a late packet of an earlier event
        }
        if (current >= 0 && !ended && event == code && segmentDuration >= 0xFFFF - clockRate / 10
                && Math.abs(RtpMath.timestampDelta((current + segmentDuration) & 0xFFFF_FFFFL, timestamp))
                        <= clockRate / 10) {
            // The next segment of a long event (2.5.2.3): the same digit goes on.
            priorSegments += segmentDuration;
            current = timestamp;
            segmentDuration = duration;
            if (end) {
                end(false);
            }
            return;
        }
        if (end && wasReported(event, duration) && current < 0) {
            return; // a repeated end of a redundant event already reported
        }
        closeCurrent();
        begin(event, timestamp, duration, vol, !end);
        current = timestamp;
        if (end) {
            end(false);
        }
    }

    private void closeCurrent() {
        if (current >= 0 && !ended) {
            end(false); // its end packets were lost: it ends where the next event starts
        }
    }

    /** A new event; its start is reported unless its first packet seen is already an end. */
    private void begin(int event, long start, int duration, int vol, boolean announce) {
        code = event;
        segmentDuration = duration;
        priorSegments = 0;
        volume = vol;
        ended = false;
        firstSegmentStart = start;
        if (announce) {
            report(false);
        }
    }

    private void end(boolean byTimeout) {
        ended = true;
        if (byTimeout) {
            timedOut++;
        }
        recentCodes[recentNext] = code;
        recentDurations[recentNext] = priorSegments + segmentDuration;
        recentNext = (recentNext + 1) % RECENT;
        if (TelephoneEvent.isDtmf(code)) {
            dtmfReceived++;
        }
        report(true);
    }

    private boolean wasReported(int event, long duration) {
        for (int i = 0; i < RECENT; i++) {
            if (recentCodes[i] == event && recentDurations[i] == duration) {
                return true;
            }
        }
        return false;
    }

    private void report(boolean end) {
        if (!TelephoneEvent.isDtmf(code)) {
            return;
        }
        DtmfListener l = listener;
        if (l == null) {
            return;
        }
        long total = priorSegments + segmentDuration;
        try {
            l.onDtmf(new DtmfEvent(TelephoneEvent.dtmfDigit(code), firstSegmentStart,
                    (int) Math.min(Integer.MAX_VALUE, total), volume, end, clockRate));
        } catch (Throwable e) {
            guard.failed("DTMF listener", e);
        }
    }

    /** The soft-state timeout: the event's packets stopped without an end. */
    @Override
    void onTimer(long now) {
        if (current >= 0 && !ended) {
            end(true);
        }
    }

    /** Forgets the current event (a new source). I/O thread. */
    void reset() {
        timers.cancel(this);
        current = -1;
        ended = true;
    }

    /**
     * The DTMF statistics of the receive side, with the send side's figures.
     *
     * @param eventPacketsSent from the sender
     * @param dtmfSent from the sender
     * @return the snapshot
     */
    DtmfStatistics statistics(long eventPacketsSent, long dtmfSent) {
        return new DtmfStatistics(eventPacketsSent, dtmfSent, packets, dtmfReceived, malformed, timedOut);
    }
}
