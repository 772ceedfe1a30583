package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.RunFailure;
import io.github.catalogrollback.runner.Target;
import picocli.CommandLine.Option;

/** The target of a rollback, upgrade or init: a catalog version or a Hasura release. */
public final class TargetOptions {

    @Option(names = "--to-version", paramLabel = "N", description = "Target catalog version, e.g. 47.")
    String version;

    @Option(names = "--to-release", paramLabel = "TAG",
            description = "Target Hasura release, e.g. v2.0.7, or its image tag or reference as copied (v2.36.0-ce,"
                    + " hasura/graphql-engine:v2.0.7.cli-migrations-v3); resolved to the catalog version that release runs.")
    String release;

    /**
     * The catalog version asked for, resolved through the release map and checked against the changelogs.
     *
     * @throws RunFailure USAGE when neither option is given, REFUSED for an unknown release or version
     */
    Target resolve(CatalogRunner runner) {
        if (version == null && release == null) {
            throw new RunFailure(RunFailure.Kind.USAGE, "say where to go: --to-version N or --to-release TAG; nothing changed."
                    + " See `catalog-rollback status` for the reachable targets.");
        }
        return Target.resolve(version, release, runner.releases(), runner.index());
    }
}
