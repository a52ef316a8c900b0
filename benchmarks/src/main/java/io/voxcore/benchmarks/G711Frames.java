package io.voxcore.benchmarks;

import io.voxcore.codec.AudioCodec;
import io.voxcore.codec.CodecFactory;
import io.voxcore.codec.G711;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import javax.sound.sampled.AudioFormat;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One frame of {@link SpeechSignal} in every form an implementation takes, with the output arrays
 * and buffers, made once per trial. Not final and with public fields because JMH subclasses state
 * classes and its generated code reads them.
 *
 * <p>The encoded inputs ({@link #ulaw}, {@link #alaw}) are made with {@link G711}'s single-sample
 * primitives, which codec-core proves against the ITU vectors, so every decoder decodes the same
 * bytes.
 */
@State(Scope.Thread)
public class G711Frames {

    /** 16-bit signed little-endian linear PCM at 8000 Hz, mono: the JDK's and FMJ's PCM form. */
    public static final AudioFormat JDK_PCM16 = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED,
            8000f, 16, 1, 2, 8000f, false);
    /** mu-law at 8000 Hz, mono, for {@code javax.sound.sampled}. */
    public static final AudioFormat JDK_ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, false);
    /** A-law at 8000 Hz, mono, for {@code javax.sound.sampled}. */
    public static final AudioFormat JDK_ALAW = new AudioFormat(AudioFormat.Encoding.ALAW, 8000f, 8, 1, 1, 8000f, false);

    /** Samples per frame: 80, 160, 320 and 960 are 10, 20, 40 and 120 ms at 8000 Hz. */
    @Param({"80", "160", "320", "960"})
    public int size;

    /** The frame's samples. */
    public short[] pcm;
    /** The same samples as 16-bit little-endian bytes (FMJ's and the JDK's input). */
    public byte[] pcmLittleEndian;
    /** The frame mu-law encoded. */
    public byte[] ulaw;
    /** The frame A-law encoded. */
    public byte[] alaw;

    /** Output of encoders and transcoders: {@link #size} bytes. */
    public byte[] codeOut;
    /** Output of decoders that produce samples: {@link #size} samples. */
    public short[] pcmOut;
    /** Output of decoders that produce little-endian bytes: {@code 2 * size} bytes. */
    public byte[] pcmBytesOut;

    /** voxcore's PCMU codec from {@link CodecFactory}. */
    public AudioCodec pcmu;
    /** voxcore's PCMA codec from {@link CodecFactory}. */
    public AudioCodec pcma;

    /** {@link #pcm} in a heap buffer. */
    public ShortBuffer heapPcm;
    /** {@link #ulaw} in a heap buffer. */
    public ByteBuffer heapUlaw;
    /** {@link #alaw} in a heap buffer. */
    public ByteBuffer heapAlaw;
    /** Heap output for codes. */
    public ByteBuffer heapCodeOut;
    /** Heap output for samples. */
    public ShortBuffer heapPcmOut;

    /** {@link #pcm} in a direct buffer (native order), as a socket or native capture would hand it over. */
    public ShortBuffer directPcm;
    /** {@link #ulaw} in a direct buffer. */
    public ByteBuffer directUlaw;
    /** {@link #alaw} in a direct buffer. */
    public ByteBuffer directAlaw;
    /** Direct output for codes. */
    public ByteBuffer directCodeOut;
    /** Direct output for samples. */
    public ShortBuffer directPcmOut;

    /** Creates the state; JMH calls {@link #setUp()} before use. */
    public G711Frames() {
    }

    /** Makes the frame in every form, for the current {@link #size}. */
    @Setup(Level.Trial)
    public void setUp() {
        pcm = SpeechSignal.samples(size);
        pcmLittleEndian = new byte[2 * size];
        ulaw = new byte[size];
        alaw = new byte[size];
        for (int i = 0; i < size; i++) {
            pcmLittleEndian[2 * i] = (byte) pcm[i];
            pcmLittleEndian[2 * i + 1] = (byte) (pcm[i] >> 8);
            ulaw[i] = G711.linearToUlaw(pcm[i]);
            alaw[i] = G711.linearToAlaw(pcm[i]);
        }
        codeOut = new byte[size];
        pcmOut = new short[size];
        pcmBytesOut = new byte[2 * size];

        pcmu = CodecFactory.createByPayloadType(0);
        pcma = CodecFactory.createByPayloadType(8);

        heapPcm = ShortBuffer.wrap(pcm.clone());
        heapUlaw = ByteBuffer.wrap(ulaw.clone());
        heapAlaw = ByteBuffer.wrap(alaw.clone());
        heapCodeOut = ByteBuffer.allocate(size);
        heapPcmOut = ShortBuffer.allocate(size);

        directPcm = ByteBuffer.allocateDirect(2 * size).order(ByteOrder.nativeOrder()).asShortBuffer();
        directPcm.put(pcm).clear();
        directUlaw = ByteBuffer.allocateDirect(size);
        directUlaw.put(ulaw).clear();
        directAlaw = ByteBuffer.allocateDirect(size);
        directAlaw.put(alaw).clear();
        directCodeOut = ByteBuffer.allocateDirect(size);
        directPcmOut = ByteBuffer.allocateDirect(2 * size).order(ByteOrder.nativeOrder()).asShortBuffer();
    }
}
