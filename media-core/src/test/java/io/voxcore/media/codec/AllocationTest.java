package io.voxcore.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hot paths allocate nothing: bytes allocated by this thread, as counted by the JVM
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), across 100,000
 * calls after a 20,000-call warm-up, so the JIT has compiled them. Deterministic: no timing.
 */
class AllocationTest {

    private static final int WARM_UP = 20_000;
    private static final int CALLS = 100_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One call of the operation under test; {@code i} lets it vary its input. */
    @FunctionalInterface
    interface Call {
        void run(int i);
    }

    @BeforeAll
    static void requireAllocationCounting() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private static long allocatedBy(Call call) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            call.run(i);
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * Runs the call through a warm-up, then measures rounds of {@value #CALLS} calls against an
     * empty loop measured the same way.
     *
     * <p>Baseline: on some JVMs reading the counter itself allocates a few bytes, identically for
     * both loops, so a call allocates nothing when its figure does not exceed the empty loop's.
     *
     * <p>Rounds: the JIT may still deoptimise and recompile the measuring loop during a round,
     * and rematerialising scalar-replaced objects then allocates a few hundred bytes once (seen:
     * 624 bytes in one round of 100,000 calls). A call that allocates would allocate in every
     * round, at least 16 bytes per call, so the smallest of up to five rounds is the figure
     * asserted; a steady-state allocation cannot hide behind it.
     */
    private static void assertAllocationFree(String what, Call call) {
        Call empty = i -> { };
        for (int i = 0; i < WARM_UP; i++) {
            call.run(i);
            empty.run(i);
        }
        allocatedBy(empty);
        long baseline = allocatedBy(empty);
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5 && least > baseline; round++) {
            least = Math.min(least, allocatedBy(call));
        }
        assertThat(least - baseline)
                .as("%s: bytes allocated over %d calls (least of the rounds %d, empty-loop baseline %d)",
                        what, CALLS, least, baseline)
                .isLessThanOrEqualTo(0);
    }

    private static short[] samples(int n) {
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (short) (i * 409 - 32768);
        }
        return pcm;
    }

    @Test
    void zeroCopyEncodeIntoHeapAndDirectPackets() {
        short[] pcm = samples(160);
        ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
        ByteBuffer heap = ByteBuffer.allocate(12 + 160);
        ByteBuffer direct = ByteBuffer.allocateDirect(12 + 160);
        assertAllocationFree("encodeToBuffer heap", i -> {
            heap.position(12);
            pcmu.encodeToBuffer(pcm, 0, 160, heap);
        });
        assertAllocationFree("encodeToBuffer direct", i -> {
            direct.position(12);
            pcmu.encodeToBuffer(pcm, 0, 160, direct);
        });
        assertThat(direct.position()).isEqualTo(172);
        assertThat(Reference.bytes(direct, 12, 172)).containsExactly(Reference.ulaw(pcm));
    }

    @Test
    void zeroCopyDecodeFromHeapDirectAndReadOnlyPayloads() {
        byte[] codes = Reference.ulaw(samples(160));
        ZeroCopyCodecAdapter pcmu = CodecFactory.createZeroCopy(0);
        ByteBuffer heap = ByteBuffer.wrap(codes);
        ByteBuffer direct = ByteBuffer.allocateDirect(160).put(codes).flip();
        ByteBuffer readOnly = direct.asReadOnlyBuffer();
        short[] pcm = new short[160];
        assertAllocationFree("decodeToBuffer heap", i -> pcmu.decodeToBuffer(heap.rewind(), pcm, 0));
        assertAllocationFree("decodeToBuffer direct", i -> pcmu.decodeToBuffer(direct.rewind(), pcm, 0));
        assertAllocationFree("decodeToBuffer read-only", i -> pcmu.decodeToBuffer(readOnly.rewind(), pcm, 0));
        assertThat(pcm).containsExactly(Reference.ulawDecoded(codes));
    }

    @Test
    void zeroCopyShortBufferForms() {
        short[] pcm = samples(320);
        ZeroCopyCodecAdapter stereo = CodecFactory.createZeroCopy(8, 8000, 2);
        ShortBuffer heapPcm = ShortBuffer.wrap(pcm);
        ShortBuffer directPcm = ByteBuffer.allocateDirect(640).order(ByteOrder.nativeOrder()).asShortBuffer().put(pcm);
        ByteBuffer out = ByteBuffer.allocateDirect(320);
        assertAllocationFree("encodeToBuffer(ShortBuffer) heap", i -> stereo.encodeToBuffer(heapPcm.rewind(), out.clear()));
        assertAllocationFree("encodeToBuffer(ShortBuffer) direct", i -> stereo.encodeToBuffer(directPcm.rewind(), out.clear()));
        assertThat(Reference.bytes(out, 0, 320)).containsExactly(Reference.alaw(pcm));
        ShortBuffer decoded = ByteBuffer.allocateDirect(640).order(ByteOrder.nativeOrder()).asShortBuffer();
        assertAllocationFree("decodeToBuffer(ShortBuffer)", i -> stereo.decodeToBuffer(out.rewind(), decoded.clear()));
        short[] back = new short[320];
        decoded.flip().get(back);
        assertThat(back).containsExactly(Reference.alawDecoded(Reference.alaw(pcm)));
    }

    @Test
    void transcoderBufferFormOnEveryKindOfPath() {
        Transcoder transcoder = new Transcoder();
        byte[] ulaw = Reference.ulaw(samples(160));
        ByteBuffer heapIn = ByteBuffer.wrap(ulaw);
        ByteBuffer directIn = ByteBuffer.allocateDirect(160).put(ulaw).flip();
        ByteBuffer heapOut = ByteBuffer.allocate(12 + 320);
        ByteBuffer directOut = ByteBuffer.allocateDirect(12 + 320);
        assertAllocationFree("transcode PCMU->PCMA heap", i ->
                transcoder.transcode(heapIn.rewind(), 0, heapOut.position(12), 8));
        assertAllocationFree("transcode PCMU->PCMA direct", i ->
                transcoder.transcode(directIn.rewind(), 0, directOut.position(12), 8));
        assertThat(Reference.bytes(directOut, 12, 172)).containsExactly(Reference.alaw(Reference.ulawDecoded(ulaw)));
        assertAllocationFree("transcode PCMU->PCMA in place", i ->
                transcoder.transcode(directIn.rewind(), 0, directIn, 8));
        assertAllocationFree("transcode passthrough direct", i ->
                transcoder.transcode(directIn.rewind(), 0, directOut.position(12), 0));
        assertAllocationFree("transcode PCMU->X-L16-8K heap", i ->
                transcoder.transcode(heapIn.rewind(), 0, heapOut.position(12), 20));
        assertAllocationFree("transcode PCMU->X-L16-8K direct", i ->
                transcoder.transcode(directIn.rewind(), 0, directOut.position(12), 20));
        assertThat(Reference.bytes(heapOut, 12, 332)).containsExactly(Reference.l16(Reference.ulawDecoded(ulaw)));
        // two checks of the path, each warm-up plus one to five measured rounds (a round is
        // repeated only while it allocated: a JIT compilation on a busy machine)
        long frames = transcoder.stats(0, 20).frames();
        assertThat(frames).as("frames through PCMU->X-L16-8K").isBetween(2L * (WARM_UP + CALLS), 2L * (WARM_UP + 5 * CALLS));
        assertThat((frames - 2L * WARM_UP) % CALLS).as("whole rounds of %d calls", CALLS).isZero();
    }

    /** The check itself can fail: an allocating call is caught. */
    @Test
    void detectsAnAllocatingCall() {
        Object[] sink = new Object[1];
        long baseline = allocatedBy(i -> { });
        long allocated = allocatedBy(i -> sink[0] = ByteBuffer.wrap(new byte[16]));
        assertThat(allocated - baseline).isGreaterThanOrEqualTo(16L * CALLS);
        assertThatThrownBy(() -> assertAllocationFree("allocating", i -> sink[0] = new byte[16]))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("allocating: bytes allocated");
    }
}
