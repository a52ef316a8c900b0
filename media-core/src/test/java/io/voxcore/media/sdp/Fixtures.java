package io.voxcore.media.sdp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Helpers shared by the offer/answer tests. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * Capabilities with exactly these codecs and nothing the RFC examples' agents did not write:
     * no telephone-event, no CN, no ptime, no rtcp-mux.
     */
    static MediaCapabilities.Builder plain(CodecCapability... codecs) {
        MediaCapabilities.Builder b = MediaCapabilities.builder().telephoneEvents(null).comfortNoise(false).ptime(0)
                .rtcpMux(false);
        for (CodecCapability c : codecs) {
            b.codec(c);
        }
        return b;
    }

    static final CodecCapability PCMU = CodecCapability.of("PCMU", 8000);
    static final CodecCapability PCMA = CodecCapability.of("PCMA", 8000);
    static final CodecCapability ILBC = CodecCapability.of("iLBC", 8000);
    static final CodecCapability G723 = CodecCapability.of("G723", 8000);

    static InetSocketAddress at(String host, int port) {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** A section's formats as "pt NAME/rate", names upper-cased, in m= order. */
    static List<String> codecs(MediaDescription m) {
        List<String> out = new ArrayList<>();
        for (int pt : m.payloadTypes()) {
            out.add(m.format(pt).map(f -> pt + " " + f.encodingName().toUpperCase(Locale.ROOT) + "/" + f.clockRate())
                    .orElse(pt + " ?"));
        }
        return out;
    }

    static SessionDescription parse(String text) {
        return SessionDescription.parse(text);
    }
}
