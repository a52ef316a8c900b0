package io.voxcore.media.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/** The kinds of buffer every buffer form is run over. */
enum BufferKind {
    HEAP(false, false, false),
    DIRECT(true, false, false),
    /** A heap slice whose backing array starts 5 bytes in (non-zero array offset). */
    HEAP_SLICE(false, true, false),
    DIRECT_SLICE(true, true, false),
    /** Read-only views: valid as inputs only. */
    READ_ONLY_HEAP(false, false, true),
    READ_ONLY_DIRECT(true, false, true);

    private final boolean direct;
    private final boolean sliced;
    private final boolean readOnly;

    BufferKind(boolean direct, boolean sliced, boolean readOnly) {
        this.direct = direct;
        this.sliced = sliced;
        this.readOnly = readOnly;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** A writable buffer of this kind (read-only kinds give their writable original). */
    ByteBuffer allocate(int capacity) {
        int extra = sliced ? 5 : 0;
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(capacity + extra) : ByteBuffer.allocate(capacity + extra);
        if (sliced) {
            buf.position(extra);
            buf = buf.slice();
        }
        return buf;
    }

    /** A buffer of this kind holding {@code bytes}, positioned at 0. */
    ByteBuffer of(byte[] bytes) {
        ByteBuffer buf = allocate(bytes.length);
        buf.put(bytes).flip();
        return readOnly ? buf.asReadOnlyBuffer() : buf;
    }

    /** A short buffer of this kind holding {@code samples}, positioned at 0. */
    ShortBuffer shorts(short[] samples) {
        ShortBuffer buf = direct
                ? ByteBuffer.allocateDirect(samples.length * 2).order(ByteOrder.nativeOrder()).asShortBuffer()
                : ShortBuffer.allocate(samples.length + (sliced ? 3 : 0));
        if (sliced && !direct) {
            buf.position(3);
            buf = buf.slice();
        }
        buf.put(samples).flip();
        return readOnly ? buf.asReadOnlyBuffer() : buf;
    }

    /** An empty writable short buffer of this kind. */
    ShortBuffer shorts(int capacity) {
        return direct
                ? ByteBuffer.allocateDirect(capacity * 2).order(ByteOrder.nativeOrder()).asShortBuffer()
                : ShortBuffer.allocate(capacity);
    }
}
