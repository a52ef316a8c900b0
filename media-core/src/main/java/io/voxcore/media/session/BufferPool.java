package io.voxcore.media.session;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The engine's pool of direct buffers of one size, handed to sessions when they are created and
 * taken back when they close (never per packet). A request larger than the pool's size gets a
 * dedicated buffer that is not pooled. Thread-safe.
 */
final class BufferPool {

    private final int bufferSize;
    private final int maxPooled;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int inUse;

    BufferPool(int bufferSize, int maxPooled) {
        this.bufferSize = bufferSize;
        this.maxPooled = maxPooled;
    }

    /**
     * A cleared direct buffer of at least {@code capacity} bytes.
     *
     * @param capacity bytes needed
     * @return the buffer, owned by the caller until {@link #release}
     */
    synchronized ByteBuffer acquire(int capacity) {
        inUse++;
        if (capacity > bufferSize) {
            return ByteBuffer.allocateDirect(capacity);
        }
        ByteBuffer b = free.pollFirst();
        if (b == null) {
            b = ByteBuffer.allocateDirect(bufferSize);
        }
        b.clear();
        return b;
    }

    /**
     * Gives a buffer back; the caller must not touch it afterwards.
     *
     * @param buffer from {@link #acquire}
     */
    synchronized void release(ByteBuffer buffer) {
        inUse--;
        if (buffer.capacity() == bufferSize && free.size() < maxPooled) {
            free.addFirst(buffer);
        }
    }

    /**
     * Buffers waiting in the pool.
     *
     * @return the count
     */
    synchronized int pooled() {
        return free.size();
    }

    /**
     * Buffers acquired and not yet released (pooled or dedicated).
     *
     * @return the count
     */
    synchronized int inUse() {
        return inUse;
    }
}
