package io.voxcore.media.relay;

import io.voxcore.media.codec.CodecInfo;
import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.codec.Transcoder;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.session.RtpTap;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Bridges the media of two {@link MediaSession}s, legs A and B, as the media relay of a B2BUA
 * does: every RTP packet accepted on one leg is sent on the other at once.
 *
 * <pre>{@code
 * MediaSession a = engine.createSession(pcmuConfig);   // towards caller A, PCMU, events on 101
 * MediaSession b = engine.createSession(pcmaConfig);   // towards callee B, PCMA, events on 96
 * a.start();
 * b.start();
 * try (MediaRelay relay = MediaRelay.between(a, b)) {
 *     ...                                             // A hears B and B hears A
 *     RelayStatistics stats = relay.statistics();
 * }
 * }</pre>
 *
 * <h2>What happens to a packet</h2>
 * <ul>
 *   <li>The inbound session checks it as for its own audio (validation, remote address, payload
 *       type, latching, RFC 3550 sequence checks, duplicates) and counts it in its reception
 *       statistics, so each leg's RTCP reports describe that leg. Then the relay takes it
 *       ({@link RtpTap}): <b>no jitter buffer</b> - the packet is forwarded immediately, keeping
 *       the sender's timing, reordering and loss for the far end's own jitter buffer to handle;
 *       buffering here would add delay twice.</li>
 *   <li>Audio: forwarded without decoding when both legs use the same codec and payload type;
 *       otherwise its payload is converted through {@link Transcoder} - PCMU and PCMA by the
 *       direct 256-entry table, in place in the receive buffer; other pairs (G.722's 16 kHz to
 *       G.711's 8 kHz and back included, resampled) into a per-direction buffer. The legs must
 *       share an RTP clock rate (G.711 and G.722 both run at 8000 Hz); the transcoding path is
 *       built when the relay is, so a pair that cannot be bridged is refused then, naming both.</li>
 *   <li>RFC 4733 telephone events: forwarded unchanged but for the payload type, mapped from the
 *       inbound leg's {@link MediaSessionConfig#telephoneEventPayloadType()} to the outbound
 *       leg's.</li>
 *   <li>RFC 3389 comfort noise (static payload type 13 on 8000 Hz legs): forwarded untouched,
 *       never transcoded; each far end plays its own noise from the description.</li>
 *   <li>Re-stamped for the outbound leg: its SSRC, and sequence numbers and timestamps offset by
 *       a random base per direction, so gaps and timing carry over; the marker bit is kept.
 *       When the inbound SSRC changes (the inbound session re-latched), the offsets are re-based
 *       so the outbound sequence continues with the next number and the timestamp one inbound
 *       packet's duration after the last (the timestamp step between the last two audio
 *       packets received; the outbound {@code ptime} only before two were seen). CSRCs, header extensions and padding are not forwarded:
 *       the new 12-byte header is written just in front of the payload.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Each direction runs on the I/O thread of its inbound session's engine; its state (the
 * transcoder, the re-stamping offsets) is confined there, and it writes to the outbound session's
 * socket from that thread with {@link MediaSession#trySendRtp} (socket writes are thread-safe).
 * The two directions may run on different I/O threads. Counters are published with volatile
 * writes; {@link #statistics()} may be called from any thread. The steady state allocates
 * nothing per packet.
 *
 * <h2>Ownership</h2>
 * The relay owns the send side of both sessions while it runs: do not call {@code send} or
 * {@code sendDtmf} on them (their sequence numbers would collide with the relay's). It does not
 * own the sessions: {@link #close()} detaches it and leaves them open; the caller closes them.
 * When {@link #close()} returns, no packet is being forwarded any more and none will be. A session
 * already tapped (by another relay) cannot be relayed again until that tap is removed.
 * RTCP stays per leg (each session reports on what it received and sent).
 */
public final class MediaRelay implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MediaSession a;
    private final MediaSession b;
    private final Direction aToB;
    private final Direction bToA;
    private volatile boolean closed;

    private MediaRelay(MediaSession a, MediaSession b) {
        this.a = a;
        this.b = b;
        this.aToB = new Direction(a, b);
        this.bToA = new Direction(b, a);
    }

    /**
     * Bridges two sessions, from the next packet on. The sessions may be started before or after.
     *
     * @param a leg A
     * @param b leg B
     * @return the running relay
     * @throws IllegalArgumentException naming the values when the sessions are the same, their
     *     codecs' RTP clock rates differ, or no transcoding path joins them
     * @throws IllegalStateException if either session is closed
     */
    public static MediaRelay between(MediaSession a, MediaSession b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a == b) {
            throw new IllegalArgumentException("a relay needs two different sessions, got " + a + " twice");
        }
        if (a.isClosed() || b.isClosed()) {
            throw new IllegalStateException("cannot relay a closed session: " + (a.isClosed() ? a : b));
        }
        CodecInfo ca = a.config().codec();
        CodecInfo cb = b.config().codec();
        if (ca.clockRate() != cb.clockRate()) {
            throw new IllegalArgumentException("cannot relay " + ca.name() + " (RTP clock " + ca.clockRate() + " Hz) to "
                    + cb.name() + " (RTP clock " + cb.clockRate() + " Hz): the relay keeps each packet's timing on "
                    + "one clock; legs of different RTP clocks are not bridged yet");
        }
        for (MediaSession s : new MediaSession[] {a, b}) {
            if (s.tap().isPresent()) {
                throw new IllegalStateException("session " + s.localAddress() + " is already tapped (by another "
                        + "relay?): close that relay first; a session belongs to one relay at a time");
            }
        }
        MediaRelay relay = new MediaRelay(a, b);
        a.tap(relay.aToB);
        b.tap(relay.bToA);
        return relay;
    }

    /**
     * Leg A.
     *
     * @return the session given first
     */
    public MediaSession a() {
        return a;
    }

    /**
     * Leg B.
     *
     * @return the session given second
     */
    public MediaSession b() {
        return b;
    }

    /**
     * Both directions' counters. Each is read field by field while packets may be flowing, so
     * the figures of one direction may be a packet apart from each other.
     *
     * @return the snapshot
     */
    public RelayStatistics statistics() {
        return new RelayStatistics(aToB.snapshot(), bToA.snapshot());
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Detaches the relay from both sessions (they buffer and decode what they receive again);
     * the sessions stay open. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        a.tap(null); // returns once the I/O thread is between packets: nothing is forwarded after
        b.tap(null);
    }

    @Override
    public String toString() {
        return "MediaRelay[" + a.localAddress() + " (" + a.config().codec().name() + ") <-> " + b.localAddress()
                + " (" + b.config().codec().name() + ")" + (closed ? ", closed" : "") + "]";
    }

    /** One direction: the tap on the inbound session, confined to its I/O thread. */
    private static final class Direction implements RtpTap {
        private static final int PCMU = 0;
        private static final int PCMA = 8;
        /** RFC 3551's static payload type of comfort noise (RFC 3389) at 8000 Hz. */
        private static final int COMFORT_NOISE = 13;

        private final MediaSession out;
        private final int inPayloadType;
        private final int outPayloadType;
        private final int outEventPayloadType;
        private final boolean passthrough;
        private final boolean inPlace;
        private final Transcoder.Format inFormat;
        private final Transcoder.Format outFormat;
        private final boolean outComfortNoise;
        private final Transcoder transcoder = new Transcoder();
        private final ByteBuffer scratch;
        private final long outSsrc;
        private final int outStep;
        private final int baseSequence = RANDOM.nextInt(1 << 16);
        private final long baseTimestamp = RANDOM.nextInt() & 0xFFFF_FFFFL;

        private boolean started;
        private long inSsrc;
        private int sequenceDelta;
        private long timestampDelta;
        private int lastSequence;
        private long lastTimestamp;
        private long lastInTimestamp = -1;
        private long lastInStep;
        /** The longest plausible packet duration: 120 ms at 48 kHz. */
        private static final long MAX_STEP = 5760;

        private volatile long forwarded;
        private volatile long bytes;
        private volatile long transcoded;
        private volatile long events;
        private volatile long notSent;
        private volatile long untranscodable;

        Direction(MediaSession in, MediaSession out) {
            this.out = out;
            MediaSessionConfig ic = in.config();
            MediaSessionConfig oc = out.config();
            this.inPayloadType = ic.payloadType();
            this.outPayloadType = oc.payloadType();
            this.outEventPayloadType = oc.telephoneEventPayloadType();
            this.inFormat = Transcoder.Format.of(ic.codec());
            this.outFormat = Transcoder.Format.of(oc.codec());
            this.passthrough = inPayloadType == outPayloadType && inFormat.equals(outFormat);
            try {
                // builds the path now: a pair that cannot be bridged fails here, once, naming both
                transcoder.prepare(inFormat, outFormat, 2048);
            } catch (MediaCodecException e) {
                throw new IllegalArgumentException("cannot relay " + inFormat + " to " + outFormat + ": "
                        + e.getMessage(), e);
            }
            this.inPlace = inPayloadType == PCMU && outPayloadType == PCMA
                    || inPayloadType == PCMA && outPayloadType == PCMU;
            this.scratch = passthrough || inPlace ? null : ByteBuffer.allocateDirect(8192);
            this.outSsrc = out.ssrc();
            this.outStep = oc.codec().clockRate() * oc.ptimeMillis() / 1000;
            this.outComfortNoise = oc.codec().clockRate() == 8000;
        }

        @Override
        public void onRtp(RtpPacket packet, boolean telephoneEvent) {
            ByteBuffer buf = packet.buffer();
            int payloadOffset = packet.payloadOffset();
            int length = packet.payloadLength();
            boolean marker = packet.marker();
            int sequence = packet.sequenceNumber();
            long timestamp = packet.timestamp();
            long ssrc = packet.ssrc();
            if (!started) {
                started = true;
                inSsrc = ssrc;
                sequenceDelta = baseSequence - sequence;
                timestampDelta = baseTimestamp - timestamp;
            } else if (ssrc != inSsrc) {
                inSsrc = ssrc; // the inbound session re-latched: continue the outbound line
                sequenceDelta = lastSequence + 1 - sequence;
                timestampDelta = lastTimestamp + (lastInStep > 0 ? lastInStep : outStep) - timestamp;
                lastInTimestamp = -1;
            } else if (!telephoneEvent) {
                if (lastInTimestamp >= 0) {
                    long step = (timestamp - lastInTimestamp) & 0xFFFF_FFFFL;
                    if (step > 0 && step <= MAX_STEP) {
                        lastInStep = step; // one inbound packet's duration, on the shared clock
                    }
                }
            }
            if (!telephoneEvent) {
                lastInTimestamp = timestamp;
            }
            int outSequence = (sequence + sequenceDelta) & 0xFFFF;
            long outTimestamp = (timestamp + timestampDelta) & 0xFFFF_FFFFL;
            ByteBuffer target = buf;
            int start = payloadOffset - RtpPacket.FIXED_HEADER_LENGTH;
            int payloadType;
            if (telephoneEvent) {
                payloadType = outEventPayloadType;
            } else if (packet.payloadType() == COMFORT_NOISE && inPayloadType != COMFORT_NOISE) {
                if (!outComfortNoise) {
                    untranscodable = untranscodable + 1; // the outbound clock is not 8000 Hz: PT 13 means nothing there
                    return;
                }
                payloadType = COMFORT_NOISE; // RFC 3389: the noise description passes untouched
            } else if (passthrough) {
                payloadType = outPayloadType;
            } else {
                payloadType = outPayloadType;
                buf.limit(payloadOffset + length).position(payloadOffset);
                try {
                    if (inPlace) {
                        // the path prepare() built: keyed by format, so the first packet builds nothing
                        transcoder.transcode(buf, inFormat, buf, outFormat);
                    } else {
                        target = scratch;
                        start = 0;
                        scratch.clear().position(RtpPacket.FIXED_HEADER_LENGTH);
                        length = transcoder.transcode(buf, inFormat, scratch, outFormat);
                    }
                } catch (MediaCodecException e) {
                    untranscodable = untranscodable + 1;
                    return;
                }
                transcoded = transcoded + 1;
            }
            RtpPacket.writeHeader(target, start, marker, payloadType, outSequence, outTimestamp, outSsrc);
            lastSequence = outSequence;
            lastTimestamp = outTimestamp;
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
}
