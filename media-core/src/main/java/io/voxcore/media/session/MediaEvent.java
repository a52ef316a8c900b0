package io.voxcore.media.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Something that happened to a session's media that signalling may want to act on: a dead call
 * to hang up, a peer that moved or restarted, a codec change. Delivered to a
 * {@link MediaEventListener} on the session's I/O thread.
 */
public sealed interface MediaEvent permits MediaEvent.RtpTimeout, MediaEvent.SourceChanged,
        MediaEvent.SsrcChanged, MediaEvent.ByeReceived, MediaEvent.CodecChanged {

    /**
     * No RTP arrived for the configured time while the negotiated direction expects media
     * ({@link MediaSessionConfig#rtpTimeoutMillis()}): the peer is probably gone, and a SIP
     * server usually ends the call (as rtpengine's timeout does). Reported once per silence;
     * media arriving again re-arms it.
     *
     * @param silence how long nothing has arrived
     */
    record RtpTimeout(Duration silence) implements MediaEvent {
        /**
         * Checks the value.
         *
         * @param silence not null
         */
        public RtpTimeout {
            Objects.requireNonNull(silence, "silence");
        }
    }

    /**
     * Media now comes from (and is sent to) another address: a NAT rebinding followed in
     * {@link NatMode#SYMMETRIC}, a re-latch to a restarted peer, or the first packet's source
     * when it differs from the signalled address.
     *
     * @param previous the address before, or null if none was known
     * @param current the address now
     */
    record SourceChanged(InetSocketAddress previous, InetSocketAddress current) implements MediaEvent {
        /**
         * Checks the value.
         *
         * @param previous may be null
         * @param current not null
         */
        public SourceChanged {
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * The peer's SSRC changed: a new SSRC took over after the old one fell silent (a restarted
     * peer, a transfer). Reception statistics start again for it.
     *
     * @param previous the SSRC before
     * @param current the SSRC now
     */
    record SsrcChanged(long previous, long current) implements MediaEvent {
    }

    /**
     * The peer sent an RTCP BYE for the source this session receives (RFC 3550 6.6): it left.
     *
     * @param ssrc the source that left
     */
    record ByeReceived(long ssrc) implements MediaEvent {
    }

    /**
     * The codec changed: the peer switched to another negotiated payload type (RFC 3264 5.1
     * allows it at any packet), or {@link MediaSession#update} changed what this session sends.
     *
     * @param sending true for what this session sends, false for what it receives
     * @param payloadType the payload type now in use
     * @param encoding its encoding, as SDP names it ("PCMA/8000/1")
     */
    record CodecChanged(boolean sending, int payloadType, String encoding) implements MediaEvent {
        /**
         * Checks the value.
         *
         * @param sending direction
         * @param payloadType the payload type
         * @param encoding not null
         */
        public CodecChanged {
            Objects.requireNonNull(encoding, "encoding");
        }
    }
}
