package io.voxcore.media.rtp;

import static io.voxcore.media.rtp.Wire.put16;
import static io.voxcore.media.rtp.Wire.put8;
import static io.voxcore.media.rtp.Wire.u16;
import static io.voxcore.media.rtp.Wire.u8;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A flyweight over an RFC 4733 telephone-event payload (the {@code telephone-event} RTP payload
 * format, section 2.3) in a caller-owned {@link ByteBuffer}: DTMF digits and other named
 * events. Absolute indexing; allocates nothing. A payload may carry several 4-byte event
 * blocks back to back (section 2.5.1.5); the accessors read the block selected with
 * {@link #select} (the first, after {@link #wrap}).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>E marks the final packets of an event; R is reserved (sent as 0, ignored on receipt);
 * volume is the power level as 0 to -63 dBm0 (sent as 0-63) for tone-like events; duration is in
 * RTP timestamp units from the packet's timestamp. DTMF events (section 3.2) are codes 0-9 for
 * the digits, 10 for *, 11 for #, and 12-15 for A-D. Not thread-safe.
 */
public final class TelephoneEvent {

    /** Length of one event block. */
    public static final int BLOCK_LENGTH = 4;
    /** Offset of the event code. */
    public static final int EVENT_OFFSET = 0;
    /** Offset of the byte holding E, R and volume. */
    public static final int FLAGS_VOLUME_OFFSET = 1;
    /** Offset of the 16-bit duration. */
    public static final int DURATION_OFFSET = 2;
    /** Largest volume value (-63 dBm0). */
    public static final int MAX_VOLUME = 63;
    /** DTMF event code for the digit 0 (the digits 0-9 are codes 0-9). */
    public static final int DTMF_0 = 0;
    /** DTMF event code for the digit 9. */
    public static final int DTMF_9 = 9;
    /** DTMF event code for *. */
    public static final int DTMF_STAR = 10;
    /** DTMF event code for #. */
    public static final int DTMF_POUND = 11;
    /** DTMF event code for A. */
    public static final int DTMF_A = 12;
    /** DTMF event code for B. */
    public static final int DTMF_B = 13;
    /** DTMF event code for C. */
    public static final int DTMF_C = 14;
    /** DTMF event code for D. */
    public static final int DTMF_D = 15;

    private static final String DTMF_DIGITS = "0123456789*#ABCD";

    private ByteBuffer buffer;
    private int offset;
    private int length;
    private int block;

    /** Creates a flyweight pointing at nothing; call {@link #wrap} before use. */
    public TelephoneEvent() {
    }

    /**
     * Whether an event code is a DTMF event (0-15).
     *
     * @param event an event code
     * @return true for DTMF
     */
    public static boolean isDtmf(int event) {
        return event >= 0 && event < DTMF_DIGITS.length();
    }

    /**
     * The DTMF event code of a keypad character.
     *
     * @param digit one of {@code 0-9 * # A-D} (a-d accepted too)
     * @return 0-15, or -1 for any other character
     */
    public static int dtmfEvent(char digit) {
        return DTMF_DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /**
     * The keypad character of a DTMF event code.
     *
     * @param event 0-15
     * @return one of {@code 0-9 * # A-D}
     * @throws IllegalArgumentException if the code is not DTMF
     */
    public static char dtmfDigit(int event) {
        if (!isDtmf(event)) {
            throw new IllegalArgumentException("event " + event + " is not a DTMF event (0-15)");
        }
        return DTMF_DIGITS.charAt(event);
    }

    /**
     * Writes one event block at {@code offset}, with R = 0. Absolute: the buffer's position is not
     * used or changed.
     *
     * @param buffer where to write
     * @param offset index of the block's first byte
     * @param event the event code, 0-255
     * @param end the E bit
     * @param volume 0-63 (0 dBm0 to -63 dBm0); 0 for events without a volume
     * @param duration 0-65535, RTP timestamp units
     * @return {@link #BLOCK_LENGTH}
     * @throws IllegalArgumentException if a value is outside its field
     */
    public static int write(ByteBuffer buffer, int offset, int event, boolean end, int volume, int duration) {
        if (event < 0 || event > 255 || volume < 0 || volume > MAX_VOLUME || duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone event fields out of range: event=" + event
                    + " (0-255) volume=" + volume + " (0-63) duration=" + duration + " (0-65535)");
        }
        put8(buffer, offset + EVENT_OFFSET, event);
        put8(buffer, offset + FLAGS_VOLUME_OFFSET, (end ? 0x80 : 0) | volume);
        put16(buffer, offset + DURATION_OFFSET, duration);
        return BLOCK_LENGTH;
    }

    /**
     * Points this flyweight at a payload: {@code length} bytes from {@code offset}, with the first
     * block selected. Reads nothing; call {@link #validate()} next.
     *
     * @param buffer the payload's buffer, heap or direct
     * @param offset index of the payload's first byte (for example {@link RtpPacket#payloadOffset()})
     * @param length the payload's length (for example {@link RtpPacket#payloadLength()})
     * @return this
     * @throws IndexOutOfBoundsException if the range lies outside the buffer's capacity
     */
    public TelephoneEvent wrap(ByteBuffer buffer, int offset, int length) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        if (this.buffer != buffer) { // stored only when it changes (see RtpPacket.wrap)
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.block = offset;
        return this;
    }

    /**
     * Checks the payload's length. Never throws for any content.
     *
     * @return {@link TelephoneEventValidation#VALID}, or why the payload must be dropped
     */
    public TelephoneEventValidation validate() {
        if (length < BLOCK_LENGTH) {
            return TelephoneEventValidation.TRUNCATED;
        }
        return length % BLOCK_LENGTH == 0 ? TelephoneEventValidation.VALID : TelephoneEventValidation.BAD_LENGTH;
    }

    /**
     * The number of event blocks in a valid payload.
     *
     * @return at least 1
     */
    public int eventCount() {
        return length / BLOCK_LENGTH;
    }

    /**
     * Selects the event block the accessors read and write.
     *
     * @param index 0 to {@link #eventCount()} - 1
     * @return this
     * @throws IndexOutOfBoundsException for an index outside the payload
     */
    public TelephoneEvent select(int index) {
        Objects.checkIndex(index, eventCount());
        block = offset + BLOCK_LENGTH * index;
        return this;
    }

    /**
     * The event code.
     *
     * @return 0-255
     */
    public int event() {
        return u8(buffer, block + EVENT_OFFSET);
    }

    /**
     * Sets the event code in place.
     *
     * @param event 0-255 (higher bits are dropped)
     * @return this
     */
    public TelephoneEvent event(int event) {
        put8(buffer, block + EVENT_OFFSET, event);
        return this;
    }

    /**
     * The E bit: this packet reports the end of the event.
     *
     * @return the E bit
     */
    public boolean end() {
        return (u8(buffer, block + FLAGS_VOLUME_OFFSET) & 0x80) != 0;
    }

    /**
     * Sets the E bit in place.
     *
     * @param end the new value
     * @return this
     */
    public TelephoneEvent end(boolean end) {
        int b = u8(buffer, block + FLAGS_VOLUME_OFFSET);
        put8(buffer, block + FLAGS_VOLUME_OFFSET, end ? b | 0x80 : b & 0x7F);
        return this;
    }

    /**
     * The reserved R bit (senders set it to 0; receivers ignore it).
     *
     * @return the R bit
     */
    public boolean reserved() {
        return (u8(buffer, block + FLAGS_VOLUME_OFFSET) & 0x40) != 0;
    }

    /**
     * The volume: the power level in -dBm0 for tone-like events.
     *
     * @return 0-63
     */
    public int volume() {
        return u8(buffer, block + FLAGS_VOLUME_OFFSET) & 0x3F;
    }

    /**
     * Sets the volume in place, keeping E and R.
     *
     * @param volume 0-63 (higher bits are dropped)
     * @return this
     */
    public TelephoneEvent volume(int volume) {
        int b = u8(buffer, block + FLAGS_VOLUME_OFFSET);
        put8(buffer, block + FLAGS_VOLUME_OFFSET, (b & 0xC0) | (volume & 0x3F));
        return this;
    }

    /**
     * The duration so far, in RTP timestamp units from the packet's timestamp.
     *
     * @return 0-65535
     */
    public int duration() {
        return u16(buffer, block + DURATION_OFFSET);
    }

    /**
     * Sets the duration in place.
     *
     * @param duration 0-65535 (higher bits are dropped)
     * @return this
     */
    public TelephoneEvent duration(int duration) {
        put16(buffer, block + DURATION_OFFSET, duration);
        return this;
    }

    @Override
    public String toString() {
        if (buffer == null) {
            return "TelephoneEvent[unwrapped]";
        }
        if (length < BLOCK_LENGTH) {
            return "TelephoneEvent[" + length + " bytes, truncated]";
        }
        int e = event();
        return "TelephoneEvent[event=" + (isDtmf(e) ? "'" + dtmfDigit(e) + "'" : String.valueOf(e))
                + (end() ? " E" : "") + " volume=" + volume() + " duration=" + duration() + "]";
    }
}
