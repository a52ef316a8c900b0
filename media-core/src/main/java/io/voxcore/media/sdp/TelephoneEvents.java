package io.voxcore.media.sdp;

import java.util.Arrays;

/**
 * A set of RFC 4733 telephone events as listed in a telephone-event {@code a=fmtp} line:
 * {@code 0-15} (the DTMF digits), {@code 0-16} (with flash), {@code 0-15,66,70}. Events are 0-255.
 * Immutable.
 */
public final class TelephoneEvents {

    /** The sixteen DTMF events 0-15: what a peer supports when its offer has no fmtp (the default of RFC 4733's telephone-event registration). */
    public static final TelephoneEvents DTMF = range(0, 15);

    private final long[] bits;

    private TelephoneEvents(long[] bits) {
        this.bits = bits;
    }

    /**
     * The events {@code from} to {@code to}, inclusive.
     *
     * @param from the first event, 0-255
     * @param to the last event, from-255
     * @return the set
     * @throws IllegalArgumentException for a bound out of range or reversed
     */
    public static TelephoneEvents range(int from, int to) {
        if (from < 0 || to > 255 || from > to) {
            throw new IllegalArgumentException("telephone event range must be within 0-255 and ascending, got "
                    + from + "-" + to);
        }
        long[] bits = new long[4];
        for (int e = from; e <= to; e++) {
            bits[e >> 6] |= 1L << (e & 63);
        }
        return new TelephoneEvents(bits);
    }

    /**
     * Parses an event list: comma-separated events and ranges, spaces ignored.
     *
     * @param text for example {@code 0-15,66,70}
     * @return the set
     * @throws IllegalArgumentException naming the part that is not an event or range 0-255
     */
    public static TelephoneEvents parse(String text) {
        long[] bits = new long[4];
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int from;
            int to;
            try {
                if (dash < 0) {
                    from = event(p);
                    to = from;
                } else {
                    from = event(p.substring(0, dash).trim());
                    to = event(p.substring(dash + 1).trim());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("telephone-event list \"" + text + "\": " + e.getMessage());
            }
            if (from > to) {
                throw new IllegalArgumentException("telephone-event list \"" + text + "\": range " + p + " is reversed");
            }
            for (int e = from; e <= to; e++) {
                bits[e >> 6] |= 1L << (e & 63);
            }
        }
        return new TelephoneEvents(bits);
    }

    private static int event(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + text + "\" is not an event number 0-255");
        }
        int e = Integer.parseInt(text);
        if (e > 255) {
            throw new IllegalArgumentException("event " + e + " is outside 0-255");
        }
        return e;
    }

    /**
     * Whether an event is in the set.
     *
     * @param event the event code
     * @return true when listed
     */
    public boolean contains(int event) {
        return event >= 0 && event <= 255 && (bits[event >> 6] & (1L << (event & 63))) != 0;
    }

    /**
     * The events both sets hold.
     *
     * @param other another set
     * @return the intersection
     */
    public TelephoneEvents intersect(TelephoneEvents other) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = bits[i] & other.bits[i];
        }
        return new TelephoneEvents(out);
    }

    /**
     * Whether the set is empty.
     *
     * @return true when no event is listed
     */
    public boolean isEmpty() {
        return (bits[0] | bits[1] | bits[2] | bits[3]) == 0;
    }

    /**
     * The list in its shortest form, ascending: runs of three or more as ranges.
     *
     * @return for example {@code 0-15,66,70}; empty for an empty set
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        int e = 0;
        while (e <= 255) {
            if (!contains(e)) {
                e++;
                continue;
            }
            int end = e;
            while (end + 1 <= 255 && contains(end + 1)) {
                end++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            if (end == e) {
                b.append(e);
            } else if (end == e + 1) {
                b.append(e).append(',').append(end);
            } else {
                b.append(e).append('-').append(end);
            }
            e = end + 1;
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelephoneEvents && Arrays.equals(bits, ((TelephoneEvents) o).bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }
}
