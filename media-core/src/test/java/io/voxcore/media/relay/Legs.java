package io.voxcore.media.relay;

import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import io.voxcore.media.session.RtcpMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test plumbing: session configs on loopback, a speech-like signal, waiting. */
final class Legs {

    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private Legs() {
    }

    static MediaSessionConfig.Builder config(int payloadType, int eventPayloadType) {
        return MediaSessionConfig.builder().localAddress(LOOPBACK).payloadType(payloadType)
                .telephoneEventPayloadType(eventPayloadType).ptimeMillis(20).rtcpMode(RtcpMode.OFF)
                .gapPolicy(io.voxcore.media.session.GapPolicy.REPORT); // exact audio comparisons: no concealment
    }

    static MediaSession session(MediaEngine engine, int payloadType, int eventPayloadType, InetSocketAddress remote)
            throws Exception {
        return engine.createSession(config(payloadType, eventPayloadType).remoteAddress(remote).build());
    }

    /** Voiced harmonics under a syllable envelope plus noise: every G.711 segment gets used. */
    static short[] speech(int samples, long seed) {
        java.util.Random random = new java.util.Random(seed);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 8000.0;
            double envelope = Math.abs(Math.sin(2 * Math.PI * 2.3 * t));
            double f0 = 120 + 40 * Math.sin(2 * Math.PI * 0.5 * t);
            double voiced = 0;
            for (int h = 1; h <= 6; h++) {
                voiced += Math.sin(2 * Math.PI * f0 * h * t) / h;
            }
            out[i] = (short) Math.max(-32768, Math.min(32767, 14000 * envelope * voiced + 200 * random.nextGaussian()));
        }
        return out;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Counts what a party plays and the packets it reports missing, apart. */
    static final class Counter implements io.voxcore.media.session.PcmSink {
        final java.util.concurrent.atomic.AtomicLong played = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong missing = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onPcm(short[] samples, int offset, int length, long timestamp) {
            played.incrementAndGet();
        }

        @Override
        public void onGap(long timestamp, int samplesPerChannel, int firstSequence, int packets) {
            missing.addAndGet(packets);
        }

        long total() {
            return played.get() + missing.get();
        }
    }
}
