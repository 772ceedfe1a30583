package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.MoveResult;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.Target;
import java.util.Optional;

/** The shared body of rollback and upgrade: parse, call the runner once, render. */
final class Moves {

    private Moves() {
    }

    static int move(CliContext context, Direction direction, TargetOptions target, boolean dryRun, SafetyOptions safety,
                    Optional<String> restoreFrom, SourceOptions sources, ConnectionOptions connection, OutputOptions output) {
        CatalogRunner runner = context.runner();
        Target resolved = target.resolve(runner);
        MoveResult result = runner.move(new CatalogRunner.MoveRequest(connection.address(context.env()), direction, resolved,
                dryRun, connection.lockTimeout(), safety.overrides(), restoreFrom), sources.selection(context.env()));
        context.print(output, result, (render, r) -> new SourcesRender(render).text(r), (render, r) -> new SourcesRender(render).json(r));
        return (result.outcome() == RunResult.Outcome.NOTHING_TO_DO ? ExitCode.NOTHING_TO_DO : ExitCode.DONE).code();
    }

    static int print(CliContext context, OutputOptions output, RunResult result) {
        context.print(output, result, Render::text, Render::json);
        return (result.outcome() == RunResult.Outcome.NOTHING_TO_DO ? ExitCode.NOTHING_TO_DO : ExitCode.DONE).code();
    }
}
