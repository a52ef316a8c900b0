package io.voxcore.media.session;

import io.voxcore.media.codec.ComfortNoiseDecoder;
import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.rtp.ReceptionStatistics;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.RtpValidation;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The receive path of one session, stage by stage: validate the datagram as RTP, check its
 * payload type, ask the {@link SourceLatch} whether its source is accepted, count it (RFC 3550
 * appendix A.1, A.3, A.8), then hand it to the forwarding tap, the {@link DtmfReceiver}, or the
 * jitter buffer and the decoder. Every datagram ends up in exactly one counter; nothing here
 * throws on any content.
 *
 * <p>I/O thread only, except {@link #tap(RtpTap)} and the listeners' setters.
 */
final class ReceivePipeline {

    /** What the session must do about a packet that carries its own SSRC. */
    interface CollisionHandler {
        /**
         * A packet arrived with this session's SSRC.
         *
         * @param from its source (the remote for a connected socket)
         * @return true if this was the first from that source (a collision: change the SSRC);
         *     false for a known source (a loop: just drop it)
         */
        boolean onOwnSsrc(SocketAddress from);
    }

    private static final RtpValidation[] VALIDATIONS = RtpValidation.values();

    private final SourceLatch latch;
    private PayloadPlan plan;
    private ZeroCopyCodecAdapter[] decoders;
    private final ComfortNoiseDecoder comfortNoise;
    private final SessionEvents events;
    private int lastAudioPayloadType = -1;
    private long lastMediaNanos;
    private final DtmfReceiver dtmf;
    private final Playout playout;
    private final CallbackGuard guard;
    private final TimerQueue timers;
    private final CollisionHandler collisions;
    private final RtpSender sender;
    private final int clockRate;
    private final int sampleRate;
    private final int channels;
    private final long epochNanos;
    private final long minDelay;
    private final long maxDelay;
    private final int jitterSlots;
    private final RtpPacket packet = new RtpPacket();
    private final PlayoutTimer playoutTimer = new PlayoutTimer();
    private volatile RtpTap tap;

    private ReceptionStatistics reception = new ReceptionStatistics();
    private final StreamContinuity continuity;
    /** Created with the first packet to play (a relayed session, whose packets go to the tap, holds none). */
    private JitterBuffer jitter;
    private boolean needConnect;
    private final long[] malformed = new long[VALIDATIONS.length];
    private long packetsReceived;
    private long octetsReceived;
    private long priorExpected;
    private long priorLost;
    private long priorDuplicates;
    private long priorReordered;
    private long late;
    private long bufferDuplicates;
    private long badSequence;
    private long wrongPayloadType;
    private long foreignAddress;
    private long foreignSsrc;
    private long ownSsrc;
    private long undecodable;
    private long notReceiving;
    private long priorShortened;
    private long comfortNoisePackets;
    private int lastFractionLost;
    private Runnable onSourceChange = () -> { };

    ReceivePipeline(MediaSessionConfig config, PayloadPlan plan, SourceLatch latch, DtmfReceiver dtmf,
            Playout playout, CallbackGuard guard, TimerQueue timers, CollisionHandler collisions, RtpSender sender,
            SessionEvents events, long epochNanos) {
        this.latch = latch;
        this.plan = plan;
        this.decoders = plan.decoders(null, null);
        playout.decoders(decoders);
        this.comfortNoise = playout.comfortNoise();
        this.events = events;
        this.dtmf = dtmf;
        this.playout = playout;
        this.guard = guard;
        this.timers = timers;
        this.collisions = collisions;
        this.sender = sender;
        this.clockRate = plan.clockRate;
        this.sampleRate = plan.sampleRate;
        this.channels = plan.channels;
        this.epochNanos = epochNanos;
        long msToRtp = clockRate / 1000L;
        this.minDelay = config.jitterMinDelayMillis() * msToRtp;
        this.maxDelay = config.jitterMaxDelayMillis() * msToRtp;
        this.jitterSlots = (int) Math.min(4096,
                Math.max(64, 4L * config.jitterMaxDelayMillis() / MediaSessionConfig.MIN_PTIME_MILLIS));
        this.continuity = new StreamContinuity(clockRate, maxDelay + clockRate / 5L);
    }

    private JitterBuffer jitter() {
        JitterBuffer j = jitter;
        if (j == null) {
            j = newJitterBuffer();
            jitter = j;
        }
        return j;
    }

    private JitterBuffer newJitterBuffer() {
        return new JitterBuffer(channels, clockRate, sampleRate, minDelay, maxDelay, 2000L * (clockRate / 1000L),
                jitterSlots, playout);
    }

    /** What to run when the source changes (RTCP forgets the old source's sender report). */
    void onSourceChange(Runnable action) {
        this.onSourceChange = action;
    }

    /** Sets the forwarding tap; any thread. @param t the tap, or null */
    void tap(RtpTap t) {
        this.tap = t;
    }

    /** Tells the tap, if any, that the plans changed (a re-INVITE). I/O thread. */
    void formatsChanged() {
        RtpTap t = tap;
        if (t != null) {
            try {
                t.onFormatsChanged();
            } catch (Throwable e) {
                guard.failed("RTP tap", e);
            }
        }
    }

    /** The forwarding tap. @return it, or null */
    RtpTap tap() {
        return tap;
    }

    /** {@return whether a just-latched source waits for the socket to be connected} I/O thread. */
    boolean needsConnect() {
        return needConnect;
    }

    /**
     * Whether a latch learned an address that the socket should now be connected to; clears the
     * flag.
     *
     * @return true once per latch
     */
    boolean takeNeedConnect() {
        boolean n = needConnect;
        needConnect = false;
        return n;
    }

    /**
     * One datagram for the RTP path.
     *
     * @param buf the datagram from index 0; position and limit are changed
     * @param length its length
     * @param from its source, or null on a connected socket
     * @param now its arrival, System.nanoTime() (tests pass their own clock)
     */
    void onDatagram(ByteBuffer buf, int length, SocketAddress from, long now) {
        packet.wrap(buf, 0, length);
        RtpValidation validation = packet.validate();
        if (validation != RtpValidation.VALID) {
            malformed[validation.ordinal()]++;
            return;
        }
        if (from != null && latch.refusesAddress(from)) {
            foreignAddress++;
            return;
        }
        int pt = packet.payloadType();
        byte kind = plan.kind(pt);
        if (kind == PayloadPlan.NONE) {
            wrongPayloadType++; // never learned from: a source latches only on a negotiated payload type
            return;
        }
        if (!plan.receives) {
            notReceiving++; // sendonly or inactive (hold): nothing is played, nothing latches
            return;
        }
        boolean event = kind == PayloadPlan.EVENT;
        int seq = packet.sequenceNumber();
        long previousSsrc = latch.remoteSsrc();
        java.net.InetSocketAddress previousRemote = latch.remote();
        SourceLatch.Verdict verdict = latch.check(from, packet.ssrc(), seq, now, sender.ssrc());
        switch (verdict) {
            case FOREIGN_ADDRESS:
                foreignAddress++;
                return;
            case FOREIGN_SSRC:
                foreignSsrc++;
                return;
            case OWN_SSRC:
                ownSsrc++;
                collisions.onOwnSsrc(from != null ? from : latch.remote());
                return;
            case RELATCHED:
                restartSource();
                events.ssrcChanged(previousSsrc, latch.remoteSsrc());
                if (!latch.remote().equals(previousRemote)) {
                    events.sourceChanged(previousRemote, latch.remote());
                }
                break;
            case REBOUND:
                events.sourceChanged(previousRemote, latch.remote()); // a NAT rebinding: same stream, new address
                break;
            case LATCHED:
                needConnect = from != null && latch.connectable();
                if (previousRemote != null && !previousRemote.equals(latch.remote())) {
                    events.sourceChanged(previousRemote, latch.remote());
                }
                break;
            default:
                break;
        }
        long ts = packet.timestamp();
        long arrival = rtpNow(now);
        if (!reception.isValid() && continuity.isHighest(seq)) {
            bufferDuplicates++; // a copy while A.1 still has the source on probation (A.1 counts none then)
            return;
        }
        if (!continuity.accept(seq, ts, arrival, !event)) {
            badSequence++; // does not fit the stream (forged or mangled): A.1 never sees it
            return;
        }
        ReceptionStatistics.Verdict v = reception.onPacket(seq, ts, arrival, !event);
        if (v == ReceptionStatistics.Verdict.DUPLICATE) {
            return;
        }
        if (v == ReceptionStatistics.Verdict.BAD_SEQUENCE) {
            badSequence++;
            return;
        }
        int payloadOffset = packet.payloadOffset();
        int payloadLength = packet.payloadLength();
        lastMediaNanos = now;
        packetsReceived++;
        octetsReceived += payloadLength;
        RtpTap t = tap;
        if (t != null) {
            try {
                t.onRtp(packet, event);
            } catch (Throwable e) {
                guard.failed("RTP tap", e);
            }
            return;
        }
        if (event) {
            int slot = jitter().prepareEmpty(seq, ts);
            if (slot >= 0) {
                jitter.commit(slot, 0);
                schedulePlayout(jitter.playout(arrival));
            } else if (slot == JitterBuffer.LATE) {
                late++; // its place was already reported missing in a gap
            }
            dtmf.onPacket(buf, payloadOffset, payloadLength, ts, now);
            return;
        }
        if (payloadLength == 0) {
            undecodable++;
            return;
        }
        if (kind == PayloadPlan.COMFORT_NOISE) {
            comfortNoisePackets++;
            buf.limit(payloadOffset + payloadLength).position(payloadOffset);
            if (!comfortNoise.update(buf)) {
                undecodable++;
                return;
            }
        } else if (pt != lastAudioPayloadType) {
            int before = lastAudioPayloadType;
            lastAudioPayloadType = pt;
            if (before >= 0) {
                events.codecChanged(false, pt, plan.encoding(pt)); // RFC 3264 5.1: the peer may switch at any packet
            }
        }
        decodeIntoBuffer(buf, seq, ts, arrival, payloadOffset, payloadLength, kind == PayloadPlan.COMFORT_NOISE, pt);
    }

    private void decodeIntoBuffer(ByteBuffer buf, int seq, long ts, long arrival, int payloadOffset, int payloadLength,
            boolean noise, int pt) {
        ZeroCopyCodecAdapter decoder = pt < decoders.length ? decoders[pt] : null; // null: comfort noise
        int slot = jitter().prepare(seq, ts, arrival, packet.marker());
        if (slot == JitterBuffer.LATE) {
            late++;
            return;
        }
        if (slot == JitterBuffer.DUPLICATE) {
            bufferDuplicates++; // a copy: counted under duplicates, not as received
            packetsReceived--;
            octetsReceived -= payloadLength;
            return;
        }
        int samples;
        if (noise) {
            samples = plan.sampleRate / 1000 * plan.ptimeMillis * channels;
            comfortNoise.generate(jitter.pcm(slot, samples), 0, samples);
        } else if (decoder.concealsLoss()) {
            // decoded in playout order (Playout.onPlayoutEncoded), so that its own concealment and
            // FEC see each loss where it happened
            buf.limit(payloadOffset + payloadLength).position(payloadOffset);
            try {
                samples = decoder.decodedSize(buf);
            } catch (MediaCodecException e) {
                undecodable++;
                return;
            }
            jitter.pcm(slot, samples);
            buf.get(payloadOffset, jitter.payload(slot, payloadLength), 0, payloadLength);
            jitter.commitEncoded(slot, samples, payloadLength, pt);
            schedulePlayout(jitter.playout(arrival));
            return;
        } else {
            short[] pcm = jitter.pcm(slot, decoder.maxDecodedSize(payloadLength));
            buf.limit(payloadOffset + payloadLength).position(payloadOffset);
            try {
                samples = decoder.decodeToBuffer(buf, pcm, 0);
            } catch (MediaCodecException e) {
                undecodable++;
                return;
            }
        }
        jitter.commit(slot, samples, noise);
        schedulePlayout(jitter.playout(arrival));
    }

    /**
     * A new source (re-latch, or a new remote address from signalling): what is buffered plays
     * out, reception statistics start again for the new source (RFC 3550 6.4.1 counts per
     * source; the totals carry over), and the DTMF state is forgotten.
     */
    void restartSource() {
        if (jitter != null) {
            jitter.flush();
        }
        timers.cancel(playoutTimer);
        continuity.reset();
        priorExpected += reception.expected();
        priorLost += reception.cumulativeLost();
        priorDuplicates += reception.duplicates();
        priorReordered += reception.reordered();
        reception = new ReceptionStatistics();
        priorShortened += jitter != null ? jitter.shortenedSilence() : 0;
        jitter = null;
        dtmf.reset();
        playout.sourceChanged();
        onSourceChange.run();
    }

    /** Stops the playout timer (close). */
    void stop() {
        timers.cancel(playoutTimer);
        dtmf.reset();
    }

    private long rtpNow(long nanos) {
        return (nanos - epochNanos) / 1000 * clockRate / 1_000_000L;
    }

    private long rtpToNanos(long rtp) {
        return epochNanos + (rtp * 1_000_000L + clockRate - 1) / clockRate * 1000L + 1000L;
    }

    private void schedulePlayout(long nextRtp) {
        if (nextRtp == Long.MAX_VALUE) {
            timers.cancel(playoutTimer);
        } else {
            timers.schedule(playoutTimer, rtpToNanos(nextRtp));
        }
    }

    private final class PlayoutTimer extends TimerQueue.Timer {
        @Override
        void onTimer(long now) {
            if (jitter != null) {
                schedulePlayout(jitter.playout(rtpNow(now)));
            }
        }
    }

    /**
     * The reception figures of the current source, for an RTCP report block. I/O thread.
     *
     * @return the current source's statistics
     */
    ReceptionStatistics reception() {
        return reception;
    }

    /**
     * Records the fraction lost just reported.
     *
     * @param fraction 8-bit fixed point
     */
    void reportedFractionLost(int fraction) {
        lastFractionLost = fraction;
    }

    /** Packets accepted so far. @return the count */
    long packetsReceived() {
        return packetsReceived;
    }

    /**
     * The receive statistics. I/O thread (or a racy read from another I/O thread).
     *
     * @return a snapshot
     */
    ReceiveStatistics statistics() {
        Map<RtpValidation, Long> bad = new EnumMap<>(RtpValidation.class);
        for (int i = 0; i < malformed.length; i++) {
            if (malformed[i] != 0) {
                bad.put(VALIDATIONS[i], malformed[i]);
            }
        }
        ReceptionStatistics r = reception;
        return new ReceiveStatistics(latch.remoteSsrc(), packetsReceived, octetsReceived,
                priorExpected + r.expected(), priorLost + r.cumulativeLost(), lastFractionLost, r.jitter(), clockRate,
                priorDuplicates + r.duplicates() + bufferDuplicates, priorReordered + r.reordered(), late,
                badSequence, bad, wrongPayloadType, foreignAddress, foreignSsrc, ownSsrc, undecodable + playout.undecodable(),
                playout.gaps(), playout.gapPackets(), guard.failures(), playout.queueOverflows(), notReceiving,
                comfortNoisePackets, playout.concealedSamples(), playout.readPadded(), playout.readDropped(),
                playout.stretchedSamples(),
                (priorShortened + (jitter != null ? jitter.shortenedSilence() : 0)) * sampleRate / clockRate,
                playout.fecRecoveredSamples());
    }

    /**
     * Takes a new payload plan (a re-INVITE): its decoders were made by the caller; the stream's
     * timeline and statistics carry on. I/O thread.
     *
     * @param newPlan the plan, at the same clock rate and channel count
     * @param newDecoders its decoders, indexed by payload type
     */
    void plan(PayloadPlan newPlan, ZeroCopyCodecAdapter[] newDecoders) {
        this.plan = newPlan;
        this.decoders = newDecoders;
        playout.decoders(newDecoders);
        if (lastAudioPayloadType >= 0 && newPlan.kind(lastAudioPayloadType) != PayloadPlan.AUDIO) {
            lastAudioPayloadType = -1;
        }
    }

    /** The plan in force. @return it */
    PayloadPlan plan() {
        return plan;
    }

    /** The decoders in force, by payload type. @return them */
    ZeroCopyCodecAdapter[] decoders() {
        return decoders;
    }

    /**
     * When the last RTP packet was accepted (any negotiated payload type).
     *
     * @return System.nanoTime() of its arrival, or 0 before the first
     */
    long lastMediaNanos() {
        return lastMediaNanos;
    }

    /** Counts an RTCP datagram from a foreign host. */
    void countForeignRtcp() {
        foreignAddress++;
    }

    /**
     * Counts a malformed datagram seen before the RTP stage (an empty one).
     *
     * @param reason why
     */
    void countMalformed(RtpValidation reason) {
        malformed[reason.ordinal()]++;
    }
}
