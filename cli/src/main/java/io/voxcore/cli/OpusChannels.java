package io.voxcore.cli;

import io.voxcore.media.sdp.CodecCapability;
import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.MediaDescription;
import io.voxcore.media.sdp.PayloadFormat;
import io.voxcore.media.sdp.SessionDescription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many channels the tool's sessions run Opus with. RFC 7587 7 has every {@code a=rtpmap} say
 * {@code opus/48000/2} whatever is sent; the real channel count is the sender's
 * {@code sprop-stereo} (default 0, mono). media-core's sessions take the rtpmap's channel count as
 * the codec's, so, before a description is handed to {@link io.voxcore.media.sdp.DeclarativeSdp},
 * an Opus format without {@code sprop-stereo=1} is read as {@code opus/48000/1}: the session
 * decodes (and {@code send} encodes) mono, and {@code receive} writes a mono WAV file; with
 * {@code sprop-stereo=1} it stays {@code /2} and the WAV file is stereo. The file on disk is not
 * changed.
 */
final class OpusChannels {

    private static final Pattern OPUS_RTPMAP = Pattern.compile("(?im)^a=rtpmap:(\\d+)([ \\t]+)opus/48000/2[ \\t]*$");

    private OpusChannels() {
    }

    /**
     * The description as the tool's sessions read it: each {@code opus/48000/2} format whose fmtp
     * has no {@code sprop-stereo=1} becomes {@code opus/48000/1}.
     *
     * @param description the description, as written in the file
     * @param mono filled with the payload types read as mono, for the screen
     * @return the description to negotiate with (the same one when nothing changed)
     */
    static SessionDescription asDecoded(SessionDescription description, List<Integer> mono) {
        List<Integer> pts = new ArrayList<>();
        for (MediaDescription m : description.media()) {
            for (int pt : m.payloadTypes()) {
                Optional<PayloadFormat> f = m.format(pt);
                if (f.isPresent() && f.get().sameEncoding("opus", 48000, 2) && !stereo(f.get().fmtp())) {
                    pts.add(pt);
                }
            }
        }
        if (pts.isEmpty()) {
            return description;
        }
        Matcher matcher = OPUS_RTPMAP.matcher(description.write());
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String replacement = pts.contains(Integer.parseInt(matcher.group(1)))
                    ? "a=rtpmap:" + matcher.group(1) + matcher.group(2) + "opus/48000/1" : matcher.group();
            matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(text);
        mono.addAll(pts);
        return SessionDescription.parse(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The codecs the tool's sessions negotiate with: media-core's defaults (the codecs whose audio
     * runs at their 8 kHz RTP clock), plus the wideband ones the tool carries, which
     * {@link MediaCapabilities#defaults()} leaves out: G.722 ({@code G722/8000}, 16 kHz audio) and
     * Opus mono and stereo at 48 kHz. One session carries one of them at a time.
     *
     * @param base the default capabilities with the options wanted (SRTP, ...); its codecs are kept
     * @return the capabilities
     */
    static MediaCapabilities withWideband(MediaCapabilities.Builder base) {
        base.codec(CodecCapability.of("G722", 8000)).codec(CodecCapability.of("opus", 48000, 1))
                .codec(CodecCapability.of("opus", 48000, 2));
        return base.build();
    }

    /**
     * Whether an Opus fmtp says the sender sends stereo.
     *
     * @param fmtp the format parameters, or null
     * @return true when {@code sprop-stereo=1} is among them
     */
    static boolean stereo(String fmtp) {
        if (fmtp == null) {
            return false;
        }
        for (String parameter : fmtp.split(";")) {
            if (parameter.trim().toLowerCase(Locale.ROOT).replace(" ", "").equals("sprop-stereo=1")) {
                return true;
            }
        }
        return false;
    }
}
