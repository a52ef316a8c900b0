package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The paths {@link AllocationTest} leaves out allocate nothing per packet either, each measured on
 * the thread that does the work ({@code ThreadMXBean#getThreadAllocatedBytes} of the engine's
 * only I/O thread, or of the sending thread): the latching receive and send on an unconnected
 * socket; loss, reordering and duplicates with gap reporting; RTCP reports sent and received; RFC
 * 4733 telephone events sent and received, with and without a {@link DtmfListener}.
 *
 * <p>Each measured window must allocate exactly 0 bytes on the thread; the window is run up to
 * three times, so a one-off allocation by the JVM itself (seen: 168 bytes after a deoptimization)
 * cannot fail the build, while anything allocated per packet, per report or per event shows in
 * every window. Nothing in a window calls {@link MediaSession#statistics()} (it runs on the I/O
 * thread); counts come from the sinks and are checked against the statistics after the window.
 */
@Timeout(300)
class HotPathAllocationTest {

    private static final int WARM_UP = 12_000;
    private static final int MEASURED = 3_000;
    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void enableCounters() {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).as("thread allocation counters").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** One measured window: does its work, checks it was done, and says what it handled. */
    interface Window {
        String run(SendMeter sending) throws Exception;
    }

    /** Measures the calling (sending) thread around the sending calls only, not the test's waiting. */
    static final class SendMeter {
        private long bytes;
        private long started;

        void start() {
            started = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        }

        void stop() {
            bytes += threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - started;
        }
    }

    /**
     * Runs {@code window} up to three times and passes at the first that allocated nothing on the
     * I/O thread nor on the sending thread while it sent; fails naming the bytes of every window.
     */
    static void assertAWindowAllocatesNothing(String what, Window window, long ioThread) throws Exception {
        assertAWindowAllocatesAtMost(what, window, ioThread, () -> 0L);
    }

    /**
     * As {@link #assertAWindowAllocatesNothing}, but the I/O thread may allocate what
     * {@code ioAllowance} says after the window (objects the API hands out per event, counted by
     * the test), and not a byte more.
     */
    static void assertAWindowAllocatesAtMost(String what, Window window, long ioThread,
            java.util.function.LongSupplier ioAllowance) throws Exception {
        List<String> seen = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            SendMeter sending = new SendMeter();
            long before = threads.getThreadAllocatedBytes(ioThread);
            String handled = window.run(sending);
            long io = threads.getThreadAllocatedBytes(ioThread) - before;
            if (io <= ioAllowance.getAsLong() && sending.bytes == 0) {
                return;
            }
            seen.add(io + " bytes on the I/O thread and " + sending.bytes + " on the sending thread for " + handled);
        }
        throw new AssertionError(what + " allocated in each of 3 windows: " + seen);
    }

    /** Counts what a session plays and the packets it reports missing. */
    static final class Counter implements PcmSink {
        final AtomicLong played = new AtomicLong();
        final AtomicLong missing = new AtomicLong();

        @Override
        public void onPcm(short[] samples, int offset, int length, long timestamp) {
            played.incrementAndGet();
        }

        @Override
        public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
            missing.addAndGet(packets);
        }
    }

    @Test
    void latchingReceiveAndSendOnAnUnconnectedSocketAllocateNothing() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        Counter atA = new Counter();
        Counter atB = new Counter();
        try (MediaEngine engine = MediaEngine.builder().name("alloc-latch").ioThreads(1).build()) {
            // b knows no remote: it latches onto a's address and SSRC, and stays unconnected
            MediaSession b = engine.createSession(pcmu().connectSocket(false).build());
            MediaSession a = engine.createSession(pcmu().remoteAddress(b.localAddress()).build());
            a.onPcm(atA);
            b.onPcm(atB);
            a.start();
            b.start();
            a.send(speech, 0, 160);
            await("b latched onto a", Duration.ofSeconds(10), () -> b.remoteAddress().isPresent());
            long io = AllocationTest.engineThreadId("alloc-latch-io-0");
            int[] sent = {1};
            Window window = sending -> {
                long aBefore = atA.played.get();
                long bBefore = atB.played.get();
                sending.start();
                sendBothWays(a, b, speech, sent[0], MEASURED);
                sending.stop();
                sent[0] += MEASURED;
                await("both ends played", Duration.ofSeconds(60),
                        () -> atB.played.get() >= bBefore + MEASURED && atA.played.get() >= aBefore + MEASURED);
                assertThat(atB.played.get() - bBefore).as("played at b").isEqualTo(MEASURED);
                assertThat(atA.played.get() - aBefore).as("played at a").isEqualTo(MEASURED);
                return MEASURED + " packets each way";
            };
            sendBothWays(a, b, speech, 1, WARM_UP);
            sent[0] += WARM_UP;
            await("warm-up played", Duration.ofSeconds(60), () -> atB.played.get() >= WARM_UP + 1 && atA.played.get() >= WARM_UP);
            assertAWindowAllocatesNothing("latched receive and send on the unconnected socket", window, io);
            assertThat(atA.missing.get() + atB.missing.get()).as("packets missing").isZero();
            assertThat(b.config().connectSocket()).isFalse();
            assertThat(b.remoteAddress()).contains(a.localAddress());
        }
    }

    @Test
    void srtpProtectAndUnprotectOnASessionAllocateNothing() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        Counter atA = new Counter();
        Counter atB = new Counter();
        try (MediaEngine engine = MediaEngine.builder().name("alloc-srtp").ioThreads(1).build()) {
            MediaSession a = engine.createSession(pcmu().build());
            MediaSession b = engine.createSession(pcmu().build());
            io.voxcore.media.sdp.NegotiatedMedia[] call = NegotiatedSessionTest.negotiate(
                    io.voxcore.media.sdp.OfferAnswer.create(SrtpSessionTest.secure(), a.localAddress()),
                    io.voxcore.media.sdp.OfferAnswer.create(SrtpSessionTest.secure(), b.localAddress()));
            a.update(call[0]);
            b.update(call[1]);
            a.onPcm(atA);
            b.onPcm(atB);
            a.start();
            b.start();
            long io = AllocationTest.engineThreadId("alloc-srtp-io-0");
            int[] sent = {0};
            Window window = sending -> {
                long aBefore = atA.played.get();
                long bBefore = atB.played.get();
                sending.start();
                sendBothWays(a, b, speech, sent[0], MEASURED);
                sending.stop();
                sent[0] += MEASURED;
                await("both ends played", Duration.ofSeconds(60),
                        () -> atB.played.get() >= bBefore + MEASURED && atA.played.get() >= aBefore + MEASURED);
                return MEASURED + " SRTP packets each way";
            };
            sendBothWays(a, b, speech, 0, WARM_UP);
            sent[0] += WARM_UP;
            await("warm-up played", Duration.ofSeconds(60), () -> atB.played.get() >= WARM_UP && atA.played.get() >= WARM_UP);
            assertAWindowAllocatesNothing("SRTP protect on send and unprotect on receive", window, io);
            assertThat(b.statistics().srtp().rtpUnprotected()).isGreaterThanOrEqualTo(WARM_UP + MEASURED);
            assertThat(b.statistics().srtp().authenticationFailures()).isZero();
        }
    }

    private static void sendBothWays(MediaSession a, MediaSession b, short[] pcm, int first, int count) {
        for (int i = first; i < first + count; i++) {
            int at = (160 * i) % (pcm.length - 160);
            a.send(pcm, at, 160);
            b.send(pcm, at, 160);
            LockSupport.parkNanos(300_000);
        }
    }

    @Test
    void lossReorderingAndDuplicatesWithGapReportsAllocateNothingOnTheIoThread() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        Counter counter = new Counter();
        try (MediaEngine engine = MediaEngine.builder().name("alloc-lossy").ioThreads(1).build();
                RawPeer peer = new RawPeer(0x5EED_0001L)) {
            MediaSession b = engine.createSession(pcmu().remoteAddress(peer.address()).gapPolicy(GapPolicy.REPORT).build());
            b.onPcm(counter);
            b.start();
            long io = AllocationTest.engineThreadId("alloc-lossy-io-0");
            // Blocks of 10 sequence numbers sent as 0 1 3 2 4 4 6 7 8 9: one reordered pair, one
            // duplicate, one lost (5): 9 played, 1 reported missing, 1 duplicate per block.
            int[] order = {0, 1, 3, 2, 4, 4, 6, 7, 8, 9};
            int blocks = MEASURED / 10;
            List<ByteBuffer> warm = lossyStream(peer, speech, WARM_UP / 10, order);
            List<ByteBuffer> measured = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                measured.addAll(lossyStream(peer, speech, blocks, order));
            }
            int[] next = {0};
            Window window = sending -> {
                long played = counter.played.get();
                long missing = counter.missing.get();
                for (int i = 0; i < blocks * order.length; i++) {
                    peer.send(measured.get(next[0]++), b.localAddress());
                    LockSupport.parkNanos(300_000);
                }
                await("the window's packets accounted for", Duration.ofSeconds(60),
                        () -> counter.played.get() + counter.missing.get() >= played + missing + blocks * 10L);
                assertThat(counter.played.get() - played).as("played").isEqualTo(blocks * 9L);
                assertThat(counter.missing.get() - missing).as("reported missing").isEqualTo(blocks);
                return blocks * order.length + " datagrams: " + blocks + " lost, " + blocks + " reordered pairs, "
                        + blocks + " duplicates";
            };
            for (ByteBuffer p : warm) {
                peer.send(p, b.localAddress());
                LockSupport.parkNanos(300_000);
            }
            await("warm-up accounted for", Duration.ofSeconds(60),
                    () -> counter.played.get() + counter.missing.get() >= WARM_UP);
            long duplicatesBefore = b.statistics().duplicates();
            assertAWindowAllocatesNothing("loss, reordering and duplicates", window, io);
            int windows = next[0] / (blocks * order.length);
            assertThat(b.statistics().duplicates() - duplicatesBefore).as("duplicates counted")
                    .isEqualTo((long) windows * blocks);
        }
    }

    static List<ByteBuffer> lossyStream(RawPeer peer, short[] speech, int blocks, int[] order) {
        List<ByteBuffer> out = new ArrayList<>();
        for (int block = 0; block < blocks; block++) {
            ByteBuffer[] packets = new ByteBuffer[10];
            for (int i = 0; i < 10; i++) {
                packets[i] = peer.nextPacket(speech, (160 * i) % (speech.length - 160));
            }
            for (int i : order) {
                out.add(packets[i]);
            }
        }
        return out;
    }

    @Test
    void rtcpReportsSentAndReceivedAllocateNothingOnTheIoThread() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        Counter atA = new Counter();
        Counter atB = new Counter();
        try (MediaEngine engine = MediaEngine.builder().name("alloc-rtcp").ioThreads(1).build()) {
            MediaSession b = engine.createSession(pcmu().rtcpMode(RtcpMode.NEXT_PORT).rtcpIntervalMillis(100).build());
            MediaSession a = engine.createSession(pcmu().rtcpMode(RtcpMode.NEXT_PORT).rtcpIntervalMillis(100)
                    .remoteAddress(b.localAddress()).build());
            b.remoteAddress(a.localAddress());
            a.onPcm(atA);
            b.onPcm(atB);
            a.start();
            b.start();
            long io = AllocationTest.engineThreadId("alloc-rtcp-io-0");
            int[] sent = {0};
            // 2,000 packets 1 ms apart: about 2 s, some 20 reports each way at 100 ms intervals
            Window window = sending -> {
                long aBefore = atA.played.get();
                long bBefore = atB.played.get();
                sending.start();
                for (int i = 0; i < 2_000; i++, sent[0]++) {
                    int at = (160 * sent[0]) % (speech.length - 160);
                    a.send(speech, at, 160);
                    b.send(speech, at, 160);
                    LockSupport.parkNanos(1_000_000);
                }
                sending.stop();
                await("both ends played", Duration.ofSeconds(60),
                        () -> atB.played.get() >= bBefore + 2_000 && atA.played.get() >= aBefore + 2_000);
                return "2,000 RTP packets each way and the RTCP reports of about 2 s";
            };
            window.run(new SendMeter()); // warm-up
            SessionStatistics aBefore = a.statistics();
            SessionStatistics bBefore = b.statistics();
            assertAWindowAllocatesNothing("RTCP sending and receiving", window, io);
            SessionStatistics aAfter = a.statistics();
            SessionStatistics bAfter = b.statistics();
            assertThat(aAfter.rtcpSent() - aBefore.rtcpSent()).as("reports a sent").isGreaterThanOrEqualTo(5);
            assertThat(bAfter.rtcpSent() - bBefore.rtcpSent()).as("reports b sent").isGreaterThanOrEqualTo(5);
            assertThat(aAfter.rtcpReceived() - aBefore.rtcpReceived()).as("reports a received").isGreaterThanOrEqualTo(5);
            assertThat(bAfter.rtcpReceived() - bBefore.rtcpReceived()).as("reports b received").isGreaterThanOrEqualTo(5);
        }
    }

    /**
     * A server with many sessions has socket file descriptors above 127: the JDK's epoll selector
     * looks each ready one up in a {@code HashMap<Integer, SelectionKeyImpl>}, boxing descriptors
     * outside the Integer cache unless the JIT removes the box. 300 sockets opened first put this
     * pair's descriptors there.
     */
    @Test
    void socketsWithFileDescriptorsAbove127AllocateOnlyTheJdkSelectorsBoxOnTheIoThread() throws Exception {
        List<java.nio.channels.DatagramChannel> ballast = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                ballast.add(java.nio.channels.DatagramChannel.open());
            }
            short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
            Counter atA = new Counter();
            Counter atB = new Counter();
            try (MediaEngine engine = MediaEngine.builder().name("alloc-high-fd").ioThreads(1).build()) {
                MediaSession b = engine.createSession(pcmu().build());
                MediaSession a = engine.createSession(pcmu().remoteAddress(b.localAddress()).build());
                b.remoteAddress(a.localAddress());
                a.onPcm(atA);
                b.onPcm(atB);
                a.start();
                b.start();
                long io = AllocationTest.engineThreadId("alloc-high-fd-io-0");
                int[] sent = {0};
                Window window = sending -> {
                    long aBefore = atA.played.get();
                    long bBefore = atB.played.get();
                    sending.start();
                    sendBothWays(a, b, speech, sent[0], MEASURED);
                    sending.stop();
                    sent[0] += MEASURED;
                    await("both ends played", Duration.ofSeconds(60),
                            () -> atB.played.get() >= bBefore + MEASURED && atA.played.get() >= aBefore + MEASURED);
                    return MEASURED + " packets each way";
                };
                sendBothWays(a, b, speech, 0, WARM_UP);
                sent[0] = WARM_UP;
                await("warm-up played", Duration.ofSeconds(60), () -> atB.played.get() >= WARM_UP && atA.played.get() >= WARM_UP);
                // The JDK's EPollSelectorImpl boxes each ready descriptor above 127 (an Integer, 16
                // bytes, JDK 17 and 25): at most one per datagram. voxcore's own path adds nothing.
                assertAWindowAllocatesAtMost("receiving on sockets with descriptors above 127", window, io,
                        () -> 16L * 2 * MEASURED);
            }
        } finally {
            for (java.nio.channels.DatagramChannel c : ballast) {
                c.close();
            }
        }
    }

    /**
     * A peer that went away (no socket on its RTP nor its RTCP port): every datagram to it draws an
     * ICMP port unreachable, which a connected socket reports on its next read or write. Sending
     * RTP (the sending thread) and RTCP reports (the I/O thread) to it must not allocate either.
     * The window is a span of time (the reports are timer driven); the counts are checked after it.
     */
    @Test
    void sendingRtpAndRtcpToAPeerThatWentAwayAllocatesNothing() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        int deadPort = Pcm.freeRtpPort();
        try (MediaEngine engine = MediaEngine.builder().name("alloc-dead-peer").ioThreads(1).build()) {
            MediaSession a = engine.createSession(pcmu().rtcpMode(RtcpMode.NEXT_PORT).rtcpIntervalMillis(100)
                    .remoteAddress(new java.net.InetSocketAddress("127.0.0.1", deadPort)).build());
            a.start();
            long io = AllocationTest.engineThreadId("alloc-dead-peer-io-0");
            int[] sent = {0};
            Window window = sending -> {
                sending.start();
                for (int i = 0; i < 1_000; i++, sent[0]++) { // about 1 s: some 10 reports
                    a.send(speech, (160 * sent[0]) % (speech.length - 160), 160);
                    LockSupport.parkNanos(1_000_000);
                }
                sending.stop();
                return "1,000 RTP packets and about 1 s of RTCP reports to a dead port pair";
            };
            window.run(new SendMeter()); // warm-up
            window.run(new SendMeter());
            SessionStatistics before = a.statistics();
            assertAWindowAllocatesNothing("sending to a peer that went away", window, io);
            SessionStatistics after = a.statistics();
            assertThat(after.rtcpSent() - before.rtcpSent()).as("reports sent").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void telephoneEventsSentAndReceivedWithoutAListenerAllocateNothing() throws Exception {
        telephoneEvents(false);
    }

    @Test
    void telephoneEventsReceivedByADtmfListenerAllocateNothingPerPacket() throws Exception {
        telephoneEvents(true);
    }

    /** A {@link DtmfEvent} on a 64-bit JVM with compressed oops: header, long, 3 ints, char, boolean. */
    private static final long DTMF_EVENT_BYTES = 40;

    private static void telephoneEvents(boolean listener) throws Exception {
        String name = listener ? "alloc-dtmf-listener" : "alloc-dtmf";
        AtomicLong ends = new AtomicLong();
        AtomicLong reports = new AtomicLong();
        Counter audio = new Counter();
        short[] speech = TestAudio.speech(160);
        try (MediaEngine engine = MediaEngine.builder().name(name).ioThreads(1).build()) {
            MediaSession b = engine.createSession(pcmu().ptimeMillis(10).telephoneEventPayloadType(101).build());
            MediaSession a = engine.createSession(pcmu().ptimeMillis(10).telephoneEventPayloadType(101)
                    .remoteAddress(b.localAddress()).build());
            b.onPcm(audio);
            if (listener) {
                b.onDtmf(event -> {
                    reports.incrementAndGet();
                    if (event.end()) {
                        ends.incrementAndGet();
                    }
                });
            }
            a.start();
            b.start();
            long io = AllocationTest.engineThreadId(name + "-io-0");
            Duration tone = Duration.ofMillis(10);
            String digits = "0123456789*#ABCD0123456789*#ABCD0123456789*#ABCD";
            // Warm-up: audio first, so that every jitter-buffer slot's array has grown to a packet's
            // size (a telephone event only holds a slot; the audio after each window lands in another)
            for (int i = 0; i < WARM_UP / 4; i++) {
                a.send(speech, 0, 80);
                LockSupport.parkNanos(300_000);
            }
            for (int i = 0; i < 6; i++) {
                a.sendDtmf(digits, tone, 10).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            // An audio packet after the events: once it plays, b has handled every event before it.
            a.send(speech, 0, 80);
            // played or reported missing (a late packet on a loaded machine): either way b got past it
            await("warm-up events received", Duration.ofSeconds(30),
                    () -> audio.played.get() + audio.missing.get() >= WARM_UP / 4 + 1
                    && (!listener || ends.get() >= 6L * digits.length()));
            long dtmfBefore = b.statistics().dtmfReceived();
            int[] windows = {0};
            long[] endsBefore = {ends.get()};
            long[] reportsBefore = {0};
            Window window = sending -> {
                long played = audio.played.get() + audio.missing.get();
                reportsBefore[0] = reports.get();
                // The request itself (its completion stage, the digits) is allocated once per call
                // on the caller's thread; the event packets are sent by the I/O thread's timers.
                a.sendDtmf(digits, tone, 10).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
                sending.start();
                a.send(speech, 0, 80);
                sending.stop();
                windows[0]++;
                long target = endsBefore[0] + (long) windows[0] * digits.length();
                await("the window's events handled", Duration.ofSeconds(30),
                        () -> audio.played.get() + audio.missing.get() > played && (!listener || ends.get() >= target));
                return digits.length() + " telephone events" + (listener ? " delivered to a DtmfListener" : "");
            };
            // A DtmfListener receives one DtmfEvent per report (40 bytes with compressed oops); the
            // packets themselves allocate nothing, sent or received.
            assertAWindowAllocatesAtMost("telephone events " + (listener ? "received by a DtmfListener" : "sent and received"),
                    window, io, () -> DTMF_EVENT_BYTES * (reports.get() - reportsBefore[0]));
            long received = b.statistics().dtmfReceived() - dtmfBefore;
            assertThat(received).as("events b counted in the windows").isEqualTo((long) windows[0] * digits.length());
        }
    }
}
