package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the RTCP flyweights: validation survives any bytes, whatever it accepts can be
 * walked and read without leaving the datagram, and the writer's output parses back to its inputs.
 */
class RtcpPropertyTest {

    record Block(long ssrc, int fraction, int lost, long highest, long jitter, long lsr, long dlsr) {
    }

    record Compound(boolean sender, long ssrc, long ntp, long rtp, long packets, long octets, List<Block> blocks,
                    String cname, boolean bye, String reason) {
    }

    @Test
    void validateNeverThrowsAndAcceptedDatagramsReadOnlyInsideThemselves() {
        Gen.forAll(31, g -> {
            byte[] data = g.bool() ? noise(g) : mutated(g, write(g, compound(g)));
            int offset = g.intIn(0, 8);
            // The datagram ends exactly at the buffer's capacity: reading past its end throws.
            ByteBuffer buffer = g.bool() ? ByteBuffer.allocateDirect(offset + data.length) : ByteBuffer.allocate(offset + data.length);
            buffer.put(offset, data, 0, data.length);
            RtcpPacket rtcp = new RtcpPacket().wrap(buffer, offset, data.length);
            RtcpValidation result = rtcp.validate();
            assertThat(result).isNotNull();
            if (result == RtcpValidation.VALID) {
                assertThat(readEverything(rtcp)).isEqualTo(offset + data.length);
            }
        });
    }

    @Test
    void aCutCompoundIsValidExactlyAtItsPacketBoundaries() {
        Gen.forAll(32, g -> {
            Compound c = compound(g);
            byte[] whole = write(g, c);
            int report = (c.sender() ? 28 : 8) + 24 * c.blocks().size();
            int sdes = (c.cname().length() + 14) & ~3; // header, SSRC, type, length, text, 1-4 nulls
            int length = g.oneIn(4) ? report : g.intIn(0, whole.length);
            ByteBuffer buffer = ByteBuffer.wrap(Arrays.copyOf(whole, length));
            RtcpValidation result = new RtcpPacket().wrap(buffer, 0, length).validate();
            boolean boundary = length == report || length == report + sdes || length == whole.length;
            assertThat(result == RtcpValidation.VALID).as("cut at %d of %d: %s", length, whole.length, result)
                    .isEqualTo(boundary);
        });
    }

    /** Walks every packet with every flyweight; returns where the walk ended. */
    private static int readEverything(RtcpPacket rtcp) {
        RtcpReport report = new RtcpReport();
        RtcpSdes sdes = new RtcpSdes();
        RtcpBye bye = new RtcpBye();
        long sink = 0; // the reads are the check: one past the datagram's end throws
        do {
            sink += rtcp.ssrc() + rtcp.count() + rtcp.version() + (rtcp.padding() ? 1 : 0);
            switch (rtcp.packetType()) {
                case RtcpPacket.SR:
                case RtcpPacket.RR:
                    report.wrap(rtcp);
                    if (report.isSenderReport()) {
                        sink += report.ntpTimestamp() + report.rtpTimestamp() + report.packetCount() + report.octetCount();
                    }
                    for (int i = 0; i < report.blockCount(); i++) {
                        sink += report.blockSsrc(i) + report.fractionLost(i) + report.cumulativeLost(i)
                                + report.extendedHighestSequence(i) + report.jitter(i) + report.lastSenderReport(i)
                                + report.delaySinceLastSenderReport(i);
                    }
                    break;
                case RtcpPacket.SDES:
                    sdes.wrap(rtcp);
                    while (sdes.nextChunk()) {
                        sink += sdes.chunkSsrc();
                        while (sdes.nextItem()) {
                            sink += sdes.itemType() + sdes.itemText().length();
                        }
                        sink += sdes.findItem(RtcpSdes.CNAME) ? 1 : 0;
                    }
                    break;
                case RtcpPacket.BYE:
                    bye.wrap(rtcp);
                    for (int i = 0; i < bye.sourceCount(); i++) {
                        sink += bye.ssrc(i);
                    }
                    for (int i = 0; i < bye.reasonLength(); i++) {
                        sink += rtcp.buffer().get(bye.reasonOffset() + i);
                    }
                    break;
                default:
                    break;
            }
        } while (rtcp.next());
        return rtcp.nextOffset();
    }

    @Test
    void writerOutputParsesBackToItsInputs() {
        Gen.forAll(33, g -> {
            Compound c = compound(g);
            byte[] bytes = write(g, c);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            RtcpPacket rtcp = new RtcpPacket().wrap(buffer, 0, bytes.length);
            assertThat(rtcp.validate()).isEqualTo(RtcpValidation.VALID);
            assertThat(parse(rtcp)).isEqualTo(c);
        });
    }

    private static Compound parse(RtcpPacket rtcp) {
        RtcpReport r = new RtcpReport().wrap(rtcp);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < r.blockCount(); i++) {
            blocks.add(new Block(r.blockSsrc(i), r.fractionLost(i), r.cumulativeLost(i), r.extendedHighestSequence(i),
                    r.jitter(i), r.lastSenderReport(i), r.delaySinceLastSenderReport(i)));
        }
        boolean sender = r.isSenderReport();
        rtcp.next();
        RtcpSdes sdes = new RtcpSdes().wrap(rtcp);
        String cname = sdes.nextChunk() && sdes.findItem(RtcpSdes.CNAME) ? sdes.itemText() : null;
        boolean bye = rtcp.next();
        String reason = null;
        if (bye) {
            RtcpBye b = new RtcpBye().wrap(rtcp);
            assertThat(b.ssrc(0)).isEqualTo(r.ssrc());
            if (b.reasonOffset() >= 0) {
                byte[] text = new byte[b.reasonLength()];
                rtcp.buffer().get(b.reasonOffset(), text, 0, text.length);
                reason = new String(text, StandardCharsets.ISO_8859_1);
            }
        }
        assertThat(rtcp.next()).isFalse();
        return new Compound(sender, r.ssrc(), sender ? r.ntpTimestamp() : 0, sender ? r.rtpTimestamp() : 0,
                sender ? r.packetCount() : 0, sender ? r.octetCount() : 0, blocks, cname, bye, reason);
    }

    private static Compound compound(Gen g) {
        boolean sender = g.bool();
        List<Block> blocks = new ArrayList<>();
        int count = g.intIn(0, RtcpReport.MAX_BLOCKS);
        for (int i = 0; i < count; i++) {
            blocks.add(new Block(u32(g), g.intIn(0, 255), g.intIn(-0x80_0000, 0x7F_FFFF), u32(g), u32(g), u32(g), u32(g)));
        }
        boolean bye = g.bool();
        String reason = bye && g.bool() ? ascii(g, 1, 255) : null;
        return new Compound(sender, u32(g), sender ? g.longIn(Long.MIN_VALUE, Long.MAX_VALUE) : 0, sender ? u32(g) : 0,
                sender ? u32(g) : 0, sender ? u32(g) : 0, blocks, ascii(g, 1, 255), bye, reason);
    }

    private static long u32(Gen g) {
        return g.longIn(0, 0xFFFF_FFFFL);
    }

    private static String ascii(Gen g, int min, int max) {
        char[] text = new char[g.intIn(min, max)];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) g.intIn(0x20, 0x7E);
        }
        return new String(text);
    }

    private static byte[] write(Gen g, Compound c) {
        ByteBuffer buffer = ByteBuffer.allocate(1500);
        RtcpWriter w = new RtcpWriter().wrap(buffer, 0, 1500);
        if (c.sender()) {
            w.senderReport(c.ssrc(), c.ntp(), c.rtp(), c.packets(), c.octets());
        } else {
            w.receiverReport(c.ssrc());
        }
        for (Block b : c.blocks()) {
            w.reportBlock(b.ssrc(), b.fraction(), b.lost(), b.highest(), b.jitter(), b.lsr(), b.dlsr());
        }
        w.sourceDescription(c.ssrc(), c.cname().getBytes(StandardCharsets.ISO_8859_1));
        if (c.bye()) {
            w.bye(c.ssrc(), c.reason() == null ? null : c.reason().getBytes(StandardCharsets.ISO_8859_1));
        }
        return Arrays.copyOf(buffer.array(), w.length());
    }

    private static byte[] noise(Gen g) {
        byte[] data = g.bytes(400);
        if (data.length > 1 && !g.oneIn(4)) {
            data[0] = (byte) (0x80 | (data[0] & 0x3F)); // version 2 mostly
            data[1] = (byte) (200 + (data[1] & 1)); // SR or RR first, to reach the deeper checks
        }
        return data;
    }

    private static byte[] mutated(Gen g, byte[] data) {
        int flips = g.intIn(1, 4);
        for (int i = 0; i < flips; i++) {
            int at = g.intIn(0, data.length - 1);
            data[at] = (byte) g.intIn(0, 255);
        }
        return data;
    }
}
