package io.voxcore.media.sdp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The answerer's rules of RFC 3264 section 6 for one offered media description: accept one audio
 * stream we can serve, refuse everything else with port 0 (never drop a section).
 */
final class Answerer {

    /** One answered section: the answer's media description and, when accepted, the negotiated stream. */
    record Result(MediaDescription answer, NegotiatedMedia media) {
    }

    private Answerer() {
    }

    /** An RFC 3264 6 refusal: same media and proto, port 0, the offer's formats, nothing else. */
    static MediaDescription refuse(MediaDescription offered) {
        return MediaDescription.builder(offered.media(), 0, offered.proto()).formats(offered.formats()).build();
    }

    static boolean acceptableProto(String proto, MediaCapabilities caps) {
        String p = proto.toUpperCase(Locale.ROOT);
        if (p.equals("RTP/AVP") || p.equals("RTP/AVPF")) {
            return true;
        }
        return caps.srtp() != null && (p.equals("RTP/SAVP") || p.equals("RTP/SAVPF"));
    }

    static boolean isSecure(String proto) {
        return proto.toUpperCase(Locale.ROOT).contains("SAVP");
    }

    /**
     * Answers one offered section, or returns a refusal when we cannot serve it.
     *
     * @param offer the whole offer (for the session-level connection and direction)
     * @param index the section's index
     * @param caps our capabilities
     * @param localPort our RTP port
     * @param localDirection what we want to do (our hold state)
     * @param alreadyAudio whether an earlier section already carries our audio stream
     */
    static Result answer(SessionDescription offer, int index, MediaCapabilities caps, int localPort,
            Direction localDirection, boolean alreadyAudio) {
        MediaDescription m = offer.media().get(index);
        if (m.port() == 0 || alreadyAudio || !m.media().equalsIgnoreCase("audio") || !acceptableProto(m.proto(), caps)
                || offer.connection(m).isEmpty()) {
            return new Result(refuse(m), null);
        }
        List<PayloadFormat> accepted = new ArrayList<>();
        List<PayloadFormat> sendFormats = new ArrayList<>();
        List<CodecCapability> ours = new ArrayList<>();
        for (int pt : m.payloadTypes()) {
            Optional<PayloadFormat> f = m.format(pt);
            if (f.isEmpty() || !f.get().isCodec() || containsPt(accepted, pt)) {
                continue;
            }
            CodecCapability c = caps.match(f.get());
            if (c != null) {
                accepted.add(c.format(pt));
                sendFormats.add(f.get());
                ours.add(c);
            }
        }
        if (accepted.isEmpty()) {
            return new Result(refuse(m), null);
        }
        if (caps.answerOrder() == MediaCapabilities.AnswerOrder.OURS) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < accepted.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingInt(i -> caps.codecs().indexOf(ours.get(i))));
            List<PayloadFormat> a = new ArrayList<>();
            List<PayloadFormat> s = new ArrayList<>();
            for (int i : order) {
                a.add(accepted.get(i));
                s.add(sendFormats.get(i));
            }
            accepted = a;
            sendFormats = s;
        }
        TelephoneEvents events = null;
        List<Integer> rates = new ArrayList<>();
        for (PayloadFormat f : accepted) {
            if (!rates.contains(f.clockRate())) {
                rates.add(f.clockRate());
            }
        }
        List<PayloadFormat> extras = new ArrayList<>();
        List<PayloadFormat> sendExtras = new ArrayList<>();
        for (int rate : rates) {
            if (caps.telephoneEvents() != null) {
                Optional<PayloadFormat> te = first(m, rate, true);
                if (te.isPresent()) {
                    TelephoneEvents theirs = events(te.get().fmtp());
                    TelephoneEvents common = theirs.intersect(caps.telephoneEvents());
                    if (!common.isEmpty()) {
                        events = events == null ? common : events;
                        extras.add(new PayloadFormat(te.get().payloadType(), te.get().encodingName(), rate, 1, common.toString()));
                        sendExtras.add(te.get());
                    }
                }
            }
            if (caps.comfortNoise()) {
                Optional<PayloadFormat> cn = first(m, rate, false);
                if (cn.isPresent()) {
                    extras.add(cn.get());
                    sendExtras.add(cn.get());
                }
            }
        }
        Crypto localCrypto = null;
        if (isSecure(m.proto())) {
            Optional<Crypto> chosen = caps.srtp().answer(m.cryptos());
            if (chosen.isEmpty()) {
                return new Result(refuse(m), null);
            }
            localCrypto = chosen.get();
        }
        Direction offered = offer.direction(m);
        Direction answerDirection = offered.reverse().and(localDirection);
        boolean mux = caps.rtcpMux() && m.rtcpMux();

        MediaDescription.Builder b = MediaDescription.builder("audio", localPort, m.proto());
        List<PayloadFormat> all = new ArrayList<>(accepted);
        all.addAll(extras);
        for (PayloadFormat f : all) {
            b.addFormat(f.payloadType());
        }
        for (PayloadFormat f : all) {
            b.addAttribute(f.rtpmap().toAttribute());
            if (!f.fmtp().isEmpty()) {
                b.addAttribute(new Fmtp(f.payloadType(), f.fmtp()).toAttribute());
            }
        }
        if (caps.ptime() > 0) {
            b.addAttribute(Attribute.of("ptime", Integer.toString(caps.ptime())));
        }
        b.addAttribute(Attribute.property(answerDirection.attributeName()));
        if (mux) {
            b.addAttribute(Attribute.property("rtcp-mux"));
        }
        if (localCrypto != null) {
            b.addAttribute(localCrypto.toAttribute());
        }
        MediaDescription answer = b.build();

        List<PayloadFormat> send = new ArrayList<>(sendFormats);
        send.addAll(sendExtras);
        NegotiatedMedia media = Legs.negotiated(index, offer, m, answerDirection, mux, map(send), map(all), caps, events,
                localCrypto);
        return new Result(answer, media);
    }

    static TelephoneEvents events(String fmtp) {
        if (fmtp.isEmpty()) {
            return TelephoneEvents.DTMF;
        }
        try {
            return TelephoneEvents.parse(fmtp);
        } catch (IllegalArgumentException e) {
            return TelephoneEvents.DTMF; // a sloppy fmtp: assume the RFC 4733 default rather than refuse DTMF
        }
    }

    private static Optional<PayloadFormat> first(MediaDescription m, int rate, boolean events) {
        for (int pt : m.payloadTypes()) {
            Optional<PayloadFormat> f = m.format(pt);
            if (f.isPresent() && f.get().clockRate() == rate
                    && (events ? f.get().isTelephoneEvent() : f.get().isComfortNoise())) {
                return f;
            }
        }
        return Optional.empty();
    }

    private static boolean containsPt(List<PayloadFormat> list, int pt) {
        return list.stream().anyMatch(f -> f.payloadType() == pt);
    }

    static Map<Integer, PayloadFormat> map(List<PayloadFormat> formats) {
        Map<Integer, PayloadFormat> out = new LinkedHashMap<>();
        for (PayloadFormat f : formats) {
            out.putIfAbsent(f.payloadType(), f);
        }
        return out;
    }
}
