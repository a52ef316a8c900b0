package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxcore.media.codec.Transcoder.Format;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Transcoder} costs in memory, and that its cross-rate paths allocate nothing per
 * call once warm: bytes allocated by this thread as the JVM counts them
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), deterministic, no
 * timing. Allocated bytes bound retained bytes from above.
 *
 * <p>Opus is left out of the zero-allocation proof: Concentus allocates inside its encoder and
 * decoder on every frame (codec-opus's documentation measures it), which no transcoder can avoid.
 */
class TranscoderAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Keeps what is measured reachable, so that no compiler can remove the allocation. */
    private static Object sink;

    @BeforeAll
    static void requireAllocationCounting() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /** Bytes the action allocates, the least of five runs, less what reading the counter costs. */
    private static long allocatedBy(Runnable action) {
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long empty = THREADS.getCurrentThreadAllocatedBytes() - before;
            before = THREADS.getCurrentThreadAllocatedBytes();
            action.run();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before - empty);
        }
        return least;
    }

    private static final byte[] ULAW = Reference.ulaw(SpeechLike.samples(8000, 160));

    /** Bytes the first call of a new transcoder's PCMU->PCMA path allocates, the least of five. */
    private static long firstTableUse() {
        ByteBuffer in = ByteBuffer.wrap(ULAW);
        ByteBuffer out = ByteBuffer.allocate(160);
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            Transcoder transcoder = new Transcoder();
            in.rewind();
            out.clear();
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long empty = THREADS.getCurrentThreadAllocatedBytes() - before;
            before = THREADS.getCurrentThreadAllocatedBytes();
            transcoder.transcode(in, 0, out, 8);
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before - empty);
            sink = transcoder;
        }
        return least;
    }

    @Test
    void aNewTranscoderAndItsTablePathAreSmall() {
        firstTableUse(); // loads the classes the measurement would otherwise count
        long created = allocatedBy(() -> sink = new Transcoder());
        long firstUse = firstTableUse();
        System.out.printf("new Transcoder(): %d bytes; its first PCMU->PCMA payload: %d bytes%n", created, firstUse);
        // The 128 x 128 path table this replaces was 64 KB, allocated by the constructor.
        assertThat(created).as("bytes allocated by new Transcoder()").isLessThanOrEqualTo(64);
        assertThat(created + firstUse).as("bytes allocated by a new transcoder and its first PCMU->PCMA call (measured 104)")
                .isLessThanOrEqualTo(256);
        Transcoder transcoder = (Transcoder) sink;
        assertThat(transcoder.scratchSamples()).as("PCM scratch of a table-only transcoder").isZero();
        transcoder.transcode(ByteBuffer.wrap(ULAW), 0, ByteBuffer.allocate(160), 0);
        assertThat(transcoder.scratchSamples()).as("PCM scratch of a pass-through").isZero();
        // Only a path that decodes brings the scratch.
        transcoder.transcode(ULAW, 0, 9);
        assertThat(transcoder.scratchSamples()).isPositive();
    }

    @Test
    void firstUseOfACrossRatePathIsMeasured() {
        Transcoder warm = new Transcoder();
        warm.transcode(ULAW, Format.PCMU, Format.G722);
        long bytes = allocatedBy(() -> {
            Transcoder transcoder = new Transcoder();
            transcoder.transcode(ULAW, Format.PCMU, Format.G722);
            sink = transcoder;
        });
        System.out.printf("new Transcoder() and its first PCMU->G722 payload: %d bytes%n", bytes);
        // Two codecs with their adapters, a resampler and the scratch: tens of kilobytes, paid
        // only by a path that decodes, and still less than the old 128 x 128 path table alone.
        assertThat(bytes).isLessThan(64 * 1024);
    }

    @Test
    void aPreparedPathAllocatesNothingOnItsFirstPayload() {
        byte[] g722 = io.voxcore.codec.CodecFactory.createByName("G722").encode(SpeechLike.samples(16000, 320));
        ByteBuffer in = ByteBuffer.wrap(ULAW);
        ByteBuffer back = ByteBuffer.wrap(g722);
        ByteBuffer out = ByteBuffer.allocateDirect(12 + 320);
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 6; run++) { // the first run loads classes
            Transcoder transcoder = new Transcoder().prepare(Format.PCMU, Format.G722, 160)
                    .prepare(Format.G722, Format.PCMU, 160);
            in.rewind();
            back.rewind();
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long empty = THREADS.getCurrentThreadAllocatedBytes() - before;
            before = THREADS.getCurrentThreadAllocatedBytes();
            transcoder.transcode(in, Format.PCMU, out.clear().position(12), Format.G722);
            transcoder.transcode(back, Format.G722, out.clear().position(12), Format.PCMU);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before - empty;
            least = run == 0 ? least : Math.min(least, allocated);
            sink = transcoder;
        }
        assertThat(least).as("bytes allocated by the first payloads of two prepared paths").isLessThanOrEqualTo(0);
        assertThatThrownBy(() -> new Transcoder().prepare(new Format("L16", 44100, 1), Format.G722, 882))
                .isInstanceOfSatisfying(MediaCodecException.class,
                        e -> assertThat(e.kind()).isEqualTo(MediaCodecException.Kind.FORMAT_MISMATCH))
                .hasMessageContaining("L16/44100/1 to G722/8000/1");
        assertThatThrownBy(() -> new Transcoder().prepare(Format.PCMU, Format.G722, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }

    // ---- Zero allocation per call once warm (the pattern of AllocationTest, shorter rounds). ----

    private static final int WARM_UP = 10_000;
    private static final int CALLS = 5_000;

    @FunctionalInterface
    interface Call {
        void run(int i);
    }

    private static long allocatedOver(Call call) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            call.run(i);
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * Warm-up, then the least of up to five rounds against an empty loop: a call that allocates
     * does so in every round (at least 16 bytes a call), while a one-off deoptimisation does not.
     */
    static void assertAllocationFree(String what, Call call) {
        Call empty = i -> { };
        for (int i = 0; i < WARM_UP; i++) {
            call.run(i);
            empty.run(i);
        }
        allocatedOver(empty);
        long baseline = allocatedOver(empty);
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5 && least > baseline; round++) {
            least = Math.min(least, allocatedOver(call));
        }
        assertThat(least - baseline)
                .as("%s: bytes allocated over %d calls (least of the rounds %d, baseline %d)", what, CALLS, least, baseline)
                .isLessThanOrEqualTo(0);
    }

    @Test
    void crossRatePathsAllocateNothingPerCall() {
        byte[] g722 = io.voxcore.codec.CodecFactory.createByName("G722").encode(SpeechLike.samples(16000, 320));
        ByteBuffer heapUlaw = ByteBuffer.wrap(ULAW);
        ByteBuffer directUlaw = ByteBuffer.allocateDirect(160).put(ULAW).flip();
        ByteBuffer heapG722 = ByteBuffer.wrap(g722);
        ByteBuffer directG722 = ByteBuffer.allocateDirect(160).put(g722).flip();
        ByteBuffer heapOut = ByteBuffer.allocate(12 + 1280);
        ByteBuffer directOut = ByteBuffer.allocateDirect(12 + 1280);
        Transcoder transcoder = new Transcoder().map(97, "G722", 8000, 1);
        Format stereo16k = Format.of("X-L16-8K/16000/2");

        assertAllocationFree("PCMU->G722 by format, heap", i ->
                transcoder.transcode(heapUlaw.rewind(), Format.PCMU, heapOut.clear().position(12), Format.G722));
        assertAllocationFree("PCMU->G722 by format, direct", i ->
                transcoder.transcode(directUlaw.rewind(), Format.PCMU, directOut.clear().position(12), Format.G722));
        assertAllocationFree("G722->PCMU by payload type, direct", i ->
                transcoder.transcode(directG722.rewind(), 9, directOut.clear().position(12), 0));
        assertAllocationFree("G722->PCMU by payload type, heap", i ->
                transcoder.transcode(heapG722.rewind(), 9, heapOut.clear().position(12), 0));
        assertAllocationFree("PCMU->dynamic PT 97 (G722/8000)", i ->
                transcoder.transcode(directUlaw.rewind(), 0, directOut.clear().position(12), 97));
        assertAllocationFree("PCMU 8 kHz mono -> L16 16 kHz stereo", i ->
                transcoder.transcode(heapUlaw.rewind(), Format.PCMU, heapOut.clear().position(12), stereo16k));
        ByteBuffer l16 = ByteBuffer.allocateDirect(1280).put(heapOut.flip().position(12)).flip();
        assertAllocationFree("L16 16 kHz stereo -> PCMU 8 kHz mono", i ->
                transcoder.transcode(l16.rewind(), stereo16k, directOut.clear().position(12), Format.PCMU));
        // Alternating between paths stores the latest one each time: still no allocation.
        assertAllocationFree("alternating PCMU->G722 and G722->PCMU", i -> {
            if ((i & 1) == 0) {
                transcoder.transcode(heapUlaw.rewind(), Format.PCMU, heapOut.clear().position(12), Format.G722);
            } else {
                transcoder.transcode(heapG722.rewind(), 9, heapOut.clear().position(12), 0);
            }
        });
        assertThat(transcoder.stats(9, 0).failures()).isZero();
        assertThat(transcoder.stats(Format.PCMU, Format.G722).frames()).isGreaterThan(2L * WARM_UP);
    }

    /** The check itself can fail: an allocating call is caught. */
    @Test
    void detectsAnAllocatingCall() {
        assertThatThrownBy(() -> assertAllocationFree("allocating", i -> sink = new byte[16]))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("allocating: bytes allocated");
    }
}
