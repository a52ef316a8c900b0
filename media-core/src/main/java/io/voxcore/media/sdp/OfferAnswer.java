package io.voxcore.media.sdp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The RFC 3264 offer/answer state of one leg (one SIP dialog's media): makes offers, answers
 * offers and applies answers, and keeps what RFC 3264 8 asks across re-offers (the origin's
 * session id, a version that grows by one with each changed description, the order of
 * {@code m=} lines, the payload type numbers already agreed).
 *
 * <pre>{@code
 * OfferAnswer leg = OfferAnswer.create(MediaCapabilities.defaults(), new InetSocketAddress("192.0.2.10", 40000));
 * Negotiation n = leg.answer(SessionDescription.parse(inviteBody));   // we are called
 * String answerBody = n.local().write();                               // into the 200 OK
 * NegotiatedMedia audio = n.audio().orElseThrow();                     // create the session from it
 * leg.direction(Direction.SENDONLY);                                   // hold
 * String reInvite = leg.createOffer().write();
 * }</pre>
 *
 * <p>We serve one audio stream per leg: the first audio section of an offer we can serve. Every
 * other section (video, a second audio stream, {@code RTP/SAVP} without an {@link SrtpPolicy},
 * an unknown transport, no common codec) is refused with port 0, never dropped (RFC 3264 6).
 * Not thread-safe: use it from the thread that handles the leg's signalling.
 */
public final class OfferAnswer {

    private final MediaCapabilities caps;
    private final String username;
    private final String sessionId;
    private final String sessionName;
    private InetSocketAddress localAddress;
    private Direction direction = Direction.SENDRECV;
    private long version;
    private SessionDescription lastLocal;
    private SessionDescription pendingOffer;
    private Negotiation current;

    private OfferAnswer(MediaCapabilities caps, InetSocketAddress localAddress, String username, String sessionId,
            long version, String sessionName) {
        this.caps = Objects.requireNonNull(caps, "caps");
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
        this.username = Tokens.require(username, "username");
        this.sessionId = Tokens.require(sessionId, "sessionId");
        if (version < 0) {
            throw new IllegalArgumentException("origin version must not be negative, got " + version);
        }
        this.version = version;
        this.sessionName = Tokens.requireTrimmed(sessionName, "sessionName");
    }

    /**
     * A leg with a random session id (and the same number as first version), user name {@code -}
     * and session name {@code -}.
     *
     * @param caps what we can do
     * @param localAddress where we receive RTP: the address written in {@code c=} and the port in
     *     {@code m=} (an unresolved address is written by its host name)
     * @return the leg
     */
    public static OfferAnswer create(MediaCapabilities caps, InetSocketAddress localAddress) {
        long id = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        return new OfferAnswer(caps, localAddress, "-", Long.toString(id), id, "-");
    }

    /**
     * A leg with a given origin, as a SIP stack that manages its own origin values wants.
     *
     * @param caps what we can do
     * @param localAddress where we receive RTP
     * @param username the origin user name
     * @param sessionId the origin session id
     * @param firstVersion the version of our first description
     * @param sessionName the {@code s=} text
     * @return the leg
     */
    public static OfferAnswer create(MediaCapabilities caps, InetSocketAddress localAddress, String username,
            String sessionId, long firstVersion, String sessionName) {
        return new OfferAnswer(caps, localAddress, username, sessionId, firstVersion, sessionName);
    }

    /**
     * Changes where we receive RTP; the next offer or answer carries it.
     *
     * @param value the new local RTP address
     */
    public void localAddress(InetSocketAddress value) {
        localAddress = Objects.requireNonNull(value, "localAddress");
    }

    /**
     * Sets what we want to do: {@link Direction#SENDONLY} or {@link Direction#INACTIVE} to hold
     * the peer, {@link Direction#SENDRECV} to resume. The next offer or answer carries it.
     *
     * @param value our direction
     */
    public void direction(Direction value) {
        direction = Objects.requireNonNull(value, "direction");
    }

    /**
     * The last completed negotiation.
     *
     * @return the negotiation, or null before the first one
     */
    public Negotiation current() {
        return current;
    }

    /**
     * Makes an offer (RFC 3264 5): one audio section with our formats, or, on a re-offer, the
     * previous sections in their order with our audio section renewed and the others at port 0.
     * The offer stays pending until {@link #applyAnswer(SessionDescription)}.
     *
     * @return our offer
     */
    public SessionDescription createOffer() {
        List<PayloadFormat> formats = Offerer.formats(caps,
                current == null || current.audio().isEmpty() ? null : current.audio().get().receivePayloadTypes());
        List<Crypto> cryptos = caps.srtp() == null ? List.of() : caps.srtp().offer();
        MediaDescription audio = Offerer.section(formats, caps, localAddress.getPort(), direction, cryptos);
        List<MediaDescription> sections = new ArrayList<>();
        int audioIndex = current == null || current.audio().isEmpty() ? -1 : current.audio().get().mediaIndex();
        if (lastLocal == null || lastLocal.media().isEmpty()) {
            sections.add(audio);
        } else {
            for (int i = 0; i < lastLocal.media().size(); i++) {
                MediaDescription previous = lastLocal.media().get(i);
                boolean isAudio = audioIndex == i || (audioIndex < 0 && previous.media().equalsIgnoreCase("audio")
                        && sections.stream().noneMatch(s -> s.port() != 0));
                sections.add(isAudio ? audio : Answerer.refuse(previous));
            }
        }
        SessionDescription offer = finish(sections);
        pendingOffer = offer;
        return offer;
    }

    /**
     * Applies the peer's answer to our pending offer (RFC 3264 7).
     *
     * @param answer the answer
     * @return the negotiation
     * @throws IllegalStateException when no offer is pending
     * @throws IllegalArgumentException when the answer does not fit the offer (another number of
     *     {@code m=} lines, another transport)
     */
    public Negotiation applyAnswer(SessionDescription answer) {
        Objects.requireNonNull(answer, "answer");
        if (pendingOffer == null) {
            throw new IllegalStateException("no offer is pending: call createOffer() before applyAnswer()");
        }
        if (answer.media().size() != pendingOffer.media().size()) {
            throw new IllegalArgumentException("the answer has " + answer.media().size()
                    + " media descriptions but the offer had " + pendingOffer.media().size() + " (RFC 3264 6)");
        }
        List<NegotiatedMedia> media = new ArrayList<>();
        for (int i = 0; i < answer.media().size(); i++) {
            if (pendingOffer.media().get(i).port() != 0) {
                NegotiatedMedia n = Offerer.apply(pendingOffer, answer, i, caps);
                if (n != null) {
                    media.add(n);
                }
            }
        }
        current = new Negotiation(pendingOffer, answer, media);
        pendingOffer = null;
        return current;
    }

    /**
     * Answers the peer's offer (RFC 3264 6). Any offer of ours still pending is dropped.
     *
     * @param offer the offer
     * @return the negotiation: our answer in {@link Negotiation#local()}
     */
    public Negotiation answer(SessionDescription offer) {
        Objects.requireNonNull(offer, "offer");
        pendingOffer = null;
        List<MediaDescription> sections = new ArrayList<>();
        List<NegotiatedMedia> media = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            Answerer.Result r = Answerer.answer(offer, i, caps, localAddress.getPort(), direction, !media.isEmpty());
            sections.add(r.answer());
            if (r.media() != null) {
                media.add(r.media());
            }
        }
        SessionDescription answer = finish(sections);
        current = new Negotiation(answer, offer, media);
        return current;
    }

    /** Our description with the origin version of RFC 3264 8: the same when nothing changed, else one more. */
    private SessionDescription finish(List<MediaDescription> sections) {
        String host = Addresses.text(localAddress);
        Connection c = Connection.of(host);
        SessionDescription.Builder b = SessionDescription.builder(new Origin(username, sessionId, version, c))
                .sessionName(sessionName).connection(c);
        sections.forEach(b::addMedia);
        SessionDescription candidate = b.build();
        if (lastLocal != null && !candidate.withVersion(lastLocal.origin().sessionVersion()).equals(lastLocal)) {
            version = lastLocal.origin().sessionVersion() + 1;
            candidate = candidate.withVersion(version);
        } else if (lastLocal != null) {
            candidate = lastLocal;
        }
        lastLocal = candidate;
        return candidate;
    }
}
