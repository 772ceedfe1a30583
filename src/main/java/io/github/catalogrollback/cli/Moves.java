package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.MoveResult;
import io.github.catalogrollback.runner.Progress;
import io.github.catalogrollback.runner.RunFailure;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.SourceSelection;
import io.github.catalogrollback.runner.Target;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shared body of rollback, upgrade and init: parse, call the runner once with live progress on stderr, render
 * the result on stdout.
 */
final class Moves {

    private Moves() {
    }

    static int move(CliContext context, Direction direction, TargetOptions target, boolean dryRun, SafetyOptions safety,
                    Optional<String> restoreFrom, SourceOptions sources, ConnectionOptions connection, OutputOptions output,
                    ExitOptions exit) {
        CatalogRunner runner = context.runner();
        Target resolved = target.resolve(runner);
        CatalogRunner.MoveRequest request = new CatalogRunner.MoveRequest(connection.address(context.env()), direction, resolved,
                dryRun, connection.lockTimeout(), safety.overrides(), restoreFrom);
        SourceSelection selection = sources.selection(context.env());
        MoveResult result = withProgress(context, output, progress -> runner.move(request, selection, progress), MoveResult::outcome);
        context.print(output, result, (render, r) -> new SourcesRender(render).text(r), (render, r) -> new SourcesRender(render).json(r));
        return exit.code(result.outcome() == RunResult.Outcome.NOTHING_TO_DO);
    }

    static int init(CliContext context, CatalogRunner.InitRequest request, OutputOptions output) {
        RunResult result = withProgress(context, output, progress -> context.runner().init(request, progress), RunResult::outcome);
        context.print(output, result, Render::text, Render::json);
        return ExitCode.DONE.code();
    }

    /**
     * Runs with a {@link ProgressPrinter} on stderr and ends its lines with whether the run committed, was rehearsed
     * and rolled back, or failed and rolled back (the error line follows).
     */
    private static <T> T withProgress(CliContext context, OutputOptions output, Function<Progress, T> run,
                                      Function<T, RunResult.Outcome> outcome) {
        try (ProgressPrinter progress = new ProgressPrinter(context.err(), output.format)) {
            T result;
            try {
                result = run.apply(progress);
            } catch (RunFailure e) {
                if (e.kind() == RunFailure.Kind.ROLLED_BACK) {
                    progress.rolledBack();
                }
                throw e;
            } catch (RuntimeException e) {
                progress.rolledBack();
                throw e;
            }
            progress.finished(outcome.apply(result));
            return result;
        }
    }
}
