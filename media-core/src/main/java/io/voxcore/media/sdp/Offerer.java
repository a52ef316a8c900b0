package io.voxcore.media.sdp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The offerer's side of RFC 3264: our audio section (section 5) and applying an answer to it (section 7). */
final class Offerer {

    private Offerer() {
    }

    /**
     * Our formats for an offer: the capabilities' formats, keeping the payload types an earlier
     * negotiation gave the same encodings (RFC 3264 8.3.2), others renumbered to avoid collisions.
     */
    static List<PayloadFormat> formats(MediaCapabilities caps, Map<Integer, PayloadFormat> previous) {
        List<PayloadFormat> wanted = caps.formats();
        if (previous == null || previous.isEmpty()) {
            return wanted;
        }
        List<PayloadFormat> out = new ArrayList<>();
        BitSet used = new BitSet(128);
        List<PayloadFormat> pending = new ArrayList<>();
        for (PayloadFormat f : wanted) {
            PayloadFormat kept = null;
            for (PayloadFormat p : previous.values()) {
                if (p.sameEncoding(f.encodingName(), f.clockRate(), f.channels()) && !used.get(p.payloadType())) {
                    kept = f.withPayloadType(p.payloadType());
                    break;
                }
            }
            out.add(kept);
            pending.add(f);
            if (kept != null) {
                used.set(kept.payloadType());
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                PayloadFormat f = pending.get(i);
                int pt = f.payloadType();
                if (used.get(pt)) {
                    pt = used.nextClearBit(96);
                    if (pt > 127) {
                        throw new IllegalArgumentException("no free dynamic payload type for " + f);
                    }
                }
                used.set(pt);
                out.set(i, f.withPayloadType(pt));
            }
        }
        return out;
    }

    static MediaDescription section(List<PayloadFormat> formats, MediaCapabilities caps, int port, Direction direction,
            List<Crypto> cryptos) {
        String proto = cryptos.isEmpty() ? "RTP/AVP" : "RTP/SAVP";
        MediaDescription.Builder b = MediaDescription.builder("audio", port, proto);
        for (PayloadFormat f : formats) {
            b.addFormat(f.payloadType());
        }
        for (PayloadFormat f : formats) {
            b.addAttribute(f.rtpmap().toAttribute());
            if (!f.fmtp().isEmpty()) {
                b.addAttribute(new Fmtp(f.payloadType(), f.fmtp()).toAttribute());
            }
        }
        if (caps.ptime() > 0) {
            b.addAttribute(Attribute.of("ptime", Integer.toString(caps.ptime())));
        }
        b.addAttribute(Attribute.property(direction.attributeName()));
        if (caps.rtcpMux()) {
            b.addAttribute(Attribute.property("rtcp-mux"));
        }
        for (Crypto c : cryptos) {
            b.addAttribute(c.toAttribute());
        }
        return b.build();
    }

    /**
     * Applies the answer's section to our offered one.
     *
     * @return the stream, or null when the answer refused it (port 0) or agreed no codec we offered
     */
    static NegotiatedMedia apply(SessionDescription offer, SessionDescription answer, int index, MediaCapabilities caps) {
        MediaDescription ours = offer.media().get(index);
        MediaDescription theirs = answer.media().get(index);
        if (theirs.port() == 0) {
            return null;
        }
        if (!theirs.proto().equalsIgnoreCase(ours.proto())) {
            throw new IllegalArgumentException("the answer's media description " + index + " uses " + theirs.proto()
                    + " but the offer used " + ours.proto() + " (RFC 3264 6.1)");
        }
        List<PayloadFormat> send = new ArrayList<>();
        List<PayloadFormat> receive = new ArrayList<>();
        TelephoneEvents events = null;
        for (int pt : theirs.payloadTypes()) {
            Optional<PayloadFormat> f = theirs.format(pt);
            if (f.isEmpty()) {
                continue;
            }
            PayloadFormat mine = null;
            for (int opt : ours.payloadTypes()) {
                Optional<PayloadFormat> o = ours.format(opt);
                if (o.isPresent() && o.get().sameEncoding(f.get().encodingName(), f.get().clockRate(), f.get().channels())) {
                    mine = o.get();
                    break;
                }
            }
            if (mine == null) {
                continue; // the peer answered a format we never offered: ignore it
            }
            send.add(f.get());
            receive.add(mine);
            if (f.get().isTelephoneEvent() && caps.telephoneEvents() != null && events == null) {
                events = Answerer.events(f.get().fmtp()).intersect(caps.telephoneEvents());
            }
        }
        if (send.stream().noneMatch(PayloadFormat::isCodec)) {
            return null;
        }
        Direction offered = offer.direction(ours);
        Direction direction = offered.and(answer.direction(theirs).reverse());
        boolean mux = caps.rtcpMux() && ours.rtcpMux() && theirs.rtcpMux();
        Crypto localCrypto = null;
        List<Crypto> remoteCryptos = theirs.cryptos();
        if (!remoteCryptos.isEmpty()) {
            for (Crypto c : ours.cryptos()) {
                if (c.tag() == remoteCryptos.get(0).tag()) {
                    localCrypto = c;
                }
            }
        }
        return Legs.negotiated(index, answer, theirs, direction, mux, Answerer.map(send), Answerer.map(receive), caps,
                events, localCrypto);
    }
}
