package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ring behind {@link MediaSession#read}: its cushion, padding, dropping, thread safety and allocation. */
@Timeout(60)
class PcmReadRingTest {

    private static short[] ramp(int from, int n) {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) {
            a[i] = (short) (from + i);
        }
        return a;
    }

    @Test
    void theReaderWaitsForItsCushionThenReadsInOrderAndPadsWhenDry() {
        PcmReadRing ring = new PcmReadRing(1024, 1, 160, 320, 480);
        short[] out = new short[16];
        assertThat(ring.active()).isFalse();
        assertThat(ring.read(out, 0, 16)).isZero();
        assertThat(out).containsOnly((short) 0);
        assertThat(ring.active()).as("the first read turns the ring on").isTrue();
        ring.write(ramp(1, 160), 0, 160);
        assertThat(ring.read(out, 0, 16)).as("below the cushion").isZero();
        ring.write(ramp(161, 160), 0, 160);
        assertThat(ring.read(out, 0, 16)).isEqualTo(16);
        assertThat(out).isEqualTo(ramp(1, 16));
        assertThat(ring.padded()).as("silence before the first audio is not padding").isZero();
        short[] big = new short[400];
        assertThat(ring.read(big, 0, 400)).as("what is left, then silence").isEqualTo(304);
        assertThat(java.util.Arrays.copyOf(big, 304)).isEqualTo(ramp(17, 304));
        assertThat(java.util.Arrays.copyOfRange(big, 304, 400)).containsOnly((short) 0);
        assertThat(ring.padded()).isEqualTo(96);
        ring.write(ramp(1000, 160), 0, 160);
        assertThat(ring.read(out, 0, 16)).as("rebuilding the cushion").isZero();
        assertThat(ring.padded()).isEqualTo(112);
        ring.write(ramp(1160, 160), 0, 160);
        assertThat(ring.read(out, 0, 16)).isEqualTo(16);
        assertThat(out).isEqualTo(ramp(1000, 16));
        assertThat(ring.dropped()).isZero();
    }

    @Test
    void aReaderFallenBehindSkipsToTheCushionAndAFullRingDropsWhatDoesNotFit() {
        PcmReadRing ring = new PcmReadRing(1024, 1, 160, 320, 480);
        short[] out = new short[16];
        ring.read(out, 0, 16);
        ring.write(ramp(0, 1000), 0, 1000); // 1000 > 320 + 480 + 16
        assertThat(ring.read(out, 0, 16)).isEqualTo(16);
        assertThat(out).as("the newest 320 + 16 kept").isEqualTo(ramp(1000 - 336, 16));
        assertThat(ring.dropped()).isEqualTo(1000 - 336);
        ring.write(ramp(1000, 1024), 0, 1024); // 320 held, room for 704
        assertThat(ring.dropped()).isEqualTo(1000 - 336 + 320);
        ring.writeSilence(10);
        assertThat(ring.dropped()).isEqualTo(1000 - 336 + 330);
    }

    @Test
    void aSlowReaderSkipsInsideQuietStretchesNeverInsideLoudAudio() {
        // loud stretches of 1600 samples carry a running counter (every value far above QUIET);
        // quiet stretches of 800 samples hold small noise; the reader takes 144 samples per 160 written
        PcmReadRing ring = new PcmReadRing(4096, 1, 160, 320, 480);
        short[] out = new short[16];
        ring.read(out, 0, 16);
        short[] packet = new short[160];
        int loud = 0;
        int position = 0;
        int lastLoud = -1;
        int loudRead = 0;
        java.util.Random random = new java.util.Random(5);
        for (int step = 0; step < 400; step++) {
            for (int i = 0; i < 160; i++, position++) {
                boolean isLoud = position % 2400 < 1600;
                packet[i] = isLoud ? (short) (1000 + loud++ % 30000) : (short) (random.nextInt(201) - 100);
            }
            ring.write(packet, 0, 160);
            for (int call = 0; call < 9; call++) {
                int n = ring.read(out, 0, 16);
                for (int i = 0; i < n; i++) {
                    if (out[i] >= 1000) {
                        if (lastLoud >= 0) {
                            assertThat(out[i] - 1000).as("loud sample after %d", lastLoud)
                                    .isEqualTo((lastLoud + 1) % 30000);
                        }
                        lastLoud = out[i] - 1000;
                        loudRead++;
                    }
                }
            }
        }
        assertThat(ring.dropped()).as("the reader fell behind and skipped").isGreaterThan(1000);
        assertThat(ring.skippedInQuiet()).as("all of it inside quiet stretches").isEqualTo(ring.dropped());
        assertThat(loudRead).as("every loud sample read, but those still in the ring").isGreaterThan(loud - 1200);
    }

    @Test
    void withoutQuietStretchesAFallenBehindReaderStillDropsAtTheSlack() {
        PcmReadRing ring = new PcmReadRing(4096, 1, 160, 320, 480);
        short[] out = new short[16];
        ring.read(out, 0, 16);
        short[] packet = new short[160];
        for (int step = 0; step < 200; step++) {
            java.util.Arrays.fill(packet, (short) 5000);
            ring.write(packet, 0, 160);
            for (int call = 0; call < 9; call++) {
                ring.read(out, 0, 16);
            }
        }
        assertThat(ring.skippedInQuiet()).isZero();
        assertThat(ring.dropped()).as("dropped at the hard limit instead").isPositive();
    }

    @Test
    void oneProducerAndOneReaderOnTheirOwnThreadsSeeOneOrderedStream() throws Exception {
        // two channels carry a 30-bit counter (high 15 bits, low 15 bits) per sampling instant
        PcmReadRing ring = new PcmReadRing(512, 2, 320, 320, 640);
        AtomicBoolean stop = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            SplittableRandom r = new SplittableRandom(21);
            short[] chunk = new short[600];
            int next = 0;
            while (!stop.get()) {
                int n = 1 + r.nextInt(300);
                for (int i = 0; i < n; i++, next++) {
                    chunk[2 * i] = (short) ((next >>> 15) & 0x7FFF);
                    chunk[2 * i + 1] = (short) (next & 0x7FFF);
                }
                ring.write(chunk, 0, 2 * n);
                if (r.nextInt(4) == 0) {
                    Thread.yield();
                }
            }
        }, "ring-producer");
        producer.start();
        SplittableRandom r = new SplittableRandom(22);
        short[] out = new short[600];
        long last = -1;
        long fromStream = 0;
        long calls = 0;
        try {
            while (fromStream < 2_000_000) {
                int n = 2 * (1 + r.nextInt(300));
                int got = ring.read(out, 0, n);
                calls++;
                if (got < 0 || got > n || got % 2 != 0) {
                    throw new AssertionError("call " + calls + " returned " + got + " of " + n);
                }
                for (int i = 0; i < got; i += 2) {
                    long v = ((long) out[i] << 15) | out[i + 1];
                    if (v <= last) {
                        throw new AssertionError("call " + calls + ": " + v + " after " + last);
                    }
                    last = v;
                }
                for (int i = got; i < n; i++) {
                    if (out[i] != 0) {
                        throw new AssertionError("call " + calls + ": padding not silent at " + i);
                    }
                }
                fromStream += got;
            }
        } finally {
            stop.set(true);
            producer.join();
        }
        assertThat(calls).isPositive();
        assertThat(ring.dropped()).as("the fast producer overran the reader").isPositive();
    }

    @Test
    void readingAndWritingAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        PcmReadRing ring = new PcmReadRing(8192, 1, 160, 320, 480);
        short[] packet = ramp(0, 160);
        short[] out = new short[16];
        java.util.List<Long> windows = new java.util.ArrayList<>();
        for (int round = 0; round < 4 && !windows.contains(0L); round++) { // round 0 warms up
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 100_000; i++) {
                if (i % 20_000 < 10_000 ? i % 12 == 0 : i % 8 == 0) { // too little, then too much
                    ring.write(packet, 0, 160);
                }
                if (i % 37 == 0) {
                    ring.writeSilence(16);
                }
                ring.read(out, 0, 16);
            }
            long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round > 0) {
                windows.add(bytes);
            }
        }
        // as in HotPathAllocationTest: one of three windows must be 0 (the JIT may allocate once)
        assertThat(windows).as("bytes allocated by 100,000 reads and 13,120 writes, per window").contains(0L);
        assertThat(ring.padded()).as("the loop ran dry at times").isPositive();
        assertThat(ring.dropped()).as("and overran at others").isPositive();
    }

    @Test
    void misuseIsRefused() {
        PcmReadRing ring = new PcmReadRing(1024, 2, 320, 640, 960);
        assertThatThrownBy(() -> ring.read(new short[10], 0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 samples").hasMessageContaining("2 channels");
        assertThatThrownBy(() -> ring.read(new short[10], 8, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
