package io.voxcore.media.relay;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** Test plumbing: a far end speaking raw RTP over a UDP socket, so every header field is the test's. */
final class RawPeer implements AutoCloseable {

    /** One received RTP packet, parsed by hand (fixed header only). */
    record Packet(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
    }

    private final DatagramSocket socket;

    RawPeer() throws Exception {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setReceiveBufferSize(1 << 20);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(InetSocketAddress to, boolean marker, int payloadType, int sequence, long timestamp, long ssrc,
            byte[] payload) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) sequence)
                .putInt((int) timestamp).putInt((int) ssrc).put(payload);
        socket.send(new DatagramPacket(b.array(), b.capacity(), to));
    }

    /** The next packet, or an AssertionError after the timeout. */
    Packet receive(Duration timeout) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no packet at " + address() + " within " + timeout);
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, p.getLength());
        int first = b.get() & 0xFF;
        if (first >> 6 != 2 || (first & 0x3F) != 0) {
            throw new AssertionError("expected a plain RTP version-2 header, got first byte " + first);
        }
        int second = b.get() & 0xFF;
        int sequence = b.getShort() & 0xFFFF;
        long timestamp = b.getInt() & 0xFFFF_FFFFL;
        long ssrc = b.getInt() & 0xFFFF_FFFFL;
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        return new Packet((second & 0x80) != 0, second & 0x7F, sequence, timestamp, ssrc, payload);
    }

    /** RFC 4733 event payload: event, E bit and volume, duration. */
    static byte[] event(int event, boolean end, int volume, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    /** The duration field of an RFC 4733 event payload. */
    static int duration(byte[] payload) {
        return (payload[2] & 0xFF) << 8 | payload[3] & 0xFF;
    }

    @Override
    public void close() {
        socket.close();
    }
}
