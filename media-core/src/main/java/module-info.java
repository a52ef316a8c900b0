/**
 * voxcore media-core: media sessions, RTP and RTCP, the transcoder and the relay. It reaches
 * codecs only through {@code io.voxcore.media.codec}, its adapter layer over codec-core.
 */
module io.voxcore.media {
    requires transitive io.voxcore.codec;
    requires org.slf4j;

    exports io.voxcore.media;
    exports io.voxcore.media.codec;
    exports io.voxcore.media.rtp;
    exports io.voxcore.media.relay;
    exports io.voxcore.media.session;
    exports io.voxcore.media.sdp;
    exports io.voxcore.media.srtp;
    // Each further API package is exported here once it has types (never an .internal package).
}
