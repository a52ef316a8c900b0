package io.voxcore.benchmarks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDK ways to encrypt one SRTP payload of {@code size} bytes (160: 20 ms of G.711) with a new
 * IV per packet, which decided how {@code io.voxcore.media.srtp} is built: AES/CTR re-initialised
 * per packet against AES/ECB over a packet's counter blocks into reused arrays (what voxcore
 * does), and the JDK's AES/GCM (initialised per packet, as a new IV requires) for comparison with
 * voxcore's GCM on AES/ECB and its own GHASH ({@link SrtpBenchmark} with an {@code AEAD_*} suite).
 * Run with {@code -prof gc}: the B/op column is the point.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class SrtpCipherChoiceBenchmark {

    /** Creates the benchmark (JMH does). */
    public SrtpCipherChoiceBenchmark() {
    }

    /** Ciphers and buffers, made once per trial. */
    @State(Scope.Thread)
    public static class Ciphers {
        /** Payload bytes. */
        @Param({"160"})
        public int size;
        /** AES/CTR/NoPadding. */
        public Cipher ctr;
        /** AES/ECB/NoPadding. */
        public Cipher ecb;
        /** AES/GCM/NoPadding. */
        public Cipher gcm;
        /** The key. */
        public SecretKeySpec key;
        /** The 16-byte counter-mode IV; its low bytes change per packet. */
        public byte[] iv = new byte[16];
        /** A 12-byte GCM IV; changes per packet (the JDK refuses a repeated one). */
        public byte[] gcmIv = new byte[12];
        /** The RTP packet: 12-byte header and {@link #size} bytes of payload. */
        public byte[] packet;
        /** Reused output. */
        public byte[] out;
        /** Reused counter blocks. */
        public byte[] counters;
        /** Reused keystream. */
        public byte[] keystream;
        /** A per-packet counter. */
        public long index;

        /** Creates the state (JMH does). */
        public Ciphers() {
        }

        /**
         * Makes the ciphers.
         *
         * @throws GeneralSecurityException never on a JDK with AES
         */
        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            key = new SecretKeySpec(new byte[16], "AES");
            int blocks = (size + 15) / 16;
            packet = new byte[12 + size + 16];
            out = new byte[12 + size + 16];
            counters = new byte[blocks * 16];
            keystream = new byte[blocks * 16];
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, key);
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        }
    }

    /**
     * AES/CTR, initialised with a new IV for the packet, encrypting the payload into a reused array.
     *
     * @param c the ciphers
     * @return bytes written
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public int jdkCtrInitPerPacket(Ciphers c) throws GeneralSecurityException {
        long i = c.index++;
        c.iv[12] = (byte) (i >>> 8);
        c.iv[13] = (byte) i;
        c.ctr.init(Cipher.ENCRYPT_MODE, c.key, new IvParameterSpec(c.iv));
        return c.ctr.update(c.packet, 12, c.size, c.out, 12);
    }

    /**
     * AES/ECB over the packet's counter blocks into a reused array, then XOR: voxcore's way.
     *
     * @param c the ciphers
     * @return a byte of the result
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public int ecbCounterBlocks(Ciphers c) throws GeneralSecurityException {
        long i = c.index++;
        c.iv[12] = (byte) (i >>> 8);
        c.iv[13] = (byte) i;
        int bytes = c.counters.length;
        for (int b = 0; b * 16 < bytes; b++) {
            System.arraycopy(c.iv, 0, c.counters, b * 16, 16);
            c.counters[b * 16 + 14] = (byte) (b >>> 8);
            c.counters[b * 16 + 15] = (byte) b;
        }
        c.ecb.update(c.counters, 0, bytes, c.keystream, 0);
        for (int k = 0; k < c.size; k++) {
            c.out[12 + k] = (byte) (c.packet[12 + k] ^ c.keystream[k]);
        }
        return c.out[12];
    }

    /**
     * The JDK's AES/GCM: init with a new IV, the header as AAD, payload and tag into a reused array.
     *
     * @param c the ciphers
     * @return bytes written
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public int jdkGcmInitPerPacket(Ciphers c) throws GeneralSecurityException {
        long i = c.index++;
        c.gcmIv[8] = (byte) (i >>> 24);
        c.gcmIv[9] = (byte) (i >>> 16);
        c.gcmIv[10] = (byte) (i >>> 8);
        c.gcmIv[11] = (byte) i;
        c.gcm.init(Cipher.ENCRYPT_MODE, c.key, new GCMParameterSpec(128, c.gcmIv));
        c.gcm.updateAAD(c.packet, 0, 12);
        return c.gcm.doFinal(c.packet, 12, c.size, c.out, 12);
    }

    /**
     * The JDK's AES/GCM on direct buffers with {@code doFinal(ByteBuffer, ByteBuffer)}.
     *
     * @param c the ciphers
     * @param b the buffers
     * @return bytes written
     * @throws GeneralSecurityException never
     */
    @Benchmark
    public int jdkGcmByteBuffers(Ciphers c, Buffers b) throws GeneralSecurityException {
        long i = c.index++;
        c.gcmIv[8] = (byte) (i >>> 24);
        c.gcmIv[9] = (byte) (i >>> 16);
        c.gcmIv[10] = (byte) (i >>> 8);
        c.gcmIv[11] = (byte) i;
        c.gcm.init(Cipher.ENCRYPT_MODE, c.key, new GCMParameterSpec(128, c.gcmIv));
        b.in.clear().limit(12);
        c.gcm.updateAAD(b.in);
        b.in.limit(12 + c.size);
        b.out.clear();
        return c.gcm.doFinal(b.in, b.out);
    }

    /** Direct buffers for the ByteBuffer GCM path. */
    @State(Scope.Thread)
    public static class Buffers {
        /** Input: header and payload. */
        public ByteBuffer in = ByteBuffer.allocateDirect(12 + 2048);
        /** Output: payload and tag. */
        public ByteBuffer out = ByteBuffer.allocateDirect(2048 + 16);

        /** Creates the state (JMH does). */
        public Buffers() {
        }
    }
}
