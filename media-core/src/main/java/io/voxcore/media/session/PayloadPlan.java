package io.voxcore.media.session;

import io.voxcore.media.codec.CodecFactory;
import io.voxcore.media.codec.CodecInfo;
import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.PayloadFormat;

/**
 * What a session sends and accepts, by payload type: made from a configuration's single payload
 * type or from a negotiation. Immutable; shared between the application thread (which builds it)
 * and the I/O thread (which reads it).
 *
 * <p>All audio a session carries shares one RTP clock, sample rate and channel count, those of
 * the send codec; a negotiated receive format of another rate is refused when the plan is made
 * (sessions do not convert rates yet).
 */
final class PayloadPlan {

    /** A payload type the session does not accept. */
    static final byte NONE = 0;
    /** Audio, decoded by its own codec. */
    static final byte AUDIO = 1;
    /** RFC 4733 telephone events. */
    static final byte EVENT = 2;
    /** RFC 3389 comfort noise. */
    static final byte COMFORT_NOISE = 3;

    /** RFC 3551's static payload type for comfort noise at 8000 Hz. */
    static final int STATIC_COMFORT_NOISE = 13;

    final int sendPayloadType;
    final String sendEncoding;
    final CodecInfo sendCodec;
    final int sendEventPayloadType;
    /** The comfort-noise payload type silence suppression sends with, or -1 for none. */
    final int sendComfortNoisePayloadType;
    final boolean sends;
    final boolean receives;
    final int ptimeMillis;
    final int clockRate;
    final int sampleRate;
    final int channels;
    private final byte[] kinds = new byte[128];
    private final String[] encodings = new String[128];
    /** The public view, made once the plan is complete (by the factories). */
    private SessionFormats formats;

    private PayloadPlan(int sendPayloadType, String sendEncoding, CodecInfo sendCodec, int sendEventPayloadType,
            int sendComfortNoisePayloadType, boolean sends, boolean receives, int ptimeMillis) {
        this.sendPayloadType = sendPayloadType;
        this.sendEncoding = sendEncoding;
        this.sendCodec = sendCodec;
        this.sendEventPayloadType = sendEventPayloadType;
        this.sendComfortNoisePayloadType = sendComfortNoisePayloadType;
        this.sends = sends;
        this.receives = receives;
        this.ptimeMillis = ptimeMillis;
        this.clockRate = sendCodec.clockRate();
        this.sampleRate = sendCodec.sampleRate();
        this.channels = sendCodec.channels();
    }

    /**
     * The plan of a session configured with one payload type: it sends and receives that codec,
     * telephone events on the configured type, and RFC 3551's static comfort noise (13) when the
     * clock is 8000 Hz (received always, sent with silence suppression).
     *
     * @param config the settings
     * @return the plan
     */
    static PayloadPlan of(MediaSessionConfig config) {
        CodecInfo codec = config.codec();
        boolean cn = codec.clockRate() == 8000 && config.payloadType() != STATIC_COMFORT_NOISE;
        PayloadPlan plan = new PayloadPlan(config.payloadType(), codec.name(), codec,
                config.telephoneEventPayloadType(), cn ? STATIC_COMFORT_NOISE : -1, true, true, config.ptimeMillis());
        plan.audio(config.payloadType(), codec.name());
        plan.kinds[config.telephoneEventPayloadType()] = EVENT;
        if (cn) {
            plan.kinds[STATIC_COMFORT_NOISE] = COMFORT_NOISE;
        }
        plan.formats = new SessionFormats(plan);
        return plan;
    }

    /**
     * The plan of a negotiated leg: send with the negotiated codec and numbers, accept every
     * payload type we said we receive.
     *
     * @param n the negotiation
     * @param defaultPtime the ptime to use when the negotiation names none
     * @return the plan
     * @throws IllegalArgumentException naming the format when a negotiated format cannot be
     *     carried (no codec for it, or another rate than the send codec's)
     */
    static PayloadPlan of(NegotiatedMedia n, int defaultPtime) {
        PayloadFormat send = decoded(n.sendCodec(), 0);
        CodecInfo codec = info(send, "send");
        int ptime = n.ptime() > 0 ? n.ptime() : defaultPtime;
        if (ptime < MediaSessionConfig.MIN_PTIME_MILLIS || ptime > MediaSessionConfig.MAX_PTIME_MILLIS
                || (long) codec.sampleRate() * ptime % 1000 != 0 || (long) codec.clockRate() * ptime % 1000 != 0) {
            int fallback = n.maxPtime() > 0 ? Math.min(defaultPtime, n.maxPtime()) : defaultPtime;
            ptime = Math.max(MediaSessionConfig.MIN_PTIME_MILLIS, Math.min(MediaSessionConfig.MAX_PTIME_MILLIS,
                    fallback)); // RFC 4566: ptime is a recommendation; a value we cannot packetize is not binding
        }
        java.net.InetSocketAddress remote = n.remoteRtpAddress();
        boolean reachable = !remote.getAddress().isAnyLocalAddress() && remote.getPort() != 0; // RFC 3264 8.4
        PayloadPlan plan = new PayloadPlan(send.payloadType(),
                send.encodingName() + "/" + send.clockRate() + "/" + send.channels(), codec,
                n.sendTelephoneEventPayloadType(), n.sendComfortNoisePayloadType(), n.sends() && reachable, n.receives(),
                ptime);
        for (PayloadFormat f : n.receivePayloadTypes().values()) {
            int pt = f.payloadType();
            if (f.isTelephoneEvent()) {
                if (f.clockRate() == plan.clockRate) {
                    plan.kinds[pt] = EVENT;
                }
            } else if (f.isComfortNoise()) {
                if (f.clockRate() == plan.clockRate) {
                    plan.kinds[pt] = COMFORT_NOISE;
                }
            } else {
                f = decoded(f, plan.channels);
                CodecInfo info = info(f, "receive");
                if (info.clockRate() != plan.clockRate || info.sampleRate() != codec.sampleRate()
                        || info.channels() != plan.channels) {
                    throw new IllegalArgumentException("negotiated receive format " + f + " runs at "
                            + info.sampleRate() + " Hz, " + info.channels() + " channel(s); this session carries "
                            + send + " at " + codec.sampleRate() + " Hz, " + plan.channels + " channel(s) and does "
                            + "not convert rates yet: negotiate with MediaCapabilities of one rate");
                }
                plan.audio(pt, f.encodingName() + "/" + f.clockRate() + "/" + f.channels());
            }
        }
        plan.formats = new SessionFormats(plan);
        return plan;
    }

    /**
     * The format as the session codes it. Opus (RFC 7587 7) is always {@code opus/48000/2} in SDP
     * whatever is sent; the channels actually coded are a choice: stereo when the peer's
     * {@code stereo=1} asks for it on the format we send, mono otherwise. A received Opus stream
     * is decoded to the session's channel count, whatever the peer sends (an Opus decoder mixes
     * down or up itself).
     *
     * @param f a negotiated format
     * @param sessionChannels the session's channel count for a received format, 0 for the send format
     * @return the format with the channels to code
     */
    static PayloadFormat decoded(PayloadFormat f, int sessionChannels) {
        if (!"opus".equalsIgnoreCase(f.encodingName())) {
            return f;
        }
        int channels = sessionChannels > 0 ? sessionChannels : stereo(f.fmtp()) ? 2 : 1;
        return channels == f.channels() ? f
                : new PayloadFormat(f.payloadType(), f.encodingName(), f.clockRate(), channels, f.fmtp());
    }

    /** Whether format parameters hold {@code stereo=1} (RFC 7587 7.1). */
    private static boolean stereo(String fmtp) {
        if (fmtp == null) {
            return false;
        }
        for (String p : fmtp.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("stereo") && p.substring(eq + 1).trim().equals("1")) {
                return true;
            }
        }
        return false;
    }

    private static CodecInfo info(PayloadFormat f, String direction) {
        try {
            return CodecFactory.createZeroCopy(f.encodingName(), f.clockRate(), f.channels()).info();
        } catch (MediaCodecException e) {
            throw new IllegalArgumentException("no codec for the negotiated " + direction + " format " + f + ": "
                    + e.getMessage(), e);
        }
    }

    private void audio(int pt, String encoding) {
        kinds[pt] = AUDIO;
        encodings[pt] = encoding;
    }

    /** {@return the public view of this plan, for forwarding code} */
    SessionFormats formats() {
        return formats;
    }

    /**
     * What a payload type is.
     *
     * @param payloadType 0-127
     * @return {@link #NONE}, {@link #AUDIO}, {@link #EVENT} or {@link #COMFORT_NOISE}
     */
    byte kind(int payloadType) {
        return kinds[payloadType];
    }

    /**
     * The encoding of an audio payload type, as given to {@link #decoder(int)}.
     *
     * @param payloadType an {@link #AUDIO} type
     * @return "NAME" or "NAME/rate/channels"
     */
    String encoding(int payloadType) {
        return encodings[payloadType];
    }

    /**
     * Creates the encoder of the send codec.
     *
     * @return a new codec
     */
    ZeroCopyCodecAdapter encoder() {
        return create(sendEncoding, sendPayloadType);
    }

    /**
     * Creates the decoders, one per audio payload type, reusing those of a previous plan whose
     * payload type keeps its encoding (their state carries on).
     *
     * @param previous the previous plan, or null
     * @param previousDecoders its decoders, or null
     * @return decoders indexed by payload type, as long as the highest audio payload type needs
     */
    ZeroCopyCodecAdapter[] decoders(PayloadPlan previous, ZeroCopyCodecAdapter[] previousDecoders) {
        int length = 0; // up to the highest audio payload type: PCMU alone needs one slot, not 128
        for (int pt = 0; pt < 128; pt++) {
            if (kinds[pt] == AUDIO) {
                length = pt + 1;
            }
        }
        ZeroCopyCodecAdapter[] out = new ZeroCopyCodecAdapter[length];
        for (int pt = 0; pt < length; pt++) {
            if (kinds[pt] != AUDIO) {
                continue;
            }
            if (previous != null && previousDecoders != null && pt < previousDecoders.length
                    && previousDecoders[pt] != null
                    && encodings[pt].equals(previous.encodings[pt])) {
                out[pt] = previousDecoders[pt];
            } else {
                out[pt] = create(encodings[pt], pt);
            }
        }
        return out;
    }

    private ZeroCopyCodecAdapter create(String encoding, int pt) {
        if (!encoding.contains("/")) {
            return CodecFactory.createZeroCopy(pt); // a configured static payload type
        }
        String[] p = encoding.split("/");
        return CodecFactory.createZeroCopy(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    /** {@return the payload types accepted, for messages} */
    String accepted() {
        StringBuilder b = new StringBuilder();
        for (int pt = 0; pt < 128; pt++) {
            if (kinds[pt] != NONE) {
                b.append(b.length() == 0 ? "" : ", ").append(pt).append(kinds[pt] == AUDIO ? " " + encodings[pt]
                        : kinds[pt] == EVENT ? " telephone-event" : " CN");
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "PayloadPlan[send " + sendPayloadType + " " + sendEncoding + (sends ? "" : " (not sending)")
                + ", ptime " + ptimeMillis + ", receive " + accepted() + (receives ? "" : " (not receiving)") + "]";
    }
}
