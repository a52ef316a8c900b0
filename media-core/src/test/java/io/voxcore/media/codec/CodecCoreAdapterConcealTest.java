package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.opus.OpusCodec;
import io.voxcore.codec.opus.OpusSettings;
import io.voxcore.media.AudioFrame;
import org.junit.jupiter.api.Test;

/**
 * The frame API's loss handling ({@link AudioCodec#concealsLoss}, {@link AudioCodec#conceal},
 * {@link AudioCodec#decodeFec}) over codec-core: Opus gives what codec-opus's {@link OpusCodec}
 * gives when called by hand with the same history; G.711 has no concealment of its own.
 */
class CodecCoreAdapterConcealTest {

    private static final OpusSettings FEC = OpusSettings.defaults().withSampleRate(16000).withBitrate(24000)
            .withFec(20);

    @Test
    void opusConcealsAndRecoversExactlyAsTheCodecItself() {
        OpusCodec encoder = OpusCodec.create(FEC);
        short[] tone = new short[320];
        byte[][] packets = new byte[6][];
        for (int k = 0; k < packets.length; k++) {
            for (int i = 0; i < tone.length; i++) {
                int n = k * 320 + i;
                tone[i] = (short) (6000 * Math.sin(2 * Math.PI * 180 * n / 16000.0)
                        + 2000 * Math.sin(2 * Math.PI * 720 * n / 16000.0));
            }
            packets[k] = encoder.encode(tone);
        }
        AudioCodec adapter = new CodecCoreAdapter(OpusCodec.create(FEC));
        OpusCodec reference = OpusCodec.create(FEC);
        assertThat(adapter.concealsLoss()).isTrue();
        for (int k = 0; k < 3; k++) {
            assertThat(adapter.decode(packets[k]).samples()).isEqualTo(reference.decode(packets[k]));
        }
        AudioFrame concealed = adapter.conceal(320, 960);
        short[] expected = new short[320];
        reference.conceal(expected, 0, 320);
        assertThat(concealed.samples()).as("PLC").isEqualTo(expected);
        assertThat(concealed.timestamp()).isEqualTo(960);
        AudioFrame recovered = adapter.decodeFec(packets[5], 320, 1280);
        short[] fec = new short[320];
        int n = reference.decodeFec(packets[5], 0, packets[5].length, fec, 0, 320);
        if (n == 0) {
            assertThat(recovered).as("no FEC in that packet").isNull();
        } else {
            assertThat(recovered.samples()).as("FEC").isEqualTo(fec);
        }
        assertThat(adapter.decode(packets[5]).samples()).isEqualTo(reference.decode(packets[5]));
        assertThatThrownBy(() -> adapter.conceal(0, 0)).isInstanceOf(MediaCodecException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> adapter.conceal(100, 0)).isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("100");
    }

    @Test
    void g711HasNoConcealmentOfItsOwn() {
        AudioCodec pcmu = CodecFactory.createCodec(0);
        assertThat(pcmu.concealsLoss()).isFalse();
        assertThat(pcmu.conceal(160, 0)).isNull();
        assertThat(pcmu.decodeFec(new byte[160], 160, 0)).isNull();
        ZeroCopyCodecAdapter zeroCopy = CodecFactory.createZeroCopy(0);
        assertThat(zeroCopy.concealsLoss()).isFalse();
        assertThat(zeroCopy.conceal(new short[160], 0, 160)).isZero();
        assertThat(zeroCopy.decodedSize(java.nio.ByteBuffer.wrap(new byte[160]))).isEqualTo(160);
    }
}
