package io.voxcore.media.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the SDP parser, writer and answerer: any input gives a
 * description or an {@link SdpParseException}; a description writes back to an equal one and
 * can be answered without an exception.
 *
 * <p>Under {@code ./mvnw verify} this replays the inputs in
 * {@code src/test/resources/io/voxcore/media/sdp/SdpFuzzTestInputs/parse/}; with {@code JAZZER_FUZZ=1}
 * it fuzzes for {@code maxDuration} and writes any crash there as a new regression input.
 */
class SdpFuzzTest {

    private static final MediaCapabilities CAPS = MediaCapabilities.builder().codec(CodecCapability.of("PCMU", 8000))
            .codec(CodecCapability.of("PCMA", 8000)).build();

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        SessionDescription sd;
        try {
            sd = SessionDescription.parse(input);
        } catch (SdpParseException e) {
            return;
        }
        String written = sd.write();
        if (!SessionDescription.parse(written.getBytes(StandardCharsets.UTF_8)).equals(sd)) {
            throw new AssertionError("round trip changed the description:\n" + written);
        }
        OfferAnswer.create(CAPS, new java.net.InetSocketAddress("192.0.2.1", 4000)).answer(sd);
    }
}
