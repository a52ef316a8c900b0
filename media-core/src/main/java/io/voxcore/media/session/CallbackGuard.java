package io.voxcore.media.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contains what a user callback throws, so that it never kills the I/O thread that called it:
 * the failure is counted and logged at most once a second (with the count of suppressed ones).
 * Errors are contained too ({@link AssertionError} from a test's listener, {@link StackOverflowError}
 * from a recursive one); only the virtual machine's fatal errors ({@link OutOfMemoryError},
 * {@link InternalError}) propagate, since the JVM may not be able to continue after them.
 *
 * <p>Counting runs on the session's I/O thread; the count is read there for statistics.
 */
final class CallbackGuard {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);

    private final RateLimitedLog log = new RateLimitedLog(LOG);
    private final Object owner;
    private long failures;

    /**
     * Creates a guard.
     *
     * @param owner what to name in log lines (the session's local address)
     */
    CallbackGuard(Object owner) {
        this.owner = owner;
    }

    /**
     * Records a callback's failure, or rethrows it when it is fatal to the virtual machine.
     *
     * @param what the callback, e.g. "audio listener"
     * @param failure what it threw
     */
    void failed(String what, Throwable failure) {
        rethrowIfFatal(failure);
        failures++;
        log.warn(what + " of session " + owner + " threw", failure);
    }

    /**
     * Callback failures so far.
     *
     * @return the count
     */
    long failures() {
        return failures;
    }

    /**
     * Rethrows the errors after which the virtual machine cannot be trusted to continue; returns
     * for every other throwable.
     *
     * @param failure what was caught
     */
    static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
            throw (VirtualMachineError) failure;
        }
    }
}
