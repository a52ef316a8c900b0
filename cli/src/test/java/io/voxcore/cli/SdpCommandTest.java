package io.voxcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdpCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VoxcoreCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** An Asterisk offer (chan_sip), LF line ends as a file saved from a trace often has. */
    private static final String ASTERISK_OFFER = "v=0\no=root 19191 19191 IN IP4 64.34.231.248\ns=session\n"
            + "c=IN IP4 64.34.231.248\nt=0 0\nm=audio 13354 RTP/AVP 0 101\na=rtpmap:0 PCMU/8000\n"
            + "a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\na=silenceSupp:off - - - -\na=ptime:20\n"
            + "a=sendrecv\nm=video 5000 RTP/AVP 31\n";

    @Test
    void answerPrintsTheAnswerWithTheCodecsOfThisJar() throws Exception {
        Path offer = dir.resolve("offer.sdp");
        Files.writeString(offer, ASTERISK_OFFER, StandardCharsets.UTF_8);
        Result r = run("sdp", "answer", "--local", "192.0.2.10:40100", offer.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("v=0\r\n").contains("\r\nc=IN IP4 192.0.2.10\r\n")
                .contains("\r\nm=audio 40100 RTP/AVP 0 101\r\n").contains("\r\na=rtpmap:0 PCMU/8000\r\n")
                .contains("\r\na=fmtp:101 0-15\r\n").contains("\r\na=sendrecv\r\n")
                .contains("\r\nm=video 0 RTP/AVP 31\r\n");
    }

    @Test
    void aFileThatIsNotSdpExitsWithTwoAndOneLine() throws Exception {
        Path notSdp = dir.resolve("notes.txt");
        Files.writeString(notSdp, "INVITE sip:bob@example.com SIP/2.0\r\n", StandardCharsets.UTF_8);
        Result r = run("sdp", "answer", notSdp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("line 1").contains("v=0").hasLineCount(1);

        Path broken = dir.resolve("broken.sdp");
        Files.writeString(broken, "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.1\r\nm=audio 99999 RTP/AVP 0\r\n");
        Result b = run("sdp", "answer", broken.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("line 4").contains("99999").hasLineCount(1);
    }

    @Test
    void sdpWithoutASubcommandOrFileIsAUsageError() {
        assertThat(run("sdp").code()).isEqualTo(2);
        Result noFile = run("sdp", "answer");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).contains("OFFER.sdp").hasLineCount(1);
        assertThat(run("sdp", "answer", "--help").out()).contains("Usage: voxcore sdp answer");
    }
}
