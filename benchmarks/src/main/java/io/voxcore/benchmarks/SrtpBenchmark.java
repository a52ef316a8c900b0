package io.voxcore.benchmarks;

import io.voxcore.media.srtp.SrtpContext;
import io.voxcore.media.srtp.SrtpSuite;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * SRTP per packet: an RTP packet with a {@code size}-byte payload (160 is 20 ms of G.711) in a
 * direct buffer, as an I/O loop holds it. {@code baselineCopy} copies the plaintext packet into the buffer, the
 * floor every other benchmark here also pays; {@code protect} adds protecting it;
 * {@code protectUnprotect} adds unprotecting it again with a receiving context (a packet can be
 * unprotected only once, replay protection refuses it after, so unprotect is measured this way:
 * unprotect = protectUnprotect - protect); {@code unprotectForged} is the cost of refusing a
 * packet whose tag does not match, the work an attacker can make a receiver do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class SrtpBenchmark {

    /** Creates the benchmark (JMH does). */
    public SrtpBenchmark() {
    }

    /** The contexts and buffers of one suite, made once per trial. */
    @State(Scope.Thread)
    public static class Packets {
        /** The suite under test. */
        @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
        public String suite;
        /** Payload bytes (160 is 20 ms of G.711). */
        @Param({"160"})
        public int size;
        /** The plaintext RTP packet: 12-byte header and {@link #size} bytes of payload. */
        public byte[] plain;
        /** Where packets are protected, with room for the tag. */
        public ByteBuffer buffer;
        /** A forged packet: a protected one whose payload was changed after protection. */
        public ByteBuffer forged;
        /** Its length. */
        public int forgedLength;
        /** The sending side. */
        public SrtpContext tx;
        /** The receiving side. */
        public SrtpContext rx;
        /** Advances per call, as a session's sequence number does. */
        public int sequence;

        /** Creates the state (JMH does). */
        public Packets() {
        }

        /** Makes keys, contexts, the packet and the forged copy. */
        @Setup(Level.Trial)
        public void setUp() {
            SrtpSuite s = SrtpSuite.valueOf(suite);
            Random random = new Random(1);
            byte[] key = new byte[s.keyLength()];
            byte[] salt = new byte[s.saltLength()];
            random.nextBytes(key);
            random.nextBytes(salt);
            tx = SrtpContext.forSending(s, key, salt);
            rx = SrtpContext.forReceiving(s, key, salt);
            plain = new byte[12 + size];
            random.nextBytes(plain);
            plain[0] = (byte) 0x80;
            plain[1] = 0;
            buffer = ByteBuffer.allocateDirect(plain.length + 16);
            SrtpContext other = SrtpContext.forSending(s, key, salt);
            forged = ByteBuffer.allocateDirect(plain.length + 16);
            forged.put(0, plain);
            forgedLength = other.protectRtp(forged, 0, plain.length);
            forged.put(20, (byte) (forged.get(20) ^ 1));
        }

        int next() {
            int seq = sequence++ & 0xffff;
            buffer.put(0, plain);
            buffer.put(2, (byte) (seq >>> 8));
            buffer.put(3, (byte) seq);
            return seq;
        }
    }

    /**
     * The floor: writing the plaintext packet into the buffer.
     *
     * @param p the packets
     * @return a byte of the buffer
     */
    @Benchmark
    public int baselineCopy(Packets p) {
        return p.next() + p.buffer.get(p.size);
    }

    /**
     * Copy, then protect.
     *
     * @param p the packets
     * @return the protected length
     */
    @Benchmark
    public int protect(Packets p) {
        p.next();
        return p.tx.protectRtp(p.buffer, 0, p.plain.length);
    }

    /**
     * Copy, protect, then unprotect.
     *
     * @param p the packets
     * @return the unprotected length
     */
    @Benchmark
    public int protectUnprotect(Packets p) {
        p.next();
        return p.rx.unprotectRtp(p.buffer, 0, p.tx.protectRtp(p.buffer, 0, p.plain.length));
    }

    /**
     * Refusing a forged packet (its tag does not match); changes no state, so it repeats.
     *
     * @param p the packets
     * @return the failure code
     */
    @Benchmark
    public int unprotectForged(Packets p) {
        return p.rx.unprotectRtp(p.forged, 0, p.forgedLength);
    }
}
