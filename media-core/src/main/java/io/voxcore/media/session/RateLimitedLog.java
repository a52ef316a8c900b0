package io.voxcore.media.session;

import org.slf4j.Logger;

/**
 * Logs at most one warning per second per instance, saying how many were suppressed in between,
 * so a flood of failures (a throwing listener, hostile traffic) cannot flood the log.
 */
final class RateLimitedLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final Logger logger;
    private long last = System.nanoTime() - INTERVAL_NANOS;
    private long suppressed;

    RateLimitedLog(Logger logger) {
        this.logger = logger;
    }

    /**
     * Logs a warning, or counts it as suppressed.
     *
     * @param message the message
     * @param error the failure
     */
    synchronized void warn(String message, Throwable error) {
        long now = System.nanoTime();
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
