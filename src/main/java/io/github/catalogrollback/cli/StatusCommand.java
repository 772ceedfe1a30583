package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.StatusResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows the catalog version, its releases, where it can go and the state of the history. Changes nothing. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Shows the catalog version and the releases that run it, the versions it can be rolled back or upgraded"
                + " to, and whether Liquibase's history matches hdb_version. Read-only.")
final class StatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StatusResult result = context.runner().status(connection.address(context.env()), connection.lockTimeout());
        context.print(output, result, Render::text, Render::json);
        return ExitCode.DONE.code();
    }
}
