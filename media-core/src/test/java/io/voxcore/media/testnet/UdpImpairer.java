package io.voxcore.media.testnet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A one-way UDP forwarder on loopback that impairs what it forwards, for tests over real sockets:
 * datagrams sent to {@link #inbound()} leave from {@link #outbound()} for the target, lost,
 * delayed, reordered and drifted as its {@link Impairments} decide. One thread receives and
 * decides (arrival = the time it read the datagram), another sends each datagram when due, in
 * order of due time: packets overtake one another exactly where their due times say so.
 *
 * <p>Every decision is recorded ({@link #decisions()}, with the RTP sequence number when the
 * datagram is RTP), so a test can compare what the far side measured with what was applied.
 */
public final class UdpImpairer implements AutoCloseable {

    /** One datagram and its fate. */
    public record Forwarded(ImpairmentModel.Decision decision, int sequence) {
    }

    private final DatagramChannel in;
    private final DatagramChannel out;
    private final InetSocketAddress target;
    private final ImpairmentModel model;
    private final DelayQueue<Pending> due = new DelayQueue<>();
    private final List<Forwarded> decisions = new ArrayList<>(); // guarded by itself
    private final Thread receiver;
    private final Thread sender;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile long sent;

    private static final class Pending implements Delayed {
        final ByteBuffer data;
        final long release;
        final long index;

        Pending(ByteBuffer data, long release, long index) {
            this.data = data;
            this.release = release;
            this.index = index;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(release - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Pending p = (Pending) o;
            int c = Long.compare(release, p.release);
            return c != 0 ? c : Long.compare(index, p.index);
        }
    }

    /**
     * Binds both sockets on 127.0.0.1 and starts forwarding to {@code target}.
     *
     * @param target where datagrams go
     * @param impairments what is done to them
     * @throws IOException if a socket cannot be bound
     */
    public UdpImpairer(InetSocketAddress target, Impairments impairments) throws IOException {
        this.target = target;
        this.model = impairments.model();
        this.in = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.out = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        in.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        this.receiver = new Thread(this::receive, "impairer-in");
        this.sender = new Thread(this::send, "impairer-out");
        receiver.setDaemon(true);
        sender.setDaemon(true);
        receiver.start();
        sender.start();
    }

    /** {@return where to send datagrams to be impaired} */
    public InetSocketAddress inbound() throws IOException {
        return (InetSocketAddress) in.getLocalAddress();
    }

    /** {@return the address the impaired datagrams come from (the far side's remote)} */
    public InetSocketAddress outbound() throws IOException {
        return (InetSocketAddress) out.getLocalAddress();
    }

    /** {@return every datagram received so far and its fate, in arrival order} */
    public List<Forwarded> decisions() {
        synchronized (decisions) {
            return new ArrayList<>(decisions);
        }
    }

    /** {@return how many datagrams were received so far} */
    public int decided() {
        synchronized (decisions) {
            return decisions.size();
        }
    }

    /** {@return datagrams sent on so far} */
    public long sent() {
        return sent;
    }

    /** {@return what failed in the forwarding threads, or null} */
    public Throwable failure() {
        return failure;
    }

    private void receive() {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        try {
            while (!closed) {
                buf.clear();
                in.receive(buf);
                long arrival = System.nanoTime();
                buf.flip();
                ByteBuffer copy = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
                int seq = copy.remaining() >= 12 && (copy.get(0) & 0xC0) == 0x80 ? copy.getShort(2) & 0xFFFF : -1;
                ImpairmentModel.Decision d = model.next(arrival);
                synchronized (decisions) {
                    decisions.add(new Forwarded(d, seq));
                }
                if (!d.lost()) {
                    due.add(new Pending(copy, d.releaseNanos(), d.index()));
                }
            }
        } catch (ClosedChannelException e) {
            // closed
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void send() {
        try {
            while (!closed) {
                Pending p = due.poll(100, TimeUnit.MILLISECONDS); // returns a datagram once its time has come
                if (p != null) {
                    out.send(p.data, target);
                    sent++;
                }
            }
        } catch (ClosedChannelException | InterruptedException e) {
            // closed
        } catch (Throwable t) {
            failure = t;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
        out.close();
        sender.interrupt();
    }
}
