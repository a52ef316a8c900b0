package io.voxcore.media.session;

import io.voxcore.media.rtp.TelephoneEvent;
import java.time.Duration;
import java.util.Objects;

/** Checks a DTMF request's arguments and turns it into a {@link DtmfSender.Job}. */
final class DtmfRequests {

    private DtmfRequests() {
    }

    /**
     * Validates and converts.
     *
     * @param digits characters of {@code 0-9 * # A-D} (a-d accepted), at least one
     * @param duration each tone's length, 10 ms to 65,535 RTP units
     * @param volume 0-63 (-dBm0)
     * @param clockRate the stream's RTP clock rate
     * @return the job
     * @throws IllegalArgumentException naming the offending value
     */
    static DtmfSender.Job job(String digits, Duration duration, int volume, int clockRate) {
        Objects.requireNonNull(digits, "digits");
        Objects.requireNonNull(duration, "duration");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("no DTMF digits given");
        }
        int[] events = new int[digits.length()];
        for (int i = 0; i < digits.length(); i++) {
            events[i] = TelephoneEvent.dtmfEvent(digits.charAt(i));
            if (events[i] < 0) {
                throw new IllegalArgumentException(digits.length() == 1
                        ? "'" + digits.charAt(i) + "' is not a DTMF digit (0-9 * # A-D)"
                        : "'" + digits.charAt(i) + "' at index " + i + " of \"" + digits
                                + "\" is not a DTMF digit (0-9 * # A-D)");
            }
        }
        if (volume < 0 || volume > TelephoneEvent.MAX_VOLUME) {
            throw new IllegalArgumentException("DTMF volume must be 0-63 (0 to -63 dBm0), got " + volume);
        }
        long samples = duration.isNegative() ? -1 : duration.toNanos() / 1000 * clockRate / 1_000_000L;
        if (duration.compareTo(Duration.ofMillis(10)) < 0 || samples > 0xFFFF) {
            throw new IllegalArgumentException("DTMF duration must be 10 ms to 65535 samples ("
                    + 65_535_000L / clockRate + " ms at " + clockRate + " Hz), got " + duration.toMillis() + " ms");
        }
        return new DtmfSender.Job(events, (int) samples, volume);
    }

    /**
     * Refuses DTMF the session cannot send now.
     *
     * @param plan what the session sends
     * @param session named in the error
     * @throws IllegalStateException on hold, or when telephone-event was not negotiated
     */
    static void checkSendable(PayloadPlan plan, Object session) {
        if (plan.sendEventPayloadType < 0) {
            throw new IllegalStateException("session " + session + ": telephone-event was not negotiated at "
                    + plan.clockRate + " Hz, so the peer cannot receive RFC 4733 DTMF (send it in-band as audio)");
        }
        if (!plan.sends) {
            throw new IllegalStateException("session " + session + " sends nothing now (the negotiated direction "
                    + "is on hold); DTMF cannot be sent until media resumes");
        }
    }

    /**
     * Submits a job to the session's I/O thread ({@link MediaSession#sendDtmf(String, Duration, int)}):
     * audio is suppressed from now until the job is done.
     *
     * @param parts the session's parts
     * @param loop its I/O thread
     * @param job the digits
     * @param closed whether the session is closed
     * @return the job's completion
     * @throws IllegalStateException when closed, on hold, or telephone-event was not negotiated
     */
    static java.util.concurrent.CompletionStage<Void> submit(SessionParts parts, IoLoop loop, DtmfSender.Job job,
            java.util.function.BooleanSupplier closed) {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("session " + parts.transport.localAddress() + " is closed");
        }
        checkSendable(parts.sender.plan(), parts.transport.localAddress());
        parts.sender.eventRequested();
        loop.execute(() -> {
            if (closed.getAsBoolean()) {
                parts.sender.eventRequestDone();
                job.done.completeExceptionally(new IllegalStateException("session closed"));
            } else {
                parts.dtmfSender.submit(job, System.nanoTime());
            }
        });
        return job.done;
    }
}
