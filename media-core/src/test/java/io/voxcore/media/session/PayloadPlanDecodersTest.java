package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The decoder table of a session is as long as its highest audio payload type needs (issue 15:
 * a relayed session never decodes, and 128 slots per session were 0.5 KiB of every call), and a
 * decoder carries over a renegotiation that keeps its payload type's encoding.
 */
class PayloadPlanDecodersTest {

    private static MediaSessionConfig config(int payloadType) {
        return MediaSessionConfig.builder().localAddress(new InetSocketAddress("127.0.0.1", 0))
                .remoteAddress(new InetSocketAddress("127.0.0.1", 9)).payloadType(payloadType)
                .telephoneEventPayloadType(101).build();
    }

    @Test
    void theTableEndsAtTheHighestAudioPayloadType() {
        ZeroCopyCodecAdapter[] pcmu = PayloadPlan.of(config(0)).decoders(null, null);
        assertThat(pcmu).hasSize(1); // PT 0 only: comfort noise (13) and events (101) are not decoded here
        assertThat(pcmu[0]).isNotNull();

        ZeroCopyCodecAdapter[] pcma = PayloadPlan.of(config(8)).decoders(null, null);
        assertThat(pcma).hasSize(9);
        assertThat(pcma[8]).isNotNull();
        assertThat(pcma[0]).isNull();
    }

    @Test
    void aDecoderOfAnUnchangedEncodingCarriesOverEvenFromAShorterTable() {
        PayloadPlan before = PayloadPlan.of(config(0));
        ZeroCopyCodecAdapter[] old = before.decoders(null, null);
        PayloadPlan after = PayloadPlan.of(config(8)); // PCMA now: PT 0 is no longer audio
        ZeroCopyCodecAdapter[] fresh = after.decoders(before, old);
        assertThat(fresh).hasSize(9);
        assertThat(fresh[0]).isNull();
        assertThat(fresh[8]).isNotNull().isNotSameAs(old[0]);

        ZeroCopyCodecAdapter[] again = before.decoders(after, fresh); // back to PCMU from a longer table
        assertThat(again).hasSize(1);
        assertThat(again[0]).isNotNull();
        ZeroCopyCodecAdapter[] same = before.decoders(before, old);
        assertThat(same[0]).isSameAs(old[0]);
    }
}
