package io.github.catalogrollback.cli;

import picocli.CommandLine.Option;

/** The target of a rollback, upgrade or init: a catalog version or a Hasura release. */
public final class TargetOptions {

    @Option(names = "--to-version", paramLabel = "N", description = "Target catalog version, e.g. 47.")
    String version;

    @Option(names = "--to-release", paramLabel = "TAG",
            description = "Target Hasura release, e.g. v2.0.7; resolved to the catalog version that release runs.")
    String release;

    boolean given() {
        return version != null || release != null;
    }
}
