package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link RtpPacket}: validation survives any bytes at any offset and length, and a
 * packet assembled by hand in this test (independently of the class's own writer, from RFC 3550
 * section 5.1 and RFC 8285 sections 4.2/4.3) parses back to the same fields.
 */
class RtpPacketPropertyTest {

    /** Extension forms the generator chooses between. */
    enum ExtensionForm { NONE, ONE_BYTE, TWO_BYTE }

    record Element(int id, String data) {
    }

    record Header(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, List<Long> csrcs,
                  ExtensionForm form, int appBits, List<Element> elements, String payload, int padding) {
    }

    @Test
    void validateNeverThrowsAndKeepsEverythingInsideTheDatagram() {
        Gen.forAll(11, g -> {
            byte[] data = g.bytes(300);
            if (data.length > 0 && !g.oneIn(4)) {
                data[0] = (byte) (0x80 | (data[0] & 0x3F)); // mostly version 2, to reach the deeper checks
            }
            int offset = g.intIn(0, data.length);
            int length = g.intIn(0, data.length - offset);
            ByteBuffer buffer = g.bool() ? ByteBuffer.allocateDirect(data.length).put(data) : ByteBuffer.wrap(data);
            RtpPacket packet = new RtpPacket().wrap(buffer, offset, length);
            RtpValidation result = packet.validate();
            assertThat(result).isNotNull();
            if (result == RtpValidation.VALID) {
                assertThat(packet.payloadOffset()).isBetween(offset + RtpPacket.FIXED_HEADER_LENGTH, offset + length);
                assertThat(packet.payloadOffset() + packet.payloadLength() + packet.paddingLength())
                        .isEqualTo(offset + length);
                for (int id = 1; id < 256; id++) {
                    int at = packet.extensionElementOffset(id);
                    if (at >= 0) {
                        assertThat(at + packet.extensionElementLength(id)).isLessThanOrEqualTo(packet.payloadOffset());
                    }
                }
            }
        });
    }

    @Test
    void parseOfAHandAssembledPacketGivesTheFieldsBack() {
        Gen.forAll(12, g -> {
            Header h = header(g);
            byte[] bytes = assemble(h);
            int offset = g.intIn(0, 9);
            ByteBuffer buffer = g.bool() ? ByteBuffer.allocateDirect(offset + bytes.length)
                    : ByteBuffer.allocate(offset + bytes.length);
            buffer.put(offset, bytes, 0, bytes.length);

            RtpPacket p = new RtpPacket().wrap(buffer, offset, bytes.length);
            assertThat(p.validate()).isEqualTo(RtpValidation.VALID);
            assertThat(parse(p, h)).isEqualTo(h);
        });
    }

    /** Reads a header back through the flyweight; elements are looked up by the ids {@code shape} used. */
    private static Header parse(RtpPacket p, Header shape) {
        List<Long> csrcs = new ArrayList<>();
        for (int i = 0; i < p.csrcCount(); i++) {
            csrcs.add(p.csrc(i));
        }
        ExtensionForm form = !p.extension() ? ExtensionForm.NONE
                : p.extensionProfile() == 0xBEDE ? ExtensionForm.ONE_BYTE : ExtensionForm.TWO_BYTE;
        int appBits = form == ExtensionForm.TWO_BYTE ? p.extensionProfile() & 0x0F : 0;
        List<Element> elements = new ArrayList<>();
        for (Element e : shape.elements()) {
            int at = p.extensionElementOffset(e.id());
            int len = p.extensionElementLength(e.id());
            elements.add(new Element(e.id(), at < 0 ? "missing" : hex(p.buffer(), at, len)));
        }
        return new Header(p.marker(), p.payloadType(), p.sequenceNumber(), p.timestamp(), p.ssrc(), csrcs, form,
                appBits, elements, hex(p.buffer(), p.payloadOffset(), p.payloadLength()), p.paddingLength());
    }

    private static String hex(ByteBuffer buffer, int at, int len) {
        byte[] out = new byte[len];
        buffer.get(at, out, 0, len);
        return HexFormat.of().formatHex(out);
    }

    /** RFC 3550 section 5.1 and RFC 8285 sections 4.2/4.3, written out byte by byte. */
    static byte[] assemble(Header h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ext = h.form() != ExtensionForm.NONE;
        out.write(0x80 | (h.padding() > 0 ? 0x20 : 0) | (ext ? 0x10 : 0) | h.csrcs().size());
        out.write((h.marker() ? 0x80 : 0) | h.payloadType());
        out.write(h.sequence() >>> 8);
        out.write(h.sequence() & 0xFF);
        u32(out, h.timestamp());
        u32(out, h.ssrc());
        for (long csrc : h.csrcs()) {
            u32(out, csrc);
        }
        if (ext) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (Element e : h.elements()) {
                byte[] data = HexFormat.of().parseHex(e.data());
                if (h.form() == ExtensionForm.ONE_BYTE) {
                    body.write(e.id() << 4 | (data.length - 1));
                } else {
                    body.write(e.id());
                    body.write(data.length);
                }
                body.write(data, 0, data.length);
                if (e.id() % 3 == 0) {
                    body.write(0); // a padding byte between elements, allowed by RFC 8285 section 4.1
                }
            }
            while (body.size() % 4 != 0) {
                body.write(0);
            }
            int profile = h.form() == ExtensionForm.ONE_BYTE ? 0xBEDE : 0x1000 | h.appBits();
            out.write(profile >>> 8);
            out.write(profile & 0xFF);
            out.write(body.size() / 4 >>> 8);
            out.write(body.size() / 4 & 0xFF);
            out.write(body.toByteArray(), 0, body.size());
        }
        byte[] payload = HexFormat.of().parseHex(h.payload());
        out.write(payload, 0, payload.length);
        for (int i = 1; i < h.padding(); i++) {
            out.write(0);
        }
        if (h.padding() > 0) {
            out.write(h.padding());
        }
        return out.toByteArray();
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24) & 0xFF);
        out.write((int) (v >>> 16) & 0xFF);
        out.write((int) (v >>> 8) & 0xFF);
        out.write((int) v & 0xFF);
    }

    private static Header header(Gen g) {
        List<Long> csrcs = new ArrayList<>();
        int csrcCount = g.intIn(0, 15);
        for (int i = 0; i < csrcCount; i++) {
            csrcs.add(g.longIn(0, 0xFFFF_FFFFL));
        }
        ExtensionForm form = ExtensionForm.values()[g.intIn(0, 2)];
        List<Element> elements = new ArrayList<>();
        if (form != ExtensionForm.NONE) {
            boolean one = form == ExtensionForm.ONE_BYTE;
            Set<Integer> used = new HashSet<>();
            int count = g.intIn(0, 6);
            for (int i = 0; i < count; i++) {
                int id = g.intIn(1, one ? 14 : 255);
                if (used.add(id)) {
                    elements.add(new Element(id, HexFormat.of().formatHex(g.bytes(one ? 1 : 0, one ? 16 : 40))));
                }
            }
        }
        return new Header(g.bool(), g.intIn(0, 127), g.intIn(0, 0xFFFF), g.longIn(0, 0xFFFF_FFFFL),
                g.longIn(0, 0xFFFF_FFFFL), csrcs, form, form == ExtensionForm.TWO_BYTE ? g.intIn(0, 15) : 0,
                elements, HexFormat.of().formatHex(g.bytes(64)), g.bool() ? 0 : g.intIn(1, 255));
    }
}
