package io.voxcore.examples.quickstart;

import io.voxcore.codec.AudioCodec;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.session.MediaEngine;
import io.voxcore.media.session.MediaSession;
import io.voxcore.media.session.MediaSessionConfig;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * README.md's quick start, checked: encode and decode a 20 ms frame with codec-core, then send it
 * from alice to bob, two RTP sessions on loopback. Exits 1 with a message on standard error when
 * something is wrong: bob hears nothing, hears other samples, or the program is not on the path
 * (module or class path) it was told.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * Runs the quick start.
     *
     * @param args {@code module-path} or {@code class-path}: where the launcher put this program
     * @throws Exception if the sessions cannot be set up
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals("module-path") || args[0].equals("class-path"))) {
            fail("usage: QuickStart module-path|class-path, got " + Arrays.toString(args));
        }
        checkPath(args[0].equals("module-path"));

        // Encode and decode a 20 ms frame (codec-core).
        AudioCodec pcmu = io.voxcore.codec.CodecFactory.createByPayloadType(0);  // G.711 mu-law, RTP PT 0
        short[] pcm = new short[160];                                             // 20 ms at 8 kHz
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));  // a 1 kHz tone
        }
        byte[] payload = new byte[pcmu.maxEncodedSize(pcm.length)];
        int bytes = pcmu.encode(pcm, 0, pcm.length, payload, 0);
        short[] decoded = new short[pcmu.maxDecodedSize(bytes)];
        int samples = pcmu.decode(payload, 0, bytes, decoded, 0);
        if (bytes != 160 || samples != 160) {
            fail("PCMU coded 160 samples into " + bytes + " bytes and back into " + samples + " samples");
        }

        // Stream it between two RTP sessions over UDP (media-core).
        BlockingQueue<AudioFrame> heard = new ArrayBlockingQueue<>(64);
        try (MediaEngine engine = MediaEngine.create()) {
            var config = MediaSessionConfig.builder().localAddress(new InetSocketAddress("127.0.0.1", 0)).payloadType(0);
            MediaSession alice = engine.createSession(config.build());
            MediaSession bob = engine.createSession(config.remoteAddress(alice.localAddress()).build());
            alice.remoteAddress(bob.localAddress());
            bob.onAudio(heard::offer);
            alice.start();
            bob.start();
            // The decoded samples already lie on the G.711 grid, so bob must hear them unchanged.
            alice.send(new AudioFrame(decoded, 8000, 1, 0));
            AudioFrame frame = heard.poll(5, TimeUnit.SECONDS);   // wait for bob's jitter buffer to play it
            if (frame == null) {
                fail("bob heard nothing within 5 s");
            }
            System.out.println("bob heard " + frame.duration() + " (" + frame + ")");
            if (!Arrays.equals(frame.samples(), decoded)) {
                fail("bob heard other samples than alice sent: " + Arrays.toString(frame.samples()));
            }
        }
        System.out.println("quick start OK on the " + args[0]);
    }

    /** Checks that the launcher ran this program where it was asked to, with voxcore beside it. */
    private static void checkPath(boolean modulePath) {
        Module self = QuickStart.class.getModule();
        Module media = MediaSession.class.getModule();
        System.out.println("running in " + self + ", media-core in " + media);
        if (modulePath) {
            if (!"io.voxcore.media".equals(media.getName())) {
                fail("expected media-core as module io.voxcore.media, got " + media);
            }
            // Nothing requires slf4j-simple: it is in the boot layer only because the module system
            // bound it as the provider of the service slf4j-api uses, i.e. logging works here.
            if (ModuleLayer.boot().findModule("org.slf4j.simple").isEmpty()) {
                fail("the slf4j provider module org.slf4j.simple was not resolved on the module path");
            }
        } else if (self.isNamed() || media.isNamed()) {
            fail("expected the class path (unnamed modules), got " + self + " and " + media);
        }
    }

    private static void fail(String message) {
        System.err.println("quick start FAILED: " + message);
        System.exit(1);
    }
}
