package io.voxcore.media.sdp;

import io.voxcore.media.codec.CodecFactory;
import io.voxcore.media.codec.CodecInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What we can do on one audio leg: an ordered codec list (most preferred first), RFC 4733
 * telephone events, RFC 3389 comfort noise, the packet time we ask for, RFC 5761 rtcp-mux and,
 * once SRTP exists, SRTP. Immutable.
 *
 * <pre>{@code
 * MediaCapabilities caps = MediaCapabilities.defaults();            // every codec this jar can create
 * MediaCapabilities g711 = MediaCapabilities.builder()
 *         .codec(CodecCapability.of("PCMA", 8000)).codec(CodecCapability.of("PCMU", 8000)).build();
 * }</pre>
 *
 * <p>Payload types: a codec with an RFC 3551 static type uses it; every other format gets a
 * dynamic type 96-127 that no other format of the list uses, in list order (telephone-event at
 * 8000 Hz takes 101, the value most peers use, when free). Telephone-event is offered once per
 * distinct codec clock rate, and comfort noise likewise (13 at 8000 Hz).
 */
public final class MediaCapabilities {

    /** Which side's order of preference an answer's codec list follows (RFC 3264 6.1 allows either). */
    public enum AnswerOrder {
        /** The offerer's order: what most SIP stacks do, and what the RFC 4317 examples show. */
        OFFERER,
        /** Our own order of {@link #codecs()}. */
        OURS
    }

    private final List<CodecCapability> codecs;
    private final TelephoneEvents telephoneEvents;
    private final boolean comfortNoise;
    private final int ptime;
    private final boolean rtcpMux;
    private final SrtpPolicy srtp;
    private final AnswerOrder answerOrder;
    private final List<PayloadFormat> formats;

    private MediaCapabilities(Builder b) {
        this.telephoneEvents = b.telephoneEvents;
        this.comfortNoise = b.comfortNoise;
        this.ptime = b.ptime;
        this.rtcpMux = b.rtcpMux;
        this.srtp = b.srtp;
        this.answerOrder = b.answerOrder;
        BitSet used = new BitSet(128);
        for (CodecCapability c : b.codecs) {
            if (c.preferredPayloadType() < 96) {
                used.set(c.preferredPayloadType());
            }
        }
        List<CodecCapability> numbered = new ArrayList<>();
        for (CodecCapability c : b.codecs) {
            int pt = c.preferredPayloadType();
            if (pt >= 96) {
                pt = used.get(pt) ? free(used, 96) : pt;
                used.set(pt);
            }
            numbered.add(c.withPayloadType(pt));
        }
        this.codecs = List.copyOf(numbered);
        List<PayloadFormat> all = new ArrayList<>();
        Set<Integer> rates = new LinkedHashSet<>();
        for (CodecCapability c : codecs) {
            all.add(c.format(c.preferredPayloadType()));
            rates.add(c.clockRate());
        }
        if (telephoneEvents != null) {
            for (int rate : rates) {
                int pt = rate == 8000 && !used.get(101) ? 101 : free(used, 96);
                used.set(pt);
                all.add(new PayloadFormat(pt, PayloadFormat.TELEPHONE_EVENT, rate, 1, telephoneEvents.toString()));
            }
        }
        if (comfortNoise) {
            for (int rate : rates) {
                int pt = rate == 8000 && !used.get(13) ? 13 : free(used, 96);
                used.set(pt);
                all.add(new PayloadFormat(pt, PayloadFormat.COMFORT_NOISE, rate, 1, ""));
            }
        }
        this.formats = List.copyOf(all);
    }

    private static int free(BitSet used, int from) {
        int pt = used.nextClearBit(from);
        if (pt > 127) {
            throw new IllegalArgumentException("more formats than the 32 dynamic payload types 96-127");
        }
        return pt;
    }

    /**
     * The capabilities of this jar that one session can carry together: every 8000 Hz codec
     * media-core can create ({@link CodecFactory#supportedCodecs()}, so narrowband codecs other
     * jars add through codec-core's SPI are included), telephone events 0-15 and comfort noise,
     * ptime 20, rtcp-mux accepted, no SRTP, the offerer's order in answers. A session carries one
     * rate, so wideband codecs (G.722, whose 16 kHz audio runs on an 8 kHz RTP clock, and Opus at
     * 48 kHz) are left out until sessions convert rates: a negotiation that included them could
     * let the peer send a rate the session cannot play. Add them with the {@link #builder()} for
     * media you carry yourself.
     *
     * @return the default capabilities
     */
    public static MediaCapabilities defaults() {
        Builder b = builder();
        Set<String> seen = new LinkedHashSet<>();
        for (CodecInfo info : CodecFactory.supportedCodecs()) {
            if (info.clockRate() != info.sampleRate() || info.clockRate() != 8000) {
                // G.722 (16 kHz audio on an 8 kHz RTP clock, RFC 3551 4.5.2), Opus below 48 kHz:
                // sessions do not convert between the two clocks yet, so offering them would
                // negotiate a call no session can carry. Add them with the builder when you
                // carry the media yourself.
                continue;
            }
            int clock = info.clockRate();
            if (seen.add(PayloadFormat.upper(info.name()) + "/" + clock + "/" + info.channels())) {
                b.codec(CodecCapability.of(info.name(), clock, info.channels()));
            }
        }
        return b.build();
    }

    /**
     * Starts a builder: no codecs, telephone events 0-15, comfort noise on, ptime 20, rtcp-mux
     * on, no SRTP, answers in the offerer's order.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The codecs, most preferred first, with their payload types assigned.
     *
     * @return the codecs
     */
    public List<CodecCapability> codecs() {
        return codecs;
    }

    /**
     * Every format an offer lists, in order: the codecs, then telephone-event and comfort noise
     * per clock rate.
     *
     * @return the formats with their payload types
     */
    public List<PayloadFormat> formats() {
        return formats;
    }

    /**
     * The telephone events we send and receive.
     *
     * @return the events, or null when telephone-event is not negotiated
     */
    public TelephoneEvents telephoneEvents() {
        return telephoneEvents;
    }

    /**
     * Whether comfort noise is offered and accepted.
     *
     * @return true when on
     */
    public boolean comfortNoise() {
        return comfortNoise;
    }

    /**
     * The packet time we ask to receive, written as {@code a=ptime}.
     *
     * @return milliseconds, 0 when no {@code a=ptime} is written
     */
    public int ptime() {
        return ptime;
    }

    /**
     * Whether rtcp-mux is offered and accepted.
     *
     * @return true when on
     */
    public boolean rtcpMux() {
        return rtcpMux;
    }

    /**
     * The SRTP policy.
     *
     * @return the policy, or null while {@code RTP/SAVP} is refused
     */
    public SrtpPolicy srtp() {
        return srtp;
    }

    /**
     * The order of an answer's codec list.
     *
     * @return the order
     */
    public AnswerOrder answerOrder() {
        return answerOrder;
    }

    /**
     * The codec we support that matches an offered format (name ignoring case, clock rate,
     * channels), if any.
     *
     * @param offered the offered format
     * @return our codec
     */
    CodecCapability match(PayloadFormat offered) {
        for (CodecCapability c : codecs) {
            if (offered.sameEncoding(c.encodingName(), c.clockRate(), c.channels())) {
                return c;
            }
        }
        return null;
    }

    /** Builds {@link MediaCapabilities}. Not thread-safe. */
    public static final class Builder {
        private final List<CodecCapability> codecs = new ArrayList<>();
        private TelephoneEvents telephoneEvents = TelephoneEvents.DTMF;
        private boolean comfortNoise = true;
        private int ptime = 20;
        private boolean rtcpMux = true;
        private SrtpPolicy srtp;
        private AnswerOrder answerOrder = AnswerOrder.OFFERER;

        private Builder() {
        }

        /**
         * Appends a codec (less preferred than those before it).
         *
         * @param value the codec
         * @return this builder
         */
        public Builder codec(CodecCapability value) {
            codecs.add(Objects.requireNonNull(value, "codec"));
            return this;
        }

        /**
         * Sets the telephone events, or turns telephone-event off with null.
         *
         * @param value the events, or null
         * @return this builder
         */
        public Builder telephoneEvents(TelephoneEvents value) {
            telephoneEvents = value;
            return this;
        }

        /**
         * Turns comfort noise on or off.
         *
         * @param value true to offer and accept CN
         * @return this builder
         */
        public Builder comfortNoise(boolean value) {
            comfortNoise = value;
            return this;
        }

        /**
         * Sets the packet time we ask to receive.
         *
         * @param millis 0 for none, else 10-200
         * @return this builder
         * @throws IllegalArgumentException for another value
         */
        public Builder ptime(int millis) {
            if (millis != 0 && (millis < 10 || millis > 200)) {
                throw new IllegalArgumentException("ptime must be 0 (none) or 10-200 ms, got " + millis);
            }
            ptime = millis;
            return this;
        }

        /**
         * Turns rtcp-mux (RFC 5761) on or off.
         *
         * @param value true to offer and accept it
         * @return this builder
         */
        public Builder rtcpMux(boolean value) {
            rtcpMux = value;
            return this;
        }

        /**
         * Enables SRTP: {@code RTP/SAVP} sections are offered and accepted with this policy's
         * crypto lines. Null (the default) refuses them.
         *
         * @param value the policy, or null
         * @return this builder
         */
        public Builder srtp(SrtpPolicy value) {
            srtp = value;
            return this;
        }

        /**
         * Sets the order of an answer's codec list.
         *
         * @param value the order
         * @return this builder
         */
        public Builder answerOrder(AnswerOrder value) {
            answerOrder = Objects.requireNonNull(value, "answerOrder");
            return this;
        }

        /**
         * Builds the capabilities, assigning dynamic payload types.
         *
         * @return the capabilities
         * @throws IllegalArgumentException when there is no codec, or more formats than dynamic types
         */
        public MediaCapabilities build() {
            if (codecs.isEmpty()) {
                throw new IllegalArgumentException("capabilities need at least one codec");
            }
            return new MediaCapabilities(this);
        }
    }
}
