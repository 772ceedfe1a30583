package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.RunFailure;
import io.github.catalogrollback.runner.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints the SQL script of a path for review, written with no database. */
@Command(name = "sql", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Prints, without a database, the SQL script that moves a catalog from one version to another: a guard that stops"
                    + " unless hdb_catalog.hdb_version holds the starting version, then every step's SQL as a run executes it,"
                    + " version updates included, in one BEGIN … COMMIT. Run it with: psql -X -v ON_ERROR_STOP=1 -f FILE.",
            "The script makes no backup, runs none of the checks a run makes (Hasura running, drift, privileges, metadata v1"
                    + " cannot keep) and writes no history; the next catalog-rollback run adopts the catalog it leaves."})
final class SqlCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--from-version", paramLabel = "N", required = true,
            description = "The catalog version the database is at (catalog-rollback status shows it), e.g. 48.")
    String from;

    @Mixin
    TargetOptions target;

    SqlCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CatalogRunner runner = context.runner();
        CatalogVersion start;
        try {
            start = CatalogVersion.parse(from);
        } catch (IllegalArgumentException e) {
            throw new RunFailure(RunFailure.Kind.USAGE, "--from-version " + e.getMessage() + "; nothing written.");
        }
        Target resolved = target.resolve(runner);
        context.out().print(runner.offlineScript(start, resolved));
        context.out().flush();
        return ExitCode.DONE.code();
    }
}
