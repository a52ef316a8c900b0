package io.voxcore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs the tool through its Java entry point, {@link VoxcoreCli#run}, as {@code java -jar} would. */
final class Cli {

    private Cli() {
    }

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
    }

    /**
     * Runs a command to its end.
     *
     * @param args the command line
     * @return the result
     */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VoxcoreCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Starts a command on a thread of its own.
     *
     * @param args the command line
     * @return the running command
     */
    static Started start(String... args) {
        StringWriter out = new StringWriter();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CompletableFuture<Result> result = CompletableFuture.supplyAsync(() -> {
            StringWriter err = new StringWriter();
            int code = VoxcoreCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Result(code, out.toString(), err.toString());
        }, thread);
        thread.shutdown();
        return new Started(result, out);
    }

    /** A command running on its own thread, whose output can be watched as it comes. */
    record Started(CompletableFuture<Result> result, StringWriter out) {
        /**
         * Waits until the command printed {@code text}, failing fast if it ended without.
         *
         * @param text the text
         */
        void awaitOutput(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString().contains(text)) {
                if (result.isDone()) {
                    throw new AssertionError("ended without printing '" + text + "': " + result.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not print '" + text + "' in 30 s; printed: " + out);
                }
                Thread.sleep(5);
            }
        }

        /**
         * Waits for the end.
         *
         * @return the result
         */
        Result await() throws Exception {
            return result.get(60, TimeUnit.SECONDS);
        }
    }
}
