package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.util.List;
import java.util.Optional;

/**
 * What Liquibase's history (DATABASECHANGELOG in schema hdb_catalog_rollback) says, next to the truth in
 * hdb_version. Every run reconciles the history to hdb_version first, because Hasura itself may have moved
 * the catalog since the last run.
 */
public record ChangelogHistoryState(Kind kind, Optional<CatalogVersion> recorded, List<String> unknownChangesets) {

    public enum Kind {
        /** No history: the database never saw catalog-rollback or Liquibase; it is adopted on the first run. */
        NOT_ADOPTED,
        /** The history holds exactly the changesets of the catalog version. */
        IN_SYNC,
        /** The history differs from hdb_version (someone else moved the catalog); the next run reconciles it. */
        DIFFERS,
        /** The history names changesets this build does not know: a newer tool wrote it. Runs refuse. */
        UNKNOWN_CHANGESETS
    }

    public ChangelogHistoryState {
        unknownChangesets = List.copyOf(unknownChangesets);
    }
}
