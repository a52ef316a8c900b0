package io.voxcore.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 4733 telephone events against the section 2.3 layout and the section 3.2 DTMF table. */
class TelephoneEventTest {

    private static ByteBuffer hex(String text) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(text.replace(" ", "")));
    }

    @Test
    void readsAHandAssembledEndOfDigitFive() {
        // event 5, E=1 R=0 volume 10 (-10 dBm0), duration 1760 (220 ms at 8 kHz) = 0x06E0
        ByteBuffer buf = hex("05 8A 06E0");
        TelephoneEvent e = new TelephoneEvent().wrap(buf, 0, 4);
        assertThat(e.validate()).isEqualTo(TelephoneEventValidation.VALID);
        assertThat(e.event()).isEqualTo(5);
        assertThat(e.end()).isTrue();
        assertThat(e.reserved()).isFalse();
        assertThat(e.volume()).isEqualTo(10);
        assertThat(e.duration()).isEqualTo(1760);
        assertThat(e.eventCount()).isEqualTo(1);
        assertThat(e).hasToString("TelephoneEvent[event='5' E volume=10 duration=1760]");
    }

    @Test
    void readsTheReservedBitAndFullFields() {
        // event 255, E=0 R=1 volume 63, duration 65535
        TelephoneEvent e = new TelephoneEvent().wrap(hex("FF 7F FFFF"), 0, 4);
        assertThat(e.event()).isEqualTo(255);
        assertThat(e.end()).isFalse();
        assertThat(e.reserved()).isTrue();
        assertThat(e.volume()).isEqualTo(63);
        assertThat(e.duration()).isEqualTo(65535);
    }

    @Test
    void writesTheSectionTwoThreeLayout() {
        ByteBuffer buf = ByteBuffer.allocateDirect(10);
        assertThat(TelephoneEvent.write(buf, 3, TelephoneEvent.DTMF_POUND, true, 7, 800)).isEqualTo(4);
        byte[] out = new byte[4];
        buf.get(3, out, 0, 4);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("0b870320");
        assertThat(TelephoneEvent.write(buf, 3, 0, false, 0, 0)).isEqualTo(4);
        buf.get(3, out, 0, 4);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("00000000");
    }

    @Test
    void settersChangeOnlyTheirField() {
        ByteBuffer buf = hex("05 4A 06E0"); // R=1 must survive
        TelephoneEvent e = new TelephoneEvent().wrap(buf, 0, 4);
        e.end(true).volume(3).duration(0x1234).event(TelephoneEvent.DTMF_D);
        assertThat(HexFormat.of().formatHex(buf.array())).isEqualTo("0fc31234");
        e.end(false);
        assertThat(HexFormat.of().formatHex(buf.array())).isEqualTo("0f431234");
    }

    @Test
    void severalEventsInOnePayload() {
        // RFC 4733 2.5.1.5: blocks back to back; here '1' ended and '2' starting
        TelephoneEvent e = new TelephoneEvent().wrap(hex("AA 01 8A 0320 02 0A 00A0"), 1, 8);
        assertThat(e.validate()).isEqualTo(TelephoneEventValidation.VALID);
        assertThat(e.eventCount()).isEqualTo(2);
        assertThat(e.event()).isEqualTo(1);
        assertThat(e.select(1).event()).isEqualTo(2);
        assertThat(e.end()).isFalse();
        assertThat(e.duration()).isEqualTo(160);
        assertThatThrownBy(() -> e.select(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void validationReasons() {
        assertThat(new TelephoneEvent().wrap(hex(""), 0, 0).validate()).isEqualTo(TelephoneEventValidation.TRUNCATED);
        assertThat(new TelephoneEvent().wrap(hex("05 8A 06"), 0, 3).validate()).isEqualTo(TelephoneEventValidation.TRUNCATED);
        assertThat(new TelephoneEvent().wrap(hex("05 8A 06E0 00"), 0, 5).validate()).isEqualTo(TelephoneEventValidation.BAD_LENGTH);
        assertThat(new TelephoneEvent().wrap(hex("05 8A 06E0 05"), 0, 4).validate()).isEqualTo(TelephoneEventValidation.VALID);
    }

    @Test
    void dtmfTableOfSectionThreeTwo() {
        String keys = "0123456789*#ABCD";
        for (int code = 0; code < 16; code++) {
            assertThat(TelephoneEvent.dtmfEvent(keys.charAt(code))).isEqualTo(code);
            assertThat(TelephoneEvent.dtmfDigit(code)).isEqualTo(keys.charAt(code));
            assertThat(TelephoneEvent.isDtmf(code)).isTrue();
        }
        assertThat(TelephoneEvent.DTMF_STAR).isEqualTo(10);
        assertThat(TelephoneEvent.DTMF_POUND).isEqualTo(11);
        assertThat(TelephoneEvent.DTMF_A).isEqualTo(12);
        assertThat(TelephoneEvent.DTMF_D).isEqualTo(15);
        assertThat(TelephoneEvent.dtmfEvent('d')).isEqualTo(15);
        assertThat(TelephoneEvent.dtmfEvent('E')).isEqualTo(-1);
        assertThat(TelephoneEvent.isDtmf(16)).isFalse();
        assertThat(TelephoneEvent.isDtmf(-1)).isFalse();
        assertThatThrownBy(() -> TelephoneEvent.dtmfDigit(16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
    }

    @Test
    void writeRejectsOutOfRangeFieldsWithTheirValues() {
        ByteBuffer buf = ByteBuffer.allocate(4);
        assertThatThrownBy(() -> TelephoneEvent.write(buf, 0, 256, false, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event=256");
        assertThatThrownBy(() -> TelephoneEvent.write(buf, 0, 1, false, 64, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume=64");
        assertThatThrownBy(() -> TelephoneEvent.write(buf, 0, 1, false, 0, 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration=65536");
    }
}
