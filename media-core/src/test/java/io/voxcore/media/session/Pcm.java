package io.voxcore.media.session;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Raw PCM files (signed 16-bit little-endian, ffmpeg's s16le) and free loopback ports. */
final class Pcm {

    private Pcm() {
    }

    static void writeS16le(Path file, short[] samples) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(samples);
        Files.write(file, buf.array());
    }

    static short[] readS16le(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /**
     * An even loopback port whose successor is free too (RTP and RTCP), found by binding both.
     *
     * @return the port
     */
    static int freeRtpPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, loopback)) {
                port = probe.getLocalPort() & ~1;
            }
            try (DatagramSocket rtp = new DatagramSocket(port, loopback);
                 DatagramSocket rtcp = new DatagramSocket(port + 1, loopback)) {
                if (rtp.isBound() && rtcp.isBound()) {
                    return port;
                }
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no free even/odd UDP port pair on loopback");
    }

    /**
     * Whether some socket of this machine is bound to UDP {@code port}, read from the kernel's
     * tables ({@code /proc/net/udp} and {@code udp6}) so that asking never takes the port. Where
     * there is no {@code /proc} (not Linux) it answers true: callers then go on without waiting.
     *
     * @param port the port
     * @return whether it is bound
     */
    static boolean udpPortBound(int port) {
        String hexPort = String.format(":%04X ", port);
        boolean anyTable = false;
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            java.nio.file.Path path = java.nio.file.Path.of(table);
            if (!java.nio.file.Files.isReadable(path)) {
                continue;
            }
            anyTable = true;
            try {
                for (String line : java.nio.file.Files.readAllLines(path)) {
                    String[] columns = line.trim().split("\\s+");
                    if (columns.length > 1 && (columns[1] + " ").endsWith(hexPort)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return !anyTable;
    }

    /**
     * Where {@code part} starts inside {@code whole}, matching every sample of {@code part}, or -1.
     *
     * @param whole the reference
     * @param part what was received
     * @return the offset, or -1
     */
    static int indexOf(short[] whole, short[] part) {
        outer:
        for (int start = 0; start + part.length <= whole.length; start++) {
            for (int i = 0; i < part.length; i++) {
                if (whole[start + i] != part[i]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }
}
