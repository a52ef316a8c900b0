package io.voxcore.media.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the session receive path: RFC 5761 demultiplexing, RTP
 * validation, address and SSRC checks, RFC 3550 A.1 sequence validation, the jitter buffer, the
 * decoder and playout, and RTCP validation and report handling, through {@link ReceiveHarness}
 * (real sessions, no sockets). Each input must be handled without an exception and counted
 * exactly once.
 *
 * <p>Under {@code ./mvnw verify} this runs in regression mode: the seed corpus and every crash
 * found so far, in {@code src/test/resources/io/voxcore/media/session/ReceivePathFuzzTestInputs/receivePath/},
 * once each. With {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}, e.g.
 * {@code JAZZER_FUZZ=1 ./mvnw -B verify -pl media-core -am -Dtest=ReceivePathFuzzTest -Dsurefire.failIfNoSpecifiedTests=false};
 * a crash is written as a new input file in that directory: keep it there as a regression input.
 * The first byte of an input picks the source address (odd: another host).
 */
class ReceivePathFuzzTest {

    private static ReceiveHarness harness;

    @BeforeAll
    static void open() throws Exception {
        harness = new ReceiveHarness();
    }

    @AfterAll
    static void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @FuzzTest(maxDuration = "120s")
    void receivePath(byte[] input) {
        if (input.length == 0) {
            harness.feed(input, ReceiveHarness.REMOTE);
            return;
        }
        InetSocketAddress from = (input[0] & 1) != 0 ? ReceiveHarness.STRANGER : ReceiveHarness.REMOTE;
        harness.feed(java.util.Arrays.copyOfRange(input, 1, input.length), from);
    }
}
