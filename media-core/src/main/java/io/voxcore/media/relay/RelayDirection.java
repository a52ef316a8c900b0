package io.voxcore.media.relay;

import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.RtpTap;
import io.voxcore.media.session.SessionFormats;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

/**
 * One direction of a {@link MediaRelay}: the tap on the inbound session. Its re-stamping state is
 * confined to the inbound session's I/O thread; its {@link RelayRoute} is published through a
 * volatile field, because a change of the outbound leg's formats is prepared on that leg's thread.
 */
final class RelayDirection implements RtpTap {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest plausible packet duration, 120 ms, at 1 kHz: times the clock rate gives ticks. */
    private static final long MAX_STEP_MILLIS = 120;
    private static final long MASK = 0xFFFF_FFFFL;

    private final MediaSession in;
    private final MediaSession out;
    private final Runnable onFormatsChanged;
    private final long inClock;
    private final long outClock;
    private final long maxStep;
    private final long outSsrc;
    private final int baseSequence = RANDOM.nextInt(1 << 16);
    private final long baseTimestamp = RANDOM.nextInt() & MASK;
    private volatile RelayRoute route;

    private boolean started;
    private long inSsrc;
    private int sequenceDelta;
    private int lastSequence;
    /** Where the outbound timeline starts: the outbound timestamp of inbound elapsed time 0. */
    private long outBase;
    /** The inbound time since {@link #outBase}'s packet: the sum of signed 32-bit steps, in inbound ticks. */
    private long inElapsed;
    private long lastInTimestamp;
    private long lastOutTimestamp;
    private long lastAudioTimestamp = -1;
    private long lastInStep;

    private volatile long forwarded;
    private volatile long bytes;
    private volatile long transcoded;
    private volatile long events;
    private volatile long notSent;
    private volatile long untranscodable;

    /**
     * @param in the inbound session
     * @param out the outbound session
     * @param onFormatsChanged what to run when the inbound session's formats change
     * @throws IllegalArgumentException naming both formats when the pair cannot be relayed
     */
    RelayDirection(MediaSession in, MediaSession out, Runnable onFormatsChanged) {
        this.in = in;
        this.out = out;
        this.onFormatsChanged = onFormatsChanged;
        SessionFormats inFormats = SessionFormats.of(in);
        SessionFormats outFormats = SessionFormats.of(out);
        this.inClock = inFormats.clockRate();
        this.outClock = outFormats.clockRate();
        this.maxStep = inClock * MAX_STEP_MILLIS / 1000;
        this.route = RelayRoute.build(inFormats, outFormats, null, true, true);
        this.outSsrc = out.ssrc();
    }

    /**
     * Makes the route for both legs' current formats unless the one in use already is: ahead of
     * the first packet after a change.
     *
     * @param owner whether the caller is the inbound session's I/O thread (the one using the route)
     */
    void refresh(boolean owner) {
        RelayRoute r = route;
        SessionFormats i = SessionFormats.of(in);
        SessionFormats o = SessionFormats.of(out);
        if (r.in != i || r.out != o) {
            route = RelayRoute.build(i, o, r, false, owner);
        }
    }

    /** The inbound session was updated: runs on its I/O thread, this direction's own. */
    @Override
    public void onFormatsChanged() {
        onFormatsChanged.run();
    }

    /**
     * The outbound timestamp of an inbound one: {@code outBase + inElapsed * outClock / inClock},
     * where inElapsed sums the signed 32-bit steps between consecutive inbound timestamps, so a
     * wrap of the inbound 32-bit timestamp keeps the outbound side continuous.
     */
    private long restamp(long ssrc, int sequence, long timestamp, boolean event, int outStep) {
        if (!started) {
            started = true;
            inSsrc = ssrc;
            sequenceDelta = baseSequence - sequence;
            outBase = baseTimestamp;
            inElapsed = 0;
        } else if (ssrc != inSsrc) {
            inSsrc = ssrc; // the inbound session re-latched: continue the outbound line one packet later
            sequenceDelta = lastSequence + 1 - sequence;
            outBase = lastOutTimestamp + (lastInStep > 0 ? lastInStep * outClock / inClock : outStep);
            inElapsed = 0;
            lastAudioTimestamp = -1;
        } else {
            inElapsed += (int) (timestamp - lastInTimestamp); // the signed step: wrap-safe, reordering undone later
            if (!event && lastAudioTimestamp >= 0) {
                long step = (timestamp - lastAudioTimestamp) & MASK;
                if (step > 0 && step <= maxStep) {
                    lastInStep = step; // one inbound packet's duration; longer steps (silence, jumps) are not
                }
            }
        }
        lastInTimestamp = timestamp;
        if (!event) {
            lastAudioTimestamp = timestamp;
        }
        long scaled = inClock == outClock ? inElapsed : Math.floorDiv(inElapsed * outClock, inClock);
        return (outBase + scaled) & MASK;
    }

    @Override
    public void onRtp(RtpPacket packet, boolean telephoneEvent) {
        RelayRoute r = route;
        if (r.out != SessionFormats.of(out) || r.in != SessionFormats.of(in)) {
            refresh(true); // a change not announced in time (another thread's update() racing this packet)
            r = route;
        }
        ByteBuffer buf = packet.buffer();
        int payloadOffset = packet.payloadOffset();
        int length = packet.payloadLength();
        int inPayloadType = packet.payloadType();
        int payloadType;
        ByteBuffer target = buf;
        int start = payloadOffset - RtpPacket.FIXED_HEADER_LENGTH;
        byte mode = telephoneEvent ? RelayRoute.PASS : r.mode(inPayloadType);
        if (telephoneEvent) {
            if (r.outEventPayloadType < 0) {
                untranscodable = untranscodable + 1; // the outbound leg negotiated no telephone events
                return;
            }
            payloadType = r.outEventPayloadType;
            if (inClock != outClock) {
                rescaleDurations(buf, payloadOffset, length);
            }
        } else if (mode == RelayRoute.NOISE) {
            payloadType = r.outNoisePayloadType; // RFC 3389: the noise description passes untouched
        } else if (mode == RelayRoute.PASS) {
            payloadType = r.outPayloadType;
        } else if (mode == RelayRoute.UNTRANSCODABLE) {
            untranscodable = untranscodable + 1; // comfort noise towards a leg without it, or a refused pair
            return;
        } else {
            payloadType = r.outPayloadType;
            buf.limit(payloadOffset + length).position(payloadOffset);
            try {
                if (mode == RelayRoute.IN_PLACE) {
                    r.transcoder.transcode(buf, r.format(inPayloadType), buf, r.outFormat);
                } else {
                    ByteBuffer scratch = r.scratch;
                    target = scratch;
                    start = 0;
                    scratch.clear().position(RtpPacket.FIXED_HEADER_LENGTH);
                    length = r.transcoder.transcode(buf, r.format(inPayloadType), scratch, r.outFormat);
                }
            } catch (MediaCodecException e) {
                untranscodable = untranscodable + 1;
                return;
            }
            transcoded = transcoded + 1;
        }
        long outTimestamp = restamp(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), telephoneEvent,
                r.outStep);
        int outSequence = (packet.sequenceNumber() + sequenceDelta) & 0xFFFF;
        RtpPacket.writeHeader(target, start, packet.marker(), payloadType, outSequence, outTimestamp, outSsrc);
        lastSequence = outSequence;
        lastOutTimestamp = outTimestamp;
        if (out.trySendRtp(target, start, RtpPacket.FIXED_HEADER_LENGTH + length)) {
            forwarded = forwarded + 1;
            bytes = bytes + length;
            if (telephoneEvent) {
                events = events + 1;
            }
        } else {
            notSent = notSent + 1;
        }
    }

    /**
     * RFC 4733 2.5.1.5: each event block's duration counts the outbound clock's units. Rescaled in
     * place, capped at 0xFFFF (longer events are not segmented).
     */
    private void rescaleDurations(ByteBuffer buf, int offset, int length) {
        for (int at = offset; at + 4 <= offset + length; at += 4) {
            long duration = (buf.get(at + 2) & 0xFF) << 8 | buf.get(at + 3) & 0xFF;
            long scaled = Math.min(0xFFFF, duration * outClock / inClock);
            buf.put(at + 2, (byte) (scaled >>> 8));
            buf.put(at + 3, (byte) scaled);
        }
    }

    RelayDirectionStatistics snapshot() {
        Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        if (notSent != 0) {
            dropped.put(DropReason.NOT_SENT, notSent);
        }
        if (untranscodable != 0) {
            dropped.put(DropReason.UNTRANSCODABLE, untranscodable);
        }
        return new RelayDirectionStatistics(forwarded, bytes, transcoded, events, dropped);
    }
}
