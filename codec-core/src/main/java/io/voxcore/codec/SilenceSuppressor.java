package io.voxcore.codec;

/**
 * Decides, frame by frame at the sender, what silence suppression (discontinuous transmission)
 * sends: speech packets while the {@link VoiceActivityDetector} hears speech, one RFC 3389 comfort
 * noise packet when silence starts, further CN packets only when the noise level moves or a
 * refresh time has passed, and nothing otherwise.
 *
 * <p>The RTP rules that go with the decisions (applied by whoever builds the packets): the first
 * speech packet after silence, and the first packet of the stream, has the marker bit set (RFC
 * 3551 section 4.1: the start of a talkspurt), reported as {@link Decision#TALKSPURT_START}; a CN
 * packet is sent as if CN were its own codec, its RTP timestamp that of the frame it replaces
 * (the start of the silence it describes), with the marker bit clear (RFC 3389 section 4); the
 * timestamp keeps advancing through frames not sent.
 *
 * <p>Allocation-free; not thread-safe.
 */
public final class SilenceSuppressor {

    /** What to send for a frame. */
    public enum Decision {
        /** The first speech frame after silence (or of the stream): send it with the marker bit. */
        TALKSPURT_START,
        /** A speech frame inside a talkspurt: send it. */
        SPEECH,
        /** Silence: send the CN payload ({@link #copyPayload}) instead of this frame. */
        COMFORT_NOISE,
        /** Silence already described: send nothing. */
        NOTHING
    }

    /** Default change of noise level that makes a new CN packet, in dB. */
    public static final int DEFAULT_LEVEL_CHANGE_DB = 3;
    /** Default longest time between CN packets in a silence, in milliseconds. */
    public static final int DEFAULT_REFRESH_MILLIS = 5000;

    private final VoiceActivityDetector vad;
    private final ComfortNoiseAnalyser analyser;
    private final int levelChangeDb;
    private final long refreshSamples;
    private final byte[] payload = new byte[ComfortNoiseAnalyser.MAX_ORDER + 1];
    private final byte[] candidate = new byte[ComfortNoiseAnalyser.MAX_ORDER + 1];
    private int payloadLength;
    private boolean inSilence = true;
    private long samplesSinceCn;

    private SilenceSuppressor(VoiceActivityDetector vad, ComfortNoiseAnalyser analyser, int levelChangeDb,
                              long refreshSamples) {
        this.vad = vad;
        this.analyser = analyser;
        this.levelChangeDb = levelChangeDb;
        this.refreshSamples = refreshSamples;
    }

    /**
     * A suppressor with the default detector, a CN model of the given order, a new CN packet on a
     * 3 dB change and at least every 5 s.
     *
     * @param sampleRate samples per second
     * @param order reflection coefficients per CN payload, 0 to 10
     * @return a new suppressor
     * @throws IllegalArgumentException for a rate or order out of range
     */
    public static SilenceSuppressor create(int sampleRate, int order) {
        return create(VoiceActivityDetector.create(sampleRate), ComfortNoiseAnalyser.create(order),
                DEFAULT_LEVEL_CHANGE_DB, DEFAULT_REFRESH_MILLIS, sampleRate);
    }

    /**
     * A suppressor from its parts.
     *
     * @param vad the detector, used by this suppressor only
     * @param analyser the CN analyser, used by this suppressor only
     * @param levelChangeDb level change that makes a new CN packet, 1 or more
     * @param refreshMillis longest time between CN packets in a silence, 1 or more
     * @param sampleRate samples per second
     * @return a new suppressor
     * @throws IllegalArgumentException naming any value out of range
     */
    public static SilenceSuppressor create(VoiceActivityDetector vad, ComfortNoiseAnalyser analyser,
                                           int levelChangeDb, int refreshMillis, int sampleRate) {
        if (vad == null || analyser == null) {
            throw new IllegalArgumentException("detector and analyser are required");
        }
        if (levelChangeDb < 1 || refreshMillis < 1 || sampleRate < 1) {
            throw new IllegalArgumentException("level change " + levelChangeDb + " dB, refresh " + refreshMillis
                    + " ms and sample rate " + sampleRate + " must all be positive");
        }
        return new SilenceSuppressor(vad, analyser, levelChangeDb, (long) refreshMillis * sampleRate / 1000);
    }

    /**
     * Classifies the next frame and says what to send for it.
     *
     * @param pcm the frame's samples
     * @param offset index of the first sample
     * @param length samples in the frame, at least 1
     * @return the decision; for {@link Decision#COMFORT_NOISE} the payload is ready in
     *     {@link #copyPayload}
     * @throws IllegalArgumentException if the range lies outside the array or is empty
     */
    public Decision offer(short[] pcm, int offset, int length) {
        if (vad.isSpeech(pcm, offset, length)) {
            boolean start = inSilence;
            inSilence = false;
            return start ? Decision.TALKSPURT_START : Decision.SPEECH;
        }
        int n = analyser.analyse(pcm, offset, length, candidate, 0);
        samplesSinceCn += length;
        boolean send = !inSilence || payloadLength == 0
                || Math.abs((candidate[0] & 0x7F) - (payload[0] & 0x7F)) >= levelChangeDb
                || samplesSinceCn >= refreshSamples;
        inSilence = true;
        if (!send) {
            return Decision.NOTHING;
        }
        System.arraycopy(candidate, 0, payload, 0, n);
        payloadLength = n;
        samplesSinceCn = 0;
        return Decision.COMFORT_NOISE;
    }

    /**
     * Copies the CN payload of the last {@link Decision#COMFORT_NOISE} decision.
     *
     * @param dst where to write
     * @param offset index of the level byte
     * @return the payload length (0 before any CN decision)
     * @throws IllegalArgumentException if the payload does not fit
     */
    public int copyPayload(byte[] dst, int offset) {
        ComfortNoisePayload.checkRange(dst, offset, payloadLength);
        System.arraycopy(payload, 0, dst, offset, payloadLength);
        return payloadLength;
    }
}
