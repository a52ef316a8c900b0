package io.voxcore.cli;

import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.DeclarativeSdp;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.MediaDescription;
import io.voxcore.media.sdp.NegotiatedMedia;
import io.voxcore.media.sdp.PayloadFormat;
import io.voxcore.media.sdp.SessionDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stream an SDP file states, as {@code voxcore receive --sdp} receives it: where to listen
 * (the file's connection address when it is one of this machine's, else the wildcard address of
 * its family, on the first receivable audio port) and what to decode ({@link DeclarativeSdp}):
 * media-core's default codecs, G.722, and Opus at 48 kHz, mono unless the file says
 * {@code sprop-stereo=1}.
 *
 * @param bind where to listen
 * @param connectionAddress the file's connection address, resolved
 * @param wildcard whether {@code bind} is the wildcard address because the connection address is
 *     not local
 * @param media the stream to receive
 * @param decoded the payload types decoded, for the screen
 * @param undecodable one line per payload type the file maps that is not decoded, with the reason
 * @param mono the Opus payload types decoded to mono because the file has no {@code sprop-stereo=1}
 *     for them ({@link OpusChannels})
 */
record SdpStream(InetSocketAddress bind, InetAddress connectionAddress, boolean wildcard, NegotiatedMedia media,
        String decoded, List<String> undecodable, List<Integer> mono) {

    /**
     * Reads and interprets an SDP file.
     *
     * @param file the file
     * @return the stream
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not SDP, states no audio stream this jar can
     *     decode, names an unknown host, or a multicast address
     */
    static SdpStream read(Path file) throws IOException {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        // with SDES, so that a file carrying the sender's a=crypto key (RTP/SAVP, or RTP/AVP as ffmpeg
        // writes it) is decrypted with it
        MediaCapabilities.Builder withSdes = MediaCapabilities.builder().srtp(io.voxcore.media.srtp.SdesPolicy.defaults());
        MediaCapabilities.defaults().codecs().forEach(withSdes::codec);
        MediaCapabilities caps = OpusChannels.withWideband(withSdes);
        List<Integer> mono = new ArrayList<>();
        sdp = OpusChannels.asDecoded(sdp, mono);
        NegotiatedMedia media;
        try {
            media = DeclarativeSdp.receiving(sdp, caps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        MediaDescription m = sdp.media().get(media.mediaIndex());
        String host = sdp.connection(m).orElseThrow().host();
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(file + ": the connection address " + host + " is an unknown host", e);
        }
        if (address.isMulticastAddress()) {
            throw new IllegalArgumentException(file + ": the connection address " + host
                    + " is multicast, which voxcore does not join yet");
        }
        boolean local = isLocal(address);
        InetAddress bindAddress = local ? address
                : InetAddress.getByName(address.getAddress().length == 4 ? "0.0.0.0" : "::");
        String decoded = media.receivePayloadTypes().values().stream().map(PayloadFormat::toString)
                .collect(Collectors.joining(", "));
        return new SdpStream(new InetSocketAddress(bindAddress, m.port()), address, !local, media, decoded,
                undecodable(m, media, caps), List.copyOf(mono));
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** A line for each payload type of the section that the negotiated stream does not accept. */
    private static List<String> undecodable(MediaDescription m, NegotiatedMedia media, MediaCapabilities caps) {
        List<String> lines = new ArrayList<>();
        PayloadFormat first = media.sendCodec();
        for (int pt : m.payloadTypes()) {
            if (media.receivePayloadTypes().containsKey(pt)) {
                continue;
            }
            Optional<PayloadFormat> f = m.format(pt);
            String reason;
            if (f.isEmpty()) {
                reason = "payload type " + pt + " has no a=rtpmap and is not a static type";
            } else if (f.get().isCodec() && !has(caps, f.get())) {
                reason = f.get() + ": no codec in this jar decodes it (it has " + caps.codecs().stream()
                        .map(c -> c.encodingName() + "/" + c.clockRate() + (c.channels() == 1 ? "" : "/" + c.channels()))
                        .collect(Collectors.joining(", ")) + ")";
            } else if (f.get().clockRate() != first.clockRate() || f.get().channels() != first.channels()) {
                reason = f.get() + " runs at another rate or channel count than " + first
                        + " (a session carries one rate)";
            } else {
                reason = f.get() + ": nothing this jar decodes it with";
            }
            lines.add("not decodable here: " + reason);
        }
        return lines;
    }

    private static boolean has(MediaCapabilities caps, PayloadFormat f) {
        for (CodecCapability c : caps.codecs()) {
            if (f.sameEncoding(c.encodingName(), c.clockRate(), c.channels())) {
                return true;
            }
        }
        return false;
    }
}
