package io.voxcore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code java -jar voxcore.jar}. Exit codes: 0 success, 2 bad arguments (including
 * an input file in a format the tool does not take), 1 runtime failure; each failure prints one
 * line on standard error.
 */
@Command(name = "voxcore", mixinStandardHelpOptions = true, versionProvider = VoxcoreCli.Version.class,
        description = "Send, receive and relay G.711, G.722 and Opus RTP audio with voxcore; answer SDP offers.",
        subcommands = {SendCommand.class, ReceiveCommand.class, RelayCommand.class, DemoCommand.class,
            LoadCommand.class, SdpCommand.class, CommandLine.HelpCommand.class})
public final class VoxcoreCli implements Runnable {

    /** Exit code for success. */
    static final int OK = 0;
    /** Exit code for a runtime failure. */
    static final int FAILURE = 1;
    /** Exit code for bad arguments. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Creates the command (picocli instantiates it). */
    public VoxcoreCli() {
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the tool with the given output streams; for tests and embedding.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new VoxcoreCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --codec opus, as SDP spells it, and PCMU alike
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("voxcore: " + e.getMessage() + " (see 'voxcore" + commandPath(e.getCommandLine()) + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean badInput = e instanceof IllegalArgumentException;
            err.println("voxcore: " + (badInput ? "" : "error: ") + oneLine(e));
            return badInput ? USAGE : FAILURE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    private static String commandPath(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        return "voxcore".equals(name) ? "" : " " + name;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }

    /**
     * Reports the project's version, which the build writes into {@code version.properties} beside
     * this class (a filtered resource), so it is right in the jar and in the tests alike.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = VoxcoreCli.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing beside " + VoxcoreCli.class.getName());
                }
                properties.load(in);
            }
            return new String[] {"voxcore " + properties.getProperty("version", "unknown")};
        }
    }
}
