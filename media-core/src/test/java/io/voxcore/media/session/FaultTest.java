package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.LOOPBACK;
import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.voxcore.media.AudioFrame;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults on loopback: the peer's port going away and coming back, thousands of open/close cycles
 * (ports, file descriptors, threads, pooled buffers), close during traffic, and the threading
 * rules of {@link MediaSession} under contention.
 */
@Timeout(120)
class FaultTest {

    @Test
    void theSessionSurvivesThePeersPortGoingAwayAndResumesWhenItIsBoundAgain() throws Exception {
        short[] speech = TestAudio.speech(160);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
            MediaSession a = engine.createSession(pcmu().remoteAddress(peerAddress).build()); // connected socket
            List<AudioFrame> heard = new CopyOnWriteArrayList<>();
            a.onAudio(heard::add);
            ByteBuffer in = ByteBuffer.allocate(2048);
            a.send(speech, 0, 160);
            assertThat(receiveOne(peer, in)).isEqualTo(172);

            // 1. Not yet receiving: the ICMP port unreachable is reported to the next write
            // (PortUnreachableException on the connected socket): counted as unsent, nothing thrown.
            peer.close();
            for (int i = 0; i < 20; i++) {
                a.send(speech, 0, 160);
                Thread.sleep(2);
            }
            SessionStatistics during = a.statistics();
            assertThat(during.packetsUnsent()).isPositive();
            assertThat(during.packetsSent() + during.packetsUnsent()).isEqualTo(21);
            a.start();

            // 2. The peer comes back on the same port: sending and receiving resume.
            resumes(a, peerAddress, speech, in, heard, 5);

            // 3. Gone again while the I/O thread reads the socket: the error reaches the read
            // (PortUnreachableException there) or the write, whichever comes first; neither stops the session.
            for (int i = 0; i < 20; i++) {
                a.send(speech, 0, 160);
                Thread.sleep(2);
            }
            SessionStatistics again = a.statistics();
            assertThat(again.packetsSent() + again.packetsUnsent()).isEqualTo(21 + 1 + 20);
            resumes(a, peerAddress, speech, in, heard, 10);
            assertThat(a.isClosed()).isFalse();
        }
    }

    /** Binds the peer's port again, checks a packet from the session arrives and audio from the peer plays. */
    private static void resumes(MediaSession a, InetSocketAddress peerAddress, short[] speech, ByteBuffer in,
            List<AudioFrame> heard, int heardAfter) throws Exception {
        try (DatagramChannel back = DatagramChannel.open().bind(peerAddress);
                RawPeer sameAddress = new RawPeer(0x51_5151L, back)) {
            long sentBefore = a.statistics().packetsSent();
            a.send(speech, 0, 160);
            assertThat(receiveOne(back, in)).isEqualTo(172);
            assertThat(a.statistics().packetsSent()).isEqualTo(sentBefore + 1);
            int before = heard.size();
            for (int i = 0; i < heardAfter - before; i++) {
                sameAddress.send(RawPeer.packet(2000 + heardAfter + i, 160L * (heardAfter + i), sameAddress.ssrc, 0,
                        speech, 0), a.localAddress());
            }
            await("audio from the returned peer", Duration.ofSeconds(10), () -> heard.size() == heardAfter);
            assertThat(heard.get(heardAfter - 1).samples()).isEqualTo(TestAudio.ulawRoundTrip(speech));
        }
    }

    private static int receiveOne(DatagramChannel channel, ByteBuffer in) throws Exception {
        channel.configureBlocking(true);
        in.clear();
        channel.socket().setSoTimeout(10_000);
        // DatagramChannel.receive ignores SO_TIMEOUT; the socket adaptor honours it.
        java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[2048], 2048);
        channel.socket().receive(p);
        return p.getLength();
    }

    @Test
    void twoThousandOpenCloseCyclesLeakNoPortFileDescriptorThreadOrBuffer() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().name("cycles").ioThreads(2).build()) {
            // one warm-up batch so lazily created JDK resources (selector pipes, NIO threads) exist before the baseline
            cycle(engine, 20, new ArrayList<>());
            int threadsBefore = Thread.activeCount();
            long fdsBefore = openFileDescriptors();
            assertThat(engine.buffersInUse()).isZero();
            List<InetSocketAddress> lastPorts = new ArrayList<>();
            for (int batch = 0; batch < 20; batch++) {
                lastPorts.clear();
                cycle(engine, 100, lastPorts);
            }
            assertThat(engine.sessions()).isEmpty();
            assertThat(engine.buffersInUse()).isZero();
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
            assertThat(LifecycleTest.liveThreads("cycles-io-")).hasSize(2);
            for (InetSocketAddress port : lastPorts) {
                assertThatCode(() -> DatagramChannel.open().bind(port).close()).as("binding %s again", port)
                        .doesNotThrowAnyException();
            }
            // Last, so that without /proc every other check has run: a reported skip, not a silent pass.
            assumeThat(fdsBefore).as("open file descriptors, counted in /proc/self/fd (Linux only): without"
                    + " /proc the leak check on file descriptors was skipped, the checks above passed").isNotNegative();
            assertThat(openFileDescriptors()).as("open file descriptors after 2,000 cycles").isLessThanOrEqualTo(fdsBefore);
        }
    }

    /** Creates {@code n} sessions (RTCP on the next port, so two sockets and two buffers each), starts them, has them talk, closes them. */
    private static void cycle(MediaEngine engine, int n, List<InetSocketAddress> ports) throws Exception {
        List<MediaSession> sessions = new ArrayList<>();
        short[] pcm = new short[160];
        for (int i = 0; i < n; i++) {
            MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
            sessions.add(s);
            ports.add(s.localAddress());
            s.rtcpLocalAddress().ifPresent(ports::add);
        }
        assertThat(engine.buffersInUse()).isEqualTo(2 * n);
        for (int i = 0; i < n; i++) {
            MediaSession s = sessions.get(i);
            s.remoteAddress(sessions.get((i ^ 1) < n ? (i ^ 1) : i).localAddress());
            s.start();
            s.send(pcm, 0, 160);
        }
        for (int i = 0; i < n; i += 2) {
            sessions.get(i).close();
        }
        for (int i = 1; i < n; i += 2) {
            sessions.get(i).close();
        }
    }

    /** Open file descriptors of this process (Linux), or -1 elsewhere. */
    private static long openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    void fileDescriptorsAreCountedOnLinux() {
        assumeThat(new File("/proc/self/fd").isDirectory()).as("Linux /proc").isTrue();
        assertThat(openFileDescriptors()).isPositive();
    }

    @Test
    void closeDuringHeavyTrafficLosesNoPacketOfASendThatStartedBeforeIt() throws Exception {
        int perCall = 160 * 50; // each send call: 50 packets
        short[] speech = TestAudio.speech(perCall);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 22);
            MediaSession a = engine.createSession(pcmu().remoteAddress((InetSocketAddress) peer.getLocalAddress()).build());
            a.start();
            // The peer drains as packets come: how much a socket may buffer is the kernel's choice
            // (net.core.rmem_max caps SO_RCVBUF), so the test must not rely on it holding them all.
            AtomicLong received = new AtomicLong();
            Thread reader = new Thread(() -> {
                ByteBuffer in = ByteBuffer.allocate(2048);
                try {
                    while (true) {
                        peer.receive(in.clear());
                        received.incrementAndGet();
                    }
                } catch (java.io.IOException closed) {
                    // the channel was closed at the end of the test
                }
            }, "close-test-peer");
            reader.setDaemon(true);
            reader.start();
            AtomicLong calls = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch running = new CountDownLatch(1);
            Thread sender = new Thread(() -> {
                try {
                    while (true) {
                        a.send(speech, 0, perCall);
                        calls.incrementAndGet();
                        running.countDown();
                        Thread.sleep(1); // heavy (about 50 packets a millisecond) but not beyond the peer
                    }
                } catch (InterruptedException e) {
                    failure.set(e);
                } catch (IllegalStateException e) {
                    if (!e.getMessage().contains("closed")) {
                        failure.set(e);
                    }
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "close-test-sender");
            sender.start();
            running.await();
            a.close();
            sender.join(10_000);
            assertThat(sender.isAlive()).isFalse();
            assertThat(failure.get()).isNull();
            SessionStatistics stats = a.statistics();
            // Every send call that began before close completed: no partial call is cut off.
            assertThat(stats.packetsSent() + stats.packetsUnsent()).isEqualTo(calls.get() * 50);
            assertThat(stats.packetsUnsent()).isZero();
            // and every packet written reached the peer over loopback
            long sent = stats.packetsSent();
            TestAudio.await("the peer to receive all " + sent + " packets", java.time.Duration.ofSeconds(10),
                    () -> received.get() >= sent);
            assertThat(received.get()).isEqualTo(sent);
            assertThatThrownBy(() -> a.send(speech, 0, 160)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(engine.buffersInUse()).isZero();
        }
    }

    @Test
    void concurrentSendFromTwoThreadsFailsFastNamingTheMisuse() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                DatagramChannel sinkhole = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession a = engine.createSession(pcmu().remoteAddress((InetSocketAddress) sinkhole.getLocalAddress())
                    .build());
            short[] pcm = new short[160 * 20];
            AtomicLong misuse = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 2000; i++) {
                        try {
                            a.send(pcm, 0, pcm.length);
                            completed.incrementAndGet();
                        } catch (IllegalStateException e) {
                            if (e.getMessage().contains("two threads")) {
                                misuse.incrementAndGet();
                            } else {
                                other.set(e);
                            }
                        }
                    }
                });
            }
            for (Thread t : threads) {
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(other.get()).isNull();
            assertThat(completed.get() + misuse.get()).isEqualTo(4000);
            // the calls that went through were whole: 20 packets each, sequence numbers unbroken
            SessionStatistics s = a.statistics();
            assertThat(s.packetsSent() + s.packetsUnsent()).isEqualTo(completed.get() * 20);
            // the two threads overlapped (2,000 calls each, 20 packets per call), so misuse was detected
            assertThat(misuse.get()).isPositive();
        }
    }

    @Test
    void statisticsSendAndCloseFromSeveralThreadsUnderContention() throws Exception {
        for (int round = 0; round < 20; round++) {
            try (MediaEngine engine = MediaEngine.builder().ioThreads(2).build()) {
                MediaSession a = engine.createSession(pcmu().build());
                MediaSession b = engine.createSession(pcmu().remoteAddress(a.localAddress()).build());
                a.remoteAddress(b.localAddress());
                AtomicLong frames = new AtomicLong();
                b.onAudio(f -> frames.incrementAndGet());
                a.start();
                b.start();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                threads.add(new Thread(() -> {
                    short[] pcm = new short[160];
                    try {
                        go.await();
                        for (int i = 0; i < 500; i++) {
                            a.send(pcm, 0, 160);
                        }
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().contains("closed")) {
                            failure.set(e);
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }));
                for (int r = 0; r < 2; r++) {
                    threads.add(new Thread(() -> {
                        try {
                            go.await();
                            for (int i = 0; i < 50; i++) {
                                SessionStatistics s = a.statistics();
                                assertThat(s.packetsSent()).isLessThanOrEqualTo(500);
                                b.statistics();
                            }
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    }));
                }
                for (int c = 0; c < 2; c++) {
                    threads.add(new Thread(() -> {
                        try {
                            go.await();
                            Thread.sleep(5);
                            a.close(); // two closers racing each other and the sender
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.start();
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join(30_000);
                }
                assertThat(failure.get()).isNull();
                assertThat(a.isClosed()).isTrue();
                SessionStatistics finalA = a.statistics();
                assertThat(finalA.packetsSent()).isBetween(0L, 500L);
                assertThat(a.statistics()).isEqualTo(finalA); // frozen after close
                b.close();
                assertThat(engine.buffersInUse()).isZero();
            }
        }
    }
}
