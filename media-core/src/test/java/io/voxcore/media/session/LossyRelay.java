package io.voxcore.media.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A UDP relay on loopback for tests, one way: what arrives at {@link #inbound()} goes to the
 * target from {@link #outbound()}. Of every ten packets (by arrival index i) it drops i % 10 == 9,
 * swaps i % 10 == 3 and 4 (3 is held and sent after 4) and sends i % 10 == 6 twice. It records
 * every packet's sequence number and timestamp, and which it dropped.
 */
final class LossyRelay implements AutoCloseable {

    /** A packet the relay saw. */
    record Seen(int index, int sequence, long timestamp, boolean dropped) {
    }

    private final DatagramChannel in;
    private final DatagramChannel out;
    private final InetSocketAddress target;
    private final Thread thread;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile Throwable failure;

    LossyRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.in = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.out = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.thread = new Thread(this::run, "lossy-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    InetSocketAddress inbound() throws IOException {
        return (InetSocketAddress) in.getLocalAddress();
    }

    InetSocketAddress outbound() throws IOException {
        return (InetSocketAddress) out.getLocalAddress();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        ByteBuffer held = null;
        try {
            for (int i = 0; ; i++) {
                buf.clear();
                in.receive(buf);
                buf.flip();
                ByteBuffer copy = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
                int seq = copy.getShort(2) & 0xFFFF;
                long ts = copy.getInt(4) & 0xFFFF_FFFFL;
                int phase = i % 10;
                seen.add(new Seen(i, seq, ts, phase == 9));
                switch (phase) {
                    case 9:
                        break;
                    case 3:
                        held = copy;
                        break;
                    case 4:
                        out.send(copy, target);
                        out.send(held, target);
                        held = null;
                        break;
                    case 6:
                        out.send(copy.duplicate(), target);
                        out.send(copy, target);
                        break;
                    default:
                        out.send(copy, target);
                }
            }
        } catch (ClosedChannelException e) {
            // closed: done
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        out.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
