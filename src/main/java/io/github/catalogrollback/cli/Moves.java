package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.RunFailure;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.Target;
import java.util.Optional;

/** The shared body of rollback and upgrade: parse, call the runner once, render. */
final class Moves {

    private Moves() {
    }

    static int move(CliContext context, Direction direction, TargetOptions target, boolean dryRun, SafetyOptions safety,
                    Optional<String> restoreFrom, ConnectionOptions connection, OutputOptions output) {
        if (!target.given()) {
            throw new RunFailure(RunFailure.Kind.USAGE, "say where to go: --to-version N or --to-release TAG; nothing changed."
                    + " See `catalog-rollback status` for the reachable targets.");
        }
        CatalogRunner runner = context.runner();
        Target resolved = Target.resolve(target.version, target.release, runner.releases(), runner.index());
        RunResult result = runner.move(new CatalogRunner.MoveRequest(connection.address(context.env()), direction, resolved,
                dryRun, connection.lockTimeout(), safety.overrides(), restoreFrom));
        return print(context, output, result);
    }

    static int print(CliContext context, OutputOptions output, RunResult result) {
        Render render = context.render();
        context.out().print(output.format == OutputOptions.Format.json ? render.json(result) : render.text(result));
        context.out().flush();
        return (result.outcome() == RunResult.Outcome.NOTHING_TO_DO ? ExitCode.NOTHING_TO_DO : ExitCode.DONE).code();
    }
}
