package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxcore.media.session.SessionStatistics;
import java.lang.reflect.RecordComponent;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON the tool prints, read as a user reads it: with a JSON library (Jackson's databind,
 * which shares no code with the writer but its parser's counterpart), not by matching text.
 */
@Timeout(60)
class JsonOutputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sendPrintsItsStatisticsAsOneJsonObjectWithTheRecordsFieldNames() throws Exception {
        short[] signal = DemoCommand.speech(8000, 7); // 1 s: 50 packets of 160 samples, 160 bytes each
        Path in = dir.resolve("in.wav");
        WavFiles.write(in, signal, signal.length);
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Cli.Result sent = Cli.run("send", "--to", "127.0.0.1:" + peer.getLocalPort(), "--codec", "PCMA", "--in",
                    in.toString());
            assertThat(sent.code()).as(sent.err()).isZero();
            String line = sent.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
            JsonNode json = MAPPER.readTree(line);
            assertThat(fieldNames(json)).containsExactlyElementsOf(componentNames(SessionStatistics.class));
            assertThat(fieldNames(json.get("send"))).containsExactly("ssrc", "packetsSent", "octetsSent",
                    "packetsUnsent", "packetsSuppressed", "talkspurts", "silencePackets", "comfortNoiseSent");
            assertThat(json.get("send").get("packetsSent").asLong() + json.get("send").get("packetsUnsent").asLong())
                    .isEqualTo(50);
            assertThat(json.get("send").get("octetsSent").asLong())
                    .isEqualTo(160 * json.get("send").get("packetsSent").asLong());
            assertThat(json.get("receive").get("packetsReceived").isIntegralNumber()).isTrue();
            assertThat(json.get("receive").get("packetsReceived").asLong()).isZero();
            // what came to the peer is what the statistics say went out
            peer.setSoTimeout(2000);
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            peer.receive(packet);
            assertThat(packet.getLength()).isEqualTo(12 + 160);
            long ssrc = ((packet.getData()[8] & 0xFFL) << 24) | ((packet.getData()[9] & 0xFF) << 16)
                    | ((packet.getData()[10] & 0xFF) << 8) | (packet.getData()[11] & 0xFF);
            assertThat(json.get("send").get("ssrc").asLong()).isEqualTo(ssrc);
        }
    }

    /** A record with every kind of value the writer handles. */
    record Sample(String text, int count, long big, double ratio, float level, boolean on, Optional<String> none,
            Optional<Integer> some, Map<String, Object> nested, Object nothing, Thread.State state) {
    }

    @Test
    void stringsAreEscapedAndNumbersKeptSoThatJacksonReadsBackEveryValue() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("quote\"and\\backslash", "line\nbreak\ttab\u0001control");
        nested.put("nan", Double.NaN);
        nested.put("infinite", Double.POSITIVE_INFINITY);
        Sample sample = new Sample("é ünïcode ✓", -7, Long.MAX_VALUE, 1.0E-4, 0.1f, true, Optional.empty(),
                Optional.of(42), nested, null, Thread.State.RUNNABLE);
        String text = Json.of(sample);
        assertThat(text).doesNotContain("\n").doesNotContain(": ");
        JsonNode json = MAPPER.readTree(text);
        assertThat(fieldNames(json)).containsExactlyElementsOf(componentNames(Sample.class));
        assertThat(json.get("text").asText()).isEqualTo("é ünïcode ✓");
        assertThat(json.get("count").asInt()).isEqualTo(-7);
        assertThat(json.get("big").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(json.get("ratio").asDouble()).isEqualTo(1.0E-4);
        assertThat(json.get("level").floatValue()).isEqualTo(0.1f);
        assertThat(json.get("on").asBoolean()).isTrue();
        assertThat(json.get("none").isNull()).isTrue();
        assertThat(json.get("some").asInt()).isEqualTo(42);
        assertThat(json.get("nothing").isNull()).isTrue();
        assertThat(json.get("state").asText()).isEqualTo("RUNNABLE");
        JsonNode n = json.get("nested");
        assertThat(fieldNames(n)).containsExactly("quote\"and\\backslash", "nan", "infinite");
        assertThat(n.get("quote\"and\\backslash").asText()).isEqualTo("line\nbreak\ttab\u0001control");
        // JSON has no NaN or infinity: null, where the hand-written writer printed invalid JSON
        assertThat(n.get("nan").isNull()).isTrue();
        assertThat(n.get("infinite").isNull()).isTrue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
            names.add(i.next());
        }
        return names;
    }

    private static List<String> componentNames(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }
}
