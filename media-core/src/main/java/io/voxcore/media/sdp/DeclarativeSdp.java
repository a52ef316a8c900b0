package io.voxcore.media.sdp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Declarative SDP (RFC 8866 section 3): a description that states a stream rather than offers
 * one, such as the file {@code ffmpeg -sdp_file} writes for the RTP it sends and {@code ffplay}
 * reads to receive it. Its {@code c=} address and {@code m=} port are where the stream is sent,
 * that is where its receiver listens; there is no answer and no way back to the sender.
 *
 * <pre>{@code
 * SessionDescription file = SessionDescription.parse(Files.readAllBytes(Path.of("stream.sdp")));
 * NegotiatedMedia audio = DeclarativeSdp.receiving(file, MediaCapabilities.defaults());
 * MediaDescription m = file.media().get(audio.mediaIndex());
 * InetAddress host = InetAddress.getByName(file.connection(m).orElseThrow().host());
 * MediaSession session = engine.createSession(MediaSessionConfig.builder()
 *         .localAddress(new InetSocketAddress(host, m.port())).negotiated(audio).build());
 * }</pre>
 */
public final class DeclarativeSdp {

    private DeclarativeSdp() {
    }

    /**
     * Receives the stream a declarative description states: its first audio section on an RTP
     * profile we can serve ({@code RTP/AVP}, {@code RTP/AVPF}; {@code RTP/SAVP} only with an
     * {@link SrtpPolicy}) with a non-zero port and a connection address.
     *
     * <p>Accepted for receipt ({@link NegotiatedMedia#receivePayloadTypes()}, under the file's own
     * numbers): the section's first codec that {@code caps} has, every later codec {@code caps}
     * has at that codec's clock rate and channel count (a session carries one rate), and, at that
     * rate, the telephone-event formats (the events both sides know) and comfort noise, when
     * {@code caps} has them. Every other payload type is not part of the result: a caller that
     * names what it cannot decode compares the section's {@link MediaDescription#payloadTypes()}
     * with the result's keys.
     *
     * <p>There is no peer to send to, and this is not hidden: the direction is
     * {@link Direction#RECVONLY} whatever the file says (a direction attribute there is the
     * sender's), {@link NegotiatedMedia#sendPayloadTypes()} is empty, and the remote RTP and RTCP
     * addresses are the unspecified address of the {@code c=} line's family with port 0, which a
     * session reads as "nobody to send to" (RFC 3264 8.4). A session made from it sends no RTP,
     * takes the first source that sends a payload type accepted here, and sends its RTCP receiver
     * reports to that source's port plus one (RFC 3550 11), or to its port with rtcp-mux (when the
     * file carries {@code a=rtcp-mux} and {@code caps} accepts it). {@link NegotiatedMedia#sendCodec()}
     * is the first accepted codec: it sets the session's clock, nothing is sent with it. The ptime
     * is the file's {@code a=ptime}, else {@code caps}'s, else 20 ms.
     *
     * <p>SRTP: when the section carries {@code a=crypto} lines (on {@code RTP/SAVP}, or on
     * {@code RTP/AVP} as ffmpeg writes them, RFC 8643), they are the sender's keys: the result's
     * {@link NegotiatedMedia#remoteCryptos()} holds them, and {@link NegotiatedMedia#localCrypto()}
     * is {@code caps}'s {@link SrtpPolicy} answer to them (same tag and suite, a fresh key, which
     * protects only the RTCP the receiver sends), so a session made from it decrypts the stream.
     * Without an {@code SrtpPolicy} in {@code caps} such a section is refused: its payload could
     * not be read.
     *
     * @param description the declarative description, e.g. from {@code ffmpeg -sdp_file}
     * @param caps the codecs, telephone events and comfort noise we decode
     * @return the stream to receive; {@link NegotiatedMedia#mediaIndex()} names its {@code m=} line
     * @throws IllegalArgumentException when no section can be received, naming every section and
     *     why (not audio, port 0, transport, no connection address, no codec {@code caps} has)
     */
    public static NegotiatedMedia receiving(SessionDescription description, MediaCapabilities caps) {
        java.util.Objects.requireNonNull(description, "description");
        java.util.Objects.requireNonNull(caps, "caps");
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < description.media().size(); i++) {
            MediaDescription m = description.media().get(i);
            String why = unusable(description, m, caps);
            if (why == null) {
                NegotiatedMedia media = receive(description, i, m, caps);
                if (media != null) {
                    return media;
                }
                why = "no payload type of " + m.formats() + " is a codec we have (" + codecNames(caps) + ")";
            }
            refused.add("m=" + m.media() + " " + m.port() + " " + m.proto() + ": " + why);
        }
        throw new IllegalArgumentException("the description states no audio stream we can receive"
                + (refused.isEmpty() ? ": it has no m= line" : ": " + String.join("; ", refused)));
    }

    private static String unusable(SessionDescription description, MediaDescription m, MediaCapabilities caps) {
        if (!m.media().equalsIgnoreCase("audio")) {
            return "not audio";
        }
        if (m.port() == 0) {
            return "port 0 (a refused or disabled stream)";
        }
        if (!Answerer.acceptableProto(m.proto(), caps)) {
            return Answerer.isSecure(m.proto()) ? "SRTP needs an SrtpPolicy in the capabilities"
                    : "not an RTP profile we receive (RTP/AVP, RTP/AVPF)";
        }
        if (!m.cryptos().isEmpty() && caps.srtp() == null) {
            return "it carries a=crypto (SRTP) and the capabilities have no SrtpPolicy to decrypt with";
        }
        if (description.connection(m).isEmpty()) {
            return "no c= line at either level";
        }
        return null;
    }

    private static NegotiatedMedia receive(SessionDescription description, int index, MediaDescription m,
            MediaCapabilities caps) {
        PayloadFormat first = null;
        Map<Integer, PayloadFormat> receive = new LinkedHashMap<>();
        for (int pt : m.payloadTypes()) {
            Optional<PayloadFormat> f = m.format(pt);
            if (f.isEmpty() || !f.get().isCodec()) {
                continue;
            }
            CodecCapability c = caps.match(f.get());
            if (c == null || first != null && (c.clockRate() != first.clockRate() || c.channels() != first.channels())) {
                continue;
            }
            PayloadFormat ours = c.format(pt);
            first = first == null ? ours : first;
            receive.putIfAbsent(pt, ours);
        }
        if (first == null) {
            return null;
        }
        TelephoneEvents events = null;
        for (int pt : m.payloadTypes()) {
            Optional<PayloadFormat> f = m.format(pt);
            if (f.isEmpty() || f.get().clockRate() != first.clockRate() || receive.containsKey(pt)) {
                continue;
            }
            if (f.get().isTelephoneEvent() && caps.telephoneEvents() != null) {
                TelephoneEvents common = Answerer.events(f.get().fmtp()).intersect(caps.telephoneEvents());
                if (!common.isEmpty()) {
                    events = events == null ? common : events;
                    receive.put(pt, new PayloadFormat(pt, f.get().encodingName(), f.get().clockRate(), 1,
                            common.toString()));
                }
            } else if (f.get().isComfortNoise() && caps.comfortNoise()) {
                receive.put(pt, f.get());
            }
        }
        Connection c = description.connection(m).orElseThrow();
        String nobody = c.addrType().equalsIgnoreCase("IP6") ? "::" : "0.0.0.0";
        InetSocketAddress none = Addresses.of(nobody, 0);
        int maxPtime = m.maxptime().orElse(0);
        int ptime = m.ptime().orElse(caps.ptime() > 0 ? caps.ptime() : 20);
        if (maxPtime > 0 && ptime > maxPtime) {
            ptime = maxPtime;
        }
        Crypto local = null;
        if (!m.cryptos().isEmpty() && caps.srtp() != null) {
            // The sender's key is in the file (RTP/SAVP, or RTP/AVP with a=crypto as ffmpeg writes it,
            // RFC 8643): decrypt with it; our own line (same tag and suite, a fresh key) protects
            // only the RTCP we send back.
            local = caps.srtp().answer(m.cryptos()).orElseThrow(() -> new IllegalArgumentException(
                    "the description's a=crypto lines offer no suite we support: " + m.cryptos()));
        }
        return new NegotiatedMedia(index, m.proto(), Direction.RECVONLY, none, none, caps.rtcpMux() && m.rtcpMux(),
                first, Map.of(), receive, ptime, maxPtime, events, m.cryptos(), local);
    }

    /**
     * Sends the stream a declarative description states, as the sender that wrote it (the file
     * {@code voxcore send --sdp-out} or {@code ffmpeg -sdp_file} writes): to its {@code c=} address
     * and {@code m=} port, with its first codec {@code caps} has, under the file's numbers, plus
     * its telephone-event type at that rate when there is one. The direction is
     * {@link Direction#SENDONLY}; nothing is accepted for receipt. When the section carries an
     * {@code a=crypto} line, the first is the stream's key: the session protects with it, and
     * reads the RTCP a receiver sends back with the same key (a one-way stream has one key).
     *
     * @param description the declarative description
     * @param caps the codecs we may send
     * @return the stream to send
     * @throws IllegalArgumentException when no audio section can be sent, naming why
     */
    public static NegotiatedMedia sending(SessionDescription description, MediaCapabilities caps) {
        java.util.Objects.requireNonNull(description, "description");
        java.util.Objects.requireNonNull(caps, "caps");
        for (int i = 0; i < description.media().size(); i++) {
            MediaDescription m = description.media().get(i);
            if (!m.media().equalsIgnoreCase("audio") || m.port() == 0 || description.connection(m).isEmpty()) {
                continue;
            }
            PayloadFormat codec = null;
            for (int pt : m.payloadTypes()) {
                Optional<PayloadFormat> f = m.format(pt);
                if (f.isPresent() && f.get().isCodec() && caps.match(f.get()) != null) {
                    codec = f.get();
                    break;
                }
            }
            if (codec == null) {
                continue;
            }
            Map<Integer, PayloadFormat> send = new LinkedHashMap<>();
            send.put(codec.payloadType(), codec);
            TelephoneEvents events = null;
            for (int pt : m.payloadTypes()) {
                Optional<PayloadFormat> f = m.format(pt);
                if (f.isPresent() && f.get().isTelephoneEvent() && f.get().clockRate() == codec.clockRate()) {
                    send.put(pt, f.get());
                    events = Answerer.events(f.get().fmtp());
                    break;
                }
            }
            Connection c = description.connection(m).orElseThrow();
            InetSocketAddress to = Addresses.of(c.host(), m.port());
            InetSocketAddress rtcp = m.rtcpMux() ? to : Addresses.of(c.host(), m.port() + 1);
            int ptime = m.ptime().orElse(caps.ptime() > 0 ? caps.ptime() : 20);
            Crypto key = m.cryptos().isEmpty() ? null : m.cryptos().get(0);
            return new NegotiatedMedia(i, m.proto(), Direction.SENDONLY, to, rtcp, m.rtcpMux(), codec, send, Map.of(),
                    ptime, m.maxptime().orElse(0), events, key == null ? List.of() : List.of(key), key);
        }
        throw new IllegalArgumentException("the description states no audio stream we can send (an audio m= line "
                + "with a port, a connection address and a codec of " + codecNames(caps) + ")");
    }

    private static String codecNames(MediaCapabilities caps) {
        List<String> names = new ArrayList<>();
        for (CodecCapability c : caps.codecs()) {
            names.add(c.encodingName() + "/" + c.clockRate() + (c.channels() == 1 ? "" : "/" + c.channels()));
        }
        return String.join(", ", names);
    }
}
