package io.voxcore.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a relayed call costs before and at its first packet (issue 15): the live heap one call
 * holds, and the allocation its first packet in each direction causes on the I/O thread.
 *
 * <p>The legs are configured as a relay host configures them, with the library's defaults (RTP
 * on an even port and RTCP on the next one, reports on): {@code VoxRelayHost} in
 * {@code ../shared/relaybench} measures the same shape side by side with rtpengine.
 */
@Timeout(300)
class RelayCapacityTest {

    /** Issue 15's target: the live heap of one relayed call. */
    private static final long LIVE_HEAP_PER_CALL_LIMIT = 24 * 1024;
    private static final int CALLS = 1_000;

    @Test
    void aThousandRelayedCallsHoldAtMost24KibOfLiveHeapEach() throws Exception {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long needed = 4L * CALLS + 500; // four sockets per call, plus the JVM's own
            assumeTrue(unix.getMaxFileDescriptorCount() >= needed, "needs " + needed + " file descriptors, the limit is "
                    + unix.getMaxFileDescriptorCount() + " (ulimit -n)");
        }
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        // Nothing listens on the remotes: what is sent comes back as ICMP port unreachable, as in
        // a relay whose peers have not started yet.
        MediaSessionConfig configA = MediaSessionConfig.builder().localAddress(local)
                .remoteAddress(new InetSocketAddress("127.0.0.1", 9)).payloadType(0).telephoneEventPayloadType(101)
                .build();
        MediaSessionConfig configB = MediaSessionConfig.builder().localAddress(local)
                .remoteAddress(new InetSocketAddress("127.0.0.1", 9)).payloadType(8).telephoneEventPayloadType(101)
                .build();
        List<Object> held = new ArrayList<>(3 * CALLS);
        try (MediaEngine engine = MediaEngine.builder().name("relay-heap").ioThreads(2).build()) {
            MediaRelay warm = relay(engine, configA, configB, held); // the engine's own one-off structures
            long before = liveHeap();
            for (int i = 1; i < CALLS; i++) {
                relay(engine, configA, configB, held);
            }
            long after = liveHeap();
            long perCall = (after - before) / (CALLS - 1);
            System.out.printf("RelayCapacityTest: live heap per relayed call %d bytes (%d calls: %d -> %d)%n", perCall,
                    CALLS - 1, before, after);
            assertThat(perCall).as("live heap per relayed call, bytes (%d calls: %d -> %d)", CALLS - 1, before, after)
                    .isLessThanOrEqualTo(LIVE_HEAP_PER_CALL_LIMIT);
            assertThat(warm.isClosed()).isFalse();
            assertThat(held).hasSize(3 * CALLS);
            for (Object o : held) {
                if (o instanceof MediaSession s) {
                    s.close();
                }
            }
        }
    }

    /**
     * The first packet of each direction of a new relay allocates nothing on the I/O thread that a
     * later packet does not: every path, scratch buffer and table was built when the relay was
     * set up. Twenty fresh relays on an engine whose code is warm; the first packets of each are
     * measured, then their second packets, and the difference must be under 16 bytes a packet
     * (the smallest object). Peers are plain sockets, so the I/O thread runs the relays alone.
     */
    @Test
    void theFirstPacketOfEachDirectionAllocatesNothingBeyondTheRelaysSetUp() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).as("thread allocation counters").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        try (DatagramChannel peerA = DatagramChannel.open().bind(loopback);
                DatagramChannel peerB = DatagramChannel.open().bind(loopback);
                MediaEngine engine = MediaEngine.builder().name("relay-first").ioThreads(1).build()) {
            InetSocketAddress addressA = (InetSocketAddress) peerA.getLocalAddress();
            InetSocketAddress addressB = (InetSocketAddress) peerB.getLocalAddress();
            MediaSessionConfig configA = MediaSessionConfig.builder().localAddress(loopback).remoteAddress(addressA)
                    .payloadType(0).telephoneEventPayloadType(101).build();
            MediaSessionConfig configB = MediaSessionConfig.builder().localAddress(loopback).remoteAddress(addressB)
                    .payloadType(8).telephoneEventPayloadType(101).build();
            List<Object> held = new ArrayList<>();
            long io = threadId("relay-first-io-0");
            ByteBuffer in = ByteBuffer.allocateDirect(2048);

            // warm the code: 20,000 packets each way through one relay
            MediaRelay warm = relay(engine, configA, configB, held);
            MediaSession warmA = (MediaSession) held.get(0);
            MediaSession warmB = (MediaSession) held.get(1);
            for (int i = 0; i < 20_000; i++) {
                exchange(peerA, peerB, warmA, warmB, i, in);
            }
            assertThat(warm.statistics().aToB().packetsTranscoded()).isEqualTo(20_000);

            int relays = 20;
            List<MediaSession[]> fresh = new ArrayList<>();
            for (int r = 0; r < relays; r++) {
                List<Object> parts = new ArrayList<>();
                relay(engine, configA, configB, parts);
                held.addAll(parts);
                fresh.add(new MediaSession[] {(MediaSession) parts.get(0), (MediaSession) parts.get(1)});
            }
            long first = 0;
            long second = 0;
            for (int round = 0; round < 2; round++) {
                long before = threads.getThreadAllocatedBytes(io);
                for (MediaSession[] legs : fresh) {
                    exchange(peerA, peerB, legs[0], legs[1], 100 + round, in);
                }
                long bytes = threads.getThreadAllocatedBytes(io) - before;
                if (round == 0) {
                    first = bytes;
                } else {
                    second = bytes;
                }
            }
            int packets = 2 * relays;
            assertThat((first - second) / packets)
                    .as("bytes the first packet of a direction allocates beyond a later one (%d first, %d second, "
                            + "%d packets each)", first, second, packets)
                    .isLessThan(16L);
        }
    }

    /** One packet from each peer through the relay, each received at the other peer. */
    private static void exchange(DatagramChannel peerA, DatagramChannel peerB, MediaSession legA, MediaSession legB,
            int sequence, ByteBuffer in) throws Exception {
        peerA.send(packet(0, sequence, 0x1111), legA.localAddress());
        receive(peerB, in, 8);
        peerB.send(packet(8, sequence, 0x2222), legB.localAddress());
        receive(peerA, in, 0);
    }

    private static void receive(DatagramChannel peer, ByteBuffer in, int payloadType) throws Exception {
        in.clear();
        peer.receive(in); // blocking, bounded by the class's timeout
        assertThat(in.position()).as("relayed packet length").isEqualTo(172);
        assertThat(in.get(1) & 0x7F).as("relayed payload type").isEqualTo(payloadType);
    }

    private static ByteBuffer packet(int payloadType, int sequence, long ssrc) {
        ByteBuffer b = ByteBuffer.allocate(172);
        b.put((byte) 0x80).put((byte) payloadType).putShort((short) sequence).putInt(sequence * 160)
                .putInt((int) ssrc);
        while (b.hasRemaining()) {
            b.put((byte) (payloadType == 0 ? 0xFF : 0xD5)); // silence in the leg's law
        }
        return b.flip();
    }

    private static MediaRelay relay(MediaEngine engine, MediaSessionConfig a, MediaSessionConfig b, List<Object> held)
            throws Exception {
        MediaSession legA = engine.createSession(a);
        MediaSession legB = engine.createSession(b);
        MediaRelay relay = MediaRelay.between(legA, legB);
        legA.start();
        legB.start();
        held.add(legA);
        held.add(legB);
        held.add(relay);
        return relay;
    }

    private static long liveHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            memory.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new AssertionError("no thread named " + name);
    }
}
