package io.voxcore.media.session;

import io.voxcore.media.rtp.NtpTime;
import io.voxcore.media.rtp.ReceptionStatistics;
import io.voxcore.media.rtp.RtcpBye;
import io.voxcore.media.rtp.RtcpInterval;
import io.voxcore.media.rtp.RtcpPacket;
import io.voxcore.media.rtp.RtcpReport;
import io.voxcore.media.rtp.RtcpValidation;
import io.voxcore.media.rtp.RtcpWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTCP side of a session (RFC 3550 section 6): sends a compound report at the randomized
 * interval of 6.3.1 (a sender report if this session sent RTP since the report before last, else
 * a receiver report; a report block on the current remote source; SDES with the CNAME), a BYE on
 * close or after an SSRC collision, and reads the remote's reports: its sender report's NTP time
 * for our LSR, and the report block about our stream for its loss, jitter and the round-trip time
 * (6.4.1). Reports from a remote that sends no RTP (receive-only, muted, silence-suppressing) are
 * read too: before any RTP has latched a remote SSRC, the reporting source is taken from the
 * remote's host.
 *
 * <p>I/O thread only. Allocation-free per report.
 */
final class RtcpAgent extends TimerQueue.Timer {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);

    private final RtpTransport transport;
    private final SourceLatch latch;
    private final RtpSender sender;
    private final ReceivePipeline receiver;
    private final TimerQueue timers;
    private final ByteBuffer buffer;
    private final byte[] cname;
    private final double bandwidth;
    private final int intervalMillis;
    private final int clockRate;
    private final long epochNanos;
    private final long wallEpochNanos = System.currentTimeMillis() * 1_000_000L;
    private final RtcpWriter writer = new RtcpWriter();
    private final RtcpPacket packet = new RtcpPacket();
    private final RtcpReport report = new RtcpReport();
    private final RtcpBye bye = new RtcpBye();
    private final SplittableRandom random;
    private final SenderFigures.Snapshot figures = new SenderFigures.Snapshot();

    private final SessionEvents events;
    private final SrtpLayer.Slot srtp;
    private InetSocketAddress rtcpRemoteFor;
    private InetSocketAddress rtcpRemote;
    private volatile InetSocketAddress signalledRtcp;
    private InetSocketAddress learnedRtcp;
    private double averageSize = 128;
    private boolean initial = true;
    private boolean running;
    private long sentAtLastReport;
    private long sentAtReportBeforeLast;
    private long receivedAtLastReport;
    private long reportingSsrc = -1;
    private long lastSenderReportMiddle;
    private long lastSenderReportNanos;
    private long rtcpSent;
    private long rtcpReceived;
    private long rtcpMalformed;
    private long roundTripMicros = -1;
    private int peerFractionLost = -1;
    private long peerCumulativeLost = -1;
    private long peerJitter = -1;
    private long peerByes;

    RtcpAgent(MediaSessionConfig config, RtpTransport transport, SourceLatch latch, RtpSender sender,
            ReceivePipeline receiver, TimerQueue timers, ByteBuffer buffer, byte[] cname, long epochNanos, long seed,
            SessionEvents events, SrtpLayer.Slot srtp) {
        this.events = events;
        this.srtp = srtp;
        this.transport = transport;
        this.latch = latch;
        this.sender = sender;
        this.receiver = receiver;
        this.timers = timers;
        this.buffer = buffer;
        this.cname = cname;
        this.intervalMillis = config.rtcpIntervalMillis();
        this.clockRate = config.codec().clockRate(); // RTP units in the sender report
        this.epochNanos = epochNanos;
        this.random = new SplittableRandom(seed);
        // RFC 3550 6.2: RTCP gets 5% of the session bandwidth (payload plus 40 bytes IP/UDP/RTP per packet).
        double packetsPerSecond = 1000.0 / config.ptimeMillis();
        this.bandwidth = 0.05 * (config.codec().bitrate() / 8.0 + 40 * packetsPerSecond);
    }

    /** Starts the report timer. I/O thread. @param now System.nanoTime() */
    void start(long now) {
        running = true;
        timers.schedule(this, now + nextInterval());
    }

    /** Stops the report timer. I/O thread. */
    void stop() {
        running = false;
        timers.cancel(this);
    }

    @Override
    void onTimer(long now) {
        if (running) {
            send(now, false, -1);
            timers.schedule(this, now + nextInterval());
        }
    }

    /** The source changed: its predecessor's sender report says nothing about it. */
    void sourceChanged() {
        lastSenderReportMiddle = 0;
        reportingSsrc = -1;
    }

    private long nextInterval() {
        boolean weSent = sentCount() != sentAtReportBeforeLast;
        boolean theySent = receiver.packetsReceived() != receivedAtLastReport;
        int members = latch.remoteSsrc() >= 0 || reportingSsrc >= 0 ? 2 : 1;
        int senders = Math.min(members, (weSent ? 1 : 0) + (theySent ? 1 : 0));
        long rfc = RtcpInterval.randomizedNanos(members, senders, bandwidth, weSent, averageSize, initial, random);
        return rfc / MediaSessionConfig.RFC_RTCP_INTERVAL_MILLIS * intervalMillis;
    }

    private long sentCount() {
        sender.readFigures(figures);
        return figures.packetsSent;
    }

    private long ntpNow(long nanos) {
        return NtpTime.fromEpochNanos(wallEpochNanos + (nanos - epochNanos));
    }

    /**
     * Builds and sends one compound report; with {@code leaving}, a BYE for {@code byeSsrc} (or
     * the current SSRC when -1) ends it. I/O thread.
     *
     * @param now System.nanoTime()
     * @param leaving whether to add a BYE
     * @param byeSsrc the SSRC that leaves, or -1 for the current one
     */
    void send(long now, boolean leaving, long byeSsrc) {
        InetSocketAddress peer = latch.remote();
        if (peer == null) {
            return;
        }
        sender.readFigures(figures); // one consistent set: packets, octets, last timestamp and time
        long sent = figures.packetsSent;
        boolean weSent = sent != sentAtReportBeforeLast;
        long ssrc = byeSsrc >= 0 ? byeSsrc : sender.ssrc();
        ByteBuffer b = buffer;
        b.clear();
        RtcpWriter w = writer.wrap(b, 0, b.capacity());
        if (weSent) {
            long rtpTs = (figures.lastSentTimestamp + (now - figures.lastSentNanos) / 1000 * clockRate / 1_000_000L)
                    & 0xFFFF_FFFFL;
            w.senderReport(ssrc, ntpNow(now), rtpTs, sent, figures.octetsSent);
        } else {
            w.receiverReport(ssrc);
        }
        ReceptionStatistics r = receiver.reception();
        long remoteSsrc = latch.remoteSsrc();
        if (remoteSsrc >= 0 && r.isValid()) {
            // RFC 3550 6.4.1: a report block describes one source: the current one's loss alone.
            int fraction = r.takeFractionLost();
            receiver.reportedFractionLost(fraction);
            long lsr = lastSenderReportMiddle;
            long dlsr = lsr == 0 ? 0 : NtpTime.nanosToCompact(now - lastSenderReportNanos);
            w.reportBlock(remoteSsrc, fraction, r.cumulativeLost(), r.extendedHighestSequence(), r.jitter(), lsr, dlsr);
        }
        w.sourceDescription(ssrc, cname);
        if (leaving) {
            w.bye(ssrc, null);
        }
        int length = w.length();
        SrtpLayer secure = srtp.layer;
        if (secure != null) {
            length = secure.protectRtcp(b, 0, length);
            if (length < 0) {
                LOG.debug("session {}: an RTCP report could not be protected", transport.localAddress());
                return;
            }
        }
        b.limit(length).position(0);
        if (transport.writeRtcp(b, rtcpRemote(peer))) {
            rtcpSent++;
        } else {
            LOG.debug("session {}: an RTCP report was not sent", transport.localAddress());
        }
        averageSize = RtcpInterval.updateAverageSize(averageSize, length + 28);
        sentAtReportBeforeLast = sentAtLastReport;
        sentAtLastReport = sent;
        receivedAtLastReport = receiver.packetsReceived();
        initial = false;
    }

    private InetSocketAddress rtcpRemote(InetSocketAddress rtp) {
        if (transport.mux()) {
            return rtp;
        }
        if (learnedRtcp != null && learnedRtcp.getAddress().equals(rtp.getAddress())) {
            return learnedRtcp; // symmetric RTCP: where the peer's reports really come from
        }
        InetSocketAddress signalled = signalledRtcp;
        if (signalled != null && rtp.equals(latch.signalled())) {
            return signalled; // RFC 3605 a=rtcp, for the signalled RTP address
        }
        if (rtp != rtcpRemoteFor) {
            rtcpRemoteFor = rtp;
            rtcpRemote = rtcpAddressFor(rtp); // once per new remote, not per report
        }
        return rtcpRemote;
    }

    /**
     * Sets the remote RTCP address signalling gave (SDP {@code a=rtcp}, or RTP port + 1). Any thread.
     *
     * @param address the address, or null to use the RTP port + 1
     */
    void remoteRtcp(InetSocketAddress address) {
        this.signalledRtcp = address;
        this.learnedRtcp = null;
    }

    /** {@return the signalled remote RTCP address, or null} */
    InetSocketAddress remoteRtcp() {
        return signalledRtcp;
    }

    /**
     * The remote RTCP address for connecting the RTCP socket.
     *
     * @param rtp the remote RTP address
     * @return port + 1, or null for RTP on port 65535 or when multiplexed
     */
    static InetSocketAddress rtcpAddressFor(InetSocketAddress rtp) {
        return rtp.getPort() < 65535 ? new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1) : null;
    }

    /**
     * One datagram on the RTCP path. I/O thread.
     *
     * @param buf the datagram from index 0
     * @param length its length
     * @param from its source, or null on a connected socket
     * @param ownSsrc this session's SSRC
     * @return false when it came from a foreign host (counted by the caller)
     */
    boolean onDatagram(ByteBuffer buf, int length, SocketAddress from, long ownSsrc) {
        if (!latch.acceptsRtcpFrom(from)) {
            return false;
        }
        if (packet.wrap(buf, 0, length).validate() != RtcpValidation.VALID) {
            rtcpMalformed++;
            return true;
        }
        long now = System.nanoTime();
        boolean fromRemote = false;
        do {
            int type = packet.packetType();
            if (type == RtcpPacket.SR || type == RtcpPacket.RR) {
                fromRemote |= onReport(now, ownSsrc);
            } else if (type == RtcpPacket.BYE) {
                bye.wrap(packet);
                long source = latch.remoteSsrc() >= 0 ? latch.remoteSsrc() : reportingSsrc;
                for (int i = 0; i < bye.sourceCount(); i++) {
                    if (source >= 0 && bye.ssrc(i) == source) {
                        peerByes++;
                        fromRemote = true;
                        events.bye(source);
                    }
                }
            }
        } while (packet.next());
        if (fromRemote) {
            if (from != null && latch.mode() == NatMode.SYMMETRIC) {
                learnedRtcp = (InetSocketAddress) from;
            }
            rtcpReceived++;
            averageSize = RtcpInterval.updateAverageSize(averageSize, length + 28);
        }
        return true;
    }

    private boolean onReport(long now, long ownSsrc) {
        report.wrap(packet);
        long sender = report.ssrc();
        long remoteSsrc = latch.remoteSsrc();
        if (remoteSsrc >= 0) {
            if (sender != remoteSsrc) {
                return false; // a report from a source we do not receive from
            }
        } else if (sender == ownSsrc) {
            return false; // our own report reflected back
        } else if (reportingSsrc < 0 || reportingSsrc != sender && report.blockIndexOf(ownSsrc) >= 0) {
            reportingSsrc = sender; // a peer that sends no RTP (yet): its host is the remote's
        } else if (reportingSsrc != sender) {
            return false;
        }
        if (report.isSenderReport()) {
            lastSenderReportMiddle = NtpTime.middle32(report.ntpTimestamp());
            lastSenderReportNanos = now;
        }
        for (int i = 0; i < report.blockCount(); i++) {
            if (report.blockSsrc(i) != ownSsrc) {
                continue;
            }
            peerFractionLost = report.fractionLost(i);
            peerCumulativeLost = report.cumulativeLost(i);
            peerJitter = report.jitter(i);
            long rtt = NtpTime.roundTripNanos(NtpTime.middle32(ntpNow(now)), report.lastSenderReport(i),
                    report.delaySinceLastSenderReport(i));
            if (rtt != NtpTime.NO_RTT) {
                roundTripMicros = rtt / 1000;
            }
        }
        return true;
    }

    /** Malformed RTCP datagrams. @return the count */
    long malformed() {
        return rtcpMalformed;
    }

    /**
     * The RTCP statistics.
     *
     * @return a snapshot
     */
    RtcpStatistics statistics() {
        return new RtcpStatistics(rtcpSent, rtcpReceived, rtcpMalformed, roundTripMicros, peerFractionLost,
                peerCumulativeLost, peerJitter, peerByes);
    }
}
