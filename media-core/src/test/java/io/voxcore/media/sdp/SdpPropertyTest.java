package io.voxcore.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of the parser and writer, over seeded random inputs (a failure names the case and
 * its seed):
 * <ul>
 *   <li>any byte sequence, and any mutation of a real SDP body, gives a description or an
 *       {@link SdpParseException}, never another exception;</li>
 *   <li>whatever parses writes back to text that parses to an equal description, and writing is
 *       then stable;</li>
 *   <li>a generated model writes to text that parses back equal.</li>
 * </ul>
 */
class SdpPropertyTest {

    private static final int CASES = 3000;

    private static final List<String> REAL = List.of(SdpParserTest.RFC8866_EXAMPLE, Rfc4317.OFFER_AUDIO_VIDEO,
            Rfc4317.ANSWER_2_8, DeviceOffers.ASTERISK, DeviceOffers.FREESWITCH, DeviceOffers.LINPHONE,
            DeviceOffers.CISCO, DeviceOffers.POLYCOM, DeviceOffers.FFMPEG);

    @Test
    void randomBytesGiveADescriptionOrAParseError() {
        int parsed = forAll(0x5D9_0001L, r -> {
            byte[] bytes = new byte[r.nextInt(300)];
            r.nextBytes(bytes);
            if (r.nextBoolean() && bytes.length > 4) { // often start like SDP so that later lines are reached
                System.arraycopy("v=0\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
            }
            return bytes;
        });
        assertThat(parsed).isGreaterThanOrEqualTo(0);
    }

    @Test
    void mutatedRealBodiesGiveADescriptionOrAParseErrorAndRoundTrip() {
        int parsed = forAll(0x5D9_0002L, r -> mutate(r, REAL.get(r.nextInt(REAL.size())).getBytes(StandardCharsets.UTF_8)));
        // the mutations are small enough that many bodies still parse: the round trip was exercised
        assertThat(parsed).isGreaterThan(CASES / 10);
    }

    @Test
    void generatedModelsRoundTrip() {
        for (int i = 0; i < CASES; i++) {
            long seed = 0x5D9_0003L * 31 + i;
            SessionDescription sd = ModelGenerator.session(new SplittableRandom(seed));
            String text = sd.write();
            try {
                assertThat(SessionDescription.parse(text)).isEqualTo(sd);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("case " + i + " seed " + seed + ":\n" + text, e);
            }
        }
    }

    interface Input {
        byte[] next(SplittableRandom r);
    }

    /** Feeds CASES inputs; returns how many parsed. */
    private static int forAll(long seed, Input input) {
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            long caseSeed = seed * 0x9E37_79B9_7F4A_7C15L + i;
            byte[] bytes = input.next(new SplittableRandom(caseSeed));
            try {
                SessionDescription sd;
                try {
                    sd = SessionDescription.parse(bytes);
                } catch (SdpParseException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    continue;
                }
                parsed++;
                String written = sd.write();
                SessionDescription again = SessionDescription.parse(written);
                assertThat(again).isEqualTo(sd);
                assertThat(again.write()).isEqualTo(written);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("case " + i + " seed " + caseSeed + ": "
                        + new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n"), e);
            }
        }
        return parsed;
    }

    private static final byte[][] TOKENS = {" ".getBytes(), "\r\n".getBytes(), "\n".getBytes(), "=".getBytes(),
        ":".getBytes(), "/".getBytes(), "0".getBytes(), "65536".getBytes(), "a=rtpmap:".getBytes(), "m=audio ".getBytes(),
        "c=IN IP6 ::".getBytes(), "-".getBytes(), "\0".getBytes(), "\t".getBytes(), "a=crypto:".getBytes()};

    static byte[] mutate(SplittableRandom r, byte[] in) {
        List<Byte> b = new ArrayList<>();
        for (byte x : in) {
            b.add(x);
        }
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = r.nextInt(b.size());
            switch (r.nextInt(5)) {
                case 0:
                    b.set(at, (byte) r.nextInt(256));
                    break;
                case 1:
                    b.remove(at);
                    break;
                case 2:
                    for (byte t : TOKENS[r.nextInt(TOKENS.length)]) {
                        b.add(at++, t);
                    }
                    break;
                case 3: // cut the body short
                    b.subList(at, b.size()).clear();
                    break;
                default: // duplicate a stretch
                    int len = Math.min(b.size() - at, 1 + r.nextInt(40));
                    b.addAll(at, new ArrayList<>(b.subList(at, at + len)));
                    break;
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }
}
