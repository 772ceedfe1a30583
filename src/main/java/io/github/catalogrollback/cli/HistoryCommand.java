package io.github.catalogrollback.cli;

import io.github.catalogrollback.safety.RunHistory;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the runs recorded in the database. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Lists the catalog-rollback runs recorded in hdb_catalog_rollback.run_history, newest first: run id,"
                + " when, command, from → to, dry run or not, outcome, duration, database and OS user, backup table.",
            "Refused runs are recorded once the database has that table (after its first successful run). Read-only."})
final class HistoryCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show at most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    HistoryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<RunHistory.Entry> entries = context.runner().history(connection.address(context.env()), Math.max(1, limit), connection.lockTimeout());
        context.print(output, entries, Render::textHistory, Render::jsonHistory);
        return ExitCode.DONE.code();
    }
}
