package io.voxcore.media.relay;

import io.voxcore.media.codec.Transcoder;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.RtpTap;
import io.voxcore.media.session.SessionFormats;
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
 *   <li>Audio: forwarded without decoding when the inbound payload type's format is the outbound
 *       leg's send format; otherwise its payload is converted through {@link Transcoder} - PCMU
 *       and PCMA by the direct 256-entry table, in place in the receive buffer; other pairs into a
 *       per-direction buffer, across sample rates and RTP clocks (G.711 at 8 kHz, G.722 at 16 kHz
 *       on an 8000 Hz clock, Opus at 48000 Hz, any pair the transcoder can carry). Both sides are
 *       taken as the sessions have them now ({@link SessionFormats}): the inbound format per
 *       packet from its payload type (a peer may switch between the codecs it negotiated), the
 *       outbound one as the last {@link MediaSession#update} left it. The transcoding paths are
 *       made when the relay is, for every audio payload type the inbound leg accepts (a pair
 *       that cannot be bridged is refused then, naming both), and again when a leg is updated,
 *       before its next packet; a pair refused after an update is counted
 *       {@link DropReason#UNTRANSCODABLE}. Each packet becomes one packet of the same duration:
 *       legs of different RTP clocks must have the same ptime (refused at creation otherwise,
 *       naming both).</li>
 *   <li>RFC 4733 telephone events: the payload type mapped from the inbound leg's telephone-event
 *       type to the outbound leg's; across RTP clocks each event block's duration is rescaled to
 *       the outbound clock (800 at 8000 Hz is 4800 at 48000 Hz), capped at 65535; end packets
 *       and their retransmissions are forwarded as they come.</li>
 *   <li>RFC 3389 comfort noise (a payload type the inbound leg accepts as CN): forwarded untouched
 *       with the outbound leg's comfort-noise payload type (13 on a configured 8000 Hz leg, the
 *       negotiated one otherwise, such as {@code CN/48000} on an Opus leg: the description does
 *       not depend on the rate); towards a leg without one dropped and counted
 *       {@link DropReason#UNTRANSCODABLE}.</li>
 *   <li>Re-stamped for the outbound leg: its SSRC; sequence numbers offset by a random base per
 *       direction, so gaps carry over; timestamps on the outbound leg's own clock,
 *       {@code outBase + inElapsed * outClock / inClock} (modulo 2^32) where {@code outBase} is
 *       random and {@code inElapsed} the 64-bit sum of the signed 32-bit steps between
 *       consecutive inbound timestamps, so timing, reordering and an inbound wrap carry over; the
 *       marker bit is kept. When the inbound SSRC changes (the inbound session re-latched), the
 *       sequence continues with the next number and the timestamp one inbound packet's duration
 *       after the last (the last step between two audio packets of at most 120 ms, rescaled; the
 *       outbound {@code ptime} before one was seen). CSRCs, header extensions and padding are
 *       not forwarded: the new 12-byte header is written just in front of the payload.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Each direction runs on the I/O thread of its inbound session's engine; its state (the
 * transcoder, the re-stamping offsets) is confined there, and it writes to the outbound session's
 * socket from that thread with {@link MediaSession#trySendRtp} (socket writes are thread-safe).
 * The two directions may run on different I/O threads. When a leg is updated, both directions'
 * new paths are made on that leg's I/O thread (the {@link RtpTap#onFormatsChanged()} call)
 * and handed over through a volatile field; a direction that sees a change first (a packet racing
 * the update on another thread) makes them itself. Counters are published with volatile writes;
 * {@link #statistics()} may be called from any thread. The steady state allocates nothing per
 * packet, nor does the first packet after an update (on paths whose codecs allocate nothing:
 * G.711, G.722; Concentus's Opus allocates inside every frame).
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

    private final MediaSession a;
    private final MediaSession b;
    private final RelayDirection aToB;
    private final RelayDirection bToA;
    private volatile boolean closed;

    private MediaRelay(MediaSession a, MediaSession b) {
        this.a = a;
        this.b = b;
        this.aToB = new RelayDirection(a, b, () -> formatsChanged(true));
        this.bToA = new RelayDirection(b, a, () -> formatsChanged(false));
    }

    /**
     * A leg was updated (its tap was told, on its I/O thread): both directions prepare for it, the
     * one reading from that leg on its own thread, the other from here.
     */
    private void formatsChanged(boolean legA) {
        aToB.refresh(legA);
        bToA.refresh(!legA);
    }

    /**
     * Bridges two sessions, from the next packet on. The sessions may be started before or after.
     *
     * @param a leg A
     * @param b leg B
     * @return the running relay
     * @throws IllegalArgumentException naming the values when the sessions are the same, their
     *     RTP clock rates differ and so do their ptimes, or no transcoding path joins a format
     *     the inbound leg accepts to the outbound leg's send format
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
        SessionFormats fa = SessionFormats.of(a);
        SessionFormats fb = SessionFormats.of(b);
        if (fa.clockRate() != fb.clockRate() && fa.ptimeMillis() != fb.ptimeMillis()) {
            throw new IllegalArgumentException("cannot relay " + fa.sendFormat() + " at ptime " + fa.ptimeMillis()
                    + " ms to " + fb.sendFormat() + " at ptime " + fb.ptimeMillis() + " ms: across RTP clocks each "
                    + "packet is transcoded into one packet of the same duration (no re-framing); give both legs "
                    + "the same ptime");
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
        return "MediaRelay[" + a.localAddress() + " (" + SessionFormats.of(a).sendFormat() + ") <-> "
                + b.localAddress() + " (" + SessionFormats.of(b).sendFormat() + ")" + (closed ? ", closed" : "") + "]";
    }
}
