package io.voxcore.media.relay;

import io.voxcore.media.codec.CodecFactory;
import io.voxcore.media.codec.MediaCodecException;
import io.voxcore.media.codec.Transcoder;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.session.SessionFormats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How one direction of a relay treats each inbound payload type, for one pair of
 * {@link SessionFormats} (what the inbound leg accepts, what the outbound leg sends): forward,
 * convert in place, transcode, pass comfort noise, or drop. Made at set-up and again when either
 * leg's formats change, with every transcoding path it needs prepared, so the packets themselves
 * allocate nothing. Immutable but for the transcoder, which only the inbound I/O thread uses once
 * the route is published.
 */
final class RelayRoute {

    /** Not audio the inbound leg accepts (never reaches the relay), or a pair that cannot be transcoded. */
    static final byte UNTRANSCODABLE = 0;
    /** Same format (the payload type may differ): the payload bytes are forwarded as they are. */
    static final byte PASS = 1;
    /** PCMU to PCMA or back: converted in the receive buffer by the 256-entry table. */
    static final byte IN_PLACE = 2;
    /** Decoded, resampled, encoded into the direction's scratch buffer. */
    static final byte TRANSCODE = 3;
    /** Comfort noise, forwarded with the outbound leg's comfort-noise payload type. */
    static final byte NOISE = 4;

    /** The longest input payload a path is sized for (120 ms of 8 kHz G.711 is 960 bytes). */
    private static final int PAYLOAD_BYTES = 2048;
    /** The transcoded payload's room (a 120 ms Opus or 16-bit payload at 48 kHz stays well inside). */
    private static final int SCRATCH_BYTES = 8192;

    final SessionFormats in;
    final SessionFormats out;
    final Transcoder transcoder;
    final Transcoder.Format outFormat;
    final int outPayloadType;
    final int outEventPayloadType;
    final int outNoisePayloadType;
    /** The packet duration of the outbound leg, in its own clock's units. */
    final int outStep;
    private final byte[] modes = new byte[128];
    /**
     * Where transcoded payloads are written (8 KiB, direct), or null when no payload type of this
     * route transcodes (forwarding and the in-place G.711 table need none). Carried over from the
     * previous route when it had one.
     */
    ByteBuffer scratch;
    private final List<Transcoder.Format> pairs = new ArrayList<>();
    /**
     * The one encoder of the outbound format, shared by every path of this route (and by the next
     * route while the outbound format stays): when the peer switches codecs, the outbound stream
     * goes on from the same encoder state. Null until a path encodes.
     */
    private ZeroCopyCodecAdapter encoder;

    private RelayRoute(SessionFormats in, SessionFormats out, Transcoder transcoder) {
        this.in = in;
        this.out = out;
        this.transcoder = transcoder;
        this.outFormat = out.sendFormat();
        this.outPayloadType = out.sendPayloadType();
        this.outEventPayloadType = out.sendEventPayloadType();
        this.outNoisePayloadType = out.sendComfortNoisePayloadType();
        this.outStep = out.clockRate() * out.ptimeMillis() / 1000;
    }

    /**
     * Makes the route, preparing each transcoding path.
     *
     * @param in what the inbound leg accepts now
     * @param out what the outbound leg sends now
     * @param previous the route in use until now, or null: its transcoder (and the state of its
     *     codecs) is kept when it already holds every path the new route needs
     * @param strict whether a pair that cannot be transcoded is an error (set-up) rather than a
     *     payload type whose packets are dropped and counted (a later change)
     * @param owner whether this runs on the thread that uses {@code previous} (the inbound I/O
     *     thread): only there may its encoder be handed to new paths, whose set-up sizes the
     *     encoder's scratch
     * @return the route
     * @throws IllegalArgumentException in strict mode, naming both formats of a pair that cannot
     *     be transcoded
     */
    static RelayRoute build(SessionFormats in, SessionFormats out, RelayRoute previous, boolean strict,
            boolean owner) {
        List<Transcoder.Format> needed = new ArrayList<>();
        for (int pt = 0; pt < 128; pt++) {
            Transcoder.Format f = in.receiveFormat(pt);
            if (f != null && !f.equals(out.sendFormat()) && !needed.contains(f)) {
                needed.add(f);
            }
        }
        boolean reuse = previous != null && previous.outFormat.equals(out.sendFormat())
                && previous.pairs.containsAll(needed);
        RelayRoute route = new RelayRoute(in, out, reuse ? previous.transcoder : new Transcoder());
        if (previous != null && previous.outFormat.equals(route.outFormat) && (reuse || owner)) {
            route.encoder = previous.encoder; // the outbound stream goes on from the same encoder state
        }
        if (!reuse) {
            Transcoder.Format to = route.outFormat;
            route.transcoder.codecs(to, () -> { // within a direction the outbound format is only ever encoded to
                if (route.encoder == null) {
                    route.encoder = CodecFactory.createZeroCopy(to.encoding(), to.clockRate(), to.channels());
                }
                return route.encoder;
            });
        }
        for (int pt = 0; pt < 128; pt++) {
            Transcoder.Format f = in.receiveFormat(pt);
            if (f == null) {
                route.modes[pt] = in.receivesComfortNoise(pt) && route.outNoisePayloadType >= 0 ? NOISE : UNTRANSCODABLE;
                continue;
            }
            if (f.equals(route.outFormat)) {
                route.modes[pt] = PASS;
                continue;
            }
            if (!reuse && !route.pairs.contains(f)) {
                try {
                    route.transcoder.prepare(f, route.outFormat, PAYLOAD_BYTES); // paths made now, not on a packet
                } catch (MediaCodecException e) {
                    if (strict) {
                        throw new IllegalArgumentException("cannot relay " + f + " (payload type " + pt + ") to "
                                + route.outFormat + ": " + e.getMessage(), e);
                    }
                    continue; // stays UNTRANSCODABLE: its packets are counted and dropped
                }
            }
            route.pairs.add(f);
            route.modes[pt] = g711(f) && g711(route.outFormat) && f.clockRate() == route.outFormat.clockRate()
                    && f.channels() == route.outFormat.channels() ? IN_PLACE : TRANSCODE;
        }
        if (route.transcodes()) {
            route.scratch = previous != null && previous.scratch != null ? previous.scratch
                    : ByteBuffer.allocateDirect(SCRATCH_BYTES);
        }
        return route;
    }

    private static boolean g711(Transcoder.Format f) {
        return f.encoding().equalsIgnoreCase("PCMU") || f.encoding().equalsIgnoreCase("PCMA");
    }

    /**
     * What to do with an inbound payload type.
     *
     * @param payloadType 0-127
     * @return one of the constants above
     */
    byte mode(int payloadType) {
        return modes[payloadType];
    }

    /**
     * The inbound format of an audio payload type, the instance its path was prepared with.
     *
     * @param payloadType 0-127
     * @return the format, or null when not audio
     */
    Transcoder.Format format(int payloadType) {
        return in.receiveFormat(payloadType); // the inbound formats' own instance, as prepared
    }

    /** {@return whether some payload type needs the scratch buffer} */
    boolean transcodes() {
        for (byte m : modes) {
            if (m == TRANSCODE) {
                return true;
            }
        }
        return false;
    }
}
