package io.voxcore.media.codec;

import static io.voxcore.media.codec.Reference.RAMP;
import static io.voxcore.media.codec.Reference.assertSameCodes;
import static io.voxcore.media.codec.Reference.assertSameSamples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxcore.codec.testkit.ItuVectors;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ZeroCopyCodecAdapter} over every buffer kind, against codec-core and the ITU reference. */
class ZeroCopyCodecAdapterTest {

    private static final int RTP_HEADER = 12;
    private static final byte MARK = 0x5A;

    private static io.voxcore.codec.AudioCodec core(int payloadType) {
        return io.voxcore.codec.CodecFactory.createByPayloadType(payloadType);
    }

    /** Encodes the ramp frame by frame into an RTP-packet-shaped buffer at offset 12. */
    private static byte[] encodeIntoPackets(ZeroCopyCodecAdapter codec, BufferKind kind, int samplesPerPacket) {
        ByteBuffer packet = kind.allocate(RTP_HEADER + samplesPerPacket);
        byte[] all = new byte[RAMP.length];
        for (int at = 0; at < RAMP.length; at += samplesPerPacket) {
            int count = Math.min(samplesPerPacket, RAMP.length - at);
            packet.clear();
            for (int i = 0; i < packet.capacity(); i++) {
                packet.put(i, MARK);
            }
            packet.position(RTP_HEADER);
            int written = codec.encodeToBuffer(RAMP, at, count, packet);
            assertThat(written).isEqualTo(count);
            assertThat(packet.position()).isEqualTo(RTP_HEADER + count);
            assertThat(packet.limit()).isEqualTo(packet.capacity());
            assertThat(Reference.bytes(packet, 0, RTP_HEADER)).as("RTP header untouched").containsOnly(MARK);
            byte[] payload = Reference.bytes(packet, RTP_HEADER, RTP_HEADER + count);
            System.arraycopy(payload, 0, all, at, count);
        }
        return all;
    }

    @ParameterizedTest
    @EnumSource(value = BufferKind.class, names = {"HEAP", "DIRECT", "HEAP_SLICE", "DIRECT_SLICE"})
    void encodesTheRampIntoRtpPacketsLikeCodecCore(BufferKind kind) {
        byte[] ulaw = encodeIntoPackets(CodecFactory.createZeroCopy(0), kind, 160);
        byte[] alaw = encodeIntoPackets(CodecFactory.createZeroCopy(8), kind, 160);
        assertSameCodes("PCMU vs codec-core", core(0).encode(RAMP), ulaw);
        assertSameCodes("PCMA vs codec-core", core(8).encode(RAMP), alaw);
        assertThat(ItuVectors.crcOfCodesAsWords(ulaw)).isEqualTo(ItuVectors.CRC_SWEEP_U);
        assertThat(ItuVectors.crcOfCodesAsWords(alaw)).isEqualTo(ItuVectors.CRC_SWEEP_A);
    }

    @ParameterizedTest(name = "{0} ms")
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void frameSizes(int millis) {
        byte[] ulaw = encodeIntoPackets(CodecFactory.createZeroCopy(0), BufferKind.DIRECT, 8 * millis);
        assertThat(ItuVectors.crcOfCodesAsWords(ulaw)).isEqualTo(ItuVectors.CRC_SWEEP_U);
    }

    @Test
    void stereoG711FrameByFrame() {
        ZeroCopyCodecAdapter stereo = CodecFactory.createZeroCopy(0, 8000, 2);
        byte[] ulaw = encodeIntoPackets(stereo, BufferKind.HEAP, 2 * 160);
        assertSameCodes("stereo PCMU vs primitives", Reference.ulaw(RAMP), ulaw);
        short[] back = new short[RAMP.length];
        int written = stereo.decodeToBuffer(BufferKind.DIRECT.of(ulaw), back, 0);
        assertThat(written).isEqualTo(RAMP.length);
        assertThat(ItuVectors.crcOfWords(back)).isEqualTo(ItuVectors.CRC_SWEEP_UU);
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void decodesAll256CodesFromEveryBufferKind(BufferKind kind) {
        byte[] codes = Reference.allCodes();
        for (int pt : new int[] {0, 8}) {
            ZeroCopyCodecAdapter codec = CodecFactory.createZeroCopy(pt);
            ByteBuffer payload = kind.of(codes);
            short[] pcm = new short[3 + 256];
            Arrays.fill(pcm, (short) 7);
            assertThat(codec.decodeToBuffer(payload, pcm, 3)).isEqualTo(256);
            assertThat(payload.position()).isEqualTo(256);
            assertThat(Arrays.copyOf(pcm, 3)).containsOnly((short) 7);
            short[] expected = pt == 0 ? Reference.ulawDecoded(codes) : Reference.alawDecoded(codes);
            assertSameSamples("PT " + pt + " " + kind, expected, Arrays.copyOfRange(pcm, 3, pcm.length));
            assertSameSamples("PT " + pt + " vs codec-core", core(pt).decode(codes), Arrays.copyOfRange(pcm, 3, pcm.length));
        }
    }

    @ParameterizedTest
    @EnumSource(BufferKind.class)
    void rampRoundTripThroughShortBuffers(BufferKind kind) {
        ZeroCopyCodecAdapter pcma = CodecFactory.createZeroCopy(8);
        ShortBuffer in = kind.shorts(RAMP);
        ByteBuffer encoded = BufferKind.DIRECT.allocate(RAMP.length);
        assertThat(pcma.encodeToBuffer(in, encoded)).isEqualTo(RAMP.length);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(ItuVectors.crcOfCodesAsWords(Reference.bytes(encoded, 0, RAMP.length))).isEqualTo(ItuVectors.CRC_SWEEP_A);

        encoded.flip();
        ByteBuffer payload = kind.readOnly() ? encoded.asReadOnlyBuffer() : encoded;
        ShortBuffer out = (kind.readOnly() ? BufferKind.HEAP : kind).shorts(RAMP.length);
        assertThat(pcma.decodeToBuffer(payload, out)).isEqualTo(RAMP.length);
        assertThat(out.position()).isEqualTo(RAMP.length);
        short[] decoded = new short[RAMP.length];
        out.flip();
        out.get(decoded);
        assertThat(ItuVectors.crcOfWords(decoded)).isEqualTo(ItuVectors.CRC_SWEEP_AA);
    }

    @Test
    void matchesTheItuFiles() {
        short[] src = Reference.ituWords("sweep.src");
        ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
        ByteBuffer direct = ByteBuffer.allocateDirect(src.length);
        pcmu.encodeToBuffer(src, 0, src.length, direct);
        assertSameCodes("sweep-r.u", Reference.ituCodes("sweep-r.u"), Reference.bytes(direct, 0, src.length));

        short[] decoded = new short[src.length];
        pcmu.decodeToBuffer(ByteBuffer.wrap(Reference.ituCodes("sweep-r.u")).asReadOnlyBuffer(), decoded, 0);
        assertSameSamples("sweep-r.reu", Reference.ituWords("sweep-r.reu"), decoded);

        ZeroCopyCodecAdapter pcma = CodecFactory.createZeroCopy(8);
        ByteBuffer heap = ByteBuffer.allocate(src.length);
        pcma.encodeToBuffer(src, 0, src.length, heap);
        assertSameCodes("sweep-r.a", Reference.ituCodes("sweep-r.a"), heap.array());
        pcma.decodeToBuffer(ByteBuffer.allocateDirect(src.length).put(Reference.ituCodes("sweep-r.a")).flip(), decoded, 0);
        assertSameSamples("sweep-r.rea", Reference.ituWords("sweep-r.rea"), decoded);
    }

    // ---- Bad input: a clear error, nothing written, and the adapter still works. ----

    private static void assertStillWorks(ZeroCopyCodecAdapter codec) {
        ByteBuffer out = ByteBuffer.allocateDirect(2);
        assertThat(codec.encodeToBuffer(new short[] {100, -100}, 0, 2, out)).isEqualTo(2);
        assertThat(Reference.bytes(out, 0, 2)).containsExactly(Reference.ulaw(new short[] {100, -100}));
    }

    @ParameterizedTest
    @EnumSource(value = BufferKind.class, names = {"HEAP", "DIRECT", "HEAP_SLICE", "DIRECT_SLICE"})
    void outputTooSmallWritesNothing(BufferKind kind) {
        ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
        ByteBuffer packet = kind.allocate(RTP_HEADER + 100);
        for (int i = 0; i < packet.capacity(); i++) {
            packet.put(i, MARK);
        }
        packet.position(RTP_HEADER);
        assertThatThrownBy(() -> pcmu.encodeToBuffer(new short[160], 0, 160, packet))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.BUFFER_TOO_SMALL))
                .hasMessageContaining("needs 160 bytes, has 100");
        assertThat(packet.position()).isEqualTo(RTP_HEADER);
        assertThat(Reference.bytes(packet, 0, packet.capacity())).containsOnly(MARK);

        ShortBuffer pcm = ShortBuffer.wrap(new short[160]);
        assertThatThrownBy(() -> pcmu.encodeToBuffer(pcm, packet))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("needs 160 bytes, has 100");
        assertThat(pcm.position()).isZero();
        assertThat(packet.position()).isEqualTo(RTP_HEADER);
        assertStillWorks(pcmu);
    }

    @Test
    void decodeOutputTooSmallLeavesThePayloadUnread() {
        ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
        ByteBuffer payload = ByteBuffer.allocateDirect(160);
        short[] pcm = new short[200];
        assertThatThrownBy(() -> pcmu.decodeToBuffer(payload, pcm, 100))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.BUFFER_TOO_SMALL))
                .hasMessageContaining("160")
                .hasMessageContaining("100");
        assertThat(payload.position()).isZero();
        ShortBuffer small = ShortBuffer.allocate(10);
        assertThatThrownBy(() -> pcmu.decodeToBuffer(payload, small))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("160")
                .hasMessageContaining("10");
        assertThat(payload.position()).isZero();
        assertThat(small.position()).isZero();
        assertThat(pcmu.decodeToBuffer(payload, pcm, 40)).isEqualTo(160);
        assertThat(pcm[40]).isEqualTo(Reference.ulawDecoded(new byte[1])[0]);
    }

    @Test
    void readOnlyOutputIsRejected() {
        ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
        ByteBuffer readOnly = ByteBuffer.allocate(200).asReadOnlyBuffer();
        assertThatThrownBy(() -> pcmu.encodeToBuffer(new short[160], 0, 160, readOnly))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> pcmu.encodeToBuffer(ShortBuffer.allocate(160), readOnly))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> pcmu.decodeToBuffer(ByteBuffer.allocate(160), ShortBuffer.allocate(160).asReadOnlyBuffer()))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("read-only");
        assertThat(readOnly.position()).isZero();
        assertStillWorks(pcmu);
    }

    @Test
    void emptyAndOddPayloadsAreRejected() {
        ZeroCopyCodecAdapter stereo = CodecFactory.createZeroCopy(0, 8000, 2);
        short[] pcm = new short[16];
        assertThatThrownBy(() -> stereo.decodeToBuffer(ByteBuffer.allocate(0), pcm, 0))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_PAYLOAD))
                .hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> stereo.decodeToBuffer(ByteBuffer.allocate(0), ShortBuffer.wrap(pcm)))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("0 bytes");
        ByteBuffer odd = ByteBuffer.allocateDirect(3);
        assertThatThrownBy(() -> stereo.decodeToBuffer(odd, pcm, 0))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_PAYLOAD))
                .hasMessageContaining("3 bytes");
        assertThat(odd.position()).isZero();
        assertThatThrownBy(() -> stereo.encodeToBuffer(new short[3], 0, 3, ByteBuffer.allocate(10)))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("3 samples")
                .hasMessageContaining("2-channel");
        assertThat(stereo.decodeToBuffer(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00}), pcm, 0)).isEqualTo(2);
        assertThat(pcm[0]).isEqualTo(Reference.ulawDecoded(new byte[] {(byte) 0xFF})[0]);
        assertThat(pcm[1]).isEqualTo(Reference.ulawDecoded(new byte[] {0})[0]);

        ZeroCopyCodecAdapter l16 = CodecFactory.createZeroCopy(11);
        assertThatThrownBy(() -> l16.decodeToBuffer(ByteBuffer.allocate(7), pcm, 0))
                .isInstanceOf(MediaCodecException.class)
                .hasMessageContaining("7 bytes");
        assertThat(l16.decodeToBuffer(ByteBuffer.wrap(new byte[] {0x7F, (byte) 0xFF}), pcm, 0)).isEqualTo(1);
        assertThat(pcm[0]).isEqualTo((short) 32767);
    }

    @Test
    void rangesOutsideTheArrayAreIndexErrors() {
        ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
        ByteBuffer out = ByteBuffer.allocate(10);
        assertThatThrownBy(() -> pcmu.encodeToBuffer(new short[10], 5, 6, out)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> pcmu.decodeToBuffer(ByteBuffer.allocate(1), new short[10], 11))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(out.position()).isZero();
        assertStillWorks(pcmu);
    }

    @Test
    void sizesInfoAndReset() {
        ZeroCopyCodecAdapter l16 = CodecFactory.createZeroCopy(11);
        assertThat(l16.maxEncodedSize(882)).isEqualTo(1764);
        assertThat(l16.maxDecodedSize(1764)).isEqualTo(882);
        assertThatThrownBy(() -> l16.maxEncodedSize(-1))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("-1");
        l16.reset();
        assertThat(l16.info()).isEqualTo(new CodecInfo("L16", 44100, 1, 705_600));
        assertThat(new ZeroCopyCodecAdapter(core(8))).hasToString(
                "ZeroCopyCodecAdapter[CodecInfo[name=PCMA, sampleRate=8000, channels=1, bitrate=64000, clockRate=8000]]");
    }

    @Test
    void framesLargerThanTheScratchStillWorkOnDirectBuffers() {
        ZeroCopyCodecAdapter l16 = CodecFactory.createZeroCopy(11);
        ByteBuffer out = ByteBuffer.allocateDirect(RAMP.length * 2);
        assertThat(l16.encodeToBuffer(RAMP, 0, RAMP.length, out)).isEqualTo(RAMP.length * 2);
        assertThat(Reference.bytes(out, 0, out.capacity())).isEqualTo(Reference.l16(RAMP));
        short[] back = new short[RAMP.length];
        out.flip();
        assertThat(l16.decodeToBuffer(out, back, 0)).isEqualTo(RAMP.length);
        assertThat(ItuVectors.crcOfWords(back)).isEqualTo(ItuVectors.CRC_SWEEP_SRC);
    }
}
