package io.github.catalogrollback.runner;

import liquibase.change.AbstractChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;

/**
 * Writes a version into one of Hasura's one-row version tables the way graphql-engine does: an upsert on the
 * unique index over {@code ((version IS NOT NULL))}, which keeps the table at one row. The changelogs use it
 * through its two registered change types, so the statement is written once instead of in every step.
 */
public abstract class VersionRowChange extends AbstractChange {

    private String version;

    /** The table, schema-qualified, e.g. hdb_catalog.hdb_version. */
    protected abstract String table();

    @DatabaseChangeProperty(description = "The version to write, e.g. 47", requiredForDatabase = "all")
    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = super.validate(database);
        if (version == null || !version.matches("\\d{1,9}")) {
            errors.addError("version must be a whole number, not '" + version + "'");
        }
        return errors;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[] {new RawSqlStatement("INSERT INTO " + table() + " (version, upgraded_on) VALUES ('" + version
                + "', now()) ON CONFLICT ((version IS NOT NULL)) DO UPDATE SET version = EXCLUDED.version,"
                + " upgraded_on = EXCLUDED.upgraded_on")};
    }

    @Override
    public String getConfirmationMessage() {
        return table() + " set to " + version;
    }
}
