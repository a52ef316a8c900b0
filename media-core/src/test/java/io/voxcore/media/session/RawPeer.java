package io.voxcore.media.session;

import io.voxcore.codec.G711;
import io.voxcore.media.rtp.RtpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** A hand-driven RTP endpoint for tests: crafts PCMU packets and arbitrary datagrams itself. */
final class RawPeer implements AutoCloseable {

    final DatagramChannel channel;
    final long ssrc;
    private int sequence = 1000;
    private long timestamp = 50_000;

    RawPeer(long ssrc) throws IOException {
        this(ssrc, DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)));
    }

    /** A peer on a channel already bound (closed with this peer). */
    RawPeer(long ssrc, DatagramChannel bound) {
        this.ssrc = ssrc;
        this.channel = bound;
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** A PCMU packet of {@code pcm[offset..offset+160)} with the next sequence number and timestamp. */
    ByteBuffer nextPacket(short[] pcm, int offset) {
        ByteBuffer b = packet(sequence, timestamp, ssrc, 0, pcm, offset);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += 160;
        return b;
    }

    static ByteBuffer packet(int seq, long ts, long ssrc, int payloadType, short[] pcm, int offset) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        RtpPacket.writeHeader(b, 0, false, payloadType, seq, ts, ssrc);
        for (int i = 0; i < 160; i++) {
            b.put(12 + i, G711.linearToUlaw(pcm[offset + i]));
        }
        return b;
    }

    void send(ByteBuffer datagram, InetSocketAddress to) throws IOException {
        channel.send(datagram.duplicate().clear(), to);
    }

    void sendBytes(byte[] bytes, InetSocketAddress to) throws IOException {
        channel.send(ByteBuffer.wrap(bytes), to);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
