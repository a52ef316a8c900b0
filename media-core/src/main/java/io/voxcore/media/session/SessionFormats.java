package io.voxcore.media.session;

import io.voxcore.media.codec.Transcoder;
import java.util.Objects;

/**
 * What a session sends and accepts at this moment, in {@link Transcoder}'s terms: its send
 * format and payload types, and the format of each audio payload type it accepts. It reflects
 * the configuration, then each {@link MediaSession#update} (a re-INVITE switching PCMU to PCMA
 * gives a new instance whose {@link #sendFormat()} is PCMA). For forwarding code such as
 * {@code io.voxcore.media.relay.MediaRelay}, which must encode for what the far leg sends now and
 * decode what the near leg accepts now.
 *
 * <p>Immutable. One instance per negotiation outcome, made when the session is created or
 * updated, so {@link #of(MediaSession)} allocates nothing and a change is seen by comparing
 * references.
 */
public final class SessionFormats {

    private final int sendPayloadType;
    private final Transcoder.Format sendFormat;
    private final int sendEventPayloadType;
    private final int sendComfortNoisePayloadType;
    private final int ptimeMillis;
    private final int clockRate;
    private final Transcoder.Format[] audio = new Transcoder.Format[128];
    private final boolean[] comfortNoise = new boolean[128];

    SessionFormats(PayloadPlan plan) {
        this.sendPayloadType = plan.sendPayloadType;
        this.sendFormat = format(plan.sendEncoding, plan);
        this.sendEventPayloadType = plan.sendEventPayloadType;
        this.sendComfortNoisePayloadType = plan.sendComfortNoisePayloadType;
        this.ptimeMillis = plan.ptimeMillis;
        this.clockRate = plan.clockRate;
        for (int pt = 0; pt < 128; pt++) {
            byte kind = plan.kind(pt);
            if (kind == PayloadPlan.AUDIO) {
                Transcoder.Format f = format(plan.encoding(pt), plan);
                audio[pt] = f.equals(sendFormat) ? sendFormat : f;
            } else if (kind == PayloadPlan.COMFORT_NOISE) {
                comfortNoise[pt] = true;
            }
        }
    }

    /** A configured plan's encoding is the codec's name alone; a negotiated one's is NAME/rate/channels. */
    private static Transcoder.Format format(String encoding, PayloadPlan plan) {
        return encoding.indexOf('/') >= 0 ? Transcoder.Format.of(encoding) : Transcoder.Format.of(plan.sendCodec);
    }

    /**
     * The session's formats as they stand: those its next sent packet uses, and those its I/O
     * thread accepts from the next received packet (after an {@link MediaSession#update}, the
     * new ones once that call has returned). Any thread; allocation-free.
     *
     * @param session the session
     * @return its current formats
     */
    public static SessionFormats of(MediaSession session) {
        Objects.requireNonNull(session, "session");
        return session.parts().sender.plan().formats();
    }

    /** {@return the payload type audio is sent with} */
    public int sendPayloadType() {
        return sendPayloadType;
    }

    /** {@return the format audio is sent in, for example {@code PCMA/8000/1} or {@code opus/48000/2}} */
    public Transcoder.Format sendFormat() {
        return sendFormat;
    }

    /** {@return the telephone-event payload type sent with (at {@link #clockRate()}), or -1 for none} */
    public int sendEventPayloadType() {
        return sendEventPayloadType;
    }

    /** {@return the comfort-noise payload type that may be sent (13 or a negotiated one), or -1 for none} */
    public int sendComfortNoisePayloadType() {
        return sendComfortNoisePayloadType;
    }

    /** {@return the packet duration sent, in milliseconds} */
    public int ptimeMillis() {
        return ptimeMillis;
    }

    /** {@return the RTP clock rate every payload type of the session runs at, in Hz} */
    public int clockRate() {
        return clockRate;
    }

    /**
     * The format of an accepted audio payload type.
     *
     * @param payloadType 0-127
     * @return its format, or null when the session does not accept it as audio (telephone
     *     events, comfort noise and unknown types included)
     */
    public Transcoder.Format receiveFormat(int payloadType) {
        return audio[payloadType & 0x7F];
    }

    /**
     * Whether a payload type is accepted as RFC 3389 comfort noise.
     *
     * @param payloadType 0-127
     * @return true for an accepted comfort-noise type
     */
    public boolean receivesComfortNoise(int payloadType) {
        return comfortNoise[payloadType & 0x7F];
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SessionFormats[send ").append(sendPayloadType).append(' ')
                .append(sendFormat).append(", ptime ").append(ptimeMillis).append(", receive");
        for (int pt = 0; pt < 128; pt++) {
            if (audio[pt] != null) {
                b.append(' ').append(pt).append(' ').append(audio[pt]);
            }
        }
        return b.append(']').toString();
    }
}
