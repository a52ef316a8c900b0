package io.voxcore.media.session;

import io.voxcore.media.codec.CodecFactory;
import io.voxcore.media.codec.CodecInfo;
import io.voxcore.media.codec.MediaCodecException;
import java.nio.charset.StandardCharsets;

/** The checks {@link MediaSessionConfig.Builder#build()} makes, each failure naming the values. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    /**
     * Checks the payload types of a session configured by hand.
     *
     * @param payloadType the audio payload type
     * @param telephoneEventPayloadType the telephone-event payload type
     * @param negotiated whether a negotiation set them (its telephone-event type is its own business)
     */
    static void payloadTypes(int payloadType, int telephoneEventPayloadType, boolean negotiated) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0-127, got " + payloadType);
        }
        if (negotiated) {
            return;
        }
        if (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type must be dynamic, 96-127, got "
                    + telephoneEventPayloadType);
        }
        if (telephoneEventPayloadType == payloadType) {
            throw new IllegalArgumentException("telephone-event payload type " + telephoneEventPayloadType
                    + " is the audio payload type too");
        }
    }

    /**
     * Finds the codec and checks the ptime against it.
     *
     * @param payloadType the send payload type
     * @param plan the negotiated plan, or null
     * @param ptimeMillis the packet duration
     * @return the codec's description
     */
    static CodecInfo codec(int payloadType, PayloadPlan plan, int ptimeMillis) {
        CodecInfo codec;
        try {
            codec = plan != null ? plan.sendCodec : CodecFactory.createZeroCopy(payloadType).info();
        } catch (MediaCodecException e) {
            throw new IllegalArgumentException("no codec for payload type " + payloadType + ": " + e.getMessage(), e);
        }
        if (ptimeMillis < MediaSessionConfig.MIN_PTIME_MILLIS || ptimeMillis > MediaSessionConfig.MAX_PTIME_MILLIS) {
            throw new IllegalArgumentException("ptime must be " + MediaSessionConfig.MIN_PTIME_MILLIS + "-"
                    + MediaSessionConfig.MAX_PTIME_MILLIS + " ms, got " + ptimeMillis);
        }
        if ((long) codec.sampleRate() * ptimeMillis % 1000 != 0 || (long) codec.clockRate() * ptimeMillis % 1000 != 0) {
            throw new IllegalArgumentException("ptime " + ptimeMillis + " ms is not a whole number of samples at "
                    + codec.sampleRate() + " Hz (RTP clock " + codec.clockRate() + " Hz)");
        }
        return codec;
    }

    /**
     * Checks the numeric limits and the CNAME.
     *
     * @param jitterMinDelayMillis jitter buffer minimum
     * @param jitterMaxDelayMillis jitter buffer maximum
     * @param rtcpIntervalMillis RTCP interval
     * @param rtcpMode RTCP mode
     * @param localPort the bind port
     * @param relatchSilenceMillis re-latch silence
     * @param receiveQueueCapacity pull queue capacity
     * @param cname the CNAME, or null
     */
    static void limits(int jitterMinDelayMillis, int jitterMaxDelayMillis, int rtcpIntervalMillis, RtcpMode rtcpMode,
            int localPort, int relatchSilenceMillis, int receiveQueueCapacity, String cname) {
        if (jitterMinDelayMillis < 0 || jitterMaxDelayMillis < jitterMinDelayMillis
                || jitterMaxDelayMillis > MediaSessionConfig.MAX_JITTER_DELAY_MILLIS) {
            throw new IllegalArgumentException("jitter delay must satisfy 0 <= min <= max <= "
                    + MediaSessionConfig.MAX_JITTER_DELAY_MILLIS + " ms, got min " + jitterMinDelayMillis + " max "
                    + jitterMaxDelayMillis);
        }
        if (rtcpIntervalMillis < MediaSessionConfig.MIN_RTCP_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("RTCP interval must be at least " + MediaSessionConfig.MIN_RTCP_INTERVAL_MILLIS
                    + " ms, got " + rtcpIntervalMillis);
        }
        if (rtcpMode == RtcpMode.NEXT_PORT && localPort == 65535) {
            throw new IllegalArgumentException("RTCP on the next port needs an RTP port below 65535, got "
                    + localPort);
        }
        if (relatchSilenceMillis < 0) {
            throw new IllegalArgumentException("re-latch silence must be 0 or more ms, got " + relatchSilenceMillis);
        }
        if (receiveQueueCapacity < 1) {
            throw new IllegalArgumentException("receive queue capacity must be at least 1, got "
                    + receiveQueueCapacity);
        }
        if (cname != null && (cname.isEmpty() || cname.getBytes(StandardCharsets.UTF_8).length > 255)) {
            throw new IllegalArgumentException("CNAME must be 1-255 bytes of UTF-8, got \"" + cname + "\"");
        }
    }
}
