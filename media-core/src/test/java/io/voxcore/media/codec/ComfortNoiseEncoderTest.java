package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.ComfortNoisePayload;
import io.voxcore.codec.SilenceSuppressor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The send-side adapter: its decisions map one to one onto codec-core's, and its payload is valid CN. */
class ComfortNoiseEncoderTest {

    @Test
    void actionsAreTheSuppressorsDecisionsInTheSameOrder() {
        assertThat(Arrays.stream(ComfortNoiseEncoder.Action.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(SilenceSuppressor.Decision.values()).map(Enum::name).toList());
    }

    @Test
    void silenceThenSpeechGivesCnThenATalkspurtStart() {
        ComfortNoiseEncoder e = ComfortNoiseEncoder.create(8000);
        short[] quiet = new short[160];
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (short) ((i * 7919) % 21 - 10);
        }
        short[] loud = new short[160];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = (short) (8000 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        assertThat(e.offer(quiet, 0, 160)).isEqualTo(ComfortNoiseEncoder.Action.COMFORT_NOISE);
        ByteBuffer b = ByteBuffer.allocate(40);
        int n = e.writePayload(b, 12);
        assertThat(n).isEqualTo(ComfortNoiseEncoder.maxPayloadLength());
        byte[] payload = new byte[n];
        b.get(12, payload);
        assertThat(ComfortNoisePayload.validate(payload, 0, n)).isEqualTo(ComfortNoisePayload.Validation.VALID);
        assertThat(b.position()).as("position untouched").isZero();
        assertThat(e.offer(quiet, 0, 160)).isEqualTo(ComfortNoiseEncoder.Action.NOTHING);
        assertThat(e.offer(loud, 0, 160)).isEqualTo(ComfortNoiseEncoder.Action.TALKSPURT_START);
        assertThat(e.offer(loud, 0, 160)).isEqualTo(ComfortNoiseEncoder.Action.SPEECH);
        assertThatThrownBy(() -> e.writePayload(ByteBuffer.allocate(5), 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
