package io.voxcore.media.session;

import static io.voxcore.media.session.StreamingTest.pcmu;
import static io.voxcore.media.session.TestAudio.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.AudioFrame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three NAT modes over real sockets: a peer whose media comes from another address than its
 * SDP says, a NAT that rebinds mid-call, and strangers trying to take the stream over.
 */
@Timeout(60)
class NatModeTest {

    private static final short[] SPEECH = TestAudio.speech(100 * 160);

    /** Sends packets {@code from..to} of one stream (SSRC, sequence, timestamp) from a socket. */
    private static void stream(RawPeer from, long ssrc, int first, int last, int payloadType, InetSocketAddress to)
            throws Exception {
        for (int i = first; i <= last; i++) {
            from.send(RawPeer.packet(2000 + i, 90_000 + 160L * i, ssrc, payloadType, SPEECH, 160 * (i % 90)), to);
            Thread.sleep(2);
        }
    }

    /** What a raw socket receives next, within a second. */
    private static InetSocketAddress receivesFrom(RawPeer peer) throws Exception {
        peer.channel.configureBlocking(false);
        ByteBuffer buf = ByteBuffer.allocate(2048);
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            InetSocketAddress from = (InetSocketAddress) peer.channel.receive(buf);
            if (from != null) {
                return from;
            }
            Thread.sleep(2);
        }
        return null;
    }

    @Test
    void symmetricLearnsTheRealSourceFollowsANatRebindingAndRefusesStrangers() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        List<MediaEvent> events = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer sdp = new RawPeer(0);
                RawPeer nat1 = new RawPeer(0xAAAA);
                RawPeer nat2 = new RawPeer(0xAAAA);
                RawPeer stranger = new RawPeer(0xBBBB)) {
            MediaSession s = engine.createSession(pcmu().natMode(NatMode.SYMMETRIC).remoteAddress(sdp.address()).build());
            s.onAudio(frames::add).onEvent(events::add);
            s.start();
            s.send(SPEECH, 0, 160);
            assertThat(receivesFrom(sdp)).as("before any media, sent to the SDP address").isEqualTo(s.localAddress());

            // pre-answer hijack attempt: a payload type that was not negotiated never latches
            stream(stranger, 0xBBBB, 0, 4, 96, s.localAddress());
            await("the stranger's packets refused", Duration.ofSeconds(5), () -> s.statistics().wrongPayloadType() == 5);
            assertThat(s.remoteAddress()).contains(sdp.address());

            // the peer's media comes from behind a NAT: learned, and replies go there
            stream(nat1, 0xAAAA, 0, 9, 0, s.localAddress());
            await("the peer's frames", Duration.ofSeconds(5), () -> frames.size() == 10);
            assertThat(s.remoteAddress()).contains(nat1.address());
            assertThat(events).contains(new MediaEvent.SourceChanged(sdp.address(), nat1.address()));
            s.send(SPEECH, 0, 160);
            assertThat(receivesFrom(nat1)).isEqualTo(s.localAddress());

            // the NAT rebinds: the same stream continues from a new public port, and is followed
            stream(nat2, 0xAAAA, 10, 19, 0, s.localAddress());
            await("the frames after the rebinding", Duration.ofSeconds(5), () -> frames.size() == 20);
            assertThat(s.remoteAddress()).contains(nat2.address());
            assertThat(events).contains(new MediaEvent.SourceChanged(nat1.address(), nat2.address()));
            s.send(SPEECH, 0, 160);
            assertThat(receivesFrom(nat2)).isEqualTo(s.localAddress());

            // strangers: the latched SSRC replaying old sequence numbers, and another SSRC while the
            // stream is alive, from a third address: both refused, the stream stays where it is
            stream(stranger, 0xAAAA, 0, 4, 0, s.localAddress());
            stream(stranger, 0xBBBB, 50, 54, 0, s.localAddress());
            await("the strangers counted", Duration.ofSeconds(5), () -> s.statistics().foreignAddress() == 10);
            assertThat(s.remoteAddress()).contains(nat2.address());
            assertThat(frames).hasSize(20);
            assertThat(s.statistics().remoteSsrc()).isEqualTo(0xAAAA);
        }
    }

    @Test
    void strictNeverFollowsAnotherAddressEvenForTheLatchedStream() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer nat1 = new RawPeer(0xAAAA);
                RawPeer nat2 = new RawPeer(0xAAAA)) {
            MediaSession s = engine.createSession(pcmu().connectSocket(false).natMode(NatMode.STRICT)
                    .remoteAddress(nat1.address()).build());
            s.onAudio(frames::add);
            s.start();
            stream(nat1, 0xAAAA, 0, 9, 0, s.localAddress());
            await("the peer's frames", Duration.ofSeconds(5), () -> frames.size() == 10);
            stream(nat2, 0xAAAA, 10, 19, 0, s.localAddress());
            await("the moved stream refused", Duration.ofSeconds(5), () -> s.statistics().foreignAddress() == 10);
            assertThat(s.remoteAddress()).contains(nat1.address());
            assertThat(frames).hasSize(10);
        }
    }

    @Test
    void signalledSendsToTheSdpAddressAndAcceptsTheLatchedStreamFromAnyAddress() throws Exception {
        List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer sdp = new RawPeer(0);
                RawPeer other = new RawPeer(0xAAAA)) {
            MediaSession s = engine.createSession(pcmu().natMode(NatMode.SIGNALLED).remoteAddress(sdp.address()).build());
            s.onAudio(frames::add);
            s.start();
            stream(other, 0xAAAA, 0, 9, 0, s.localAddress());
            await("the stream from elsewhere", Duration.ofSeconds(5), () -> frames.size() == 10);
            stream(other, 0xCCCC, 20, 24, 0, s.localAddress());
            await("another SSRC refused", Duration.ofSeconds(5), () -> s.statistics().foreignSsrc() == 5);
            assertThat(s.remoteAddress()).contains(sdp.address());
            s.send(SPEECH, 0, 160);
            assertThat(receivesFrom(sdp)).isEqualTo(s.localAddress());
            assertThat(receivesFrom(other)).isNull();
        }
    }

    @Test
    void rtcpGoesToTheSignalledRtcpAttributeAddress() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                RawPeer rtp = new RawPeer(0);
                RawPeer rtcp = new RawPeer(0)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(rtcp.address().getPort() != rtp.address().getPort() + 1,
                    "the two sockets got adjacent ports; the test needs a=rtcp to differ from RTP + 1");
            MediaSession s = engine.createSession(StreamingTest.pcmu().rtcpMode(RtcpMode.NEXT_PORT)
                    .rtcpIntervalMillis(100).build());
            io.voxcore.media.sdp.OfferAnswer oa = io.voxcore.media.sdp.OfferAnswer.create(
                    io.voxcore.media.sdp.MediaCapabilities.defaults(), s.localAddress());
            oa.createOffer();
            String answer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + rtp.address().getPort() + " RTP/AVP 0\r\n"
                    + "a=rtcp:" + rtcp.address().getPort() + "\r\na=sendrecv\r\n";
            s.update(oa.applyAnswer(io.voxcore.media.sdp.SessionDescription.parse(answer)).audio().orElseThrow());
            s.start();
            assertThat(receivesFrom(rtcp)).as("an RTCP report at the a=rtcp port (RFC 3605)")
                    .isEqualTo(s.rtcpLocalAddress().orElseThrow());
        }
    }
}
