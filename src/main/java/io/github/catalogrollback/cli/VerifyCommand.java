package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.VerifyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Compares the live catalog with the shape its version must have. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compares the live catalog (every table, column, type, default, constraint, index, view, function and"
                + " trigger of hdb_catalog) with the shape its version must have and lists each difference. Genuine"
                + " variants are accepted: other names of constraints and indexes, column order, function bodies, and the"
                + " event_log objects of a catalog that crossed 42 → 43 from v1. Read-only; exit 8 when it finds drift.",
            "Rollback and upgrade run the same check first and refuse a drifted catalog unless --ignore-drift."})
final class VerifyCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        VerifyResult result = context.runner().verify(connection.address(context.env()), connection.lockTimeout());
        context.print(output, result, Render::text, Render::json);
        return (result.findings().isEmpty() ? ExitCode.DONE : ExitCode.DRIFT).code();
    }
}
