package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.PlanResult;
import io.github.catalogrollback.runner.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows what a rollback or upgrade would do, with live numbers, without doing it. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Shows the steps from the current catalog version to the target, what each one changes, and what each"
                + " one would destroy in this database (live counts), plus what would make the run refuse (drift,"
                + " Hasura activity). Read-only; exit 3 when the catalog is already at the target."})
final class PlanCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    TargetOptions target;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CatalogRunner runner = context.runner();
        Target resolved = target.resolve(runner);
        PlanResult plan = runner.plan(connection.address(context.env()), resolved, connection.lockTimeout());
        context.print(output, plan, Render::text, Render::json);
        return (plan.path().steps().isEmpty() ? ExitCode.NOTHING_TO_DO : ExitCode.DONE).code();
    }
}
