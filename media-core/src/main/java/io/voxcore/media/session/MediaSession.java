package io.voxcore.media.session;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.codec.CodecFactory;
import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.rtp.NtpTime;
import io.voxcore.media.rtp.ReceptionStatistics;
import io.voxcore.media.rtp.RtcpBye;
import io.voxcore.media.rtp.RtcpInterval;
import io.voxcore.media.rtp.RtcpPacket;
import io.voxcore.media.rtp.RtcpReport;
import io.voxcore.media.rtp.RtcpValidation;
import io.voxcore.media.rtp.RtcpWriter;
import io.voxcore.media.rtp.RtpMath;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.RtpValidation;
import io.voxcore.media.rtp.TelephoneEvent;
import io.voxcore.media.rtp.TelephoneEventValidation;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTP stream pair over UDP: sends {@link AudioFrame}s as RTP, receives RTP into an adaptive
 * jitter buffer and hands the decoded audio, in order, to a listener, a {@link PcmSink} or a pull
 * queue. Created by {@link MediaEngine#createSession}, which binds the sockets; {@link #start()}
 * begins receiving; {@link #close()} frees the ports.
 *
 * <h2>Sending</h2>
 * {@link #send(AudioFrame)} and {@link #send(short[], int, int)} cut the audio into packets of
 * {@code ptime}, encode each straight into the session's pooled direct buffer behind a 12-byte
 * header and write it to the socket on the calling thread. Sequence numbers and timestamps start
 * at random values; the timestamp advances by the samples sent, never by wall time. A remainder
 * shorter than a packet is kept and sent in front of the next call's audio. The marker bit is set
 * on the first packet of a talkspurt: the session's first packet, and the first packet of a call
 * that starts more than {@code max(100 ms, 2 × ptime)} after the audio sent so far would have
 * finished playing in real time (sending faster than real time never starts a talkspurt).
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>{@link #send(AudioFrame)}, {@link #send(short[], int, int)} and {@code sendDtmf}: one
 *   thread at a time (any thread). Two overlapping calls are detected (one compare-and-set per
 *   call, not per packet) and the second throws {@link IllegalStateException}. Sending runs in parallel with the
 *   engine's receiving.</li>
 *   <li>{@link #close()}: any thread, any time, also during a {@code send} on another thread: it
 *   waits for that call to finish, so every packet of a {@code send} call that started before
 *   {@code close()} is written to the socket; only a remainder shorter than a packet is discarded.
 *   A {@code send} starting after {@code close()} throws {@link IllegalStateException}.</li>
 *   <li>{@link #statistics()}, {@link #poll()}, {@link #receive(Duration)},
 *   {@link #remoteAddress(InetSocketAddress)}, {@link #onAudio}, {@link #onPcm}, {@link #start()}:
 *   thread-safe.</li>
 *   <li>{@link #trySendRtp(ByteBuffer, int, int)}: one forwarding thread at a time, not mixed
 *   with {@code send} (not checked).</li>
 *   <li>Callbacks run on the engine's I/O thread.</li>
 * </ul>
 *
 * <h2>Receiving</h2>
 * Runs on the session's engine I/O thread. Each datagram is validated ({@link RtpPacket}), checked
 * against the payload type, the remote address and SSRC (symmetric RTP latching, below), counted
 * per RFC 3550 appendix A, decoded into the jitter buffer and played out when due. Packets may
 * carry any duration, varying from packet to packet.
 *
 * <h2>Symmetric RTP latching</h2>
 * Without a configured remote the session latches to the source address and SSRC of the first
 * valid packet of its payload type; with {@link MediaSessionConfig#connectSocket()} the socket is
 * then connected, so the kernel drops every other source. The address never changes afterwards
 * except by {@link #remoteAddress(InetSocketAddress)}. Another SSRC from the latched address is
 * dropped and counted, unless the latched SSRC has been silent for
 * {@link MediaSessionConfig#relatchSilenceMillis()} and the new SSRC then sends
 * {@link ReceptionStatistics#MIN_SEQUENTIAL} packets in sequence: it replaces the old one (the
 * jitter buffer is flushed and reception statistics restart; the probation packets are dropped).
 *
 * <h2>DTMF (RFC 4733 telephone events)</h2>
 * Events use {@link MediaSessionConfig#telephoneEventPayloadType()} at the codec's clock rate and
 * share the audio stream's SSRC, sequence numbers and timestamp line. {@link #sendDtmf(char,
 * Duration, int)} runs on the sending thread and blocks for the event: a first packet with the
 * marker bit, an update every {@code ptime} with the duration so far, then the end packet (E bit,
 * final duration) three times at the same interval (RFC 4733 sections 2.5.1.2-2.5.1.4), every
 * packet with the event's start timestamp and a new sequence number. The audio is suppressed
 * meanwhile, since the sending thread is busy; the audio timestamp then resumes after the time the
 * event occupied, so the stream stays on its real-time line. On receipt, event packets go through
 * the same address, SSRC and sequence checks and statistics as audio, take their place in the
 * jitter buffer's sequence without audio (no gap is reported for them) and are reported to the
 * {@link DtmfListener}: see {@link DtmfEvent} for when. Only the first event block of a packet is
 * read; events that are not DTMF (codes above 15) are counted but not reported.
 *
 * <h2>Forwarding</h2>
 * A session with an {@link RtpTap} hands every accepted packet to it instead of buffering and
 * decoding it; {@link #trySendRtp(ByteBuffer, int, int)} writes a prepared packet. Together they
 * are the hooks of {@code io.voxcore.media.relay.MediaRelay}.
 *
 * <h2>RTCP</h2>
 * Unless {@link RtcpMode#OFF}, the I/O thread sends a compound report (RFC 3550 section 6.4: a
 * sender report if this session sent RTP since the report before last, else a receiver report,
 * with a report block on the remote SSRC, then SDES with the CNAME) at the randomized interval of
 * section 6.3.1, scaled by {@link MediaSessionConfig#rtcpIntervalMillis()} / 5000 (1 with the
 * default; shorter intervals are not RFC-conformant and meant for tests), and a BYE on close.
 * Incoming compound packets are validated (appendix A.2); a report block about this session
 * yields the round-trip time from LSR and DLSR (section 6.4.1).
 */
public final class MediaSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_READS_PER_WAKEUP = 256;
    private static final RtpValidation[] VALIDATIONS = RtpValidation.values();

    private final MediaEngine engine;
    private final IoLoop loop;
    private final MediaSessionConfig config;
    private final BufferPool pool;
    private final ZeroCopyCodecAdapter encoder;
    private final ZeroCopyCodecAdapter decoder;
    private final int payloadType;
    private final int clockRate;
    private final int channels;
    private final int shortsPerPacket;
    private final long ssrc;
    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress rtcpLocalAddress;
    private final long epochNanos = System.nanoTime();
    private final RateLimitedLog listenerLog = new RateLimitedLog(LOG);
    private final ArrayBlockingQueue<AudioFrame> queue;

    private volatile InetSocketAddress remote;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile AudioListener listener;
    private volatile DtmfListener dtmfListener;
    private volatile RtpTap tap;
    private volatile PcmSink sink;
    private volatile SessionStatistics finalStatistics;
    /** {@link #SEND_IDLE}, {@link #SEND_BUSY} while a send call runs, or {@link #SEND_CLOSED}. */
    private final AtomicInteger sendState = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private static final int SEND_IDLE = 0;
    private static final int SEND_BUSY = 1;
    private static final int SEND_CLOSED = 2;

    // Send side: the sending thread only, except the volatile counters read for statistics.
    private final ByteBuffer sendBuffer;
    private final short[] pending;
    private int pendingCount;
    private int sequence;
    private long timestamp;
    private boolean marker = true;
    private long horizonNanos;
    private final long talkspurtGapNanos;
    private volatile long packetsSent;
    private volatile long octetsSent;
    private volatile long packetsUnsent;
    private volatile long eventPacketsSent;
    private volatile long dtmfSent;
    private volatile long lastSentTimestamp;
    private volatile long lastSentNanos;

    // Receive side: the I/O thread only.
    private final RtpPacket packet = new RtpPacket();
    private final int eventPayloadType;
    private final TelephoneEvent telephoneEvent = new TelephoneEvent();
    private long eventTimestamp = -1;
    private int eventCode;
    private int eventDuration;
    private int eventVolume;
    private boolean eventEnded;
    private long eventPacketsReceived;
    private long dtmfReceived;
    private long eventsMalformed;
    private final long[] malformed = new long[VALIDATIONS.length];
    private final Playout playout = new Playout();
    private final PlayoutTimer playoutTimer = new PlayoutTimer();
    private final long relatchSilenceNanos;
    private ReceptionStatistics reception = new ReceptionStatistics();
    private JitterBuffer jitter;
    /** Ring size of the jitter buffer, from the configured maximum delay; kept for re-latching. */
    private final int jitterSlots;
    private boolean needConnect;
    private long remoteSsrc = -1;
    private long lastValidNanos;
    private long candidateSsrc = -1;
    private int candidateSequence;
    private int candidateCount;
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
    private long undecodable;
    private long gaps;
    private long gapPackets;
    private long listenerErrors;
    private long queueOverflows;
    private int lastFractionLost;
    private SelectionKey rtpKey;
    private SelectionKey rtcpKey;

    // RTCP: the I/O thread only.
    private final boolean rtcpEnabled;
    private final boolean rtcpMux;
    private final long wallEpochNanos = System.currentTimeMillis() * 1_000_000L;
    private final byte[] cname;
    private final RtcpWriter rtcpWriter = new RtcpWriter();
    private final RtcpPacket rtcpPacket = new RtcpPacket();
    private final RtcpReport rtcpReport = new RtcpReport();
    private final RtcpBye rtcpBye = new RtcpBye();
    private final SplittableRandom rtcpRandom = new SplittableRandom(RANDOM.nextLong());
    private final RtcpTimer rtcpTimer = new RtcpTimer();
    private final double rtcpBandwidth;
    private final ByteBuffer rtcpBuffer;
    private InetSocketAddress rtcpRemoteFor;
    private InetSocketAddress rtcpRemote;
    private double averageRtcpSize = 128;
    private boolean rtcpInitial = true;
    private long sentAtLastReport;
    private long sentAtReportBeforeLast;
    private long receivedAtLastReport;
    private long lastSenderReportMiddle;
    private long lastSenderReportNanos;
    private long rtcpSent;
    private long rtcpReceived;
    private long rtcpMalformed;
    private long roundTripMicros = -1;
    private int peerFractionLost = -1;
    private long peerCumulativeLost = -1;
    private long peerJitter = -1;
    private long peerByes;

    MediaSession(MediaEngine engine, IoLoop loop, MediaSessionConfig config, BufferPool pool, int socketBufferSize)
            throws IOException {
        this.engine = engine;
        this.loop = loop;
        this.config = config;
        this.pool = pool;
        this.payloadType = config.payloadType();
        this.eventPayloadType = config.telephoneEventPayloadType();
        this.encoder = CodecFactory.createZeroCopy(payloadType);
        this.decoder = CodecFactory.createZeroCopy(payloadType);
        this.clockRate = config.codec().sampleRate();
        this.channels = config.codec().channels();
        this.shortsPerPacket = clockRate * config.ptimeMillis() / 1000 * channels;
        this.ssrc = config.ssrc().orElseGet(() -> RANDOM.nextInt() & 0xFFFF_FFFFL);
        this.sequence = RANDOM.nextInt(1 << 16);
        this.timestamp = RANDOM.nextInt() & 0xFFFF_FFFFL;
        this.pending = new short[shortsPerPacket];
        this.talkspurtGapNanos = Math.max(100, 2L * config.ptimeMillis()) * 1_000_000L;
        this.relatchSilenceNanos = config.relatchSilenceMillis() * 1_000_000L;
        this.queue = new ArrayBlockingQueue<>(config.receiveQueueCapacity());
        long msToRtp = clockRate / 1000L;
        this.jitterSlots = (int) Math.min(4096,
                Math.max(64, 4L * config.jitterMaxDelayMillis() / MediaSessionConfig.MIN_PTIME_MILLIS));
        this.jitter = newJitterBuffer(msToRtp, jitterSlots);
        DatagramChannel[] bound = bind(config.localAddress(), config.rtcpMode() == RtcpMode.NEXT_PORT, socketBufferSize);
        this.rtpChannel = bound[0];
        this.rtcpChannel = bound[1];
        this.localAddress = (InetSocketAddress) rtpChannel.getLocalAddress();
        this.rtcpLocalAddress = rtcpChannel == null ? null : (InetSocketAddress) rtcpChannel.getLocalAddress();
        this.sendBuffer = pool.acquire(RtpPacket.FIXED_HEADER_LENGTH + encoder.maxEncodedSize(shortsPerPacket));
        this.rtcpEnabled = config.rtcpMode() != RtcpMode.OFF;
        this.rtcpMux = config.rtcpMode() == RtcpMode.MUX;
        this.rtcpBuffer = rtcpEnabled ? pool.acquire(MediaEngine.SEND_BUFFER_SIZE) : null;
        this.cname = config.cname().orElseGet(() -> "voxcore-" + Long.toHexString(RANDOM.nextLong()) + "@"
                + localAddress.getAddress().getHostAddress()).getBytes(StandardCharsets.UTF_8);
        // RFC 3550 6.2: RTCP gets 5% of the session bandwidth (payload plus 40 bytes IP/UDP/RTP per packet).
        double packetsPerSecond = 1000.0 / config.ptimeMillis();
        this.rtcpBandwidth = 0.05 * (config.codec().bitrate() / 8.0 + 40 * packetsPerSecond);
        InetSocketAddress configured = config.remoteAddress().orElse(null);
        if (configured != null) {
            this.remote = configured;
            if (config.connectSocket()) {
                try {
                    connectChannels(configured);
                } catch (IOException | RuntimeException e) {
                    // Nothing of a session that was never handed out may stay bound or borrowed.
                    releaseAfterFailedSetup();
                    if (e instanceof IOException) {
                        throw (IOException) e;
                    }
                    throw new IllegalArgumentException("cannot connect session " + localAddress + " to remote "
                            + configured + ": " + e, e);
                }
            }
        }
    }

    private void releaseAfterFailedSetup() {
        for (DatagramChannel channel : new DatagramChannel[] {rtpChannel, rtcpChannel}) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a socket that failed to connect: nothing more to do
                }
            }
        }
        pool.release(sendBuffer);
        if (rtcpBuffer != null) {
            pool.release(rtcpBuffer);
        }
    }

    private JitterBuffer newJitterBuffer(long msToRtp, int slots) {
        return new JitterBuffer(channels, config.jitterMinDelayMillis() * msToRtp,
                config.jitterMaxDelayMillis() * msToRtp, 2000 * msToRtp, slots, playout);
    }

    private static DatagramChannel[] bind(InetSocketAddress local, boolean withRtcp, int socketBufferSize)
            throws IOException {
        boolean ephemeral = local.getPort() == 0;
        IOException last = null;
        for (int attempt = 0; attempt < (ephemeral && withRtcp ? 64 : 1); attempt++) {
            DatagramChannel rtp = open(local.getAddress() instanceof java.net.Inet6Address, socketBufferSize);
            DatagramChannel rtcp = null;
            try {
                rtp.bind(local);
                if (!withRtcp) {
                    return new DatagramChannel[] {rtp, null};
                }
                int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
                if (ephemeral && (port % 2 != 0 || port == 65535)) {
                    rtp.close();
                    continue; // RFC 3550 section 11: RTP on an even port, RTCP on the next
                }
                rtcp = open(local.getAddress() instanceof java.net.Inet6Address, socketBufferSize);
                rtcp.bind(new InetSocketAddress(local.getAddress(), port + 1));
                return new DatagramChannel[] {rtp, rtcp};
            } catch (IOException e) {
                rtp.close();
                if (rtcp != null) {
                    rtcp.close();
                }
                last = e;
            }
        }
        BindException failure = new BindException("cannot bind RTP" + (withRtcp ? " and RTCP (port + 1)" : "")
                + " to " + local + (last != null ? ": " + last.getMessage() : ": no even port pair found"));
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }

    private static DatagramChannel open(boolean ipv6, int socketBufferSize) throws IOException {
        DatagramChannel channel = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, socketBufferSize);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, socketBufferSize);
        return channel;
    }

    private void connectChannels(InetSocketAddress to) throws IOException {
        if (rtpChannel.isConnected()) {
            rtpChannel.disconnect();
        }
        rtpChannel.connect(to);
        if (rtcpChannel != null) {
            if (rtcpChannel.isConnected()) {
                rtcpChannel.disconnect();
            }
            if (to.getPort() < 65535) {
                rtcpChannel.connect(new InetSocketAddress(to.getAddress(), to.getPort() + 1));
            } // RTP on port 65535 has no "next port": no RTCP destination (rtcpRemote returns null)
        }
    }

    /**
     * Begins receiving: registers the sockets with the engine's I/O thread. Packets that arrived
     * since creation wait in the socket and are read now. Idempotent.
     *
     * @throws IllegalStateException if the session is closed
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("session " + localAddress + " is closed");
        }
        if (started) {
            return;
        }
        started = true;
        runOnLoop(() -> {
            try {
                rtpKey = rtpChannel.register(loop.selector(), SelectionKey.OP_READ, new RtpHandler());
                if (rtcpChannel != null) {
                    rtcpKey = rtcpChannel.register(loop.selector(), SelectionKey.OP_READ, new RtcpHandler());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot register session " + localAddress + " with its I/O thread", e);
            }
            if (rtcpEnabled) {
                loop.timers().schedule(rtcpTimer, System.nanoTime() + nextRtcpInterval());
            }
        });
    }

    /**
     * Runs a task on this session's I/O thread and waits for it (for tests of the receive path).
     *
     * @param task the task
     */
    void onLoop(Runnable task) {
        runOnLoop(task);
    }

    /**
     * Runs {@code teardown} exactly once, on the I/O thread when it is alive, and returns when it has
     * run. An interrupt does not cut the wait short (it is restored afterwards): tearing down on
     * the caller's thread while the loop may still run the same task would race the loop's timers
     * and hand the session's buffers back to the pool while the loop still writes a BYE into them.
     * Only when the loop thread has died, or has not answered for 10 s, does the caller run it.
     */
    private void runTeardownOnce(Runnable teardown) {
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                teardown.run();
            }
        };
        if (loop.inLoop() || !loop.thread().isAlive()) {
            once.run();
            return;
        }
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        loop.execute(() -> {
            try {
                once.run();
            } finally {
                done.countDown();
            }
        });
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (true) {
                try {
                    if (done.await(100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    continue;
                }
                if (!loop.thread().isAlive() || System.nanoTime() - deadline > 0) {
                    LOG.warn("session {}: I/O thread {} did not run the teardown; closing on {}", localAddress,
                            loop.thread().getName(), Thread.currentThread().getName());
                    once.run();
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runOnLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the I/O thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("I/O thread " + loop.thread().getName() + " did not answer in 10 s", e);
        }
    }

    /**
     * Sends a frame: its samples are cut into packets of {@code ptime}; a remainder waits for the
     * next call. The frame's own timestamp is not used (see the class description).
     *
     * @param frame audio at the codec's rate and channel count
     * @throws IllegalArgumentException naming the values when the rate or channels differ
     * @throws IllegalStateException if the session is closed, or another thread is in a send call
     */
    public void send(AudioFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.sampleRate() != clockRate || frame.channels() != channels) {
            throw new IllegalArgumentException("frame is " + frame.sampleRate() + " Hz, " + frame.channels()
                    + " channel(s); session sends " + config.codec().name() + " at " + clockRate + " Hz, " + channels
                    + " channel(s)");
        }
        short[] samples = frame.samples();
        send(samples, 0, samples.length);
    }

    /**
     * Sends interleaved PCM at the codec's rate and channel count, without allocating: cut into
     * packets of {@code ptime}; a remainder waits for the next call.
     *
     * @param pcm the samples
     * @param offset index of the first
     * @param length number of samples, all channels together, a multiple of the channel count
     * @throws IllegalArgumentException when {@code length} is not whole sampling instants
     * @throws IndexOutOfBoundsException when the range lies outside {@code pcm}
     * @throws IllegalStateException if the session is closed, or another thread is in a send call
     */
    public void send(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (length % channels != 0) {
            throw new IllegalArgumentException(length + " samples is not a multiple of " + channels + " channels");
        }
        enterSend();
        try {
            packetize(pcm, offset, length);
        } finally {
            exitSend();
        }
    }

    /** Claims the send side for the calling thread: one compare-and-set per call. */
    private void enterSend() {
        if (!sendState.compareAndSet(SEND_IDLE, SEND_BUSY)) {
            throw new IllegalStateException(sendState.get() == SEND_CLOSED ? "session " + localAddress + " is closed"
                    : "session " + localAddress + ": send called from two threads at once (send is single-threaded)");
        }
    }

    private void exitSend() {
        sendState.compareAndSet(SEND_BUSY, SEND_IDLE);
    }

    private void packetize(short[] pcm, int offset, int length) {
        long now = System.nanoTime();
        if (packetsSent > 0 && now - horizonNanos > talkspurtGapNanos) {
            marker = true;
        }
        horizonNanos = Math.max(horizonNanos, now) + (long) (length / channels) * 1_000_000_000L / clockRate;
        while (length > 0) {
            if (pendingCount == 0 && length >= shortsPerPacket) {
                sendPacket(pcm, offset);
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
                sendPacket(pending, 0);
                pendingCount = 0;
            }
        }
    }

    private void sendPacket(short[] pcm, int offset) {
        ByteBuffer b = sendBuffer;
        b.clear();
        RtpPacket.writeHeader(b, 0, marker, payloadType, sequence, timestamp, ssrc);
        b.position(RtpPacket.FIXED_HEADER_LENGTH);
        int bytes = encoder.encodeToBuffer(pcm, offset, shortsPerPacket, b);
        b.flip();
        write(b, bytes, timestamp);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + shortsPerPacket / channels) & 0xFFFF_FFFFL;
        marker = false;
    }

    /** Writes the packet between {@code b}'s position and limit and counts it. Any thread. */
    private boolean write(ByteBuffer b, int payloadBytes, long sentTimestamp) {
        InetSocketAddress to = remote;
        boolean sent = false;
        if (to != null && !closed) {
            try {
                int written = rtpChannel.isConnected() ? rtpChannel.write(b) : rtpChannel.send(b, to);
                sent = written > 0;
            } catch (IOException e) {
                sent = false; // e.g. ICMP port unreachable reported on a connected socket
            } catch (java.nio.channels.NotYetConnectedException | java.nio.channels.AlreadyConnectedException
                    | java.nio.channels.UnsupportedAddressTypeException e) {
                // The I/O thread re-connected the socket to a new remote between the check and the
                // write (remoteAddress(...) while sending), or the remote's family differs: this
                // packet is not sent, the next one goes to the new remote.
                sent = false;
            }
        }
        if (sent) {
            lastSentTimestamp = sentTimestamp;
            lastSentNanos = System.nanoTime();
            octetsSent = octetsSent + payloadBytes;
            packetsSent = packetsSent + 1;
        } else {
            packetsUnsent = packetsUnsent + 1;
        }
        return sent;
    }

    /**
     * Sends one DTMF digit as an RFC 4733 telephone event, paced in real time, and returns when
     * it is over: the event's packets take {@code ceil(duration / ptime) + 2} packet intervals (the
     * end packet is sent three times), and the call returns one interval after the last. The
     * audio timestamp then continues after that time. Call it from the sending thread (as
     * {@link #send(short[], int, int)}); audio remaining from an earlier call that did not fill a
     * packet is sent after the event. If interrupted, the event is ended at once (its end packets
     * sent without pacing) before the exception is thrown.
     *
     * @param digit one of {@code 0-9 * # A-D} (a-d accepted)
     * @param duration the tone's length: at least 10 ms, at most 65,535 RTP timestamp units
     *     (8.19 s at 8 kHz; RFC 4733's longer-event segmentation is not done)
     * @param volume the power level as 0 to 63, meaning 0 to -63 dBm0 (10 is customary)
     * @throws IllegalArgumentException naming the value when the digit, duration or volume is invalid
     * @throws IllegalStateException if the session is closed
     * @throws InterruptedException if interrupted while waiting between packets
     */
    public void sendDtmf(char digit, Duration duration, int volume) throws InterruptedException {
        int event = TelephoneEvent.dtmfEvent(digit);
        if (event < 0) {
            throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit (0-9 * # A-D)");
        }
        int samples = dtmfSamples(duration, volume);
        enterSend();
        try {
            sendEvent(event, samples, volume);
        } finally {
            exitSend();
        }
    }

    /**
     * Sends DTMF digits one after the other as {@link #sendDtmf(char, Duration, int)}, with a pause
     * as long as a tone between two digits (nothing is sent during it; the timestamp advances).
     *
     * @param digits characters of {@code 0-9 * # A-D}, at least one
     * @param duration each tone's length, as for {@link #sendDtmf(char, Duration, int)}
     * @param volume the power level, 0-63 (-dBm0)
     * @throws IllegalArgumentException naming the character and its index when one is not a digit,
     *     or the value when the duration or volume is invalid; nothing is sent then
     * @throws IllegalStateException if the session is closed
     * @throws InterruptedException if interrupted while waiting
     */
    public void sendDtmf(String digits, Duration duration, int volume) throws InterruptedException {
        Objects.requireNonNull(digits, "digits");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("no DTMF digits given");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (TelephoneEvent.dtmfEvent(digits.charAt(i)) < 0) {
                throw new IllegalArgumentException("'" + digits.charAt(i) + "' at index " + i + " of \"" + digits
                        + "\" is not a DTMF digit (0-9 * # A-D)");
            }
        }
        int samples = dtmfSamples(duration, volume);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) {
                Thread.sleep(duration.toMillis());
                timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
            }
            enterSend();
            try {
                sendEvent(TelephoneEvent.dtmfEvent(digits.charAt(i)), samples, volume);
            } finally {
                exitSend();
            }
        }
    }

    private int dtmfSamples(Duration duration, int volume) {
        Objects.requireNonNull(duration, "duration");
        if (volume < 0 || volume > TelephoneEvent.MAX_VOLUME) {
            throw new IllegalArgumentException("DTMF volume must be 0-63 (0 to -63 dBm0), got " + volume);
        }
        long samples = duration.isNegative() ? -1 : duration.toNanos() / 1000 * clockRate / 1_000_000L;
        if (duration.compareTo(Duration.ofMillis(10)) < 0 || samples > 0xFFFF) {
            throw new IllegalArgumentException("DTMF duration must be 10 ms to 65535 samples ("
                    + 65_535_000L / clockRate + " ms at " + clockRate + " Hz), got " + duration.toMillis() + " ms");
        }
        return (int) samples;
    }

    private void sendEvent(int event, int samples, int volume) throws InterruptedException {
        int step = shortsPerPacket / channels;
        long ptimeNanos = config.ptimeMillis() * 1_000_000L;
        long start = timestamp;
        long t0 = System.nanoTime();
        int k = 0;
        boolean first = true;
        try {
            for (; (long) (k + 1) * step < samples; k++) {
                waitUntil(t0 + k * ptimeNanos);
                sendEventPacket(first, start, event, false, volume, (k + 1) * step);
                first = false;
            }
            for (int i = 0; i < 3; i++) {
                waitUntil(t0 + (k + i) * ptimeNanos);
                sendEventPacket(first, start, event, true, volume, samples);
                first = false;
            }
            waitUntil(t0 + (k + 3) * ptimeNanos);
            dtmfSent = dtmfSent + 1;
        } catch (InterruptedException e) {
            for (int i = 0; i < 3; i++) {
                sendEventPacket(first, start, event, true, volume, Math.min(samples, k * step));
                first = false;
            }
            dtmfSent = dtmfSent + 1;
            throw e;
        } finally {
            timestamp = (start + (long) (k + 3) * step) & 0xFFFF_FFFFL;
            horizonNanos = Math.max(horizonNanos, System.nanoTime());
        }
    }

    private static void waitUntil(long deadline) throws InterruptedException {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while sending DTMF");
            }
            LockSupport.parkNanos(wait);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while sending DTMF");
        }
    }

    private void sendEventPacket(boolean first, long start, int event, boolean end, int volume, int duration) {
        ByteBuffer b = sendBuffer;
        b.clear();
        RtpPacket.writeHeader(b, 0, first, eventPayloadType, sequence, start, ssrc);
        TelephoneEvent.write(b, RtpPacket.FIXED_HEADER_LENGTH, event, end, volume, duration);
        b.limit(RtpPacket.FIXED_HEADER_LENGTH + TelephoneEvent.BLOCK_LENGTH).position(0);
        if (write(b, TelephoneEvent.BLOCK_LENGTH, start)) {
            eventPacketsSent = eventPacketsSent + 1;
        }
        sequence = (sequence + 1) & 0xFFFF;
    }

    /**
     * Writes a prepared RTP packet to this session's socket, to its remote: the send half of a
     * forwarding path (see {@link RtpTap}). Counted as sent (payload octets: the length less the
     * 12-byte fixed header) and used for this session's RTCP sender reports, so a session written
     * to this way must not also be sent to with {@link #send(short[], int, int)} or
     * {@link #sendDtmf(char, Duration, int)}: its sequence numbers are the caller's. Allocates
     * nothing when the socket is connected. Thread-safe with respect to receiving; one forwarding
     * thread at a time.
     *
     * @param buffer the packet's buffer; its position and limit are changed
     * @param offset index of the packet's first byte
     * @param length the packet's length, at least 12
     * @return true if written; false (counted as unsent) without a remote, when the session is
     *     closed, or when the socket refused it
     * @throws IndexOutOfBoundsException if the range lies outside the buffer
     * @throws IllegalArgumentException if {@code length} is below 12
     */
    public boolean trySendRtp(ByteBuffer buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        if (length < RtpPacket.FIXED_HEADER_LENGTH) {
            throw new IllegalArgumentException("an RTP packet is at least 12 bytes, got " + length);
        }
        int at = offset + RtpPacket.TIMESTAMP_OFFSET;
        long ts = (buffer.get(at) & 0xFFL) << 24 | (buffer.get(at + 1) & 0xFF) << 16 | (buffer.get(at + 2) & 0xFF) << 8
                | (buffer.get(at + 3) & 0xFF);
        buffer.limit(offset + length).position(offset);
        return write(buffer, length - RtpPacket.FIXED_HEADER_LENGTH, ts);
    }

    /**
     * Sets the forwarding hook: every accepted packet goes to it instead of the jitter buffer,
     * the decoder and the audio and DTMF callbacks (see {@link RtpTap}). Takes effect for the next
     * packet.
     *
     * @param tap the hook, or null to buffer and decode again
     * @return this
     */
    public MediaSession tap(RtpTap tap) {
        this.tap = tap;
        return this;
    }

    /**
     * Sets the listener for received DTMF digits (RFC 4733 telephone events); see
     * {@link DtmfEvent} for when it is called. Runs on the I/O thread; independent of the audio
     * listener, sink or pull queue.
     *
     * @param listener the listener, or null for none (events are still counted)
     * @return this
     */
    public MediaSession onDtmf(DtmfListener listener) {
        this.dtmfListener = listener;
        return this;
    }

    /**
     * Sets the listener for decoded audio and gaps; replaces any {@link PcmSink} and disables the
     * pull queue. Takes effect for the next packet played.
     *
     * @param listener the listener, or null to fall back to the pull queue
     * @return this
     */
    public MediaSession onAudio(AudioListener listener) {
        this.listener = listener;
        if (listener != null) {
            this.sink = null;
        }
        return this;
    }

    /**
     * Sets the allocation-free receiver; replaces any {@link AudioListener} and disables the pull
     * queue.
     *
     * @param sink the sink, or null to fall back to the pull queue
     * @return this
     */
    public MediaSession onPcm(PcmSink sink) {
        this.sink = sink;
        if (sink != null) {
            this.listener = null;
        }
        return this;
    }

    /**
     * The next decoded frame from the pull queue, filled while no listener or sink is set.
     *
     * @return the frame, or null when none is waiting
     */
    public AudioFrame poll() {
        return queue.poll();
    }

    /**
     * Waits for the next decoded frame from the pull queue.
     *
     * @param timeout how long to wait
     * @return the frame, or null on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public AudioFrame receive(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Sets the peer's RTP address (from signalling), replacing any configured or latched one; the
     * sockets are re-connected when {@link MediaSessionConfig#connectSocket()}.
     *
     * @param address the remote RTP address, resolved
     * @return this
     */
    public MediaSession remoteAddress(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || address.getPort() == 0) {
            throw new IllegalArgumentException("remote address must be resolved with a port, got " + address);
        }
        runOnLoop(() -> {
            remote = address;
            needConnect = false;
            if (config.connectSocket() && !closed) {
                try {
                    connectChannels(address);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot connect session " + localAddress + " to " + address, e);
                }
            }
        });
        return this;
    }

    /**
     * The remote RTP address: configured, set, or latched.
     *
     * @return the address, or empty before it is known
     */
    public Optional<InetSocketAddress> remoteAddress() {
        return Optional.ofNullable(remote);
    }

    /**
     * The bound RTP address, with the port actually bound.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The bound RTCP address in {@link RtcpMode#NEXT_PORT} mode.
     *
     * @return the address, or empty when RTCP is off or multiplexed
     */
    public Optional<InetSocketAddress> rtcpLocalAddress() {
        return Optional.ofNullable(rtcpLocalAddress);
    }

    /**
     * This session's SSRC.
     *
     * @return 0 to 2^32-1
     */
    public long ssrc() {
        return ssrc;
    }

    /**
     * The settings the session was made with.
     *
     * @return the config
     */
    public MediaSessionConfig config() {
        return config;
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
     * A consistent snapshot of the counters, taken on the session's I/O thread (this call waits
     * for it briefly). After close, the final figures.
     *
     * @return the statistics
     */
    public SessionStatistics statistics() {
        SessionStatistics done = finalStatistics;
        if (done != null) {
            return done;
        }
        if (loop.inLoop() || !loop.thread().isAlive()) {
            return snapshot();
        }
        SessionStatistics[] out = new SessionStatistics[1];
        runOnLoop(() -> out[0] = snapshot());
        return out[0];
    }

    private SessionStatistics snapshot() {
        Map<RtpValidation, Long> bad = new EnumMap<>(RtpValidation.class);
        for (int i = 0; i < malformed.length; i++) {
            if (malformed[i] != 0) {
                bad.put(VALIDATIONS[i], malformed[i]);
            }
        }
        ReceptionStatistics r = reception;
        return new SessionStatistics(ssrc, remoteSsrc, packetsSent, octetsSent, packetsUnsent, packetsReceived,
                octetsReceived, priorExpected + r.expected(), priorLost + r.cumulativeLost(), lastFractionLost,
                r.jitter(), clockRate, priorDuplicates + r.duplicates() + bufferDuplicates,
                priorReordered + r.reordered(), late, badSequence, bad, wrongPayloadType, foreignAddress,
                foreignSsrc, undecodable, gaps, gapPackets, listenerErrors, queueOverflows, rtcpSent, rtcpReceived,
                rtcpMalformed, roundTripMicros, peerFractionLost, peerCumulativeLost, peerJitter, peerByes,
                eventPacketsSent, dtmfSent, eventPacketsReceived, dtmfReceived, eventsMalformed);
    }

    /**
     * Stops the session: no more sending, receiving or callbacks; frees the ports (they can be
     * bound again when this returns) and the pooled buffers. Idempotent; callable from any thread
     * (a call while another thread is closing the session returns at once).
     * A {@code send} call (or one DTMF event of {@code sendDtmf}) running on another thread is
     * waited for: its packets are all written. A remainder shorter than a packet is discarded, as
     * is the jitter buffer's content. Called from one of the session's own callbacks (on the I/O
     * thread), the sockets are closed when the callback returns rather than before this call
     * returns, so the same port cannot be bound again inside that callback. An interrupt does not
     * cut the wait for the I/O thread short; the thread's interrupt status is kept.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        while (!sendState.compareAndSet(SEND_IDLE, SEND_CLOSED)) {
            LockSupport.parkNanos(50_000); // a send (or DTMF event) on another thread: its packets go out first
        }
        closed = true;
        Runnable teardown = () -> {
            loop.timers().cancel(playoutTimer);
            loop.timers().cancel(rtcpTimer);
            if (rtcpEnabled && started && remote != null) {
                try {
                    sendRtcp(System.nanoTime(), true);
                } catch (RuntimeException e) {
                    LOG.warn("session {} could not send its RTCP BYE", localAddress, e);
                }
            }
            finalStatistics = snapshot();
            closeQuietly();
            if (rtpKey != null || rtcpKey != null) {
                try {
                    loop.selector().selectNow(); // flushes the cancelled keys: the sockets close now
                } catch (IOException | RuntimeException e) {
                    LOG.debug("flushing cancelled keys", e);
                }
            }
        };
        runTeardownOnce(teardown);
        pool.release(sendBuffer);
        if (rtcpBuffer != null) {
            pool.release(rtcpBuffer);
        }
        engine.forget(this);
    }

    private void closeQuietly() {
        for (DatagramChannel c : new DatagramChannel[] {rtpChannel, rtcpChannel}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    LOG.debug("closing {}", c, e);
                }
            }
        }
    }

    private long rtpNow(long nanos) {
        return (nanos - epochNanos) / 1000 * clockRate / 1_000_000L;
    }

    private long rtpToNanos(long rtp) {
        return epochNanos + (rtp * 1_000_000L + clockRate - 1) / clockRate * 1000L + 1000L;
    }

    private void schedulePlayout(long nextRtp) {
        if (nextRtp == Long.MAX_VALUE) {
            loop.timers().cancel(playoutTimer);
        } else {
            loop.timers().schedule(playoutTimer, rtpToNanos(nextRtp));
        }
    }

    /**
     * Handles one datagram that arrived on the RTP socket: RFC 5761 demultiplexing, then the RTP
     * or RTCP path. Never throws on any content; each datagram ends up in exactly one counter.
     * I/O thread only (tests reach it through {@link #onLoop}).
     *
     * @param buf the datagram at index 0; position and limit are changed
     * @param length its length
     * @param from its source, or null on a connected socket
     */
    void onDatagram(ByteBuffer buf, int length, SocketAddress from) {
        if (length == 0) {
            malformed[RtpValidation.TRUNCATED.ordinal()]++;
            return;
        }
        if (rtcpMux && RtcpPacket.isRtcp(buf, 0, length)) {
            onRtcp(buf, length, from);
            return;
        }
        onRtp(buf, length, from);
    }

    private void onRtp(ByteBuffer buf, int length, SocketAddress from) {
        long now = System.nanoTime();
        packet.wrap(buf, 0, length);
        RtpValidation validation = packet.validate();
        if (validation != RtpValidation.VALID) {
            malformed[validation.ordinal()]++;
            return;
        }
        InetSocketAddress peer = remote;
        if (from != null && peer != null && !from.equals(peer)) {
            foreignAddress++;
            return;
        }
        int pt = packet.payloadType();
        boolean event = pt == eventPayloadType;
        if (pt != payloadType && !event) {
            wrongPayloadType++;
            return;
        }
        long packetSsrc = packet.ssrc();
        int seq = packet.sequenceNumber();
        if (remoteSsrc < 0) {
            remoteSsrc = packetSsrc;
        } else if (packetSsrc != remoteSsrc && !tryRelatch(packetSsrc, seq, now)) {
            foreignSsrc++;
            return;
        }
        if (from != null && peer == null) {
            remote = (InetSocketAddress) from; // latch
            needConnect = config.connectSocket();
            LOG.debug("session {} latched to {} SSRC {}", localAddress, from, Long.toHexString(packetSsrc));
        }
        lastValidNanos = now;
        long ts = packet.timestamp();
        long arrival = rtpNow(now);
        ReceptionStatistics.Verdict verdict = reception.onPacket(seq, ts, arrival);
        if (verdict == ReceptionStatistics.Verdict.DUPLICATE) {
            return;
        }
        if (verdict == ReceptionStatistics.Verdict.BAD_SEQUENCE) {
            badSequence++;
            return;
        }
        int payloadOffset = packet.payloadOffset();
        int payloadLength = packet.payloadLength();
        packetsReceived++;
        octetsReceived += payloadLength;
        RtpTap t = tap;
        if (t != null) {
            try {
                t.onRtp(packet, event);
            } catch (RuntimeException e) {
                listenerErrors++;
                listenerLog.warn("RTP tap of session " + localAddress + " threw", e);
            }
            return;
        }
        if (event) {
            onTelephoneEvent(buf, seq, ts, arrival, payloadOffset, payloadLength);
            return;
        }
        if (payloadLength == 0) {
            undecodable++;
            return;
        }
        int slot = jitter.prepare(seq, ts, arrival, packet.marker());
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
        short[] pcm = jitter.pcm(slot, decoder.maxDecodedSize(payloadLength));
        buf.limit(payloadOffset + payloadLength).position(payloadOffset);
        int samples;
        try {
            samples = decoder.decodeToBuffer(buf, pcm, 0);
        } catch (MediaCodecException e) {
            undecodable++;
            return;
        }
        jitter.commit(slot, samples);
        schedulePlayout(jitter.playout(arrival));
    }

    private void onTelephoneEvent(ByteBuffer buf, int seq, long ts, long arrival, int offset, int length) {
        eventPacketsReceived++;
        int slot = jitter.prepareEmpty(seq, ts);
        if (slot >= 0) {
            jitter.commit(slot, 0);
            schedulePlayout(jitter.playout(arrival));
        }
        if (telephoneEvent.wrap(buf, offset, length).validate() != TelephoneEventValidation.VALID) {
            eventsMalformed++;
            return;
        }
        int code = telephoneEvent.event();
        boolean end = telephoneEvent.end();
        int duration = telephoneEvent.duration();
        if (eventTimestamp >= 0 && ts == eventTimestamp) {
            if (!eventEnded) {
                eventDuration = Math.max(eventDuration, duration);
                if (end) {
                    eventEnded = true;
                    reportEvent(true);
                }
            }
            return; // an update, or a retransmitted end
        }
        if (eventTimestamp >= 0 && RtpMath.timestampDelta(eventTimestamp, ts) < 0) {
            return; // a late packet of an earlier event
        }
        if (eventTimestamp >= 0 && !eventEnded) {
            eventEnded = true;
            reportEvent(true); // its end packets were lost: it ends where the next event starts
        }
        eventTimestamp = ts;
        eventCode = code;
        eventDuration = duration;
        eventVolume = telephoneEvent.volume();
        eventEnded = end;
        reportEvent(end);
    }

    private void reportEvent(boolean end) {
        if (!TelephoneEvent.isDtmf(eventCode)) {
            return;
        }
        if (end) {
            dtmfReceived++;
        }
        DtmfListener l = dtmfListener;
        if (l == null) {
            return;
        }
        try {
            l.onDtmf(new DtmfEvent(TelephoneEvent.dtmfDigit(eventCode), eventTimestamp, eventDuration, eventVolume,
                    end, clockRate));
        } catch (RuntimeException e) {
            listenerErrors++;
            listenerLog.warn("DTMF listener of session " + localAddress + " threw", e);
        }
    }

    private boolean tryRelatch(long newSsrc, int seq, long now) {
        if (now - lastValidNanos < relatchSilenceNanos) {
            return false;
        }
        if (newSsrc == candidateSsrc && seq == ((candidateSequence + 1) & 0xFFFF)) {
            candidateCount++;
        } else {
            candidateSsrc = newSsrc;
            candidateCount = 1;
        }
        candidateSequence = seq;
        if (candidateCount < ReceptionStatistics.MIN_SEQUENTIAL) {
            return false;
        }
        LOG.debug("session {} re-latched from SSRC {} to {}", localAddress, Long.toHexString(remoteSsrc),
                Long.toHexString(newSsrc));
        jitter.flush();
        loop.timers().cancel(playoutTimer);
        priorExpected += reception.expected();
        priorLost += reception.cumulativeLost();
        priorDuplicates += reception.duplicates();
        priorReordered += reception.reordered();
        reception = new ReceptionStatistics();
        jitter = newJitterBuffer(clockRate / 1000L, jitterSlots);
        lastSenderReportMiddle = 0; // the old source's SR says nothing about the new one
        remoteSsrc = newSsrc;
        eventTimestamp = -1;
        candidateSsrc = -1;
        candidateCount = 0;
        return true;
    }

    private final class RtpHandler implements IoLoop.Handler {
        @Override
        public void onReadable() {
            ByteBuffer buf = loop.receiveBuffer();
            for (int i = 0; i < MAX_READS_PER_WAKEUP && !closed; i++) {
                buf.clear();
                SocketAddress from = null;
                int length;
                try {
                    if (rtpChannel.isConnected()) {
                        length = rtpChannel.read(buf);
                        if (length <= 0) {
                            break; // nothing waiting (or an empty datagram, indistinguishable here)
                        }
                    } else {
                        from = rtpChannel.receive(buf);
                        if (from == null) {
                            break;
                        }
                        length = buf.position();
                    }
                } catch (IOException e) {
                    continue; // e.g. ICMP port unreachable from an earlier send: keep reading
                }
                onDatagram(buf, length, from);
            }
            if (needConnect && !closed) {
                needConnect = false;
                try {
                    connectChannels(remote);
                } catch (IOException e) {
                    LOG.warn("session {} cannot connect to latched {}", localAddress, remote, e);
                }
            }
        }
    }

    private final class RtcpHandler implements IoLoop.Handler {
        @Override
        public void onReadable() {
            ByteBuffer buf = loop.receiveBuffer();
            for (int i = 0; i < MAX_READS_PER_WAKEUP && !closed; i++) {
                buf.clear();
                SocketAddress from = null;
                try {
                    if (rtcpChannel.isConnected()) {
                        if (rtcpChannel.read(buf) <= 0) {
                            break;
                        }
                    } else {
                        from = rtcpChannel.receive(buf);
                        if (from == null) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    continue;
                }
                onRtcp(buf, buf.position(), from);
            }
        }
    }

    private long nextRtcpInterval() {
        boolean weSent = packetsSent != sentAtReportBeforeLast;
        boolean theySent = packetsReceived != receivedAtLastReport;
        int members = remoteSsrc >= 0 ? 2 : 1;
        int senders = Math.min(members, (weSent ? 1 : 0) + (theySent ? 1 : 0));
        long rfc = RtcpInterval.randomizedNanos(members, senders, rtcpBandwidth, weSent, averageRtcpSize,
                rtcpInitial, rtcpRandom);
        return rfc / MediaSessionConfig.RFC_RTCP_INTERVAL_MILLIS * config.rtcpIntervalMillis();
    }

    private long ntpNow(long nanos) {
        return NtpTime.fromEpochNanos(wallEpochNanos + (nanos - epochNanos));
    }

    /** Builds and sends one compound report (and a BYE when leaving). I/O thread only. */
    private void sendRtcp(long now, boolean bye) {
        InetSocketAddress peer = remote;
        if (peer == null) {
            return;
        }
        long sent = packetsSent;
        boolean weSent = sent != sentAtReportBeforeLast;
        ByteBuffer b = rtcpBuffer;
        b.clear();
        RtcpWriter w = rtcpWriter.wrap(b, 0, b.capacity());
        if (weSent) {
            long sentNanos = lastSentNanos;
            long rtpTs = (lastSentTimestamp + (now - sentNanos) / 1000 * clockRate / 1_000_000L) & 0xFFFF_FFFFL;
            w.senderReport(ssrc, ntpNow(now), rtpTs, sent, octetsSent);
        } else {
            w.receiverReport(ssrc);
        }
        ReceptionStatistics r = reception;
        if (remoteSsrc >= 0 && r.isValid()) {
            long lost = priorLost + r.cumulativeLost();
            lastFractionLost = r.takeFractionLost();
            long lsr = lastSenderReportMiddle;
            long dlsr = lsr == 0 ? 0 : NtpTime.nanosToCompact(now - lastSenderReportNanos);
            w.reportBlock(remoteSsrc, lastFractionLost, lost, r.extendedHighestSequence(), r.jitter(), lsr, dlsr);
        }
        w.sourceDescription(ssrc, cname);
        if (bye) {
            w.bye(ssrc, null);
        }
        int length = w.length();
        b.limit(length).position(0);
        DatagramChannel channel = rtcpMux ? rtpChannel : rtcpChannel;
        InetSocketAddress destination = rtcpRemote(peer);
        try {
            if (channel.isConnected()) {
                channel.write(b);
                rtcpSent++;
            } else if (destination != null) {
                channel.send(b, destination);
                rtcpSent++;
            }
        } catch (IOException | RuntimeException e) {
            // Unreachable peers, a remote of another address family, a socket re-connected under us:
            // a report is lost, never the I/O thread.
            LOG.debug("session {} cannot send RTCP", localAddress, e);
        }
        averageRtcpSize = RtcpInterval.updateAverageSize(averageRtcpSize, length + 28);
        sentAtReportBeforeLast = sentAtLastReport;
        sentAtLastReport = sent;
        receivedAtLastReport = packetsReceived;
        rtcpInitial = false;
    }

    private InetSocketAddress rtcpRemote(InetSocketAddress rtp) {
        if (rtcpMux) {
            return rtp;
        }
        if (rtp != rtcpRemoteFor) {
            rtcpRemoteFor = rtp;
            rtcpRemote = rtp.getPort() < 65535 ? new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1) : null;
        }
        return rtcpRemote;
    }

    /** One datagram on the RTCP path (its own socket, or demultiplexed from RTP). I/O thread only. */
    void onRtcp(ByteBuffer buf, int length, SocketAddress from) {
        InetSocketAddress peer = remote;
        if (from != null && (peer == null
                || !((InetSocketAddress) from).getAddress().equals(peer.getAddress()))) {
            foreignAddress++;
            return;
        }
        if (rtcpPacket.wrap(buf, 0, length).validate() != RtcpValidation.VALID) {
            rtcpMalformed++;
            return;
        }
        long now = System.nanoTime();
        boolean fromRemote = false;
        do {
            int type = rtcpPacket.packetType();
            if (type == RtcpPacket.SR || type == RtcpPacket.RR) {
                rtcpReport.wrap(rtcpPacket);
                if (rtcpReport.ssrc() != remoteSsrc) {
                    continue; // a report from a source we do not receive from
                }
                fromRemote = true;
                if (rtcpReport.isSenderReport()) {
                    lastSenderReportMiddle = NtpTime.middle32(rtcpReport.ntpTimestamp());
                    lastSenderReportNanos = now;
                }
                for (int i = 0; i < rtcpReport.blockCount(); i++) {
                    if (rtcpReport.blockSsrc(i) != ssrc) {
                        continue;
                    }
                    peerFractionLost = rtcpReport.fractionLost(i);
                    peerCumulativeLost = rtcpReport.cumulativeLost(i);
                    peerJitter = rtcpReport.jitter(i);
                    long rtt = NtpTime.roundTripNanos(NtpTime.middle32(ntpNow(now)), rtcpReport.lastSenderReport(i),
                            rtcpReport.delaySinceLastSenderReport(i));
                    if (rtt != NtpTime.NO_RTT) {
                        roundTripMicros = rtt / 1000;
                    }
                }
            } else if (type == RtcpPacket.BYE) {
                rtcpBye.wrap(rtcpPacket);
                for (int i = 0; i < rtcpBye.sourceCount(); i++) {
                    if (rtcpBye.ssrc(i) == remoteSsrc) {
                        peerByes++;
                        fromRemote = true;
                    }
                }
            }
        } while (rtcpPacket.next());
        if (fromRemote) {
            rtcpReceived++;
            averageRtcpSize = RtcpInterval.updateAverageSize(averageRtcpSize, length + 28);
        }
    }

    private final class RtcpTimer extends TimerQueue.Timer {
        @Override
        void onTimer(long now) {
            if (!closed) {
                sendRtcp(now, false);
                loop.timers().schedule(this, now + nextRtcpInterval());
            }
        }
    }

    private final class PlayoutTimer extends TimerQueue.Timer {
        @Override
        void onTimer(long now) {
            if (!closed) {
                schedulePlayout(jitter.playout(rtpNow(now)));
            }
        }
    }

    private final class Playout implements JitterBuffer.Output {
        @Override
        public void onPlayout(short[] pcm, int length, long rtpTimestamp, int sequence) {
            PcmSink s = sink;
            AudioListener l = listener;
            try {
                if (s != null) {
                    s.onPcm(pcm, 0, length, rtpTimestamp);
                } else {
                    AudioFrame frame = new AudioFrame(Arrays.copyOf(pcm, length), clockRate, channels, rtpTimestamp);
                    if (l != null) {
                        l.onAudio(frame);
                    } else {
                        while (!queue.offer(frame)) {
                            if (queue.poll() != null) {
                                queueOverflows++;
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                listenerErrors++;
                listenerLog.warn("audio listener of session " + localAddress + " threw", e);
            }
        }

        @Override
        public void onGap(long rtpTimestamp, int samplesPerChannel, int firstSequence, int packets) {
            gaps++;
            gapPackets += packets;
            PcmSink s = sink;
            AudioListener l = listener;
            try {
                if (s != null) {
                    s.onGap(rtpTimestamp, samplesPerChannel, firstSequence, packets);
                } else if (l != null) {
                    l.onGap(new AudioGap(rtpTimestamp, samplesPerChannel, firstSequence, packets));
                }
            } catch (RuntimeException e) {
                listenerErrors++;
                listenerLog.warn("audio listener of session " + localAddress + " threw on a gap", e);
            }
        }
    }

    @Override
    public String toString() {
        return "MediaSession[" + localAddress + " -> " + remote + ", " + config.codec().name() + " pt=" + payloadType
                + " ssrc=" + Long.toHexString(ssrc) + (closed ? ", closed" : "") + "]";
    }
}
