package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import picocli.CommandLine.Option;

/** The overrides of the checks a rollback or upgrade runs before it changes anything. */
public final class SafetyOptions {

    @Option(names = "--force",
            description = "Run even though Hasura may be running. Without it, rollback and upgrade refuse when another client"
                    + " session is connected to the database (any application; graphql-engine is named when its"
                    + " application_name says so or its last query used hdb_catalog or LISTEN), or when"
                    + " hdb_schema_notifications was written in the last 60 s.")
    boolean force;

    @Option(names = "--ignore-drift",
            description = "Run even though objects of the catalog are missing or different from the shape its version must"
                    + " have (real drift, see `verify`); a hand-altered catalog is where steps fail half-way. Genuine variants"
                    + " and foreign objects are not drift and need no override.")
    boolean ignoreDrift;

    @Option(names = "--no-backup",
            description = "Do not copy what data-losing steps drop into hdb_catalog_rollback.backup_<run id> first.")
    boolean noBackup;

    @Option(names = "--accept-metadata-loss",
            description = "Going down across 43 → 42 (v2 → v1): drop the v2-only metadata a v1 catalog cannot hold (inherited"
                    + " roles, REST endpoints, API limits, …; `plan` lists them). Without it the run refuses.")
    boolean acceptMetadataLoss;

    @Option(names = "--drop-foreign-objects",
            description = "Back up and drop the objects Hasura never made that a step would destroy (a table in hdb_views,"
                    + " a view or foreign key on a table or column a step drops; `plan` lists them): their definitions and"
                    + " rows go into hdb_catalog_rollback.backup_<run id>, then each is dropped on its own, never by CASCADE."
                    + " Without it the run refuses and names them.")
    boolean dropForeignObjects;

    CatalogRunner.Overrides overrides() {
        return new CatalogRunner.Overrides(force, ignoreDrift, noBackup, acceptMetadataLoss, dropForeignObjects);
    }
}
