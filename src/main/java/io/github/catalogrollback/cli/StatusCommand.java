package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.StatusReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows the catalog version, its releases, where it can go and the state of the history. Changes nothing. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Shows the catalog version and the releases that run it, the versions it can be rolled back or upgraded"
                + " to, and whether Liquibase's history matches hdb_version; then every source catalog (the metadata database's"
                + " own and each source's): where its URL comes from, whether it is reachable, its version and event triggers."
                + " A database that holds only a source catalog is described as that. Read-only.")
final class StatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    SourceOptions sources;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StatusReport result = context.runner().status(connection.address(context.env()), connection.lockTimeout(),
                sources.selection(context.env()));
        context.print(output, result, (render, r) -> new SourcesRender(render).text(r), (render, r) -> new SourcesRender(render).json(r));
        return ExitCode.DONE.code();
    }
}
