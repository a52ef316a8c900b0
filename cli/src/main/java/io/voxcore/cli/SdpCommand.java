package io.voxcore.cli;

import io.voxcore.media.sdp.MediaCapabilities;
import io.voxcore.media.sdp.OfferAnswer;
import io.voxcore.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code voxcore sdp}: SDP tools for SIP developers. */
@Command(name = "sdp", mixinStandardHelpOptions = true, description = "SDP offer/answer tools.",
        subcommands = {SdpCommand.Answer.class})
final class SdpCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: answer");
    }

    /** {@code voxcore sdp answer OFFER.sdp}: prints the answer voxcore gives with the codecs of this jar. */
    @Command(name = "answer", mixinStandardHelpOptions = true,
            description = {"Print the SDP answer voxcore gives to an offer, with the codecs this jar has "
                    + "(RFC 3264: the offerer's payload type numbers and order, refused sections at port 0).",
                "Exit 0 with the answer on standard output; exit 2 with one line on standard error when the file is not SDP."})
    static final class Answer implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "OFFER.sdp", description = "The offer: an SDP body, CRLF or LF line ends.")
        Path offer;

        @Option(names = "--local", defaultValue = "127.0.0.1:40000", paramLabel = "HOST:PORT", converter = HostPort.class,
                description = "Our RTP address written into the answer (default: ${DEFAULT-VALUE}).")
        InetSocketAddress local;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SessionDescription parsed = SessionDescription.parse(Files.readAllBytes(offer));
            String answer = OfferAnswer.create(MediaCapabilities.defaults(), local).answer(parsed).local().write();
            spec.commandLine().getOut().print(answer);
            spec.commandLine().getOut().flush();
            return VoxcoreCli.OK;
        }
    }
}
