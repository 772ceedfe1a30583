package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.Interruption;
import java.util.List;

/**
 * Entry point of the runnable jar. A shutdown hook answers SIGTERM and Ctrl-C: it stops the run before its COMMIT
 * (cancelling its statement, closing its connection) and says what that left, e.g. "interrupted: the whole run was
 * rolled back, nothing changed"; the process ends with the signal's exit code (143 for SIGTERM, 130 for Ctrl-C).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Interruption interruption = new Interruption();
        List<String> arguments = List.of(args);
        Thread hook = new Thread(() -> Cli.interrupted(interruption.interrupt(), arguments, System.out, System.err), "interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = Cli.run(System.getenv(), System.out, System.err, interruption, args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal arrived: the hook reports, and the JVM ends with the signal's code (System.exit below waits for it).
        }
        System.exit(code);
    }
}
