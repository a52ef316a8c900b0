package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code MediaEngine.builder().portRange(min, max)} on real sockets. Each test takes a block of
 * ports it found free on 127.0.0.1 when it started, below the Linux ephemeral range (32768 and
 * up) so that other processes' port-0 sockets do not land in it meanwhile.
 */
@Timeout(60)
class PortRangeTest {

    @Test
    void everySessionGetsAnEvenRtpPortInTheRangeWithRtcpOnTheNext() throws Exception {
        int base = freeBlock(10);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 9).build()) {
            assertThat(engine.portRange()).contains(new PortRange(base, base + 9));
            assertThat(engine.toString()).contains("ports " + base + "-" + (base + 9));
            Set<Integer> rtpPorts = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
                int rtp = s.localAddress().getPort();
                assertThat(rtp).as("RTP port").isBetween(base, base + 9).isEven();
                assertThat(s.rtcpLocalAddress()).as("RTCP of %d", rtp)
                        .contains(new InetSocketAddress(s.localAddress().getAddress(), rtp + 1));
                rtpPorts.add(rtp);
            }
            assertThat(rtpPorts).as("5 sessions in 5 pairs").containsExactlyInAnyOrder(
                    base, base + 2, base + 4, base + 6, base + 8);
        }
    }

    @Test
    void aClosedSessionsPairRestsWhileTheCursorMovesOn() throws Exception {
        int base = freeBlock(8);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 7).build()) {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
                ports.add(s.localAddress().getPort());
                s.close(); // its pair is free, yet the next session starts at the next pair
            }
            assertThat(ports).as("one after the other, each closed before the next").doesNotHaveDuplicates()
                    .allMatch(p -> p >= base && p <= base + 6 && p % 2 == 0);
        }
    }

    @Test
    void fillingTheRangeThenOneMoreGivesABindExceptionNamingTheRange() throws Exception {
        int base = freeBlock(8);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 7).build()) {
            for (int i = 0; i < 4; i++) {
                engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build()).start();
            }
            int buffers = engine.buffersInUse();
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build()))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining(base + "-" + (base + 7))
                    .hasMessageContaining("127.0.0.1")
                    .hasMessageContaining("4 pairs tried, all busy");
            assertThat(engine.sessions()).as("the failed session is not kept").hasSize(4);
            assertThat(engine.buffersInUse()).as("nor holds buffers").isEqualTo(buffers);
        }
    }

    @Test
    void portsHeldByAForeignSocketAreSkipped() throws Exception {
        int base = freeBlock(10);
        try (DatagramSocket rtpTaken = new DatagramSocket(new InetSocketAddress("127.0.0.1", base));
                DatagramSocket rtcpTaken = new DatagramSocket(new InetSocketAddress("127.0.0.1", base + 3));
                MediaEngine engine = MediaEngine.builder().portRange(base, base + 9).build()) {
            Set<Integer> rtpPorts = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
                rtpPorts.add(s.localAddress().getPort());
            }
            assertThat(rtpPorts).as("pairs %d/%d and %d/%d are partly held", base, base + 1, base + 2, base + 3)
                    .containsExactlyInAnyOrder(base + 4, base + 6, base + 8);
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build()))
                    .isInstanceOf(BindException.class).hasMessageContaining("5 pairs tried, all busy");
            assertThat(rtpTaken.isBound() && rtcpTaken.isBound()).isTrue();
        }
    }

    @Test
    void closingASessionMakesItsPairUsableAgain() throws Exception {
        int base = freeBlock(8);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 7).build()) {
            List<MediaSession> sessions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
                s.start(); // registered with the selector: close() must also flush the cancelled keys
                sessions.add(s);
            }
            MediaSession second = sessions.get(1);
            int freed = second.localAddress().getPort();
            second.close();

            MediaSession again = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build());
            assertThat(again.localAddress().getPort()).as("the only free pair").isEqualTo(freed);
            assertThat(again.rtcpLocalAddress().orElseThrow().getPort()).isEqualTo(freed + 1);
        }
    }

    @Test
    void withRtcpMuxTheLastEvenPortIsUsableWhenItIsMax() throws Exception {
        int base = freeBlock(6);
        try (DatagramSocket oddTaken = new DatagramSocket(new InetSocketAddress("127.0.0.1", base + 1));
                MediaEngine engine = MediaEngine.builder().portRange(base, base + 4).build()) {
            Set<Integer> rtpPorts = new HashSet<>();
            for (RtcpMode mode : new RtcpMode[] {RtcpMode.MUX, RtcpMode.OFF, RtcpMode.MUX}) {
                MediaSession s = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK)
                        .rtcpMode(mode).build());
                assertThat(s.rtcpLocalAddress()).as("%s has no RTCP socket", mode).isEmpty();
                rtpPorts.add(s.localAddress().getPort());
            }
            assertThat(rtpPorts).as("even ports only, max %d included, the held odd port irrelevant", base + 4)
                    .containsExactlyInAnyOrder(base, base + 2, base + 4);
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK)
                    .rtcpMode(RtcpMode.MUX).build()))
                    .isInstanceOf(BindException.class).hasMessageContaining("3 ports tried, all busy");
            assertThat(oddTaken.getLocalPort()).isEqualTo(base + 1);
        }
        // The same range with RTCP on the next port: base + 4 has no base + 5 in the range.
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 4).build()) {
            Set<Integer> rtpPorts = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                rtpPorts.add(engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build())
                        .localAddress().getPort());
            }
            assertThat(rtpPorts).containsExactlyInAnyOrder(base, base + 2);
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build()))
                    .isInstanceOf(BindException.class).hasMessageContaining("2 pairs tried");
        }
    }

    @Test
    void aRangeOfOneEvenPortServesMuxButNotRtcpOnTheNextPort() throws Exception {
        int base = freeBlock(2);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base).build()) {
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(base + "-" + base).hasMessageContaining("NEXT_PORT");
            MediaSession mux = engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK)
                    .rtcpMode(RtcpMode.MUX).build());
            assertThat(mux.localAddress().getPort()).isEqualTo(base);
        }
    }

    @Test
    void anOddMinStartsAtTheNextEvenPort() throws Exception {
        int base = freeBlock(8);
        try (MediaEngine engine = MediaEngine.builder().portRange(base + 1, base + 6).build()) {
            Set<Integer> rtpPorts = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                rtpPorts.add(engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build())
                        .localAddress().getPort());
            }
            assertThat(rtpPorts).containsExactlyInAnyOrder(base + 2, base + 4);
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build()))
                    .isInstanceOf(BindException.class).hasMessageContaining((base + 1) + "-" + (base + 6))
                    .hasMessageContaining("2 pairs tried");
        }
    }

    @Test
    void anExplicitPortIgnoresTheRange() throws Exception {
        int base = freeBlock(6);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 3).build()) {
            MediaSession s = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", base + 4)).build());
            assertThat(s.localAddress().getPort()).isEqualTo(base + 4);
            assertThat(s.rtcpLocalAddress().orElseThrow().getPort()).isEqualTo(base + 5);
        }
    }

    @Test
    void anAddressThatIsNotLocalIsNamedAsTheTroubleNotTheRange() throws Exception {
        int base = freeBlock(4);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 3).build()) {
            // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
            assertThatThrownBy(() -> engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("192.0.2.1", 0)).build()))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("192.0.2.1").hasMessageContaining("on any port")
                    .hasMessageNotContaining("busy");
        }
    }

    @Test
    void sessionsCreatedFromManyThreadsAtOnceShareTheRangeWithoutClashing() throws Exception {
        int pairs = 8;
        int base = freeBlock(2 * pairs);
        ExecutorService pool = Executors.newFixedThreadPool(pairs);
        try (MediaEngine engine = MediaEngine.builder().portRange(base, base + 2 * pairs - 1).build()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> ports = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                Callable<Integer> create = () -> {
                    go.await();
                    return engine.createSession(MediaSessionConfig.builder().localAddress(LOOPBACK).build())
                            .localAddress().getPort();
                };
                ports.add(pool.submit(create));
            }
            go.countDown();
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> port : ports) {
                distinct.add(port.get(30, TimeUnit.SECONDS));
            }
            assertThat(distinct).as("%d sessions in %d pairs", pairs, pairs).hasSize(pairs)
                    .allMatch(p -> p >= base && p < base + 2 * pairs && p % 2 == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidRangesThrowNamingTheValues() {
        assertThatThrownBy(() -> MediaEngine.builder().portRange(80, 2000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min 80 max 2000")
                .hasMessageContaining("1024-65535");
        assertThatThrownBy(() -> MediaEngine.builder().portRange(20000, 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min 20000 max 70000");
        assertThatThrownBy(() -> MediaEngine.builder().portRange(20010, 20000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min 20010 max 20000");
        assertThatThrownBy(() -> MediaEngine.builder().portRange(20001, 20001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20001-20001")
                .hasMessageContaining("no even port");
        assertThatCode(() -> MediaEngine.builder().portRange(PortRange.LOWEST, PortRange.HIGHEST))
                .doesNotThrowAnyException();
        assertThat(new PortRange(20000, 20009).rtpPorts(RtcpMode.NEXT_PORT)).isEqualTo(5);
        assertThat(new PortRange(20000, 20008).rtpPorts(RtcpMode.NEXT_PORT)).isEqualTo(4);
        assertThat(new PortRange(20000, 20008).rtpPorts(RtcpMode.MUX)).isEqualTo(5);
        assertThat(new PortRange(20001, 20002).rtpPorts(RtcpMode.NEXT_PORT)).isZero();
        assertThat(new PortRange(64000, 65535).rtpPorts(RtcpMode.NEXT_PORT)).isEqualTo(768);
    }

    @Test
    void anEngineWithoutARangeSaysSo() {
        try (MediaEngine engine = MediaEngine.create()) {
            assertThat(engine.portRange()).isEmpty();
            assertThat(engine.toString()).doesNotContain("ports");
        }
    }

    /**
     * The first port of {@code size} consecutive ports, starting even, all free on 127.0.0.1 now:
     * each is bound once and released.
     */
    static int freeBlock(int size) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = 2 * random.nextInt(10_000 / 2, (32_000 - size) / 2);
            List<DatagramChannel> held = new ArrayList<>();
            try {
                for (int p = base; p < base + size; p++) {
                    DatagramChannel c = DatagramChannel.open();
                    held.add(c);
                    c.bind(new InetSocketAddress("127.0.0.1", p));
                }
                return base;
            } catch (BindException busy) {
                // try another block
            } finally {
                for (DatagramChannel c : held) {
                    c.close();
                }
            }
        }
        throw new IllegalStateException("no block of " + size + " free ports found in 10000-32000 on 127.0.0.1");
    }
}
