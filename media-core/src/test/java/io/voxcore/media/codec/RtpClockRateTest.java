package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.media.session.MediaSessionConfig;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** media-core tells a codec's RTP clock rate from its sample rate (RFC 3551 4.5.2, RFC 7587). */
class RtpClockRateTest {

    @Test
    void g722SamplesAt16kHzOnAn8kHzRtpClock() {
        CodecInfo info = CodecFactory.createCodec(9).info();
        assertThat(info.name()).isEqualTo("G722");
        assertThat(info.sampleRate()).isEqualTo(16_000);
        assertThat(info.clockRate()).as("RFC 3551 4.5.2").isEqualTo(8_000);
        assertThat(CodecFactory.supportedCodecs()).filteredOn(c -> c.name().equals("G722"))
                .singleElement().satisfies(c -> assertThat(c.clockRate()).isEqualTo(8_000));
    }

    @Test
    void g711RunsItsRtpClockAtItsSampleRate() {
        CodecInfo pcmu = CodecFactory.createCodec(0).info();
        assertThat(pcmu.clockRate()).isEqualTo(8_000);
        assertThat(new CodecInfo("L16", 44_100, 2, 1_411_200).clockRate()).isEqualTo(44_100);
    }

    @Test
    void aG722SessionConfigTellsTheRtpClockFromTheSampleRate() {
        MediaSessionConfig config = MediaSessionConfig.builder().localAddress(new InetSocketAddress("127.0.0.1", 0))
                .payloadType(9).build();
        assertThat(config.codec().sampleRate()).isEqualTo(16_000);
        assertThat(config.codec().clockRate()).isEqualTo(8_000);
    }

    @Test
    void badRatesAreRefusedNamingThem() {
        assertThatThrownBy(() -> new CodecInfo("X", 8000, 1, 64_000, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 Hz");
    }
}
