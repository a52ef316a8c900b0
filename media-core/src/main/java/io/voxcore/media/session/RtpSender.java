package io.voxcore.media.session;

import io.voxcore.media.codec.ComfortNoiseEncoder;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.TelephoneEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The send side of a session: the media clock, packetizing, sequence numbers, timestamps and the
 * marker bit, and the counters a sender report needs.
 *
 * <h2>Who sends</h2>
 * Two kinds of sender share one RTP stream: the application's thread ({@code send}) and the
 * engine's I/O thread (DTMF events and {@code play}, paced by its timers); a {@link StreamClaim}
 * gives the stream to one at a time, without a lock.
 *
 * <h2>The media clock</h2>
 * The timestamp advances by the samples sent; when a send starts a talkspurt (more than
 * {@code max(100 ms, 2 x ptime)} after the audio sent so far would have finished playing) it also
 * advances by the time elapsed since then, rounded to whole packets, and the marker bit is set
 * (RFC 3550 section 5.1, RFC 3551 section 4.1). Silence from {@code play} and the length of a DTMF
 * event advance it without audio.
 *
 * <h2>Sender-report figures</h2>
 * Packets and octets sent and the last packet's timestamp and time are published together under
 * a sequence lock, so that the RTCP agent on the I/O thread always reads one consistent set.
 */
final class RtpSender {

    private final RtpTransport transport;
    private final SourceLatch latch;
    private final ByteBuffer buffer;
    private final SrtpLayer.Slot srtp;
    private final int clockRate;
    private final int sampleRate;
    private final int channels;
    private final StreamClaim claim = new StreamClaim();
    // What is sent: changed only by the thread holding the stream, from a pending plan.
    private ZeroCopyCodecAdapter encoder;
    private PayloadPlan plan;
    private int payloadType;
    private int eventPayloadType;
    private boolean sends;
    private int shortsPerPacket;
    private int samplesPerPacket;
    private volatile long ptimeNanos;
    private long talkspurtGapNanos;
    private volatile PayloadPlan nextPlan;
    private volatile ZeroCopyCodecAdapter nextEncoder;
    /** Audio waiting for a whole packet; created by the first {@code send} (a relayed leg holds none). */
    private short[] pending;
    private final int maxShorts;

    private volatile long ssrc;
    private volatile boolean eventActive;
    private final AtomicInteger pendingEvents = new AtomicInteger();
    private int pendingCount;
    private int sequence;
    private long timestamp;
    private boolean marker = true;
    private boolean started;
    private long horizonNanos;

    private final SenderFigures figures = new SenderFigures();
    private volatile long packetsUnsent;
    private volatile long packetsSuppressed;
    private volatile long talkspurts;
    private volatile long eventPacketsSent;
    private volatile long dtmfSent;
    private ComfortNoiseEncoder dtx; // silence suppression (RFC 3389), or null
    private volatile long comfortNoiseSent;
    private volatile long silencePackets;

    RtpSender(RtpTransport transport, SourceLatch latch, ZeroCopyCodecAdapter encoder, ByteBuffer buffer,
            PayloadPlan plan, long ssrc, int initialSequence, long initialTimestamp, SrtpLayer.Slot srtp) {
        this.srtp = srtp;
        this.transport = transport;
        this.latch = latch;
        this.buffer = buffer;
        this.clockRate = plan.clockRate;
        this.sampleRate = plan.sampleRate;
        this.channels = plan.channels;
        int maxShorts = sampleRate * MediaSessionConfig.MAX_PTIME_MILLIS / 1000 * channels;
        this.maxShorts = maxShorts;
        use(plan, encoder);
        this.nextPlan = plan;
        this.ssrc = ssrc;
        this.sequence = initialSequence & 0xFFFF;
        this.timestamp = initialTimestamp & 0xFFFF_FFFFL;
    }

    // ---------------------------------------------------------------- what is sent

    private void use(PayloadPlan p, ZeroCopyCodecAdapter e) {
        this.plan = p;
        this.encoder = e;
        this.payloadType = p.sendPayloadType;
        this.eventPayloadType = p.sendEventPayloadType;
        this.sends = p.sends;
        this.samplesPerPacket = clockRate * p.ptimeMillis / 1000; // RTP units: the timestamp step
        this.shortsPerPacket = sampleRate * p.ptimeMillis / 1000 * channels;
        this.ptimeNanos = p.ptimeMillis * 1_000_000L;
        this.talkspurtGapNanos = Math.max(100, 2L * p.ptimeMillis) * 1_000_000L;
        if (pendingCount >= shortsPerPacket) {
            pendingCount = 0; // a shorter ptime than the remainder waiting: that remainder is dropped
        }
    }

    /**
     * Changes what is sent (a re-INVITE): codec, payload types, ptime, direction. Takes effect
     * with the next packet of whichever thread sends it; the sequence numbers, the timestamps and
     * the SSRC carry on (same clock rate). Any thread.
     *
     * @param p the new plan, at this sender's clock rate and channel count
     * @param e its encoder (the current one when the codec is unchanged)
     */
    void plan(PayloadPlan p, ZeroCopyCodecAdapter e) {
        this.nextEncoder = e;
        this.nextPlan = p;
    }

    /** The thread holding the stream takes a pending plan. */
    void takePlan() {
        PayloadPlan p = nextPlan;
        if (p != plan) {
            use(p, nextEncoder);
        }
    }

    /** {@return the plan in force or pending} */
    PayloadPlan plan() {
        return nextPlan;
    }

    /** {@return the encoder in force or pending} */
    ZeroCopyCodecAdapter encoder() {
        PayloadPlan p = nextPlan;
        return p == plan ? encoder : nextEncoder;
    }

    /** {@return who holds the stream now: the application's thread, the I/O thread, or no one} */
    StreamClaim claim() {
        return claim;
    }

    // ---------------------------------------------------------------- audio

    /**
     * Packetizes and sends audio; the caller holds the stream. A remainder waits for the next call.
     *
     * @param pcm interleaved samples
     * @param offset first sample
     * @param length samples, whole sampling instants
     * @param now System.nanoTime()
     */
    void sendAudio(short[] pcm, int offset, int length, long now) {
        takePlan();
        if (!sends) {
            packetsSuppressed = packetsSuppressed + (pendingCount + length) / shortsPerPacket;
            pendingCount = 0;
            return; // hold (sendonly peer, inactive): nothing is sent; the clock catches up on resume
        }
        if (eventActive || pendingEvents.get() > 0) {
            packetsSuppressed = packetsSuppressed + (pendingCount + length) / shortsPerPacket;
            return; // RFC 4733 2.5.1.1: the event replaces the audio while it lasts
        }
        alignClock(now);
        horizonNanos = Math.max(horizonNanos, now) + (long) (length / channels) * 1_000_000_000L / sampleRate;
        if (pending == null) {
            pending = new short[maxShorts];
        }
        while (length > 0) {
            if (pendingCount == 0 && length >= shortsPerPacket) {
                audioPacket(pcm, offset, now);
                offset += shortsPerPacket;
                length -= shortsPerPacket;
                continue;
            }
            int take = Math.min(length, shortsPerPacket - pendingCount);
            System.arraycopy(pcm, offset, pending, pendingCount, take);
            pendingCount += take;
            offset += take;
            length -= take;
            if (pendingCount == shortsPerPacket) {
                audioPacket(pending, 0, now);
                pendingCount = 0;
            }
        }
    }

    /**
     * Sends one packet of audio paced by the engine ({@code play}): {@code count} samples, padded
     * with silence to a whole packet; {@code count == 0} is silence, which advances the media
     * clock without sending (the next audio starts a talkspurt). The caller holds the stream.
     *
     * @param pcm samples, {@code count} of them from index 0
     * @param count samples read from the source, 0 to a packet's worth
     * @param now System.nanoTime()
     */
    void sendPacedPacket(short[] pcm, int count, long now) {
        takePlan();
        if (eventActive || pendingEvents.get() > 0) {
            return; // the player pauses while an event is sent; the event advances the clock
        }
        if (count > 0 && !sends) {
            packetsSuppressed = packetsSuppressed + 1; // on hold: the prompt's audio is not sent, its time passes
        }
        if (count == 0 || !sends) {
            timestamp = (timestamp + samplesPerPacket) & 0xFFFF_FFFFL;
            horizonNanos = Math.max(horizonNanos, now) + ptimeNanos;
            marker = true;
            return;
        }
        if (count < shortsPerPacket) {
            java.util.Arrays.fill(pcm, count, shortsPerPacket, (short) 0);
        }
        alignClock(now);
        horizonNanos = Math.max(horizonNanos, now) + ptimeNanos;
        audioPacket(pcm, 0, now);
    }

    /** A talkspurt starting after a pause: the timestamp catches up with the time that passed. */
    private void alignClock(long now) {
        if (!started) {
            return;
        }
        long idle = now - horizonNanos;
        if (idle > talkspurtGapNanos) {
            long packets = Math.round(idle / (double) ptimeNanos);
            timestamp = (timestamp + packets * samplesPerPacket) & 0xFFFF_FFFFL;
            marker = true;
        }
    }

    private void audioPacket(short[] pcm, int offset, long now) {
        ComfortNoiseEncoder.Action a = dtx == null || plan.sendComfortNoisePayloadType < 0
                ? ComfortNoiseEncoder.Action.SPEECH : dtx.offer(pcm, offset, shortsPerPacket);
        if (a == ComfortNoiseEncoder.Action.NOTHING) { // silence already described: the clock runs on
            silencePackets = silencePackets + 1;
            timestamp = (timestamp + samplesPerPacket) & 0xFFFF_FFFFL;
            return;
        }
        boolean cn = a == ComfortNoiseEncoder.Action.COMFORT_NOISE; // RFC 3389 4: the frame's timestamp, no marker
        marker |= a == ComfortNoiseEncoder.Action.TALKSPURT_START; // RFC 3551 4.1
        ByteBuffer b = buffer;
        b.clear();
        RtpPacket.writeHeader(b, 0, marker && !cn, cn ? plan.sendComfortNoisePayloadType : payloadType, sequence,
                timestamp, ssrc);
        b.position(RtpPacket.FIXED_HEADER_LENGTH);
        int bytes = cn ? dtx.writePayload(b, RtpPacket.FIXED_HEADER_LENGTH)
                : encoder.encodeToBuffer(pcm, offset, shortsPerPacket, b);
        b.limit(RtpPacket.FIXED_HEADER_LENGTH + bytes).position(0);
        boolean written = write(b, bytes, timestamp, now);
        if (written && marker && !cn) {
            talkspurts = talkspurts + 1;
        }
        if (cn) {
            silencePackets = silencePackets + 1;
            comfortNoiseSent = comfortNoiseSent + (written ? 1 : 0);
        }
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + samplesPerPacket) & 0xFFFF_FFFFL;
        marker &= cn; // a CN packet leaves a pending marker for the speech after it
        started = true;
    }

    /**
     * Turns silence suppression on or off (before the first send): in silence, a comfort-noise
     * packet instead of the audio when silence starts or changes, nothing otherwise. Works while
     * the plan has a comfort-noise payload type to send with.
     *
     * @param encoder the decisions, or null for off
     */
    void silenceSuppression(ComfortNoiseEncoder encoder) {
        this.dtx = encoder;
    }

    // ---------------------------------------------------------------- telephone events

    /**
     * A DTMF request was made: from now until it is done, audio is suppressed, so that audio
     * given to {@code send} after {@code sendDtmf} never goes out ahead of the digits. Any thread.
     */
    void eventRequested() {
        pendingEvents.incrementAndGet();
    }

    /** A DTMF request is done (sent or cancelled). I/O thread. */
    void eventRequestDone() {
        pendingEvents.decrementAndGet();
    }

    /**
     * Starts an event: audio is suppressed until {@link #endEvent}; the event starts at the
     * media clock's current position. The caller holds the stream.
     *
     * @param now System.nanoTime()
     * @return the event's RTP timestamp
     */
    long beginEvent(long now) {
        takePlan();
        alignClock(now);
        eventActive = true;
        pendingCount = 0; // audio cut short by the event is not sent after it
        return timestamp;
    }

    /**
     * Sends one event packet (RFC 4733 2.5.1): the caller holds the stream.
     *
     * @param first the event's first packet (marker bit)
     * @param start the event's timestamp
     * @param event the event code
     * @param end the E bit
     * @param volume 0-63
     * @param duration in RTP units so far
     * @param now System.nanoTime()
     */
    void eventPacket(boolean first, long start, int event, boolean end, int volume, int duration, long now) {
        ByteBuffer b = buffer;
        b.clear();
        RtpPacket.writeHeader(b, 0, first, eventPayloadType, sequence, start, ssrc);
        TelephoneEvent.write(b, RtpPacket.FIXED_HEADER_LENGTH, event, end, volume, duration);
        b.limit(RtpPacket.FIXED_HEADER_LENGTH + TelephoneEvent.BLOCK_LENGTH).position(0);
        if (write(b, TelephoneEvent.BLOCK_LENGTH, start, now)) {
            eventPacketsSent = eventPacketsSent + 1;
        }
        sequence = (sequence + 1) & 0xFFFF;
        started = true;
    }

    /**
     * Ends an event: audio continues after the time it occupied. The caller holds the stream.
     *
     * @param start the event's timestamp
     * @param occupied RTP units the event took on the stream's line
     * @param now System.nanoTime()
     */
    void endEvent(long start, long occupied, long now) {
        timestamp = (start + occupied) & 0xFFFF_FFFFL;
        horizonNanos = now;
        marker = true;
        eventActive = false;
        dtmfSent = dtmfSent + 1;
    }

    /**
     * Advances the media clock without sending (a pause between two queued digits). The caller
     * holds the stream.
     *
     * @param samples RTP units
     * @param now System.nanoTime()
     */
    void advance(long samples, long now) {
        timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
        horizonNanos = now;
    }

    // ---------------------------------------------------------------- forwarding

    /**
     * Writes a prepared packet for a forwarding path (the relay): its sequence numbers and
     * timestamps are the caller's. Any one thread.
     *
     * @param b the packet's buffer; position and limit are set to the packet
     * @param offset the packet's first byte
     * @param length the packet's length, at least 12
     * @return true if written
     */
    boolean forward(ByteBuffer b, int offset, int length) {
        int at = offset + RtpPacket.TIMESTAMP_OFFSET;
        long ts = (b.get(at) & 0xFFL) << 24 | (b.get(at + 1) & 0xFF) << 16 | (b.get(at + 2) & 0xFF) << 8
                | (b.get(at + 3) & 0xFF);
        b.limit(offset + length).position(offset);
        return write(b, length - RtpPacket.FIXED_HEADER_LENGTH, ts, System.nanoTime());
    }

    private boolean write(ByteBuffer b, int payloadBytes, long sentTimestamp, long now) {
        InetSocketAddress to = latch.remote();
        SrtpLayer secure = srtp.layer;
        if (secure != null && to != null) {
            int start = b.position();
            int n = secure.protectRtp(b, start, b.limit() - start);
            if (n < 0) {
                packetsUnsent = packetsUnsent + 1; // never sent in the clear
                return false;
            }
            b.limit(start + n).position(start);
        }
        if (to == null || !transport.writeRtp(b, to)) {
            packetsUnsent = packetsUnsent + 1;
            return false;
        }
        figures.sent(payloadBytes, sentTimestamp, now);
        return true;
    }

    // ---------------------------------------------------------------- figures

    /**
     * Reads packets, octets and the last packet's timestamp and time as one consistent set.
     * Any thread.
     *
     * @param into where to put them
     */
    void readFigures(SenderFigures.Snapshot into) {
        figures.read(into);
    }

    /**
     * The send statistics.
     *
     * @return a snapshot
     */
    SendStatistics statistics() {
        SenderFigures.Snapshot f = new SenderFigures.Snapshot();
        figures.read(f);
        return new SendStatistics(ssrc, f.packetsSent, f.octetsSent, packetsUnsent, packetsSuppressed, talkspurts,
                silencePackets, comfortNoiseSent);
    }

    long eventPacketsSent() {
        return eventPacketsSent;
    }

    long dtmfSent() {
        return dtmfSent;
    }

    /** This stream's SSRC. @return 0 to 2^32-1 */
    long ssrc() {
        return ssrc;
    }

    /**
     * Changes the SSRC after a collision (RFC 3550 8.2). Any thread; takes effect with the next packet.
     *
     * @param newSsrc the new identifier
     */
    void ssrc(long newSsrc) {
        this.ssrc = newSsrc;
    }

    /** Samples per channel in one packet. @return ptime at the clock rate */
    int samplesPerPacket() {
        return samplesPerPacket;
    }

    /** {@return the samples of all channels in a packet of the longest ptime} */
    int maxShortsPerPacket() {
        return maxShorts;
    }

    /** Samples of all channels in one packet. @return samplesPerPacket x channels */
    int shortsPerPacket() {
        return shortsPerPacket;
    }

    /** The packet interval. @return ptime in nanoseconds */
    long ptimeNanos() {
        return ptimeNanos;
    }

    /** The RTP clock rate. @return Hz */
    int clockRate() {
        return clockRate;
    }

    /** {@return the sample rate of the audio given to send, Hz (twice the RTP clock for G.722)} */
    int sampleRate() {
        return sampleRate;
    }

    /** Channels. @return samples per sampling instant */
    int channels() {
        return channels;
    }
}
