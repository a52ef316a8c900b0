package io.voxcore.media.session;

/**
 * What a session plays where packets were lost (a gap with {@code packets > 0}). Time without
 * audio that lost nothing (a pause between talkspurts, a DTMF event, delay the jitter buffer
 * added) is reported as a gap whatever the policy, or plays as comfort noise after an RFC 3389
 * CN packet. Every policy counts the gap in {@link ReceiveStatistics#gaps()} and
 * {@link ReceiveStatistics#gapPackets()}.
 */
public enum GapPolicy {

    /**
     * The default: the missing time is delivered as audio frames that continue the audio before
     * it. A codec with a concealment of its own conceals through its decoder (Opus: the lost
     * frame recovered from the next packet's in-band FEC when it carries some, counted in
     * {@link ReceiveStatistics#fecRecoveredSamples()}, else Opus PLC); other 8 and 16 kHz mono
     * codecs get ITU-T G.711 Appendix I packet loss concealment, with Appendix I's cross-fade
     * back into the first audio after the loss; other formats get silence. Counted in
     * {@link ReceiveStatistics#concealedSamples()}.
     */
    CONCEAL,

    /**
     * The missing time is delivered as frames of zero samples. Counted in
     * {@link ReceiveStatistics#concealedSamples()}.
     */
    SILENCE,

    /**
     * Nothing is delivered for the missing time: the listener's or sink's {@code onGap} is called
     * (the behaviour before {@link #CONCEAL} became the default).
     */
    REPORT
}
