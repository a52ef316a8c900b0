package io.voxcore.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxcore.codec.testkit.ItuVectors;
import org.junit.jupiter.api.Test;

/**
 * The G.191 conformance proof that runs on any clone: the ramp's encodings and round trips have
 * the CRC-32 values published with the ITU-T vectors.
 */
class G711CrcTest {

    private static final short[] RAMP = ItuVectors.ramp();

    @Test
    void generatedRampIsTheReferenceSource() {
        assertThat(ItuVectors.crcOfWords(RAMP)).isEqualTo(ItuVectors.CRC_SWEEP_SRC);
    }

    @Test
    void ulawEncodeCrc() {
        assertThat(ItuVectors.crcOfCodesAsWords(CodecFactory.createByPayloadType(0).encode(RAMP)))
                .isEqualTo(ItuVectors.CRC_SWEEP_U);
    }

    @Test
    void alawEncodeCrc() {
        assertThat(ItuVectors.crcOfCodesAsWords(CodecFactory.createByPayloadType(8).encode(RAMP)))
                .isEqualTo(ItuVectors.CRC_SWEEP_A);
    }

    @Test
    void ulawRoundTripCrc() {
        AudioCodec codec = CodecFactory.createByPayloadType(0);
        assertThat(ItuVectors.crcOfWords(codec.decode(codec.encode(RAMP)))).isEqualTo(ItuVectors.CRC_SWEEP_UU);
    }

    @Test
    void alawRoundTripCrc() {
        AudioCodec codec = CodecFactory.createByPayloadType(8);
        assertThat(ItuVectors.crcOfWords(codec.decode(codec.encode(RAMP)))).isEqualTo(ItuVectors.CRC_SWEEP_AA);
    }

    @Test
    void singleSamplePrimitivesGiveTheSameCrc() {
        byte[] ulaw = new byte[RAMP.length];
        byte[] alaw = new byte[RAMP.length];
        short[] ulawBack = new short[RAMP.length];
        short[] alawBack = new short[RAMP.length];
        for (int i = 0; i < RAMP.length; i++) {
            ulaw[i] = G711.linearToUlaw(RAMP[i]);
            alaw[i] = G711.linearToAlaw(RAMP[i]);
            ulawBack[i] = G711.ulawToLinear(ulaw[i]);
            alawBack[i] = G711.alawToLinear(alaw[i]);
        }
        assertThat(ItuVectors.crcOfCodesAsWords(ulaw)).isEqualTo(ItuVectors.CRC_SWEEP_U);
        assertThat(ItuVectors.crcOfCodesAsWords(alaw)).isEqualTo(ItuVectors.CRC_SWEEP_A);
        assertThat(ItuVectors.crcOfWords(ulawBack)).isEqualTo(ItuVectors.CRC_SWEEP_UU);
        assertThat(ItuVectors.crcOfWords(alawBack)).isEqualTo(ItuVectors.CRC_SWEEP_AA);
    }
}
