package io.voxcore.codec.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.CodecException;
import org.junit.jupiter.api.Test;

/** RFC 7587 section 6.1 fmtp parameters: parsing, defaults, writing back, and the encoder mapping. */
class OpusConfigTest {

    @Test
    void absentParametersTakeTheRfcDefaults() {
        OpusConfig c = OpusConfig.parse("");
        assertThat(c.maxPlaybackRate()).isEqualTo(48000);
        assertThat(c.spropMaxCaptureRate()).isEqualTo(48000);
        assertThat(c.maxAverageBitrate()).isEmpty();
        assertThat(c.minPtime()).isEmpty();
        assertThat(c.stereo() || c.spropStereo() || c.cbr() || c.useInbandFec() || c.useDtx()).isFalse();
        assertThat(c.toFmtp()).isEmpty();
        assertThat(OpusConfig.RTPMAP).isEqualTo("opus/48000/2");
    }

    /** The WebRTC offer's line and RFC 7587's own example (section 7.1) parse; unknown names are ignored. */
    @Test
    void parsesEveryParameterAndIgnoresUnknownOnes() {
        OpusConfig c = OpusConfig.parse(" MaxPlaybackRate=16000; sprop-maxcapturerate=16000;maxaveragebitrate=20000;"
                + "stereo=1;sprop-stereo=1;cbr=1;useinbandfec=1;usedtx=1;minptime=10;x-google-foo=7;;");
        assertThat(c.maxPlaybackRate()).isEqualTo(16000);
        assertThat(c.spropMaxCaptureRate()).isEqualTo(16000);
        assertThat(c.maxAverageBitrate()).hasValue(20000);
        assertThat(c.stereo()).isTrue();
        assertThat(c.spropStereo()).isTrue();
        assertThat(c.cbr()).isTrue();
        assertThat(c.useInbandFec()).isTrue();
        assertThat(c.useDtx()).isTrue();
        assertThat(c.minPtime()).hasValue(10);
        assertThat(c.isSet("x-google-foo")).isFalse();
        assertThat(c.toFmtp()).isEqualTo("maxplaybackrate=16000;sprop-maxcapturerate=16000;maxaveragebitrate=20000;"
                + "stereo=1;sprop-stereo=1;cbr=1;useinbandfec=1;usedtx=1;minptime=10");
        assertThat(OpusConfig.parse(c.toFmtp())).isEqualTo(c);

        OpusConfig rfcExample = OpusConfig.parse("maxplaybackrate=16000; sprop-maxcapturerate=16000");
        assertThat(rfcExample.toFmtp()).isEqualTo("maxplaybackrate=16000;sprop-maxcapturerate=16000");
        assertThat(OpusConfig.parse("minptime=10;useinbandfec=1").toFmtp()).isEqualTo("useinbandfec=1;minptime=10");
    }

    @Test
    void malformedValuesNameTheParameter() {
        assertThatThrownBy(() -> OpusConfig.parse("maxplaybackrate=4000")).isInstanceOf(CodecException.class)
                .hasMessageContaining("maxplaybackrate").hasMessageContaining("4000");
        assertThatThrownBy(() -> OpusConfig.parse("stereo=yes")).hasMessageContaining("stereo").hasMessageContaining("yes");
        assertThatThrownBy(() -> OpusConfig.parse("useinbandfec=2")).hasMessageContaining("useinbandfec");
        assertThatThrownBy(() -> OpusConfig.parse("maxaveragebitrate=600000")).hasMessageContaining("600000");
        assertThatThrownBy(() -> OpusConfig.parse("minptime=0")).hasMessageContaining("minptime");
    }

    /** A narrowband, FEC-capable, 20 kbit/s, mono-only peer shapes the encoder that sends to it. */
    @Test
    void remoteParametersShapeTheEncoder() {
        OpusSettings local = OpusSettings.defaults().withChannels(2).withBitrate(64000).withFrameMillis(10);
        OpusSettings s = OpusConfig.parse("maxplaybackrate=8000;maxaveragebitrate=20000;useinbandfec=1;usedtx=1;"
                + "cbr=1;minptime=20").encoderSettings(local);
        assertThat(s.maxBandwidth()).isEqualTo(OpusSettings.Bandwidth.NARROWBAND);
        assertThat(s.bitrate()).isEqualTo(20000);
        assertThat(s.channels()).as("no stereo=1: mono").isEqualTo(1);
        assertThat(s.fec()).isTrue();
        assertThat(s.expectedLossPercent()).isEqualTo(OpusSettings.DEFAULT_FEC_LOSS_PERCENT);
        assertThat(s.dtx()).isTrue();
        assertThat(s.cbr()).isTrue();
        assertThat(s.frameMillis()).isEqualTo(20);
        assertThat(s.sampleRate()).isEqualTo(48000);

        OpusSettings stereo = OpusConfig.parse("stereo=1;maxplaybackrate=24000;minptime=25").encoderSettings(local);
        assertThat(stereo.channels()).isEqualTo(2);
        assertThat(stereo.maxBandwidth()).isEqualTo(OpusSettings.Bandwidth.SUPERWIDEBAND);
        assertThat(stereo.bitrate()).isEqualTo(64000);
        assertThat(stereo.fec()).isFalse();
        assertThat(stereo.frameMillis()).as("minptime 25 rounds up to a frame size").isEqualTo(40);
        assertThat(OpusSettings.Bandwidth.forRate(12000)).isEqualTo(OpusSettings.Bandwidth.MEDIUMBAND);
        assertThat(OpusSettings.Bandwidth.forRate(44100)).isEqualTo(OpusSettings.Bandwidth.SUPERWIDEBAND);

        // the mapped settings create a working codec whose packets say narrowband in their TOC
        OpusCodec codec = OpusCodec.create(s);
        byte[] p = new byte[4000];
        int n = 0;
        for (int k = 0; k < 10; k++) {
            n = codec.encode(Audio.sine(48000, 300, 8000, 960), 0, 960, p, 0);
        }
        int config = (p[0] & 0xFF) >> 3;
        assertThat(config).as("TOC config %d of a %d-byte packet: SILK narrowband is 0-3", config, n).isBetween(0, 3);
    }

    @Test
    void ourOwnFmtpDescribesOurSettings() {
        OpusSettings local = OpusSettings.defaults().withSampleRate(16000).withChannels(2).withBitrate(40000)
                .withFec(5).withDtx(true).withCbr(true);
        assertThat(OpusConfig.describing(local).toFmtp()).isEqualTo("maxplaybackrate=16000;sprop-maxcapturerate=16000;"
                + "maxaveragebitrate=40000;stereo=1;sprop-stereo=1;cbr=1;useinbandfec=1;usedtx=1");
        assertThat(OpusConfig.describing(OpusSettings.defaults()).toFmtp()).isEqualTo("maxaveragebitrate=32000");
    }
}
