package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.rtp.RtcpPacket;
import io.voxcore.media.rtp.RtcpValidation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Feeds datagrams straight into the receive path of real sessions (on their I/O thread, through
 * {@link MediaSession#onDatagram} and {@link MediaSession#onRtcp}), without sockets, and checks
 * after each one that it was handled without an exception and counted exactly once.
 *
 * <p>Two sessions, both expecting {@link #REMOTE} (unconnected sockets, so the source address is
 * checked): one with RTCP multiplexed on the RTP port (RFC 5761 demultiplexing, then the RTP or
 * RTCP path), one with RTCP on its own port (each datagram also goes to its RTCP path). Both
 * have latched {@link #REMOTE_SSRC} from a first good packet, so mutated good packets reach the
 * sequence checks, the jitter buffer, the decoder and playout (whose timers run on the loop).
 */
final class ReceiveHarness implements AutoCloseable {

    static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40_000);
    static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.2", 40_000);
    static final long REMOTE_SSRC = 0x0123_4567L;

    private final MediaEngine engine;
    private final MediaSession mux;
    private final MediaSession separate;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(IoLoop.RECEIVE_BUFFER_SIZE);
    private final RtcpPacket rtcp = new RtcpPacket();
    private long datagrams;

    ReceiveHarness() throws IOException {
        engine = MediaEngine.builder().name("receive-harness").ioThreads(1).build();
        mux = engine.createSession(config(RtcpMode.MUX));
        separate = engine.createSession(config(RtcpMode.NEXT_PORT));
        mux.onPcm((pcm, offset, length, timestamp) -> { });
        separate.onPcm((pcm, offset, length, timestamp) -> { });
        byte[] first = new byte[12 + 160];
        ByteBuffer.wrap(first).putShort(0, (short) 0x8000).putShort(2, (short) 1000).putInt(4, 50_000)
                .putInt(8, (int) REMOTE_SSRC);
        feed(first, REMOTE);
        assertThat(mux.statistics().packetsReceived()).isEqualTo(1);
        assertThat(separate.statistics().remoteSsrc()).isEqualTo(REMOTE_SSRC);
    }

    private static MediaSessionConfig config(RtcpMode mode) {
        return MediaSessionConfig.builder().localAddress(new InetSocketAddress("127.0.0.1", 0)).payloadType(0)
                .rtcpMode(mode).remoteAddress(REMOTE).connectSocket(false).rtcpIntervalMillis(100_000)
                .build();
    }

    /**
     * Hands one datagram to both sessions' receive paths and asserts it was counted exactly once
     * on the RTP path and at most once (exactly once when invalid) on the RTCP path.
     */
    void feed(byte[] datagram, InetSocketAddress from) {
        int length = Math.min(datagram.length, buffer.capacity());
        datagrams++;
        // RTP socket of the multiplexing session
        Throwable[] failure = new Throwable[1];
        SessionHooks.onLoop(mux, () -> {
            try {
                SessionStatistics before = mux.statistics();
                load(datagram, length);
                boolean isRtcp = RtcpPacket.isRtcp(buffer, 0, length);
                boolean rtcpValid = isRtcp && rtcp.wrap(buffer, 0, length).validate() == RtcpValidation.VALID;
                SessionHooks.onDatagram(mux, buffer, length, from);
                SessionStatistics after = mux.statistics();
                if (isRtcp) {
                    checkRtcp(before, after, rtcpValid, from);
                } else {
                    assertThat(rtpOutcomes(after) - rtpOutcomes(before)).as("RTP outcomes counted").isEqualTo(1);
                }
                // the RTCP socket of the other session
                SessionStatistics before2 = separate.statistics();
                load(datagram, length);
                boolean valid2 = rtcp.wrap(buffer, 0, length).validate() == RtcpValidation.VALID;
                SessionHooks.onRtcp(separate, buffer, length, from);
                checkRtcp(before2, separate.statistics(), valid2, from);
                // and its RTP socket
                SessionStatistics before3 = separate.statistics();
                load(datagram, length);
                SessionHooks.onDatagram(separate, buffer, length, from);
                assertThat(rtpOutcomes(separate.statistics()) - rtpOutcomes(before3)).as("RTP outcomes counted")
                        .isEqualTo(1);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (failure[0] instanceof RuntimeException) {
            throw (RuntimeException) failure[0];
        }
        if (failure[0] instanceof Error) {
            throw (Error) failure[0];
        }
    }

    private void load(byte[] datagram, int length) {
        buffer.clear();
        buffer.order(ByteOrder.BIG_ENDIAN);
        buffer.put(datagram, 0, length);
        buffer.clear();
    }

    private static void checkRtcp(SessionStatistics before, SessionStatistics after, boolean valid,
            InetSocketAddress from) {
        long delta = rtcpOutcomes(after) - rtcpOutcomes(before);
        if (!from.getAddress().equals(REMOTE.getAddress())) {
            assertThat(after.foreignAddress() - before.foreignAddress()).as("foreign RTCP").isEqualTo(1);
            assertThat(delta).isEqualTo(1);
        } else if (!valid) {
            assertThat(after.rtcpMalformed() - before.rtcpMalformed()).as("malformed RTCP").isEqualTo(1);
            assertThat(delta).isEqualTo(1);
        } else {
            // a valid compound packet is counted as received if it speaks for the remote SSRC,
            // else ignored (reports from other sources are none of this session's business)
            assertThat(after.rtcpMalformed()).isEqualTo(before.rtcpMalformed());
            assertThat(delta).isBetween(0L, 1L);
        }
    }

    /** Every outcome of a datagram on the RTP path: each datagram lands in exactly one. */
    static long rtpOutcomes(SessionStatistics s) {
        return s.malformedTotal() + s.wrongPayloadType() + s.foreignAddress() + s.foreignSsrc() + s.packetsReceived()
                + s.badSequence() + s.duplicates();
    }

    static long rtcpOutcomes(SessionStatistics s) {
        return s.rtcpMalformed() + s.rtcpReceived() + s.foreignAddress();
    }

    /** After feeding: the engine's thread is alive and runs the sessions' tasks. */
    void assertAlive() {
        assertThat(LifecycleTest.liveThreads("receive-harness-io-")).hasSize(1);
        boolean[] ran = new boolean[2];
        SessionHooks.onLoop(mux, () -> ran[0] = true); // returns once run, throws if the loop does not answer in 10 s
        SessionHooks.onLoop(separate, () -> ran[1] = true);
        assertThat(ran).as("tasks run on the I/O thread").containsExactly(true, true);
        assertThat(mux.isClosed()).isFalse();
    }

    long datagrams() {
        return datagrams;
    }

    MediaSession mux() {
        return mux;
    }

    @Override
    public void close() {
        engine.close();
    }
}
