package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's RFC 2833/4733 dissector reads a live capture of our DTMF and finds the digits we
 * sent, with the E bit on the last three packets of each event and the final duration. Skipped
 * with a message when tshark is missing or may not capture on the loopback interface.
 */
@Timeout(120)
class TsharkDtmfInteropTest {

    @TempDir
    Path dir;

    @Test
    void tsharkDecodesOurTelephoneEventsAsTheDigitsSent() throws Exception {
        ExternalTool tshark = ExternalTool.require("tshark");
        int port = Pcm.freeRtpPort();
        Path capture = dir.resolve("dtmf.pcapng");
        // 5 audio packets, then 3 digits of 60 ms at 20 ms ptime: 2 updates + 3 end packets each.
        int expectedPackets = 5 + 3 * 5;
        ExternalTool.Capture capturing = tshark.captureLoopback(port, expectedPackets, capture);
        // Something must listen on the port, or the kernel answers with ICMP port unreachable.
        DatagramSocket sink = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession session = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", 0))
                    .remoteAddress(new InetSocketAddress("127.0.0.1", port))
                    .payloadType(0).telephoneEventPayloadType(97).ptimeMillis(20).rtcpMode(RtcpMode.OFF).build());
            session.start();
            short[] speech = TestAudio.speech(160 * 5);
            for (int at = 0; at < speech.length; at += 160) {
                session.send(speech, at, 160);
                Thread.sleep(2);
            }
            session.sendDtmf("7#D", Duration.ofMillis(60), 10).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            capturing.awaitPackets(60);
        } finally {
            capturing.close();
            sink.close();
        }
        // Payload type 97 is not one tshark maps to telephone events by itself: tell it, as an SDP would.
        String fields = tshark.run(60, "-r", capture.toString(), "-d", "udp.port==" + port + ",rtp",
                "-d", "rtp.pt==97,rtpevent", "-Y", "rtpevent && udp.dstport==" + port, "-T", "fields", "-e", "rtp.p_type", "-e", "rtp.timestamp",
                "-e", "rtp.marker", "-e", "rtpevent.event_id", "-e", "rtpevent.end_of_event", "-e", "rtpevent.volume",
                "-e", "rtpevent.duration");
        List<String[]> rows = new ArrayList<>();
        for (String line : fields.split("\n")) {
            if (line.matches("97\t.*")) {
                rows.add(line.trim().split("\t"));
            }
        }
        assertThat(rows).as("telephone-event packets tshark dissected: %s", fields).hasSize(15);
        Map<String, List<String[]>> byTimestamp = new LinkedHashMap<>();
        for (String[] row : rows) {
            byTimestamp.computeIfAbsent(row[1], k -> new ArrayList<>()).add(row);
        }
        assertThat(byTimestamp).as("one timestamp per event").hasSize(3);
        StringBuilder digits = new StringBuilder();
        for (List<String[]> event : byTimestamp.values()) {
            assertThat(event).hasSize(5);
            String id = event.get(0)[3];
            for (int i = 0; i < 5; i++) {
                String[] row = event.get(i);
                assertThat(row[3]).as("the same event id throughout").isEqualTo(id);
                assertThat(isTrue(row[2])).as("marker on the first packet only").isEqualTo(i == 0);
                assertThat(isTrue(row[4])).as("end of event on the last three").isEqualTo(i >= 2);
                assertThat(row[5]).as("volume").isEqualTo("10");
                assertThat(row[6]).as("duration").isEqualTo(i == 0 ? "160" : i == 1 ? "320" : "480");
            }
            digits.append("0123456789*#ABCD".charAt(Integer.parseInt(id)));
        }
        assertThat(digits.toString()).isEqualTo("7#D");
    }

    private static boolean isTrue(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }
}
