package io.voxcore.cli;

import io.voxcore.media.sdp.Attribute;
import io.voxcore.media.sdp.Connection;
import io.voxcore.media.sdp.Fmtp;
import io.voxcore.media.sdp.MediaDescription;
import io.voxcore.media.sdp.Origin;
import io.voxcore.media.sdp.Rtpmap;
import io.voxcore.media.sdp.SessionDescription;
import io.voxcore.media.sdp.TelephoneEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The SDP file {@code voxcore send --sdp-out} writes: a declarative description of the stream it
 * sends, as {@code ffmpeg -sdp_file} writes one, which {@code ffmpeg -i FILE}, {@code ffplay FILE}
 * and {@code voxcore receive --sdp FILE} receive. {@code c=} and {@code m=} name the destination
 * (where the receiver listens); {@code a=sendonly} says the sender expects nothing back.
 */
final class SendSdp {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970), for the origin's session id. */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private SendSdp() {
    }

    /**
     * Describes a stream.
     *
     * @param to the destination
     * @param codec the codec sent
     * @param ptimeMillis the packet duration
     * @param eventPayloadType the telephone-event payload type when DTMF is sent, else -1
     * @param unixSeconds the time the description is made, for the origin's session id (RFC 8866
     *     5.2 suggests an NTP timestamp)
     * @return the description
     */
    static SessionDescription describe(InetSocketAddress to, Codec codec, int ptimeMillis, int eventPayloadType,
            long unixSeconds) {
        return describe(to, codec, ptimeMillis, eventPayloadType, unixSeconds, null);
    }

    /**
     * As {@link #describe(InetSocketAddress, Codec, int, int, long)}, for an SRTP stream when
     * {@code crypto} is given: {@code RTP/SAVP} with the stream's key as {@code a=crypto}.
     *
     * @param to the destination
     * @param codec the codec, with a static payload type
     * @param ptimeMillis packet duration
     * @param eventPayloadType the telephone-event payload type, or -1 for none
     * @param unixSeconds now, for the origin's session id and version
     * @param crypto the {@code a=crypto} value with the key, or null for plain RTP
     * @return the description
     */
    static SessionDescription describe(InetSocketAddress to, Codec codec, int ptimeMillis, int eventPayloadType,
            long unixSeconds, String crypto) {
        return describe(to, codec, codec.payloadType(), ptimeMillis, eventPayloadType, unixSeconds, crypto,
                codec.sampleRate());
    }

    /**
     * Describes a stream of any codec under the payload type given. For Opus (RFC 7587 7) the
     * rtpmap is {@code opus/48000/2} whatever is sent, and an fmtp line says what is: mono
     * ({@code sprop-stereo=0}, the tool reads mono WAV files only) captured at
     * {@code captureRate} ({@code sprop-maxcapturerate}, the WAV file's rate before resampling,
     * which tells a receiver the audio's real bandwidth). Telephone events run on the codec's
     * RTP clock (RFC 4733 2.1: {@code telephone-event/48000} beside Opus).
     *
     * @param to the destination
     * @param codec the codec
     * @param payloadType its payload type: the static one, or the dynamic one chosen (96-127)
     * @param ptimeMillis packet duration
     * @param eventPayloadType the telephone-event payload type, or -1 for none
     * @param unixSeconds now, for the origin's session id and version
     * @param crypto the {@code a=crypto} value with the key, or null for plain RTP
     * @param captureRate the rate the audio was captured at, Hz (Opus's {@code sprop-maxcapturerate})
     * @return the description
     */
    static SessionDescription describe(InetSocketAddress to, Codec codec, int payloadType, int ptimeMillis,
            int eventPayloadType, long unixSeconds, String crypto, int captureRate) {
        return describe(to, codec, payloadType, ptimeMillis, eventPayloadType, unixSeconds, crypto, captureRate,
                "sendonly");
    }

    /**
     * As {@link #describe(InetSocketAddress, Codec, int, int, int, long, String, int)}, with the
     * direction attribute given: {@code sendrecv} describes a party that sends and receives there,
     * as {@code voxcore relay} reads each leg's party.
     *
     * @param to the party's address (the unspecified address for one not known yet)
     * @param codec the codec
     * @param payloadType its payload type
     * @param ptimeMillis packet duration
     * @param eventPayloadType the telephone-event payload type, or -1 for none
     * @param unixSeconds now, for the origin's session id and version
     * @param crypto the {@code a=crypto} value with the key, or null for plain RTP
     * @param captureRate the rate the audio was captured at, Hz
     * @param direction {@code sendonly} or {@code sendrecv}
     * @return the description
     */
    static SessionDescription describe(InetSocketAddress to, Codec codec, int payloadType, int ptimeMillis,
            int eventPayloadType, long unixSeconds, String crypto, int captureRate, String direction) {
        String host = text(to.getAddress());
        Connection c = Connection.of(host);
        long id = unixSeconds + NTP_UNIX_OFFSET;
        MediaDescription.Builder m = MediaDescription.builder("audio", to.getPort(), crypto == null ? "RTP/AVP" : "RTP/SAVP")
                .addFormat(payloadType);
        if (eventPayloadType >= 0) {
            m.addFormat(eventPayloadType);
        }
        if (codec == Codec.OPUS) {
            m.addAttribute(new Rtpmap(payloadType, codec.sdpName(), codec.clockRate(), 2).toAttribute());
            m.addAttribute(new Fmtp(payloadType, "sprop-maxcapturerate=" + captureRate + ";sprop-stereo=0")
                    .toAttribute());
        } else {
            m.addAttribute(new Rtpmap(payloadType, codec.sdpName(), codec.clockRate(), 1).toAttribute());
        }
        if (eventPayloadType >= 0) {
            m.addAttribute(new Rtpmap(eventPayloadType, "telephone-event", codec.clockRate(), 1).toAttribute());
            m.addAttribute(new Fmtp(eventPayloadType, TelephoneEvents.DTMF.toString()).toAttribute());
        }
        m.addAttribute(Attribute.of("ptime", Integer.toString(ptimeMillis)));
        m.addAttribute(Attribute.property(direction));
        if (crypto != null) {
            m.addAttribute(Attribute.of("crypto", crypto));
        }
        return SessionDescription.builder(new Origin("-", Long.toString(id), id, c)).sessionName("voxcore send")
                .connection(c).addAttribute(Attribute.of("tool", "voxcore")).addMedia(m.build()).build();
    }

    /**
     * An address as SDP text: IPv4 dotted, IPv6 in RFC 5952's short form ({@code ::1}, as ffmpeg
     * writes it), without a scope.
     *
     * @param address the address
     * @return the text
     */
    static String text(java.net.InetAddress address) {
        String full = address.getHostAddress().replaceFirst("%.*$", "");
        if (!(address instanceof java.net.Inet6Address)) {
            return full;
        }
        String[] groups = full.split(":"); // eight groups without leading zeros
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /**
     * Writes a description to a file whole: to a temporary file beside it, then moved over it,
     * so that a reader never sees half a file.
     *
     * @param file the file
     * @param sdp the description
     * @throws IOException when it cannot be written
     */
    static void write(Path file, SessionDescription sdp) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), ".voxcore-", ".sdp");
        try {
            Files.write(temporary, sdp.write().getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
