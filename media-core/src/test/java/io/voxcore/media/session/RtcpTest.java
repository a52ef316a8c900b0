package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both sides send RTP and exchange RTCP (on the next port, or multiplexed per RFC 5761) at a
 * test-only 500 ms minimum interval; each derives a round-trip time from the other's report
 * blocks (RFC 3550 6.4.1) and reads the loss the other reports about it.
 */
@Timeout(60)
class RtcpTest {

    @ParameterizedTest
    @EnumSource(value = RtcpMode.class, names = {"NEXT_PORT", "MUX"})
    void bothSidesReceiveReportsAndComputeARoundTripTime(RtcpMode mode) throws Exception {
        short[] speech = TestAudio.speech(TestAudio.THREE_SECONDS);
        try (MediaEngine engine = MediaEngine.builder().ioThreads(2).build()) {
            MediaSessionConfig.Builder config = MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", 0)).rtcpMode(mode).rtcpIntervalMillis(500);
            MediaSession a = engine.createSession(config.build());
            MediaSession b = engine.createSession(config.remoteAddress(a.localAddress()).build());
            a.remoteAddress(b.localAddress());
            if (mode == RtcpMode.NEXT_PORT) {
                assertThat(a.rtcpLocalAddress()).hasValueSatisfying(
                        rtcp -> assertThat(rtcp.getPort()).isEqualTo(a.localAddress().getPort() + 1));
                assertThat(a.localAddress().getPort() % 2).as("RTP on an even port").isZero();
            } else {
                assertThat(a.rtcpLocalAddress()).isEmpty();
            }
            a.onPcm((samples, offset, length, timestamp) -> { });
            b.onPcm((samples, offset, length, timestamp) -> { });
            a.start();
            b.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            int i = 0;
            while (!(hasRtt(a) && hasRtt(b) && a.statistics().peerCumulativeLost() == 0
                    && b.statistics().peerCumulativeLost() == 0)) {
                assertThat(System.nanoTime() - deadline).as("waiting for RTCP: %s / %s", a.statistics(), b.statistics())
                        .isNegative();
                int at = (160 * i++) % (speech.length - 160);
                a.send(speech, at, 160);
                b.send(speech, at, 160);
                Thread.sleep(20);
            }
            for (MediaSession s : new MediaSession[] {a, b}) {
                SessionStatistics stats = s.statistics();
                assertThat(stats.rtcpSent()).isPositive();
                assertThat(stats.rtcpReceived()).isPositive();
                assertThat(stats.rtcpMalformed()).isZero();
                assertThat(stats.roundTripTime()).hasValueSatisfying(rtt ->
                        assertThat(rtt).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
                assertThat(stats.peerFractionLost()).isZero();
                assertThat(stats.malformedTotal()).isZero();
                assertThat(stats.wrongPayloadType()).as("RTCP must not be taken for RTP").isZero();
            }
            b.close();
            SessionStatistics afterBye = awaitBye(a);
            assertThat(afterBye.peerByes()).isEqualTo(1);
        }
    }

    private static boolean hasRtt(MediaSession s) {
        return s.statistics().roundTripMicros() >= 0;
    }

    private static SessionStatistics awaitBye(MediaSession s) throws InterruptedException {
        TestAudio.await("the BYE", Duration.ofSeconds(10), () -> s.statistics().peerByes() > 0);
        return s.statistics();
    }
}
