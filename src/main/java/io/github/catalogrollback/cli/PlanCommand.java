package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.PlanReport;
import io.github.catalogrollback.runner.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows what a rollback or upgrade would do, with live numbers, without doing it. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Shows the steps from the current catalog version to the target, what each one changes, and what each"
                + " one would destroy in this database (live counts), plus what would make the run refuse (drift,"
                + " Hasura activity). Then every source catalog: where its URL comes from, its version, what the target needs"
                + " and what its steps destroy. Read-only; with --detailed-exitcode, exit 3 when the catalog and every source catalog are already there."})
final class PlanCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    TargetOptions target;

    @Mixin
    SourceOptions sources;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    ExitOptions exit;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CatalogRunner runner = context.runner();
        Target resolved = target.resolve(runner);
        PlanReport plan = runner.plan(connection.address(context.env()), resolved, connection.lockTimeout(),
                sources.selection(context.env()));
        context.print(output, plan, (render, p) -> new SourcesRender(render).text(p), (render, p) -> new SourcesRender(render).json(p));
        return exit.code(plan.nothingToDo());
    }
}
