package io.voxcore.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.G711;
import io.voxcore.media.rtp.RtpPacket;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3389 comfort noise crosses a transcoding relay untouched (issue 11). */
@Timeout(30)
class RelayComfortNoiseTest {

    @Test
    void comfortNoiseIsForwardedUntouchedWhileAudioIsTranscoded() throws Exception {
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build();
                DatagramChannel near = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                DatagramChannel far = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            MediaSession legA = engine.createSession(Legs.config(0, 101).build());
            MediaSession legB = engine.createSession(Legs.config(8, 96)
                    .remoteAddress((InetSocketAddress) far.getLocalAddress()).build());
            legA.start();
            legB.start();
            try (MediaRelay relay = MediaRelay.between(legA, legB)) {
                ByteBuffer audio = ByteBuffer.allocate(12 + 160);
                RtpPacket.writeHeader(audio, 0, true, 0, 10, 1000, 0x1234);
                for (int i = 0; i < 160; i++) {
                    audio.put(12 + i, G711.linearToUlaw((short) (i * 50)));
                }
                near.send(audio, legA.localAddress());
                byte[] description = {40, (byte) 127, 100, 30}; // level 40 and three reflection coefficients
                ByteBuffer cn = ByteBuffer.allocate(12 + description.length);
                RtpPacket.writeHeader(cn, 0, false, 13, 11, 1160, 0x1234);
                cn.put(12, description);
                near.send(cn, legA.localAddress());

                ByteBuffer got = ByteBuffer.allocate(2048);
                far.receive(got);
                RtpPacket first = new RtpPacket().wrap(got, 0, got.position());
                assertThat(first.validate().name()).isEqualTo("VALID");
                assertThat(first.payloadType()).as("audio transcoded to the outbound leg's PCMA").isEqualTo(8);
                ByteBuffer got2 = ByteBuffer.allocate(2048);
                far.receive(got2);
                RtpPacket second = new RtpPacket().wrap(got2, 0, got2.position());
                assertThat(second.validate().name()).isEqualTo("VALID");
                assertThat(second.payloadType()).isEqualTo(13);
                byte[] payload = new byte[second.payloadLength()];
                got2.get(second.payloadOffset(), payload);
                assertThat(payload).as("the noise description, byte for byte").isEqualTo(description);
                assertThat((second.timestamp() - first.timestamp()) & 0xFFFF_FFFFL).isEqualTo(160);
                // counted just after the write that the far end already read: wait for the count
                Legs.await("both counted", java.time.Duration.ofSeconds(5),
                        () -> relay.statistics().aToB().packetsForwarded() == 2);
                assertThat(relay.statistics().aToB().packetsTranscoded()).isEqualTo(1);
            }
        }
    }
}
