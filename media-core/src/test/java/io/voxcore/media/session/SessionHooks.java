package io.voxcore.media.session;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** Test access to a session's receive path and I/O thread, without going through a socket. */
final class SessionHooks {

    private SessionHooks() {
    }

    /** Runs a task on the session's I/O thread and waits for it. */
    static void onLoop(MediaSession session, Runnable task) {
        LoopCalls.run(session.loop(), task);
    }

    /** One datagram from the RTP socket. I/O thread. */
    static void onDatagram(MediaSession session, ByteBuffer buf, int length, SocketAddress from) {
        session.parts().demux.onRtpDatagram(buf, length, from);
    }

    /** One datagram from the RTP socket, with the arrival time given. I/O thread. */
    static void onDatagram(MediaSession session, ByteBuffer buf, int length, SocketAddress from, long now) {
        session.parts().demux.onRtpDatagram(buf, length, from, now);
    }

    /** One datagram on the RTCP path. I/O thread. */
    static void onRtcp(MediaSession session, ByteBuffer buf, int length, SocketAddress from) {
        session.parts().demux.onRtcpDatagram(buf, length, from);
    }
}
