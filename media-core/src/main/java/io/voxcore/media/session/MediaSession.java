package io.voxcore.media.session;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import io.voxcore.media.sdp.NegotiatedMedia;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One RTP stream pair over UDP: a SIP call's media leg. Sends {@link AudioFrame}s (or plays a
 * {@link PcmSource} at real time) as RTP, receives RTP into an adaptive jitter buffer and hands
 * the decoded audio, in order, lost packets concealed ({@link GapPolicy}) and other gaps reported,
 * to a listener, a {@link PcmSink}, a pull queue or a fixed-cadence {@link #read}; sends and
 * receives RFC 4733 DTMF; reports with RTCP. Created by
 * {@link MediaEngine#createSession}, which binds the sockets; {@link #start()} begins receiving;
 * {@link #close()} frees the ports.
 *
 * <p>This class is the facade and the threading rules; the work is done by its parts, each with
 * one job ({@code docs/sessions.md} draws them and says who calls whom).
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>{@link #send(short[], int, int)}: one application thread at a time (a second one
 *   entering throws {@link IllegalStateException}); any thread, a callback included.</li>
 *   <li>{@link #sendDtmf}, {@link #play}: return at once; the engine's I/O thread sends the
 *   packets at their time. No application thread waits for a tone or a prompt.</li>
 *   <li>{@link #close()}: any thread, any time. From an application thread it returns when the
 *   ports are free, after a {@code send} running on another thread has written its packets. From
 *   the engine's I/O thread (a callback) it never waits: the sockets close when the callback
 *   returns, or when that other thread's {@code send} returns.</li>
 *   <li>{@link #statistics()}, {@link #remoteAddress(InetSocketAddress)}, {@link #start()}: from an
 *   application thread they wait briefly for the session's I/O thread; from any engine I/O thread
 *   they never wait ({@code statistics()} then reads the counters as they stand).</li>
 *   <li>Callbacks (listeners, sinks, the tap, a {@code PcmSource}) run on the session's I/O thread;
 *   whatever they throw, {@link Error}s included, is caught, counted ({@code listenerErrors}) and
 *   logged at most once a second.</li>
 * </ul>
 */
public final class MediaSession implements AutoCloseable {


    private final MediaEngine engine;
    private final IoLoop loop;
    private final MediaSessionConfig config;
    private final BufferPool pool;
    private final SessionParts parts;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean tornDown = new AtomicBoolean();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile PcmPlayer playback;
    private volatile SessionStatistics finalStatistics;

    MediaSession(MediaEngine engine, IoLoop loop, MediaSessionConfig config, BufferPool pool, int socketBufferSize)
            throws IOException {
        this.engine = engine;
        this.loop = loop;
        this.config = config;
        this.pool = pool;
        this.parts = new SessionParts(loop, config, pool, socketBufferSize, engine.ports(), this::onOwnSsrc, () -> closed);
    }

    /**
     * Begins receiving: registers the sockets with the engine's I/O thread and starts RTCP.
     * Packets that arrived since creation wait in the socket and are read now. Idempotent. From an
     * engine I/O thread it does not wait for the registration.
     *
     * @throws IllegalStateException if the session is closed
     */
    public void start() {
        requireOpen();
        if (started) {
            return;
        }
        started = true;
        LoopCalls.run(loop, () -> {
            if (closed) {
                return;
            }
            try {
                parts.transport.register(loop, parts.demux);
            } catch (IOException e) {
                throw new IllegalStateException("cannot register session " + parts.transport.localAddress()
                        + " with its I/O thread", e);
            }
            if (parts.rtcp != null) {
                parts.rtcp.start(System.nanoTime());
            }
            parts.events.start(parts.receiver::lastMediaNanos, () -> parts.receiver.plan().receives, System.nanoTime());
        });
    }

    /** {@return the session's parts (tests, and SessionFormats)} */
    SessionParts parts() {
        return parts;
    }

    /** {@return the session's I/O thread (tests)} */
    IoLoop loop() {
        return loop;
    }

    /**
     * Sends a frame: its samples are cut into packets of {@code ptime}; a remainder waits for the
     * next call. The frame's own timestamp is not used: the session's media clock is.
     *
     * @param frame audio at the codec's rate and channel count
     * @throws IllegalArgumentException naming the values when the rate or channels differ
     * @throws IllegalStateException if the session is closed, playing a source, or another thread
     *     is in a send call
     */
    public void send(AudioFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.sampleRate() != parts.sender.sampleRate() || frame.channels() != parts.sender.channels()) {
            throw new IllegalArgumentException("frame is " + frame.sampleRate() + " Hz, " + frame.channels()
                    + " channel(s); session sends " + config.codec().name() + " at " + parts.sender.sampleRate() + " Hz, "
                    + parts.sender.channels() + " channel(s)");
        }
        short[] samples = frame.samples();
        send(samples, 0, samples.length);
    }

    /**
     * Sends interleaved PCM at the codec's rate and channel count, without allocating: cut into
     * packets of {@code ptime}; a remainder waits for the next call. A call that starts a
     * talkspurt after a pause sets the marker bit and moves the timestamp on by the pause.
     *
     * @param pcm the samples
     * @param offset index of the first
     * @param length number of samples, all channels together, a multiple of the channel count
     * @throws IllegalArgumentException when {@code length} is not whole sampling instants
     * @throws IndexOutOfBoundsException when the range lies outside {@code pcm}
     * @throws IllegalStateException if the session is closed, playing a source, or another thread
     *     is in a send call
     */
    public void send(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (length % parts.sender.channels() != 0) {
            throw new IllegalArgumentException(length + " samples is not a multiple of " + parts.sender.channels()
                    + " channels");
        }
        if (playback != null) {
            throw new IllegalStateException("session " + parts.transport.localAddress()
                    + " is playing a source; cancel the playback before sending");
        }
        parts.sender.claim().enterUser(parts.transport.localAddress());
        boolean closedMeanwhile = false;
        try {
            parts.sender.sendAudio(pcm, offset, length, System.nanoTime());
        } finally {
            closedMeanwhile = parts.sender.claim().exitUser();
        }
        if (closedMeanwhile) {
            teardownOnce(); // close() came from the I/O thread while this call ran: finish it here
        }
    }

    /**
     * Plays audio at real time from the engine's timers: one packet per {@code ptime} from the
     * source, with no application thread involved. While it plays, {@code send} is refused;
     * DTMF may be sent (the playback pauses for the event).
     *
     * @param source the audio; called on the I/O thread
     * @return the playback, to wait for or cancel
     * @throws IllegalStateException if closed, or a playback is running
     */
    public Playback play(PcmSource source) {
        Objects.requireNonNull(source, "source");
        requireOpen();
        PcmPlayer player = new PcmPlayer(parts.sender, loop, source, parts.guard, () -> playback = null);
        synchronized (this) {
            if (playback != null) {
                throw new IllegalStateException("session " + parts.transport.localAddress() + " is already playing");
            }
            playback = player;
        }
        loop.execute(() -> player.start(System.nanoTime()));
        return player;
    }

    /**
     * Sends one DTMF digit as an RFC 4733 telephone event and returns at once; the engine's
     * timers send its packets (first, updates every {@code ptime}, three end packets) and the
     * returned stage completes when the last is out. Audio given to {@code send} from this call
     * until the stage completes is suppressed (RFC 4733 2.5.1.1; counted as
     * {@code packetsSuppressed}), never sent ahead of the digit; wait for the stage before
     * sending the audio that follows the digit.
     *
     * @param digit one of {@code 0-9 * # A-D} (a-d accepted)
     * @param duration the tone's length: at least 10 ms, at most 65,535 RTP timestamp units
     * @param volume the power level as 0 to 63, meaning 0 to -63 dBm0 (10 is customary)
     * @return completes when the event was sent; exceptionally if the session closes first
     * @throws IllegalArgumentException naming the value when the digit, duration or volume is invalid
     * @throws IllegalStateException if the session is closed
     */
    public CompletionStage<Void> sendDtmf(char digit, Duration duration, int volume) {
        return sendDtmf(String.valueOf(digit), duration, volume);
    }

    /**
     * Sends DTMF digits one after another as {@link #sendDtmf(char, Duration, int)}, with a pause
     * as long as a tone between two digits (nothing is sent in it; the timestamp advances).
     * Returns at once.
     *
     * @param digits characters of {@code 0-9 * # A-D}, at least one
     * @param duration each tone's length
     * @param volume the power level, 0-63 (-dBm0)
     * @return completes when the last digit was sent
     * @throws IllegalArgumentException naming the character and its index when one is not a digit,
     *     or the value when the duration or volume is invalid; nothing is sent then
     * @throws IllegalStateException if the session is closed, on hold (the direction sends
     *     nothing), or telephone-event was not negotiated
     */
    public CompletionStage<Void> sendDtmf(String digits, Duration duration, int volume) {
        return DtmfRequests.submit(parts, loop, DtmfRequests.job(digits, duration, volume, parts.sender.clockRate()),
                () -> closed);
    }

    /**
     * Writes a prepared RTP packet to this session's remote: the send half of a forwarding path
     * (see {@link RtpTap}). Counted as sent and used for sender reports, so a session written to
     * this way is not also sent to with {@code send} or {@code sendDtmf}: its sequence numbers
     * are the caller's. Protected with SRTP when the session negotiated it. Allocation-free. One
     * forwarding thread.
     *
     * @param buffer the packet's buffer; its position and limit are changed
     * @param offset index of the packet's first byte
     * @param length the packet's length, at least 12
     * @return true if written; false (counted as unsent) without a remote, when closed, or refused
     * @throws IndexOutOfBoundsException if the range lies outside the buffer
     * @throws IllegalArgumentException if {@code length} is below 12
     */
    public boolean trySendRtp(ByteBuffer buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        if (length < RtpPacket.FIXED_HEADER_LENGTH) {
            throw new IllegalArgumentException("an RTP packet is at least 12 bytes, got " + length);
        }
        return !closed && parts.sender.forward(buffer, offset, length);
    }

    /**
     * Sets the forwarding hook: every accepted packet goes to it instead of the jitter buffer,
     * the decoder and the audio and DTMF callbacks. Takes effect for the next packet: from an
     * application thread this returns once the I/O thread is between packets, so after
     * {@code tap(null)} returns the old tap is never called again.
     *
     * @param tap the hook, or null to buffer and decode again
     * @return this
     */
    public MediaSession tap(RtpTap tap) {
        LoopCalls.run(loop, () -> parts.receiver.tap(tap));
        return this;
    }

    /** {@return the forwarding hook, or empty when none is set} */
    public Optional<RtpTap> tap() {
        return Optional.ofNullable(parts.receiver.tap());
    }

    /**
     * Sets the listener for received DTMF digits; see {@link DtmfEvent} for when it is called.
     *
     * @param listener the listener, or null for none (events are still counted)
     * @return this
     */
    public MediaSession onDtmf(DtmfListener listener) {
        parts.dtmfReceiver.listener(listener);
        return this;
    }

    /**
     * Sets the listener for decoded audio and gaps; replaces any {@link PcmSink}.
     *
     * @param listener the listener, or null to fall back to the pull queue
     * @return this
     */
    public MediaSession onAudio(AudioListener listener) {
        parts.playout.listener(listener);
        return this;
    }

    /**
     * Sets the allocation-free parts.receiver; replaces any {@link AudioListener}.
     *
     * @param sink the sink, or null to fall back to the pull queue
     * @return this
     */
    public MediaSession onPcm(PcmSink sink) {
        parts.playout.sink(sink);
        return this;
    }

    /** {@return the next frame from the pull queue (filled while no listener or sink is set), or null} */
    public AudioFrame poll() {
        return parts.playout.poll();
    }

    /**
     * Waits for the next decoded frame from the pull queue.
     *
     * @param timeout how long to wait
     * @return the frame, or null on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public AudioFrame receive(Duration timeout) throws InterruptedException {
        return parts.playout.receive(timeout);
    }

    /**
     * The fixed-cadence pull for a consumer with its own clock: fills exactly {@code samples}
     * samples (audio, concealment, comfort noise, silence) on every call; never waits, allocates
     * nothing. A delivery mode of its own: the first call moves delivery from the pull queue to a
     * lock-free ring; it refuses to run while a listener or sink is set. One reader thread.
     * Cushion, padding and drift: {@code docs/playout.md}.
     *
     * @param pcm where to write, interleaved at the codec's rate and channel count
     * @param offset index of the first sample
     * @param samples how many, all channels together, a multiple of the channel count
     * @return how many of them, from the start, came from the stream; the rest is silence
     * @throws IndexOutOfBoundsException if the range lies outside {@code pcm}
     * @throws IllegalArgumentException if {@code samples} is not whole sampling instants
     * @throws IllegalStateException if a listener or sink is set, or another thread is in a read call
     */
    public int read(short[] pcm, int offset, int samples) {
        return parts.playout.read(pcm, offset, samples);
    }

    /**
     * Sets the peer's RTP address (from signalling: an answer, a re-INVITE, a transfer), replacing
     * any configured or latched one. The latched SSRC is forgotten, so the new peer's first packet
     * is accepted at once, and reception statistics start again for it (totals carry over).
     *
     * @param address the remote RTP address, resolved
     * @return this
     * @throws IllegalArgumentException if unresolved or without a port
     */
    public MediaSession remoteAddress(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || address.getPort() == 0) {
            throw new IllegalArgumentException("remote address must be resolved with a port, got " + address);
        }
        Renegotiation.remote(parts, loop, config, address, () -> closed);
        return this;
    }

    /**
     * Applies a new offer/answer outcome (the answer to our offer, a re-INVITE, an UPDATE) without
     * closing the session or losing its statistics: payload types accepted (each decoded by its
     * own codec), the send codec (from the next packet; SSRC, sequence and timestamps carry on),
     * ptime, the direction (hold: nothing sent, RTCP and the media clock run on), remote RTP and
     * RTCP addresses (a new one is a new peer), rtcp-mux and SRTP keys. See {@code docs/sdp.md}.
     *
     * @param negotiated the outcome of {@link io.voxcore.media.sdp.OfferAnswer}
     * @return this
     * @throws IllegalArgumentException naming the format that cannot be carried; nothing changed
     * @throws IllegalStateException if the session is closed
     */
    public MediaSession update(NegotiatedMedia negotiated) {
        Objects.requireNonNull(negotiated, "negotiated");
        requireOpen();
        Renegotiation.apply(parts, loop, config, negotiated);
        return this;
    }

    /**
     * Sets the listener for {@link MediaEvent}s (RTP timeout, source, SSRC and codec changes, BYE).
     *
     * @param listener called on the I/O thread, or null for none
     * @return this
     */
    public MediaSession onEvent(MediaEventListener listener) {
        parts.events.listener(listener);
        return this;
    }

    /** {@return the remote RTP address (configured, set, or latched), or empty before it is known} */
    public Optional<InetSocketAddress> remoteAddress() {
        return Optional.ofNullable(parts.latch.remote());
    }

    /** {@return the bound RTP address, with the port actually bound} */
    public InetSocketAddress localAddress() {
        return parts.transport.localAddress();
    }

    /** {@return the bound RTCP address in {@link RtcpMode#NEXT_PORT} mode; empty when off or multiplexed} */
    public Optional<InetSocketAddress> rtcpLocalAddress() {
        return Optional.ofNullable(parts.transport.rtcpLocalAddress());
    }

    /** {@return this session's SSRC, 0 to 2^32-1; it changes only after a collision (RFC 3550 8.2)} */
    public long ssrc() {
        return parts.sender.ssrc();
    }

    /** {@return the settings the session was made with} */
    public MediaSessionConfig config() {
        return config;
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * A snapshot of the counters: consistent when called from an application thread (taken on the
     * session's I/O thread, which this call waits for briefly); from an engine I/O thread it never
     * waits and reads the counters as they stand. After close, the final figures.
     *
     * @return the statistics
     */
    public SessionStatistics statistics() {
        SessionStatistics done = finalStatistics;
        if (done != null) {
            return done;
        }
        if (loop.inLoop() || IoLoop.onAnyLoop() || !loop.thread().isAlive()) {
            return parts.snapshot();
        }
        SessionStatistics[] out = new SessionStatistics[1];
        LoopCalls.run(loop, () -> out[0] = parts.snapshot());
        return out[0] != null ? out[0] : parts.snapshot();
    }

    /**
     * Stops the session: no more sending, receiving or callbacks; an RTCP BYE goes out; the ports
     * and pooled buffers are freed. Idempotent; any thread. From an application thread it returns
     * when the ports can be bound again, after a {@code send} running on another thread has
     * written its packets; from the engine's I/O thread (a callback) it never waits. A remainder
     * shorter than a packet is discarded, as is the jitter buffer's content; DTMF not yet sent
     * fails its stage; a playback ends exceptionally.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            if (!loop.inLoop() && !IoLoop.onAnyLoop()) {
                closedFuture.join();
            }
            return;
        }
        closed = true;
        boolean userSending = parts.sender.claim().close();
        if (userSending) {
            if (loop.inLoop() || IoLoop.onAnyLoop()) {
                return; // the sending thread finishes the close when its send returns
            }
            closedFuture.join(); // it does so now; wait for the ports
            return;
        }
        teardownOnce();
    }

    private void teardownOnce() {
        if (!tornDown.compareAndSet(false, true)) {
            return;
        }
        LoopCalls.runTeardown(loop, () -> {
            teardown();
            parts.release(pool);
            engine.forget(this);
            closedFuture.complete(null);
        }, parts.transport.localAddress());
    }

    /** I/O thread (or the caller when the loop is dead). */
    private void teardown() {
        PcmPlayer p = playback;
        if (p != null) {
            p.finish(new IllegalStateException("session closed during playback"));
        }
        finalStatistics = parts.stop(loop, started);
    }

    private boolean onOwnSsrc(SocketAddress from) {
        return parts.collisions.onOwnSsrc(from, started);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("session " + parts.transport.localAddress() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "MediaSession[" + parts.transport.localAddress() + " -> " + parts.latch.remote() + ", "
                + config.codec().name() + " pt=" + config.payloadType() + " ssrc=" + Long.toHexString(parts.sender.ssrc())
                + (closed ? ", closed" : "") + "]";
    }
}
