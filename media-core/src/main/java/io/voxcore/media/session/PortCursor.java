package io.voxcore.media.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine's {@link PortRange} with a rotating position, so that consecutive sessions start
 * their search at different even ports and a port freed by a closed session rests a while before
 * it is taken again (a late packet of the old call then meets no new session). Thread-safe:
 * sessions are created from any thread; a race between two creations only changes where each
 * starts, never which ports either may take.
 */
final class PortCursor {

    private final PortRange range;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * A cursor at the range's first even port.
     *
     * @param range the engine's range
     */
    PortCursor(PortRange range) {
        this.range = range;
    }

    /** The range. @return it */
    PortRange range() {
        return range;
    }

    /**
     * Where a search starts: an index to pass to {@link #port}, one further for each call.
     *
     * @return the index
     */
    int start() {
        return next.getAndIncrement();
    }

    /**
     * Moves the position past ports a search found busy, so the next search starts beyond them.
     *
     * @param skipped how many candidates the search tried before it found a free one
     */
    void skip(int skipped) {
        if (skipped > 0) {
            next.addAndGet(skipped);
        }
    }

    /**
     * The {@code index}-th even RTP port of the range, wrapping around.
     *
     * @param index any int, from {@link #start()} plus the tries so far
     * @param count the number of usable RTP ports, {@link PortRange#rtpPorts} for the session's mode
     * @return an even port in the range
     */
    int port(int index, int count) {
        int firstEven = range.min() + (range.min() & 1);
        return firstEven + 2 * Math.floorMod(index, count);
    }
}
