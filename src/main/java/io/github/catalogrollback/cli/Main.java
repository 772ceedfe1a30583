package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.Connections;
import io.github.catalogrollback.runner.Interruption;
import io.github.catalogrollback.runner.LiquibaseWarmUp;
import java.util.List;
import java.util.Set;

/**
 * Entry point of the runnable jar. A shutdown hook answers SIGTERM and Ctrl-C: it stops the run before its COMMIT
 * (cancelling its statement, closing its connection) and says what that left, e.g. "interrupted: the whole run was
 * rolled back, nothing changed"; the process ends with the signal's exit code (143 for SIGTERM, 130 for Ctrl-C).
 * A command that may run Liquibase first starts Liquibase's warm-up on a second thread ({@link LiquibaseWarmUp}), and a
 * command that connects starts connecting to the address its arguments name on a third ({@link Connections#openAhead}),
 * so that both overlap reading the changelog index and picocli's parse.
 */
public final class Main {

    /** Words of a command that never runs Liquibase (read-only commands, help, version): no Liquibase warm-up for them. */
    private static final Set<String> WITHOUT_LIQUIBASE = Set.of("status", "plan", "verify", "history", "completion", "help", "--help", "-h",
            "--version", "-V");

    /** Words of a command that never connects (the offline script, completion, help, version): no early connection for them. */
    private static final Set<String> WITHOUT_CONNECTION = Set.of("sql", "completion", "help", "--help", "-h", "--version", "-V");

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.stream().noneMatch(WITHOUT_LIQUIBASE::contains)) {
            LiquibaseWarmUp.start();
        }
        Interruption interruption = new Interruption();
        Thread hook = new Thread(() -> Cli.interrupted(interruption.interrupt(), arguments, System.out, System.err), "interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        Connections.Ahead early = arguments.stream().anyMatch(WITHOUT_CONNECTION::contains) ? () -> { }
                : ConnectionOptions.early(arguments, System.getenv()).map(Connections::openAhead).orElse(() -> { });
        try (early) {
            code = Cli.run(System.getenv(), System.out, System.err, interruption, args);
        } catch (Throwable e) {
            // An Error (or anything else) that got past picocli's handlers: exit 1 and say so; not "interrupted".
            code = interruption.interrupted() ? ExitCode.INTERRUPTED.code() : Cli.internalError(e, arguments, System.out, System.err);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal arrived: the hook reports, and the JVM ends with the signal's code (System.exit below waits for it).
        }
        System.exit(code);
    }
}
