package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.assertSamePcm;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.AudioFrame;
import io.voxcore.media.rtp.RtcpWriter;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.rtp.RtpValidation;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spoofed traffic on real sockets, beside a good call (see {@link HostileTrafficTest} for malformed
 * RTP, other payload types and SSRCs): datagrams of the largest UDP size (65,507 bytes), RTCP with
 * bogus length fields, RTCP from another host and reports from another SSRC. Each is counted and
 * dropped; every good packet still plays, and the good peer's reports are still taken.
 */
@Timeout(60)
class SpoofedTrafficTest {

    private static final int GOOD = 60;

    @Test
    void oversizedDatagramsBogusRtcpAndSpoofedReportsAreCountedAndTheCallPlaysOn() throws Exception {
        short[] speech = TestAudio.speech(GOOD * 160);
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer peer = new RawPeer(0x1111_2222L);
                // another host (RTCP is accepted from the remote's IP, any port): 127.0.0.2, loopback on Linux
                RawPeer stranger = new RawPeer(0x1111_2222L, java.nio.channels.DatagramChannel.open()
                        .bind(new InetSocketAddress("127.0.0.2", 0)))) {
            // the peer's RTCP comes from its RTP port (fine: RTCP is checked by IP only)
            MediaSession b = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", 0)).payloadType(0).rtcpMode(RtcpMode.NEXT_PORT)
                    .rtcpIntervalMillis(100_000).remoteAddress(peer.address()).connectSocket(false).build());
            b.onAudio(frames::add);
            b.start();
            InetSocketAddress rtp = b.localAddress();
            InetSocketAddress rtcp = b.rtcpLocalAddress().orElseThrow();
            peer.channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 1 << 20);
            stranger.channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 1 << 20);
            Random random = new Random(11);
            int oversized = 0;
            int rtcpBogus = 0;
            for (int i = 0; i < GOOD; i++) {
                peer.send(peer.nextPacket(speech, 160 * i), rtp);
                if (i % 10 == 5) {
                    byte[] noise = new byte[Datagrams.MAX_UDP];
                    random.nextBytes(noise);
                    noise[0] = 0x10; // version 0
                    peer.sendBytes(noise, rtp);
                    byte[] big = new byte[Datagrams.MAX_UDP]; // a valid PCMU packet of 8 s, from another SSRC
                    RtpPacket.writeHeader(ByteBuffer.wrap(big), 0, false, 0, 7, 0, 0x0BAD_0BADL);
                    peer.sendBytes(big, rtp);
                    stranger.sendBytes(big, rtcp); // oversized, foreign, on the RTCP port
                    oversized += 3;

                    byte[] report = report(peer.ssrc);
                    byte[] tooLong = report.clone();
                    tooLong[3] = (byte) 0xFF; // first packet's length field past the end
                    peer.sendBytes(tooLong, rtcp);
                    byte[] zero = report.clone();
                    zero[2] = 0;
                    zero[3] = 0; // a 4-byte packet followed by junk that is not a packet
                    peer.sendBytes(zero, rtcp);
                    peer.sendBytes(Arrays.copyOf(report, report.length - 3), rtcp); // cut short
                    peer.sendBytes(report(0x5151_5151L), rtcp); // valid, about another source: ignored
                    stranger.sendBytes(report, rtcp); // spoofed from another host
                    rtcpBogus += 5;
                }
                Thread.sleep(1);
            }
            peer.sendBytes(report(peer.ssrc), rtcp); // the real peer's report still counts
            await("all good audio", Duration.ofSeconds(20), () -> frames.size() == GOOD);
            await("the peer's report", Duration.ofSeconds(20), () -> b.statistics().rtcpReceived() == 1);
            await("the spoofed traffic counted", Duration.ofSeconds(20),
                    () -> b.statistics().rtcpMalformed() == 18 && b.statistics().foreignAddress() == 12);
            SessionStatistics s = b.statistics();
            assertThat(oversized).isEqualTo(18);
            assertThat(rtcpBogus).isEqualTo(30);
            assertThat(s.malformed(RtpValidation.BAD_VERSION)).isEqualTo(6); // oversized noise
            assertThat(s.foreignSsrc()).isEqualTo(6); // oversized valid RTP of another SSRC
            assertThat(s.foreignAddress()).isEqualTo(12); // 6 oversized + 6 reports from the stranger, RTCP port
            assertThat(s.rtcpMalformed()).isEqualTo(18); // too long, zero length, cut short
            assertThat(s.rtcpReceived()).isEqualTo(1); // only the peer's own, not the other source's 6
            assertThat(s.packetsReceived()).isEqualTo(GOOD);
            assertThat(s.cumulativeLost()).isZero();
            assertSamePcm(StreamingTest.concat(frames), TestAudio.ulawRoundTrip(speech));
        }
    }

    private static byte[] report(long ssrc) {
        ByteBuffer b = ByteBuffer.allocate(256);
        RtcpWriter w = new RtcpWriter().wrap(b, 0, b.capacity());
        w.receiverReport(ssrc).sourceDescription(ssrc, "spoof@test".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] out = new byte[w.length()];
        b.get(0, out);
        return out;
    }
}
