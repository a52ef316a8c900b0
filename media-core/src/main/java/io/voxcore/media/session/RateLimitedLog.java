package io.voxcore.media.session;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs at most one warning per second per instance, saying how many were suppressed in between,
 * so a flood of failures (a throwing listener, hostile traffic) cannot flood the log.
 */
final class RateLimitedLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final Logger logger;
    private final LongSupplier clock;
    private long last;
    private long suppressed;

    RateLimitedLog(Logger logger) {
        this(logger, System::nanoTime);
    }

    /** With a nanosecond clock of the caller's (tests). */
    RateLimitedLog(Logger logger, LongSupplier clock) {
        this.logger = logger;
        this.clock = clock;
        this.last = clock.getAsLong() - INTERVAL_NANOS;
    }

    /**
     * Logs a warning, or counts it as suppressed.
     *
     * @param message the message
     * @param error the failure
     */
    synchronized void warn(String message, Throwable error) {
        long now = clock.getAsLong();
        if (now - last < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        last = now;
        if (suppressed > 0) {
            logger.warn("{} ({} similar warnings suppressed in the last second)", message, suppressed, error);
        } else {
            logger.warn(message, error);
        }
        suppressed = 0;
    }
}
