package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's dissector, which nobody here wrote, reads a live capture of our stream. Skipped
 * with a message when tshark is missing or may not capture on the loopback interface.
 */
@Timeout(120)
class TsharkInteropTest {

    @TempDir
    Path dir;

    @Test
    void tsharkSeesOurStreamAsRtpWithNoSequenceErrorsAndTheRightPayloadType() throws Exception {
        ExternalTool tshark = ExternalTool.require("tshark");
        int port = Pcm.freeRtpPort();
        Path capture = dir.resolve("stream.pcapng");
        ExternalTool.Capture capturing = tshark.captureLoopback(port, 100, capture);
        // Something must listen on the port, or the kernel answers with ICMP port unreachable.
        DatagramSocket sink = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).build()) {
            MediaSession session = engine.createSession(MediaSessionConfig.builder()
                    .localAddress(new InetSocketAddress("127.0.0.1", 0))
                    .remoteAddress(new InetSocketAddress("127.0.0.1", port))
                    .payloadType(8).ptimeMillis(20).rtcpMode(RtcpMode.OFF).build());
            session.start();
            short[] speech = TestAudio.speech(160 * 100);
            for (int at = 0; at < speech.length; at += 160) {
                session.send(speech, at, 160);
                Thread.sleep(2);
            }
            capturing.awaitPackets(60);
        } finally {
            capturing.close();
            sink.close();
        }
        String fields = tshark.run(60, "-r", capture.toString(), "-Y", "udp.dstport==" + port, "-d", "udp.port==" + port + ",rtp", "-T", "fields",
                "-e", "rtp.version", "-e", "rtp.p_type", "-e", "rtp.seq", "-e", "rtp.timestamp", "-e", "rtp.marker");
        List<String[]> rows = new ArrayList<>();
        for (String line : fields.split("\n")) {
            if (line.matches("\\d+\t.*")) {
                rows.add(line.trim().split("\t"));
            }
        }
        assertThat(rows).as("RTP packets tshark dissected: %s", fields).hasSize(100);
        int firstSeq = Integer.parseInt(rows.get(0)[2]);
        long firstTs = Long.parseLong(rows.get(0)[3]);
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            assertThat(row[0]).as("version of packet %d", i).isEqualTo("2");
            assertThat(row[1]).as("payload type of packet %d", i).isEqualTo("8");
            assertThat(Integer.parseInt(row[2])).as("sequence of packet %d", i).isEqualTo((firstSeq + i) & 0xFFFF);
            assertThat(Long.parseLong(row[3])).as("timestamp of packet %d", i)
                    .isEqualTo((firstTs + 160L * i) & 0xFFFF_FFFFL);
        }
        assertThat(rows.get(0)[4]).as("marker on the first packet of the talkspurt").isIn("1", "True", "true");

        String streams = tshark.run(60, "-r", capture.toString(), "-Y", "udp.dstport==" + port, "-d", "udp.port==" + port + ",rtp", "-q",
                "-z", "rtp,streams");
        String row = streams.lines().filter(l -> l.contains("g711A")).findFirst().orElse("");
        assertThat(row).as("tshark's RTP stream analysis: %s", streams).contains(" 100 ").contains("0 (0.0%)");
        assertThat(row.trim()).as("no 'Problems' flagged: %s", row).doesNotEndWith("X");
    }
}
