package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.Direction;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command: roll the catalog back to an older version. Subcommands do the rest. */
@Command(name = "catalog-rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Moves the Hasura GraphQL Engine catalog (hdb_catalog) to another catalog version, in one transaction.",
        description = {
            "Without a subcommand, rolls the catalog back: catalog-rollback --to-version 47, or --to-release v2.0.7.",
            "The current version is read from hdb_catalog.hdb_version. The whole path (every step, Liquibase's history in"
                    + " schema hdb_catalog_rollback, the checks) runs in ONE transaction: it fully happens or nothing changes."
                    + " A second run on the same database fails fast. Stop Hasura before a real run.",
            "Every Postgres source's own source catalog (event_log and friends) goes down to what the target starts with:"
                    + " the metadata database's in the same transaction, each other source database in its own, before it."
                    + " Pointed at a database that holds only a source catalog, moves just that."},
        footerHeading = "%nSee README.md for the Liquibase layout, privileges and how to run the changelogs with stock Liquibase.%n")
final class RollbackCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    TargetOptions target;

    @picocli.CommandLine.Option(names = "--dry-run",
            description = "Rehearse: run the whole path inside the transaction, check it, print the exact SQL, then roll back."
                    + " Says whether the real run would succeed; changes nothing.")
    boolean dryRun;

    @Mixin
    SafetyOptions safety;

    @Mixin
    SourceOptions sources;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    ExitOptions exit;

    RollbackCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Moves.move(context, Direction.DOWN, target, dryRun, safety, Optional.empty(), sources, connection, output, exit);
    }
}
