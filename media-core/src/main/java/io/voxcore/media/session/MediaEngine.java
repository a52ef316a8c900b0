package io.voxcore.media.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared I/O engine that many {@link MediaSession}s run on: a small fixed number of I/O
 * threads, each with a NIO {@link java.nio.channels.Selector} over its sessions' UDP sockets and
 * a timer queue for their jitter-buffer playout and RTCP, plus a pool of direct buffers. Never a
 * thread per session: each session is pinned to one I/O thread (round robin) for its life, and
 * everything it receives, plays out and reports runs there.
 *
 * <pre>{@code
 * try (MediaEngine engine = MediaEngine.create()) {
 *     MediaSession session = engine.createSession(MediaSessionConfig.builder().build());
 *     session.start();
 *     ...
 * } // closes every session and frees its ports
 * }</pre>
 *
 * <p>Behind a firewall that opens only a block of ports for media, give the engine that block:
 * {@code MediaEngine.builder().portRange(20000, 20999).build()}; sessions configured with port 0
 * then bind inside it (see {@link Builder#portRange(int, int)}).
 *
 * <p>Thread-safe. {@link #close()} closes every session, frees its ports and stops the threads.
 */
public final class MediaEngine implements AutoCloseable {

    private static final AtomicInteger ENGINES = new AtomicInteger();
    /** Size of the pooled direct send buffers: a 12-byte header and 60 ms of 16 kHz G.711 or more. */
    static final int SEND_BUFFER_SIZE = 2048;

    private final String name;
    private final IoLoop[] loops;
    private final BufferPool pool;
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final int socketBufferSize;
    private final PortCursor ports;
    private volatile boolean closed;

    private MediaEngine(Builder b) {
        this.name = b.name != null ? b.name : "voxcore-media-" + ENGINES.incrementAndGet();
        this.socketBufferSize = b.socketBufferSize;
        this.ports = b.portRange == null ? null : new PortCursor(b.portRange);
        this.pool = new BufferPool(SEND_BUFFER_SIZE, 1024);
        this.loops = new IoLoop[b.ioThreads];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop(name + "-io-" + i, java.nio.ByteBuffer.allocateDirect(IoLoop.RECEIVE_BUFFER_SIZE));
        }
        for (IoLoop loop : loops) {
            loop.start();
        }
    }

    /**
     * An engine with the defaults: {@code min(available processors, 4)} I/O threads.
     *
     * @return a running engine
     */
    public static MediaEngine create() {
        return builder().build();
    }

    /**
     * A builder for an engine.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a session and binds its sockets now, so {@link MediaSession#localAddress()} is known
     * (for SDP) before {@link MediaSession#start()}.
     *
     * @param config the session's settings
     * @return the session, not started
     * @throws IOException if a socket cannot be bound (the message names the address); a
     *     {@link java.net.BindException} naming the range when the engine has a
     *     {@linkplain #portRange() port range}, the session's port is 0 and every port of the range
     *     is busy
     * @throws IllegalArgumentException if the session's port is 0, its RTCP takes the next port
     *     ({@link RtcpMode#NEXT_PORT}) and the engine's range holds no such pair
     * @throws IllegalStateException if the engine is closed
     */
    public MediaSession createSession(MediaSessionConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        if (closed) {
            throw new IllegalStateException("engine " + name + " is closed");
        }
        IoLoop loop = liveLoop();
        MediaSession session = new MediaSession(this, loop, config, pool, socketBufferSize);
        sessions.add(session);
        if (closed) {
            session.close();
            throw new IllegalStateException("engine " + name + " is closed");
        }
        return session;
    }

    /** The next I/O thread in round robin that still runs; never one whose thread died. */
    private IoLoop liveLoop() {
        for (int tries = 0; tries < loops.length; tries++) {
            IoLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
            if (loop.isAlive()) {
                return loop;
            }
        }
        throw new IllegalStateException("engine " + name + ": all " + loops.length + " I/O threads have stopped after "
                + "a fatal error (see the log); no session can be created. Close this engine and create a new one");
    }

    /**
     * I/O threads still running: fewer than {@link #ioThreads()} only after a fatal error (such
     * as {@link OutOfMemoryError}) stopped one; its sessions no longer receive.
     *
     * @return the count
     */
    public int liveIoThreads() {
        int n = 0;
        for (IoLoop loop : loops) {
            if (loop.isAlive()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The ports this engine binds sessions configured with port 0 to, when
     * {@link Builder#portRange(int, int)} set them.
     *
     * @return the range, or empty when such sessions get any free even port the system offers
     */
    public Optional<PortRange> portRange() {
        return ports == null ? Optional.empty() : Optional.of(ports.range());
    }

    /** The range and its cursor for {@link TransportBinder#bind}. @return them, or null without a range */
    PortCursor ports() {
        return ports;
    }

    void forget(MediaSession session) {
        sessions.remove(session);
    }

    /**
     * The engine's name, the prefix of its threads' names ({@code name-io-N}).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The number of I/O threads.
     *
     * @return the count
     */
    public int ioThreads() {
        return loops.length;
    }

    /**
     * The sessions created and not yet closed.
     *
     * @return a snapshot
     */
    public List<MediaSession> sessions() {
        return List.copyOf(sessions);
    }

    /**
     * Direct buffers the engine's sessions hold: two per open session (RTP send and RTCP), one
     * with RTCP off. Back to 0 when every session is closed: a check for leaks.
     *
     * @return buffers handed to sessions and not yet returned
     */
    public int buffersInUse() {
        return pool.inUse();
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
     * Closes every session (freeing its ports) and stops the I/O threads, waiting up to 5 s for
     * them to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MediaSession session : new ArrayList<>(sessions)) {
            session.close();
        }
        boolean interrupted = false;
        for (IoLoop loop : loops) {
            try {
                loop.shutdown(5000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "MediaEngine[" + name + ", " + loops.length + " I/O threads, " + sessions.size() + " sessions"
                + (ports != null ? ", ports " + ports.range() : "") + (closed ? ", closed" : "") + "]";
    }

    /** Builds a {@link MediaEngine}. */
    public static final class Builder {
        private int ioThreads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        private String name;
        private int socketBufferSize = 1 << 18;
        private PortRange portRange;

        private Builder() {
        }

        /**
         * Sets the number of I/O threads.
         *
         * @param threads 1-64
         * @return this
         */
        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("I/O threads must be 1-64, got " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * Sets the engine's name, used for its threads.
         *
         * @param name not blank
         * @return this
         */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("engine name must not be blank, got \"" + name + "\"");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets the sockets' kernel receive and send buffer size ({@code SO_RCVBUF}/{@code SO_SNDBUF}).
         *
         * @param bytes 4096 or more (default 256 KiB; the kernel may cap it)
         * @return this
         */
        public Builder socketBufferSize(int bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("socket buffer size must be at least 4096 bytes, got " + bytes);
            }
            this.socketBufferSize = bytes;
            return this;
        }

        /**
         * Restricts the ports of sessions configured with local port 0 to {@code min-max}, both
         * inclusive, for a firewall that opens only that block for media. Each such session gets
         * an even RTP port {@code p} in the range (RFC 3550 section 11, with rtcp-mux or RTCP off
         * too) and, with {@link RtcpMode#NEXT_PORT}, RTCP on {@code p + 1}, which must lie in the
         * range as well. Successive sessions start their search at successive ports (a rotating
         * cursor), ports that are busy are skipped, and only when every candidate is busy does
         * {@link MediaEngine#createSession} throw a {@link java.net.BindException} naming the
         * range. A closed session's ports are free for later sessions. A session configured with
         * an explicit non-zero port binds exactly that port and ignores the range. Without this
         * call, port 0 takes any free even port the system offers.
         *
         * @param min the lowest port, {@value PortRange#LOWEST}-{@value PortRange#HIGHEST}
         * @param max the highest port, {@code min}-{@value PortRange#HIGHEST}
         * @return this
         * @throws IllegalArgumentException naming the values when an end lies outside
         *     {@value PortRange#LOWEST}-{@value PortRange#HIGHEST}, {@code min > max}, or the range
         *     holds no even port
         */
        public Builder portRange(int min, int max) {
            this.portRange = new PortRange(min, max);
            return this;
        }

        /**
         * Starts the engine's threads.
         *
         * @return the running engine
         */
        public MediaEngine build() {
            return new MediaEngine(this);
        }
    }
}
