package io.voxcore.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 defect 11 at the unit level: the sender-report figures are read as one set while
 * another thread keeps counting packets. (The session-level test in {@link ReceiveDefectsTest}
 * catches the old unsynchronized reads only about once in 50 reports: a send must land between
 * two reads a few hundred nanoseconds apart; this test makes a million reads against a writer
 * that never pauses.)
 */
class SenderFiguresTest {

    @Test
    void everyReadIsOneConsistentSetWhileAnotherThreadCounts() throws Exception {
        SenderFigures figures = new SenderFigures();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                n++;
                figures.sent(160, n * 160, n * 20_000_000L); // timestamp and time follow the count
            }
        });
        writer.start();
        SenderFigures.Snapshot s = new SenderFigures.Snapshot();
        long inconsistent = 0;
        long moved = 0;
        long last = -1;
        long deadline = System.nanoTime() + 20_000_000_000L;
        try {
            for (int i = 0; i < 1_000_000 || moved < 1_000 && System.nanoTime() < deadline; i++) {
                figures.read(s);
                if (s.octetsSent != 160 * s.packetsSent || s.lastSentTimestamp != 160 * s.packetsSent
                        || s.lastSentNanos != 20_000_000L * s.packetsSent) {
                    inconsistent++;
                }
                if (s.packetsSent != last) {
                    moved++;
                    last = s.packetsSent;
                }
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(moved).as("the writer really ran during the reads").isGreaterThanOrEqualTo(1_000);
        assertThat(inconsistent).isZero();
    }
}
