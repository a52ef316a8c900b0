package io.voxcore.media.session;

/**
 * When to drain a socket rather than read one datagram: below saturation a socket is ready
 * once per packet and holds one datagram, so reading it alone saves the empty read that ends a
 * drain (a third of the system calls of a relayed packet). A socket that is ready again in the
 * very next turn of the loop, or whose last drain found more than one datagram, has a queue:
 * it is drained until empty, as before, so the cost at saturation does not grow. I/O thread.
 */
final class ReadPace {
    private long lastTurn = Long.MIN_VALUE;
    private int lastRead;

    /**
     * A wake-up of the socket.
     *
     * @param turn the loop's turn ({@link IoLoop#turn()})
     * @return true to read until the socket is empty, false to read one datagram
     */
    boolean drain(long turn) {
        boolean queued = turn - lastTurn == 1 || lastRead > 1;
        lastTurn = turn;
        return queued;
    }

    /**
     * What the wake-up read.
     *
     * @param count datagrams read
     */
    void read(int count) {
        lastRead = count;
    }
}
