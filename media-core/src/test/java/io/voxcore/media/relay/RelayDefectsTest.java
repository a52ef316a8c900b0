package io.voxcore.media.relay;

import static io.voxcore.media.relay.Legs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10's defect 14: the relay's tap ownership, re-basing, and close. */
class RelayDefectsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private static ByteBuffer rtp(int seq, long ts, long ssrc, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(12 + payloadLength);
        RtpPacket.writeHeader(b, 0, false, 0, seq, ts, ssrc);
        return b;
    }

    @Test
    void aSessionAlreadyRelayedIsRefusedInsteadOfSilentlyTakenOver() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession a = engine.createSession(Legs.config(0, 101).build());
            MediaSession b = engine.createSession(Legs.config(0, 101).build());
            MediaSession c = engine.createSession(Legs.config(0, 101).build());
            MediaRelay first = MediaRelay.between(a, b);
            assertThatThrownBy(() -> MediaRelay.between(a, c)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already tapped").hasMessageContaining(a.localAddress().toString());
            assertThat(c.tap()).as("nothing of the refused relay stays attached").isEmpty();
            first.close();
            MediaRelay.between(a, c).close(); // free again once the first relay is closed
        }
    }

    @Test
    void afterAnInboundSsrcChangeTheTimestampContinuesByTheInboundPacketsDuration() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel caller = DatagramChannel.open().bind(LOOPBACK);
             DatagramChannel callee = DatagramChannel.open().bind(LOOPBACK)) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).relatchSilenceMillis(50)
                    .remoteAddress((InetSocketAddress) caller.getLocalAddress()).build());
            MediaSession legB = engine.createSession(Legs.config(0, 101) // sends 20 ms packets itself
                    .remoteAddress((InetSocketAddress) callee.getLocalAddress()).build());
            legA.start();
            legB.start();
            MediaRelay relay = MediaRelay.between(legA, legB);
            // The caller sends 30 ms packets (240 samples), then its SSRC changes (a transfer).
            for (int i = 0; i < 5; i++) {
                caller.send(rtp(100 + i, 1000 + 240L * i, 0xAAAAL, 240), legA.localAddress());
            }
            await("five forwarded", Duration.ofSeconds(5), () -> relay.statistics().aToB().packetsForwarded() == 5);
            Thread.sleep(100); // the scenario: the old SSRC falls silent longer than the re-latch time
            for (int i = 0; i < 3; i++) {
                caller.send(rtp(7000 + i, 500_000 + 240L * i, 0xBBBBL, 240), legA.localAddress());
            }
            await("the new source forwarded", Duration.ofSeconds(5),
                    () -> relay.statistics().aToB().packetsForwarded() >= 6);
            callee.configureBlocking(true);
            List<RtpPacket> out = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ByteBuffer b = ByteBuffer.allocate(2048);
                callee.receive(b);
                b.flip();
                out.add(new RtpPacket().wrap(b, 0, b.limit()));
            }
            long beforeChange = out.get(4).timestamp();
            long afterChange = out.get(5).timestamp();
            assertThat((afterChange - beforeChange) & 0xFFFF_FFFFL)
                    .as("one inbound packet (30 ms = 240) after the last, not one outbound ptime (160)")
                    .isEqualTo(240);
            assertThat(out.get(5).sequenceNumber()).isEqualTo((out.get(4).sequenceNumber() + 1) & 0xFFFF);
        }
    }

    @Test
    void afterCloseReturnsNoPacketIsForwarded() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
             DatagramChannel caller = DatagramChannel.open().bind(LOOPBACK);
             DatagramChannel callee = DatagramChannel.open().bind(LOOPBACK)) {
            MediaSession legA = engine.createSession(Legs.config(0, 101)
                    .remoteAddress((InetSocketAddress) caller.getLocalAddress()).build());
            MediaSession legB = engine.createSession(Legs.config(0, 101)
                    .remoteAddress((InetSocketAddress) callee.getLocalAddress()).build());
            legA.start();
            legB.start();
            java.util.concurrent.atomic.AtomicBoolean stopFlood = new java.util.concurrent.atomic.AtomicBoolean();
            Thread flood = new Thread(() -> {
                int seq = 0;
                long ts = 0;
                while (!stopFlood.get()) {
                    try {
                        caller.send(rtp(seq, ts, 0xCCCCL, 160), legA.localAddress());
                    } catch (java.io.IOException e) {
                        return;
                    }
                    seq = (seq + 1) & 0xFFFF;
                    ts += 160;
                }
            });
            flood.start();
            try {
                for (int round = 0; round < 30; round++) {
                    MediaRelay relay = MediaRelay.between(legA, legB);
                    await("forwarding", Duration.ofSeconds(5), () -> relay.statistics().aToB().packetsForwarded() > 0);
                    relay.close();
                    long atClose = relay.statistics().aToB().packetsForwarded();
                    legA.statistics(); // a full turn of legA's I/O thread after close
                    assertThat(relay.statistics().aToB().packetsForwarded())
                            .as("round %d: forwarded after close returned", round).isEqualTo(atClose);
                }
            } finally {
                stopFlood.set(true);
                flood.join(5000);
            }
        }
    }
}
