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

    /**
     * Creates the tool's schema (unless it exists: CREATE SCHEMA IF NOT EXISTS would still ask for CREATE on the
     * database) and its run history table on a connection, in its current transaction.
     */
    public static void prepare(java.sql.Connection connection) throws java.sql.SQLException {
        try (java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT to_regnamespace('" + NAME + "') IS NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                st.execute("CREATE SCHEMA " + NAME);
            }
        }
        RunHistory.createTable(connection);
    }
}
