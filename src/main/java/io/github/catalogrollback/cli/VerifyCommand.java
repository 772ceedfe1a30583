package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.VerifyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Compares the live catalog with the shape its version must have. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compares the live catalog (every schema, table, column, type, default, constraint, index, view,"
                + " function, trigger, comment and grant of hdb_catalog and hdb_views) with the shape its version must have"
                + " and sorts each difference into a class: genuine variant (a shape Hasura itself leaves: other names of"
                + " constraints and indexes, column order, bodies, pgcrypto's gen_random_uuid(), nullable"
                + " hdb_table.configuration, the event_log objects of a metadata database that is also a source, …);"
                + " foreign, kept (something Hasura never made, that every path keeps: the CLI's schema_migrations, a DBA's"
                + " index); foreign, destroyed (something Hasura never made that a step would destroy, with the step);"
                + " missing or different (real drift). Read-only; exit 8 only for real drift.",
            "Rollback and upgrade run the same check first: they refuse real drift unless --ignore-drift, and foreign"
                + " objects the path destroys unless --drop-foreign-objects."})
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
        return (result.drift().isEmpty() ? ExitCode.DONE : ExitCode.DRIFT).code();
    }
}
