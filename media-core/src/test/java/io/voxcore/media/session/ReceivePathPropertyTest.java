package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.rtp.RtpValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * For any byte sequence, the session's receive path never throws and counts the datagram exactly
 * once (malformed by reason, foreign address or SSRC, wrong payload type, bad sequence, duplicate
 * or received; on the RTCP path malformed, foreign, received or ignored), and the engine keeps
 * running. Random and mutated datagrams, seeded ({@link Datagrams}); a failure names the seed.
 */
@Timeout(120)
class ReceivePathPropertyTest {

    private static final int DATAGRAMS = 4000;

    @Test
    void everyRandomOrMutatedDatagramIsHandledAndCountedOnce() throws Exception {
        long seed = 0x5EED_0001L;
        Datagrams gen = new Datagrams(seed);
        try (ReceiveHarness harness = new ReceiveHarness()) {
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] d = gen.next();
                try {
                    harness.feed(d, gen.source());
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("datagram " + i + " of seed " + seed + " (" + d.length + " bytes)", e);
                }
            }
            harness.assertAlive();
            SessionStatistics s = harness.mux().statistics();
            // the mix reached every stage: malformed of several kinds, foreign, accepted, RTCP both ways
            assertThat(s.malformed(RtpValidation.TRUNCATED)).isPositive();
            assertThat(s.malformed(RtpValidation.BAD_VERSION)).isPositive();
            assertThat(s.foreignAddress()).isPositive();
            assertThat(s.foreignSsrc()).isPositive();
            assertThat(s.wrongPayloadType()).isPositive();
            assertThat(s.packetsReceived()).isGreaterThan(100);
            assertThat(s.rtcpMalformed()).isPositive();
            assertThat(s.rtcpReceived()).isPositive();
        }
    }
}
