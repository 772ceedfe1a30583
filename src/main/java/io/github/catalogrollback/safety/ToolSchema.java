package io.github.catalogrollback.safety;

/**
 * The tool's own schema, never hdb_catalog: Liquibase's history and lock tables (databasechangelog,
 * source_databasechangelog and their locks), the run history (run_history) and one backup table per data-losing run.
 * Stock Liquibase runs of the changelogs use it too ({@code --liquibase-schema-name=hdb_catalog_rollback}).
 */
public final class ToolSchema {

    public static final String NAME = "hdb_catalog_rollback";

    private ToolSchema() {
    }
}
