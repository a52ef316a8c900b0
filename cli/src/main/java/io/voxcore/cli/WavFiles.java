package io.voxcore.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV input and output through {@code javax.sound.sampled}: reads 8 kHz mono 16-bit signed PCM only;
 * writes 16-bit signed PCM (8 kHz mono unless a received stream's codec says otherwise).
 */
final class WavFiles {

    /** The one format the tool reads and writes. */
    static final AudioFormat TELEPHONY = new AudioFormat(8000f, 16, 1, true, false);

    private WavFiles() {
    }

    /**
     * Reads a WAV file of 8 kHz mono 16-bit PCM.
     *
     * @param file the file
     * @return its samples
     * @throws IllegalArgumentException naming the file and its actual format when it is not 8 kHz
     *     mono 16-bit signed PCM (resampling is out of scope)
     * @throws IOException when the file cannot be read or is not audio
     */
    static short[] read(Path file) throws IOException {
        return read(file, 8000, null);
    }

    /**
     * Reads a mono 16-bit signed PCM WAV file at {@code rate}, resampling it from 8, 12, 16, 24 or
     * 48 kHz when it has another rate (codec-core's {@code Resampler}), and saying so.
     *
     * @param file the file
     * @param rate the rate wanted
     * @param say where to say that the file was resampled, or null
     * @return its samples at {@code rate}
     * @throws IllegalArgumentException naming the file and its format when it cannot be used
     * @throws IOException when the file cannot be read or is not audio
     */
    static short[] read(Path file, int rate, java.io.PrintWriter say) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            int from = Math.round(f.getSampleRate());
            boolean ok = f.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED) && f.getChannels() == 1
                    && f.getSampleSizeInBits() == 16 && (from == rate || java.util.Set.of(8000, 12000, 16000, 24000,
                            48000).contains(from));
            if (!ok) {
                throw new IllegalArgumentException(file + " is " + describe(f) + "; voxcore sends mono 16-bit signed "
                        + "PCM WAV at " + rate + " Hz, or at 8, 12, 16, 24 or 48 kHz which it resamples (convert it "
                        + "first, e.g. sox in.wav -r " + rate + " -c 1 -b 16 out.wav)");
            }
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer().get(samples);
            if (from == rate) {
                return samples;
            }
            io.voxcore.codec.Resampler r = io.voxcore.codec.Resampler.create(from, rate);
            short[] out = new short[r.maxOutput(samples.length)];
            int n = r.process(samples, 0, samples.length, out, 0);
            if (say != null) {
                say.println("send: " + file + " is " + from + " Hz: resampled to " + rate + " Hz for the codec");
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + " is not a WAV file Java can read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes samples as an 8 kHz mono 16-bit PCM WAV file.
     *
     * @param file the file to create or replace
     * @param samples the samples
     * @param count how many of them
     * @throws IOException when the file cannot be written
     */
    static void write(Path file, short[] samples, int count) throws IOException {
        write(file, samples, count, 8000, 1);
    }

    /**
     * Writes samples as a 16-bit PCM WAV file of any rate and channel count (what a session
     * decoded from an SDP file's codec).
     *
     * @param file the file to create or replace
     * @param samples the samples, channels interleaved
     * @param count how many of them (all channels)
     * @param sampleRate the sample rate in Hz
     * @param channels the channel count
     * @throws IOException when the file cannot be written
     */
    static void write(Path file, short[] samples, int count, int sampleRate, int channels) throws IOException {
        byte[] bytes = new byte[count * 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples, 0, count);
        AudioFormat format = sampleRate == 8000 && channels == 1 ? TELEPHONY
                : new AudioFormat(sampleRate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, count / channels)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    private static String describe(AudioFormat f) {
        return String.format("%s %.0f Hz, %d channel(s), %d-bit", f.getEncoding(), f.getSampleRate(),
                f.getChannels(), f.getSampleSizeInBits());
    }

    /**
     * The sample rate of a WAV file.
     *
     * @param file the file
     * @return Hz
     * @throws IOException when it cannot be read
     */
    static int rate(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            return Math.round(in.getFormat().getSampleRate());
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + " is not a WAV file Java can read: " + e.getMessage(), e);
        }
    }
}
