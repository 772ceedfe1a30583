package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates a catalog at a version in a database that has none, as that Hasura release's first start would. */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Creates the Hasura catalog fresh at a version (catalog-rollback init --to-version 48) in a database that"
                + " has none, as the first start of a Hasura release running that version leaves it (empty metadata).",
            "For demos, tests and pre-provisioning. Refuses a database that already has a catalog."})
final class InitCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    TargetOptions target;

    @Option(names = "--dry-run", description = "Rehearse inside the transaction, print the exact SQL, then roll back.")
    boolean dryRun;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    InitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CatalogRunner runner = context.runner();
        Target resolved = target.resolve(runner);
        return Moves.init(context, new CatalogRunner.InitRequest(connection.address(context.env()), resolved, dryRun,
                connection.lockTimeout(), true), output);
    }
}
