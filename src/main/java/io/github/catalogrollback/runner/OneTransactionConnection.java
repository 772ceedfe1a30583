package io.github.catalogrollback.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * The connection Liquibase sees. Liquibase commits after every changeset, after every DATABASECHANGELOG
 * write and around its lock, and rolls back defensively in a dozen places. Here each of its "commits"
 * becomes a savepoint and each of its "rollbacks" returns to the last savepoint, so everything it does
 * stays inside one PostgreSQL transaction. Only {@link RunTransaction}, on the raw connection, ends that
 * transaction.
 */
final class OneTransactionConnection extends JdbcConnection {

    private final Connection raw;
    private Savepoint savepoint;

    OneTransactionConnection(Connection raw) throws SQLException {
        super(raw);
        this.raw = raw;
        raw.setAutoCommit(false);
        this.savepoint = raw.setSavepoint();
    }

    @Override
    public void commit() throws DatabaseException {
        try {
            raw.releaseSavepoint(savepoint);
            savepoint = raw.setSavepoint();
        } catch (SQLException e) {
            throw new DatabaseException("the run's transaction cannot continue: " + e.getMessage(), e);
        }
    }

    @Override
    public void rollback() throws DatabaseException {
        try {
            raw.rollback(savepoint);
        } catch (SQLException e) {
            throw new DatabaseException("the run's transaction cannot return to its last savepoint: " + e.getMessage(), e);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws DatabaseException {
        if (autoCommit) {
            throw new DatabaseException("autocommit was requested (a changeset with runInTransaction: false?);"
                    + " catalog-rollback runs every step inside one transaction and refuses it");
        }
    }

    @Override
    public boolean getAutoCommit() {
        return false;
    }

    /** Liquibase would roll back and close; the runner owns the connection and closes it itself. */
    @Override
    public void close() {
    }
}
