package io.voxcore.media.session;

import static io.voxcore.media.session.HotPathAllocationTest.assertAWindowAllocatesNothing;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.rtp.RtpPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path of codecs that conceal themselves (payloads kept undecoded in the jitter buffer,
 * decoded in playout order; each loss filled by the codec's {@code conceal} or by FEC from the next
 * packet) allocates nothing in our own code on the I/O thread. Opus cannot show it (Concentus
 * allocates per frame inside its decoder: known, documented), so the codec is the test-only
 * {@code X-L16-PLC} of {@code L16TestCodecProvider}, which conceals by itself without allocating,
 * and recovers a frame "by FEC" when the next packet's first byte is odd. Blocks of 10 packets
 * are sent as 0 1 3 2 4 4 6 7 8 9 (one lost, one reordered pair, one duplicate).
 */
@Timeout(300)
class CodecConcealmentAllocationTest {

    private static final int WARM_UP = 12_000;
    private static final int MEASURED = 3_000;
    private static final int PT = 21;

    @BeforeAll
    static void enableCounters() {
        HotPathAllocationTest.enableCounters();
    }

    @Test
    void lossConcealedOrRecoveredByTheCodecAllocatesNothingOnTheIoThread() throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        ConcealmentAllocationTest.Counter counter = new ConcealmentAllocationTest.Counter();
        try (MediaEngine engine = MediaEngine.builder().name("alloc-codec-plc").ioThreads(1).build();
                RawPeer peer = new RawPeer(0x5EED_0004L)) {
            MediaSession b = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", 0)).payloadType(PT).ptimeMillis(20)
                    .rtcpMode(RtcpMode.OFF).remoteAddress(peer.address()).gapPolicy(GapPolicy.CONCEAL).build());
            b.onPcm(counter);
            b.start();
            long io = AllocationTest.engineThreadId("alloc-codec-plc-io-0");
            int[] order = {0, 1, 3, 2, 4, 4, 6, 7, 8, 9};
            int blocks = MEASURED / 10;
            int[] seq = {1000};
            List<ByteBuffer> warm = stream(speech, WARM_UP / 10, order, seq);
            List<ByteBuffer> measured = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                measured.addAll(stream(speech, blocks, order, seq));
            }
            int[] next = {0};
            HotPathAllocationTest.Window window = sending -> {
                long played = counter.played.get();
                for (int i = 0; i < blocks * order.length; i++) {
                    peer.send(measured.get(next[0]++), b.localAddress());
                    LockSupport.parkNanos(300_000);
                }
                await("the window's packets played", Duration.ofSeconds(60),
                        () -> counter.played.get() >= played + blocks * 10L);
                return blocks * order.length + " datagrams, " + blocks + " lost and filled by the codec";
            };
            for (ByteBuffer p : warm) {
                peer.send(p, b.localAddress());
                LockSupport.parkNanos(300_000);
            }
            await("warm-up played", Duration.ofSeconds(60), () -> counter.played.get() >= WARM_UP);
            assertAWindowAllocatesNothing("loss filled by the codec", window, io);
            ReceiveStatistics stats = b.statistics().receive();
            assertThat(counter.missing.get()).as("gaps reported to the sink").isZero();
            assertThat(stats.concealedSamples() + stats.fecRecoveredSamples()).as("concealed plus recovered")
                    .isEqualTo(160L * stats.gapPackets());
            assertThat(stats.concealedSamples()).as("concealed by the codec").isPositive();
            assertThat(stats.fecRecoveredSamples()).as("recovered by FEC").isPositive();
        }
    }

    /** L16 packets (big-endian samples) on payload type 21, 20 ms each, sent in the given order per block. */
    private static List<ByteBuffer> stream(short[] speech, int blocks, int[] order, int[] seq) {
        List<ByteBuffer> out = new ArrayList<>();
        for (int block = 0; block < blocks; block++) {
            ByteBuffer[] packets = new ByteBuffer[10];
            for (int i = 0; i < 10; i++) {
                int s = seq[0]++;
                ByteBuffer p = ByteBuffer.allocate(12 + 320);
                RtpPacket.writeHeader(p, 0, false, PT, s & 0xFFFF, 50_000L + 160L * (s - 1000), 0x5EED_0004L);
                int from = (160 * s) % (speech.length - 160);
                for (int k = 0; k < 160; k++) {
                    p.putShort(12 + 2 * k, speech[from + k]);
                }
                packets[i] = p;
            }
            for (int i : order) {
                out.add(packets[i]);
            }
        }
        return out;
    }
}
