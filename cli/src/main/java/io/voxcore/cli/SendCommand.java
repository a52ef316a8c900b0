package io.voxcore.cli;

import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.sdp.DeclarativeSdp;
import io.voxcore.media.sdp.MediaCapabilities;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voxcore send}: streams a WAV file as RTP in real time. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Stream a mono 16-bit WAV file as G.711, G.722 or Opus RTP (at the codec's rate, 8, 16 or "
                + "48 kHz; 8, 12, 16, 24 and 48 kHz files are resampled, said on screen), in real time, optionally "
                + "followed by DTMF digits; prints statistics as JSON.")
final class SendCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Where to send RTP.")
    InetSocketAddress to;

    @Option(names = "--codec", defaultValue = "PCMU", paramLabel = "PCMU|PCMA|G722|opus",
            description = "Codec, any case (default: ${DEFAULT-VALUE}). Opus (RFC 7587) is sent mono at 48 kHz "
                    + "on a 48 kHz RTP clock under the dynamic payload type of --pt.")
    Codec codec;

    @Option(names = "--pt", paramLabel = "PT",
            description = "Payload type of a codec with a dynamic one (opus), 96-127 (default: "
                    + Codec.DEFAULT_OPUS_PAYLOAD_TYPE + ").")
    Integer payloadType;

    @Option(names = "--ptime", defaultValue = "20", paramLabel = "MS",
            description = "Packet duration in ms, 10-60 (default: ${DEFAULT-VALUE}).")
    int ptime;

    @Option(names = "--in", required = true, paramLabel = "FILE.wav", description = "The WAV file to send.")
    Path in;

    @Option(names = "--local", defaultValue = "0.0.0.0:0", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Local address to send from (default: any address of the destination's family, "
                    + "ephemeral port).")
    InetSocketAddress local;

    @Option(names = "--dtmf", paramLabel = "DIGITS",
            description = "DTMF digits (0-9 * # A-D) to send as RFC 4733 events after the file: 100 ms tones, "
                    + "100 ms apart, at -10 dBm0.")
    String dtmf;

    @Option(names = "--event-pt", defaultValue = "101", paramLabel = "PT",
            description = "Telephone-event payload type for --dtmf, 96-127 (default: ${DEFAULT-VALUE}).")
    int eventPayloadType;

    @Option(names = "--sdp-out", paramLabel = "FILE.sdp",
            description = "Before the first packet, write an SDP file describing the stream (c= and m= the "
                    + "destination, the codec, telephone-event with --dtmf, ptime, sendonly), as ffmpeg -sdp_file "
                    + "does: ffmpeg -protocol_whitelist file,udp,rtp -i FILE, ffplay or voxcore receive --sdp "
                    + "receive it.")
    Path sdpOut;

    @Option(names = "--start-delay", defaultValue = "0", paramLabel = "SECONDS",
            description = "Wait this long before the first packet (after writing --sdp-out), so that a receiver "
                    + "can be started with the file, 0-3600 (default: ${DEFAULT-VALUE}).")
    double startDelay;

    @Option(names = "--srtp", paramLabel = "SUITE",
            description = "Encrypt with SRTP (RFC 3711) under a fresh key of this suite: AES_CM_128_HMAC_SHA1_80, "
                    + "AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM or AEAD_AES_256_GCM. The key is written as "
                    + "a=crypto into --sdp-out (required), never printed.")
    String srtp;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (ptime < MediaSessionConfig.MIN_PTIME_MILLIS || ptime > MediaSessionConfig.MAX_PTIME_MILLIS) {
            throw new IllegalArgumentException("--ptime " + ptime + " is outside " + MediaSessionConfig.MIN_PTIME_MILLIS
                    + "-" + MediaSessionConfig.MAX_PTIME_MILLIS + " ms");
        }
        if (dtmf != null) {
            for (int i = 0; i < dtmf.length(); i++) {
                if ("0123456789*#ABCDabcd".indexOf(dtmf.charAt(i)) < 0) {
                    throw new IllegalArgumentException("--dtmf '" + dtmf.charAt(i) + "' at index " + i
                            + " is not a DTMF digit (0-9 * # A-D)");
                }
            }
            if (dtmf.isEmpty()) {
                throw new IllegalArgumentException("--dtmf needs at least one digit");
            }
        }
        int pt = Codec.payloadType("--pt", codec, payloadType);
        if (codec == Codec.OPUS && ptime != 10 && ptime != 20 && ptime != 40 && ptime != 60) {
            throw new IllegalArgumentException("--ptime " + ptime + " is not an Opus frame duration: opus sends 10, 20, "
                    + "40 or 60 ms packets (RFC 6716 2.1.4)");
        }
        if (dtmf != null && pt == eventPayloadType) {
            throw new IllegalArgumentException("--pt " + pt + " and --event-pt " + eventPayloadType
                    + " must differ: one payload type names one format");
        }
        if (!(startDelay >= 0) || startDelay > 3600) {
            throw new IllegalArgumentException("--start-delay " + startDelay + " must be 0-3600 seconds");
        }
        InetSocketAddress from = local;
        if (from.getAddress().isAnyLocalAddress() && from.getAddress() instanceof java.net.Inet4Address
                && to.getAddress() instanceof java.net.Inet6Address) {
            from = new InetSocketAddress(java.net.InetAddress.getByName("::"), from.getPort()); // an IPv6 destination
        }
        int events = dtmf != null ? eventPayloadType : -1;
        long now = System.currentTimeMillis() / 1000;
        MediaSessionConfig config;
        io.voxcore.media.sdp.SessionDescription described = null;
        String key = null;
        if (srtp != null) {
            if (sdpOut == null) {
                throw new IllegalArgumentException("--srtp needs --sdp-out FILE: the key travels to the receiver in "
                        + "that file's a=crypto line");
            }
            io.voxcore.media.srtp.SrtpSuite suite;
            try {
                suite = io.voxcore.media.srtp.SrtpSuite.ofSdesName(srtp);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--srtp " + srtp + ": " + e.getMessage(), e);
            }
            key = io.voxcore.media.srtp.SdesCrypto.generate(1, suite).attributeValue();
        }
        int captureRate = WavFiles.rate(in);
        short[] samples = WavFiles.read(in, codec.sampleRate(), spec.commandLine().getOut());
        if (key != null || codec.dynamic()) {
            // A codec with a dynamic payload type (or SRTP's key) is configured through the description
            // the file states, so that what is sent is what the file says.
            described = SendSdp.describe(to, codec, pt, ptime, events, now, key, captureRate);
            MediaCapabilities.Builder caps = MediaCapabilities.builder();
            MediaCapabilities.defaults().codecs().forEach(caps::codec);
            config = MediaSessionConfig.builder().localAddress(from).negotiated(DeclarativeSdp.sending(
                    OpusChannels.asDecoded(described, new java.util.ArrayList<>()), OpusChannels.withWideband(caps)))
                    .build();
        } else {
            config = MediaSessionConfig.builder()
                    .localAddress(from).remoteAddress(to).payloadType(pt).ptimeMillis(ptime)
                    .telephoneEventPayloadType(eventPayloadType).build();
        }
        try (MediaEngine engine = MediaEngine.builder().ioThreads(1).name("voxcore-send").build()) {
            MediaSession session = engine.createSession(config);
            session.start();
            if (sdpOut != null) {
                SendSdp.write(sdpOut, described != null ? described
                        : SendSdp.describe(to, codec, pt, ptime, events, now, null, captureRate));
                spec.commandLine().getOut().println("send: wrote " + sdpOut + " describing " + (srtp != null
                        ? "SRTP (" + srtp + ", key in the file) " : "RTP ") + codec.sdpName()
                        + (codec.dynamic() ? " (PT " + pt + ")" : "") + " to " + to);
                spec.commandLine().getOut().flush();
            }
            if (startDelay > 0) {
                Thread.sleep((long) (startDelay * 1000));
            }
            int chunk = codec.sampleRate() / 1000 * ptime;
            long period = ptime * 1_000_000L;
            long next = System.nanoTime();
            for (int at = 0; at < samples.length; at += chunk) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                try {
                    int n = Math.min(chunk, samples.length - at);
                    if (n < chunk) {
                        // The last packet is padded with silence so that every packet is a whole ptime.
                        short[] last = new short[chunk];
                        System.arraycopy(samples, at, last, 0, n);
                        session.send(last, 0, chunk);
                    } else {
                        session.send(samples, at, chunk);
                    }
                } catch (AssertionError e) {
                    // Concentus 1.0.2 checks internal invariants with unconditional assertions that some
                    // loud input trips (an overflow check libopus compiles out): one line, not a trace
                    StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                    throw new IllegalStateException("the " + codec.sdpName() + " encoder failed an internal check "
                            + "on the packet at " + String.format(java.util.Locale.ROOT, "%.2f", at
                            / (double) codec.sampleRate()) + " s of " + in + " (" + e + (where == null ? ""
                            : " at " + where.getClassName() + "." + where.getMethodName()) + "); a known limit "
                            + "of Concentus 1.0.2 on some loud input: try the file a few dB quieter", e);
                }
                next += period;
            }
            if (dtmf != null) {
                session.sendDtmf(dtmf, java.time.Duration.ofMillis(100), 10).toCompletableFuture().join();
            }
            spec.commandLine().getOut().println(Json.of(session.statistics()));
        }
        return VoxcoreCli.OK;
    }
}
