package io.voxcore.benchmarks;

import io.voxcore.codec.G711;
import io.voxcore.media.AudioFrame;
import io.voxcore.media.codec.AudioCodec;
import io.voxcore.media.codec.CodecFactory;
import io.voxcore.media.codec.Transcoder;
import io.voxcore.media.codec.ZeroCopyCodecAdapter;
import io.voxcore.media.rtp.RtpPacket;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One frame of {@link SpeechSignal} for media-core's paths: the adapters, the transcoder and an
 * RTP packet buffer, made once per trial. Public fields because JMH generates subclasses.
 */
@State(Scope.Thread)
public class MediaFrames {

    /** Samples per frame (160 is 20 ms at 8 kHz). */
    @Param({"80", "160", "320", "960"})
    public int size;

    /** The input samples. */
    public short[] pcm;
    /** The same samples as a media-core frame. */
    public AudioFrame frame;
    /** mu-law codes of {@link #pcm}. */
    public byte[] ulaw;
    /** Output codes. */
    public byte[] codeOut;
    /** Output samples. */
    public short[] pcmOut;
    /** A direct buffer holding an RTP packet: 12-byte header, then {@link #ulaw}. */
    public ByteBuffer packet;
    /** A heap buffer the size of {@link #packet}. */
    public ByteBuffer heapPacket;
    /** The mu-law payload alone, direct. */
    public ByteBuffer directUlaw;
    /** Transcoder output, direct. */
    public ByteBuffer directOut;
    /** media-core's allocating codec adapter for PCMU. */
    public AudioCodec adapter;
    /** media-core's zero-copy adapter for PCMU. */
    public ZeroCopyCodecAdapter zeroCopy;
    /** media-core's transcoder. */
    public Transcoder transcoder;
    /** An RTP flyweight. */
    public RtpPacket rtp;
    /** Advances per call, as a session's sequence number does. */
    public int sequence;

    /** Creates the state (JMH does). */
    public MediaFrames() {
    }

    /** Builds the frame in every form. */
    @Setup(Level.Trial)
    public void setUp() {
        pcm = SpeechSignal.samples(size);
        frame = new AudioFrame(pcm.clone(), 8000, 1, 0);
        ulaw = new byte[size];
        for (int i = 0; i < size; i++) {
            ulaw[i] = G711.linearToUlaw(pcm[i]);
        }
        codeOut = new byte[size];
        pcmOut = new short[size];
        packet = ByteBuffer.allocateDirect(RtpPacket.FIXED_HEADER_LENGTH + size);
        RtpPacket.writeHeader(packet, 0, false, 0, 1, 0, 0x1234_5678L);
        packet.put(RtpPacket.FIXED_HEADER_LENGTH, ulaw);
        heapPacket = ByteBuffer.allocate(packet.capacity());
        directUlaw = ByteBuffer.allocateDirect(size);
        directUlaw.put(ulaw).flip();
        directOut = ByteBuffer.allocateDirect(size);
        adapter = CodecFactory.createCodec(0);
        zeroCopy = CodecFactory.createZeroCopy(0);
        transcoder = new Transcoder();
        rtp = new RtpPacket();
    }
}
