package io.voxcore.cli;

import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import io.voxcore.media.session.MediaSessionConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Locale;

/**
 * The session configuration of one leg of {@code voxcore relay}. A leg of a static codec (PCMU,
 * PCMA, G.722) is configured by hand. An Opus leg, whose payload type is dynamic, is configured
 * through SDP, as {@code send} and {@code receive} do: the party is described as it would describe
 * itself ({@link SendSdp}: {@code opus/48000/2} with {@code sprop-stereo=0}, read as mono by
 * {@link OpusChannels}, {@code telephone-event/48000}, 20 ms, but {@code sendrecv}) and that
 * description is answered with the tool's codecs. A declarative description
 * ({@link io.voxcore.media.sdp.DeclarativeSdp}) would not do here: it states a one-way stream,
 * and a relay leg both sends and receives. A party not named ({@code --a}/{@code --b} left out)
 * is described at the unspecified address, which the session reads as "latch to the first
 * source", as a leg configured by hand without a remote does.
 */
final class RelayLegs {

    /** The packet duration of an Opus leg: the relay does not re-frame, and the 8 kHz legs send 20 ms. */
    static final int OPUS_PTIME_MILLIS = 20;

    private RelayLegs() {
    }

    /**
     * Checks one leg's options and configures its session.
     *
     * @param leg "a" or "b", for the option names and messages
     * @param local where the leg binds
     * @param remote the party's address, or null to latch to the first source
     * @param codec the party's codec
     * @param payloadType the {@code --a-pt}/{@code --b-pt} value, or null when not given
     * @param eventPayloadType the telephone-event payload type
     * @return the configuration
     * @throws IllegalArgumentException naming the leg and the offending value
     */
    static MediaSessionConfig config(String leg, InetSocketAddress local, InetSocketAddress remote, Codec codec,
            Integer payloadType, int eventPayloadType) {
        String name = "leg " + leg.toUpperCase(Locale.ROOT) + ": ";
        int pt;
        try {
            pt = Codec.payloadType("--" + leg + "-pt", codec, payloadType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + e.getMessage(), e);
        }
        if (codec.dynamic() && pt == eventPayloadType) {
            throw new IllegalArgumentException(name + "--" + leg + "-pt " + pt + " and --" + leg + "-event-pt "
                    + eventPayloadType + " must differ: one payload type names one format");
        }
        try {
            MediaSessionConfig.Builder b = MediaSessionConfig.builder().localAddress(local);
            if (codec.dynamic()) {
                b.negotiated(negotiated(local, remote, codec, pt, eventPayloadType));
            } else {
                b.remoteAddress(remote).payloadType(pt).telephoneEventPayloadType(eventPayloadType);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + e.getMessage(), e);
        }
    }

    /**
     * How the leg is printed on start.
     *
     * @param codec the codec
     * @param payloadType the {@code --a-pt}/{@code --b-pt} value, or null
     * @param eventPayloadType the telephone-event payload type
     * @return e.g. "PCMU, events PT 101" or "opus PT 111 mono 48000 Hz, events PT 101 at 48000 Hz"
     */
    static String describe(Codec codec, Integer payloadType, int eventPayloadType) {
        if (!codec.dynamic()) {
            return codec + ", events PT " + eventPayloadType;
        }
        int pt = payloadType == null ? Codec.DEFAULT_OPUS_PAYLOAD_TYPE : payloadType;
        return codec.sdpName() + " PT " + pt + " mono " + codec.clockRate() + " Hz, events PT " + eventPayloadType
                + " at " + codec.clockRate() + " Hz";
    }

    private static NegotiatedMedia negotiated(InetSocketAddress local, InetSocketAddress remote, Codec codec, int pt,
            int eventPayloadType) {
        InetSocketAddress party = remote != null ? remote : new InetSocketAddress(unspecified(local), 9);
        SessionDescription described = SendSdp.describe(party, codec, pt, OPUS_PTIME_MILLIS, eventPayloadType,
                System.currentTimeMillis() / 1000, null, codec.sampleRate(), "sendrecv");
        MediaCapabilities.Builder caps = MediaCapabilities.builder();
        MediaCapabilities.defaults().codecs().forEach(caps::codec);
        // The port only names our side in the answer, which nobody reads (9, discard, for an ephemeral one).
        InetSocketAddress named = local.getPort() == 0 ? new InetSocketAddress(local.getAddress(), 9) : local;
        return OfferAnswer.create(OpusChannels.withWideband(caps), named)
                .answer(OpusChannels.asDecoded(described, new ArrayList<>())).audio()
                .orElseThrow(() -> new IllegalArgumentException("no " + codec.sdpName() + " stream agreed with "
                        + described.write().replace("\r\n", " ")));
    }

    private static InetAddress unspecified(InetSocketAddress local) {
        try {
            return InetAddress.getByName(local.getAddress() instanceof Inet6Address ? "::" : "0.0.0.0");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a literal is never looked up
        }
    }
}
