package io.voxcore.media.session;

import io.voxcore.media.rtp.RtcpWriter;
import io.voxcore.media.rtp.RtpPacket;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Seeded hostile datagrams for the receive path: random bytes, good RTP and RTCP packets (from
 * the harness's remote SSRC, so they get deep into the session) with mutations where the length
 * and count bugs live: flipped bits, truncation, trailing junk, header counts and flags (CSRC
 * count, extension, padding), RTCP length fields and report counts, and oversized datagrams.
 */
final class Datagrams {

    /** The largest UDP payload over IPv4. */
    static final int MAX_UDP = 65_507;

    private final SplittableRandom r;
    private int sequence = 1001;
    private long timestamp = 50_160;

    Datagrams(long seed) {
        this.r = new SplittableRandom(seed);
    }

    byte[] next() {
        switch (r.nextInt(10)) {
            case 0:
                return bytes(r.nextInt(0, 64));
            case 1:
                return bytes(r.nextInt(0, 1500));
            case 2:
                return oversized();
            case 3:
            case 4:
            case 5:
                return mutate(goodRtp());
            case 6:
                return goodRtp();
            case 7:
            case 8:
                return mutate(goodRtcp());
            default:
                return goodRtcp();
        }
    }

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private byte[] oversized() {
        byte[] b = r.nextBoolean() ? bytes(MAX_UDP) : new byte[MAX_UDP];
        if (r.nextBoolean()) {
            ByteBuffer.wrap(b).putShort(0, (short) 0x8000).putShort(2, (short) sequence).putInt(4, (int) timestamp)
                    .putInt(8, (int) ReceiveHarness.REMOTE_SSRC); // a valid PCMU packet of 8 s
        }
        return b;
    }

    /** A good PCMU packet from the remote SSRC, mostly in sequence, sometimes far off. */
    byte[] goodRtp() {
        int payload = r.nextInt(8) == 0 ? r.nextInt(0, 2000) : 160;
        byte[] b = bytes(12 + payload);
        int seq = r.nextInt(6) == 0 ? r.nextInt(65536) : sequence;
        RtpPacket.writeHeader(ByteBuffer.wrap(b), 0, r.nextInt(20) == 0, r.nextInt(10) == 0 ? 8 : 0, seq, timestamp,
                r.nextInt(10) == 0 ? r.nextInt() & 0xFFFF_FFFFL : ReceiveHarness.REMOTE_SSRC);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + 160) & 0xFFFF_FFFFL;
        return b;
    }

    /** A good compound RTCP packet from the remote SSRC: SR or RR, report blocks, SDES, maybe BYE. */
    byte[] goodRtcp() {
        ByteBuffer b = ByteBuffer.allocate(1500);
        RtcpWriter w = new RtcpWriter().wrap(b, 0, b.capacity());
        long ssrc = r.nextInt(8) == 0 ? r.nextInt() & 0xFFFF_FFFFL : ReceiveHarness.REMOTE_SSRC;
        if (r.nextBoolean()) {
            w.senderReport(ssrc, r.nextLong(), r.nextInt() & 0xFFFF_FFFFL, r.nextInt(1 << 20), r.nextInt(1 << 24));
        } else {
            w.receiverReport(ssrc);
        }
        int blocks = r.nextInt(0, 4);
        for (int i = 0; i < blocks; i++) {
            w.reportBlock(r.nextInt() & 0xFFFF_FFFFL, r.nextInt(256), r.nextInt(-100, 100_000),
                    r.nextInt() & 0xFFFF_FFFFL, r.nextInt(1 << 20), r.nextInt() & 0xFFFF_FFFFL, r.nextInt(1 << 20));
        }
        w.sourceDescription(ssrc, bytes(r.nextInt(1, 40)));
        if (r.nextInt(5) == 0) {
            w.bye(ssrc, r.nextBoolean() ? null : bytes(r.nextInt(0, 30)));
        }
        byte[] out = new byte[w.length()];
        b.get(0, out);
        return out;
    }

    /** One to four mutations of a good datagram. */
    byte[] mutate(byte[] good) {
        byte[] b = good;
        int n = r.nextInt(1, 5);
        for (int k = 0; k < n && b.length > 0; k++) {
            switch (r.nextInt(7)) {
                case 0: // flip a bit
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    break;
                case 1: // truncate
                    b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                    break;
                case 2: // trailing junk
                    b = concat(b, bytes(r.nextInt(1, 40)));
                    break;
                case 3: // first byte: version, padding, extension, count (CSRC or report count)
                    b[0] = (byte) r.nextInt(256);
                    break;
                case 4: // a 16-bit length or sequence field set to an edge value
                    if (b.length >= 4) {
                        int at = 2 + 4 * r.nextInt(Math.max(1, (b.length - 2) / 4));
                        int v = new int[] {0, 1, 0x7FFF, 0xFFFF, b.length / 4, b.length / 4 - 1, b.length / 4 + 1}[r.nextInt(7)];
                        if (at + 1 < b.length) {
                            b[at] = (byte) (v >>> 8);
                            b[at + 1] = (byte) v;
                        }
                    }
                    break;
                case 5: // last byte (the padding count when P is set)
                    b[b.length - 1] = (byte) r.nextInt(256);
                    break;
                default: // a random byte anywhere
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    break;
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Where a datagram comes from: the remote mostly, sometimes another host. */
    java.net.InetSocketAddress source() {
        return r.nextInt(10) == 0 ? ReceiveHarness.STRANGER : ReceiveHarness.REMOTE;
    }
}
