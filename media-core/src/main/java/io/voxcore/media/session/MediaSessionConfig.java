package io.voxcore.media.session;

import io.voxcore.media.codec.CodecInfo;
import io.voxcore.media.sdp.NegotiatedMedia;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The immutable settings of one {@link MediaSession}, made with {@link #builder()}. Every
 * mistake is reported by {@link Builder#build()} as an {@link IllegalArgumentException} naming
 * the offending values.
 *
 * <pre>{@code
 * MediaSessionConfig config = MediaSessionConfig.builder()
 *         .localAddress(new InetSocketAddress("127.0.0.1", 0))  // 0: any free port
 *         .payloadType(0)                                     // PCMU
 *         .ptimeMillis(20)
 *         .build();
 * }</pre>
 */
public final class MediaSessionConfig {

    /** The shortest packet duration a session sends, in milliseconds. */
    public static final int MIN_PTIME_MILLIS = 10;
    /** The longest packet duration a session sends, in milliseconds. */
    public static final int MAX_PTIME_MILLIS = 60;
    /** The largest jitter-buffer delay accepted, in milliseconds. */
    public static final int MAX_JITTER_DELAY_MILLIS = 5000;
    /** RFC 3550 section 6.2's minimum RTCP interval, in milliseconds: the default. */
    public static final int RFC_RTCP_INTERVAL_MILLIS = 5000;
    /** The least RTCP interval accepted (for tests; below the RFC's 5 s), in milliseconds. */
    public static final int MIN_RTCP_INTERVAL_MILLIS = 100;
    /** The default RFC 4733 telephone-event payload type (the customary dynamic value). */
    public static final int DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    private final int payloadType;
    private final int telephoneEventPayloadType;
    private final CodecInfo codec;
    private final int ptimeMillis;
    private final long ssrc;
    private final int jitterMinDelayMillis;
    private final int jitterMaxDelayMillis;
    private final RtcpMode rtcpMode;
    private final int rtcpIntervalMillis;
    private final boolean connectSocket;
    private final int relatchSilenceMillis;
    private final int receiveQueueCapacity;
    private final String cname;
    private final NatMode natMode;
    private final int rtpTimeoutMillis;
    private final NegotiatedMedia negotiated;
    private final GapPolicy gapPolicy;
    private final boolean silenceSuppression;
    private final PayloadPlan plan;

    private MediaSessionConfig(Builder b, CodecInfo codec, PayloadPlan plan) {
        this.localAddress = b.localAddress;
        this.remoteAddress = b.remoteAddress;
        this.payloadType = b.payloadType;
        this.telephoneEventPayloadType = b.telephoneEventPayloadType;
        this.codec = codec;
        this.ptimeMillis = b.ptimeMillis;
        this.ssrc = b.ssrc;
        this.jitterMinDelayMillis = b.jitterMinDelayMillis;
        this.jitterMaxDelayMillis = b.jitterMaxDelayMillis;
        this.rtcpMode = b.rtcpMode;
        this.rtcpIntervalMillis = b.rtcpIntervalMillis;
        this.connectSocket = b.connectSocket;
        this.relatchSilenceMillis = b.relatchSilenceMillis;
        this.receiveQueueCapacity = b.receiveQueueCapacity;
        this.cname = b.cname;
        this.natMode = b.natMode;
        this.rtpTimeoutMillis = b.rtpTimeoutMillis;
        this.negotiated = b.negotiated;
        this.gapPolicy = b.gapPolicy;
        this.silenceSuppression = b.silenceSuppression;
        this.plan = plan != null ? plan : PayloadPlan.of(this);
    }

    /**
     * A builder with the defaults: bind {@code 0.0.0.0} on any free port, no remote (latch to
     * the first valid source), PCMU (payload type 0), telephone events on payload type 101,
     * 20 ms packets, a random SSRC, jitter delay 20-200 ms, RTCP on the next port every 5 s (RFC 3550's minimum), sockets connected to the
     * remote, re-latch to a new SSRC after 2 s of silence, a pull queue of 256 frames, lost packets
     * concealed ({@link GapPolicy#CONCEAL}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return where the RTP socket binds; port 0 picks a free port, see {@link MediaSession#localAddress()}} */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** {@return the peer's RTP address, if configured; without it the first valid source is latched} */
    public Optional<InetSocketAddress> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    /** {@return the RTP payload type sent (and, without a negotiation, the one accepted), 0-127} */
    public int payloadType() {
        return payloadType;
    }

    /**
     * The dynamic payload type of RFC 4733 telephone events (DTMF), sent by
     * {@link MediaSession#sendDtmf(char, java.time.Duration, int)} and accepted on receipt; its
     * RTP clock rate is the codec's (SDP {@code a=rtpmap:101 telephone-event/8000}).
     *
     * @return 96-127, {@value #DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE} by default
     */
    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    /** {@return the codec of {@link #payloadType()}: name, sample rate, channels, bit rate, RTP clock rate} */
    public CodecInfo codec() {
        return codec;
    }

    /** {@return the duration of each packet sent, 10-60 milliseconds} */
    public int ptimeMillis() {
        return ptimeMillis;
    }

    /** {@return the SSRC, if fixed; otherwise the session draws one from a {@code SecureRandom}} */
    public OptionalLong ssrc() {
        return ssrc < 0 ? OptionalLong.empty() : OptionalLong.of(ssrc);
    }

    /** {@return the least delay the jitter buffer adds, in milliseconds} */
    public int jitterMinDelayMillis() {
        return jitterMinDelayMillis;
    }

    /** {@return the most delay the jitter buffer adds, in milliseconds} */
    public int jitterMaxDelayMillis() {
        return jitterMaxDelayMillis;
    }

    /** {@return where RTCP goes} */
    public RtcpMode rtcpMode() {
        return rtcpMode;
    }

    /** {@return the minimum RTCP report interval in ms (RFC 3550 6.2: 5000; less is for tests only)} */
    public int rtcpIntervalMillis() {
        return rtcpIntervalMillis;
    }

    /**
     * Whether the sockets are {@code connect}ed to the remote once it is known (configured or
     * latched), in {@link NatMode#STRICT} only (the other modes must see every source). Connected
     * sockets receive without allocating and the kernel filters every other source.
     * @return true by default
     */
    public boolean connectSocket() {
        return connectSocket;
    }

    /** {@return how long (ms) the latched SSRC must be silent before another may take over} */
    public int relatchSilenceMillis() {
        return relatchSilenceMillis;
    }

    /** {@return how many frames the pull form ({@link MediaSession#poll()}) holds before dropping the oldest} */
    public int receiveQueueCapacity() {
        return receiveQueueCapacity;
    }

    /** {@return the RTCP canonical name sent in SDES, or empty for a random one} */
    public Optional<String> cname() {
        return Optional.ofNullable(cname);
    }

    /** {@return how signalled and real remote addresses are treated; {@link NatMode#STRICT} by default} */
    public NatMode natMode() {
        return natMode;
    }

    /** {@return the RTP timeout in milliseconds ({@link MediaEvent.RtpTimeout}), 0 for none (the default)} */
    public int rtpTimeoutMillis() {
        return rtpTimeoutMillis;
    }

    /** {@return the negotiation the session was configured from, if any} */
    public Optional<NegotiatedMedia> negotiated() {
        return Optional.ofNullable(negotiated);
    }

    /** {@return what plays where packets were lost; {@link GapPolicy#CONCEAL} by default} */
    public GapPolicy gapPolicy() {
        return gapPolicy;
    }

    /** {@return whether silence suppression sends comfort noise instead of silence; false by default} */
    public boolean silenceSuppression() {
        return silenceSuppression;
    }

    /** The payload types sent and accepted. @return the plan */
    PayloadPlan plan() {
        return plan;
    }

    @Override
    public String toString() {
        return "MediaSessionConfig[local=" + localAddress + " remote=" + remoteAddress + " nat=" + natMode
                + " pt=" + payloadType + " " + codec.name() + "/" + codec.sampleRate() + "/" + codec.channels() + " events=" + telephoneEventPayloadType + " ptime=" + ptimeMillis
                + " jitter=" + jitterMinDelayMillis + "-" + jitterMaxDelayMillis + "ms rtcp=" + rtcpMode + "/"
                + rtcpIntervalMillis + "ms connect=" + connectSocket + " gaps=" + gapPolicy
                + (silenceSuppression ? " dtx" : "") + "]";
    }

    /** Builds a {@link MediaSessionConfig}; not thread-safe. */
    public static final class Builder {
        private InetSocketAddress localAddress = new InetSocketAddress(0);
        private InetSocketAddress remoteAddress;
        private int payloadType;
        private int telephoneEventPayloadType = DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE;
        private int ptimeMillis = 20;
        private long ssrc = -1;
        private int jitterMinDelayMillis = 20;
        private int jitterMaxDelayMillis = 200;
        private RtcpMode rtcpMode = RtcpMode.NEXT_PORT;
        private int rtcpIntervalMillis = RFC_RTCP_INTERVAL_MILLIS;
        private boolean connectSocket = true;
        private int relatchSilenceMillis = 2000;
        private int receiveQueueCapacity = 256;
        private String cname;
        private NatMode natMode = NatMode.STRICT;
        private int rtpTimeoutMillis;
        private NegotiatedMedia negotiated;
        private GapPolicy gapPolicy = GapPolicy.CONCEAL;
        private boolean silenceSuppression;

        private Builder() {
        }

        /**
         * Sets what plays where packets were lost.
         *
         * @param policy {@link GapPolicy#CONCEAL} (default), {@link GapPolicy#SILENCE} or {@link GapPolicy#REPORT}
         * @return this
         */
        public Builder gapPolicy(GapPolicy policy) {
            this.gapPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Turns silence suppression (discontinuous transmission) on: while a voice activity
         * detector hears no speech, no audio packets are sent; an RFC 3389 comfort-noise packet
         * describes the silence when it starts, when its level moves 3 dB, and every 5 s; the
         * first speech packet after it has the marker bit. Needs a comfort-noise payload type to
         * send with (13 for an 8000 Hz codec configured by hand; a negotiated CN at the codec's
         * rate) and mono audio; without them audio is sent as usual.
         *
         * @param on true to suppress silence (default false)
         * @return this
         */
        public Builder silenceSuppression(boolean on) {
            this.silenceSuppression = on;
            return this;
        }

        /**
         * Takes what an offer/answer exchange agreed: the remote RTP address, the send codec and its
         * payload type, the payload types to accept (each audio one decoded by its own codec,
         * telephone events, comfort noise), ptime (this builder's when the negotiation names none
         * it can use), direction, SRTP keys. It overrides {@link #remoteAddress}, {@link #payloadType},
         * {@link #telephoneEventPayloadType} and {@link #ptimeMillis}. Audio formats must share the
         * send codec's rates: {@link #build()} names any that does not.
         *
         * @param media the negotiated stream, or null to configure by hand
         * @return this
         */
        public Builder negotiated(NegotiatedMedia media) {
            this.negotiated = media;
            return this;
        }

        /**
         * Sets how the remote address is learned and followed behind NATs.
         * @param mode the mode (default {@link NatMode#STRICT})
         * @return this
         */
        public Builder natMode(NatMode mode) {
            this.natMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the RTP timeout: a {@link MediaEvent.RtpTimeout} is reported when no RTP arrived
         * for this long while the negotiated direction expects media.
         *
         * @param millis 0 for none (the default), else 100 or more
         * @return this
         */
        public Builder rtpTimeoutMillis(int millis) {
            if (millis != 0 && millis < 100) {
                throw new IllegalArgumentException("RTP timeout must be 0 (none) or at least 100 ms, got " + millis);
            }
            this.rtpTimeoutMillis = millis;
            return this;
        }

        /**
         * Sets the bind address; port 0 picks a free port (even, with the next port free for RTCP
         * in {@link RtcpMode#NEXT_PORT} mode).
         *
         * @param address the address, resolved
         * @return this
         */
        public Builder localAddress(InetSocketAddress address) {
            this.localAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the peer's RTP address (from SDP). Without it the session latches to the first
         * valid source.
         *
         * @param address the address, resolved, or null for none
         * @return this
         */
        public Builder remoteAddress(InetSocketAddress address) {
            this.remoteAddress = address;
            return this;
        }

        /**
         * Sets the payload type; the codec comes from {@link io.voxcore.media.codec.CodecFactory}.
         *
         * @param payloadType a static payload type {@link io.voxcore.media.codec.CodecFactory} knows, e.g. 0 or 8
         * @return this
         */
        public Builder payloadType(int payloadType) {
            this.payloadType = payloadType;
            return this;
        }

        /**
         * Sets the dynamic payload type of RFC 4733 telephone events, as negotiated in SDP.
         *
         * @param payloadType 96-127
         * @return this
         */
        public Builder telephoneEventPayloadType(int payloadType) {
            this.telephoneEventPayloadType = payloadType;
            return this;
        }

        /**
         * Sets the packet duration sent.
         *
         * @param millis 10-60, a whole number of samples at the codec's rate
         * @return this
         */
        public Builder ptimeMillis(int millis) {
            this.ptimeMillis = millis;
            return this;
        }

        /**
         * Fixes the SSRC instead of a random one.
         *
         * @param ssrc 0 to 2^32-1
         * @return this
         */
        public Builder ssrc(long ssrc) {
            if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("SSRC must be 0 to 4294967295, got " + ssrc);
            }
            this.ssrc = ssrc;
            return this;
        }

        /**
         * Sets the jitter buffer's delay bounds.
         *
         * @param minMillis the least delay, 0 or more
         * @param maxMillis the most delay, at least {@code minMillis}, at most 5000
         * @return this
         */
        public Builder jitterDelayMillis(int minMillis, int maxMillis) {
            this.jitterMinDelayMillis = minMillis;
            this.jitterMaxDelayMillis = maxMillis;
            return this;
        }

        /**
         * Sets where RTCP goes.
         *
         * @param mode the mode
         * @return this
         */
        public Builder rtcpMode(RtcpMode mode) {
            this.rtcpMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the minimum RTCP interval. RFC 3550 section 6.2 says 5000 ms; anything lower is
         * not RFC-conformant and meant for tests.
         *
         * @param millis 100 or more
         * @return this
         */
        public Builder rtcpIntervalMillis(int millis) {
            this.rtcpIntervalMillis = millis;
            return this;
        }

        /**
         * Whether to {@code connect} the sockets to the remote once known (default true).
         *
         * @param connect false to keep them unconnected and count foreign traffic
         * @return this
         */
        public Builder connectSocket(boolean connect) {
            this.connectSocket = connect;
            return this;
        }

        /**
         * Sets the silence of the latched SSRC required before a new SSRC may take over.
         *
         * @param millis 0 or more
         * @return this
         */
        public Builder relatchSilenceMillis(int millis) {
            this.relatchSilenceMillis = millis;
            return this;
        }

        /**
         * Sets the pull queue's capacity in frames.
         *
         * @param frames 1 or more
         * @return this
         */
        public Builder receiveQueueCapacity(int frames) {
            this.receiveQueueCapacity = frames;
            return this;
        }

        /**
         * Sets the RTCP CNAME (RFC 3550 section 6.5.1).
         *
         * @param cname 1-255 bytes of UTF-8, or null for a random one
         * @return this
         */
        public Builder cname(String cname) {
            this.cname = cname;
            return this;
        }

        /**
         * Checks the settings and builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException naming the offending values
         */
        public MediaSessionConfig build() {
            PayloadPlan plan = null;
            if (negotiated != null) {
                plan = PayloadPlan.of(negotiated, ptimeMillis);
                remoteAddress = negotiated.remoteRtpAddress();
                payloadType = plan.sendPayloadType;
                ptimeMillis = plan.ptimeMillis;
                if (plan.sendEventPayloadType >= 0) {
                    telephoneEventPayloadType = plan.sendEventPayloadType;
                }
                if (remoteAddress.getAddress().isAnyLocalAddress() || remoteAddress.getPort() == 0) {
                    remoteAddress = null; // RFC 3264 8.4 hold by 0.0.0.0, or a refused stream: no one to send to
                }
            }
            if (localAddress.isUnresolved()) {
                throw new IllegalArgumentException("local address is unresolved: " + localAddress);
            }
            if (remoteAddress != null && (remoteAddress.isUnresolved() || remoteAddress.getPort() == 0)) {
                throw new IllegalArgumentException("remote address must be resolved with a port, got " + remoteAddress);
            }
            ConfigChecks.payloadTypes(payloadType, telephoneEventPayloadType, negotiated != null);
            CodecInfo codec = ConfigChecks.codec(payloadType, plan, ptimeMillis);
            ConfigChecks.limits(jitterMinDelayMillis, jitterMaxDelayMillis, rtcpIntervalMillis, rtcpMode,
                    localAddress.getPort(), relatchSilenceMillis, receiveQueueCapacity, cname);
            return new MediaSessionConfig(this, codec, plan);
        }
    }
}
