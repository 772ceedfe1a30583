package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.safety.PrivilegeCheck;
import io.github.catalogrollback.safety.RunHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The one transaction of a rollback, upgrade or init, and the only place of the tool that begins, commits and
 * rolls back: it opens the connection, takes the run's advisory lock, hands itself to the verb's work, and
 * ends with exactly one of COMMIT (a real run), ROLLBACK (a dry run, nothing to do, or any failure). It records
 * every run in the run history: a committed run inside its own transaction, any other after the ROLLBACK (in a
 * short transaction of its own, once the history table exists). Anything that goes wrong before the COMMIT
 * leaves the database exactly as it was.
 */
final class RunTransaction {

    /** The work of one verb inside the transaction; it must end by {@link #commit} or {@link #endNothingToDo}. */
    @FunctionalInterface
    interface Work<T> {
        T run(RunTransaction tx) throws Exception;
    }

    /** Liquibase running steps (update or rollback to a tag). */
    @FunctionalInterface
    interface Steps {
        void run() throws Exception;
    }

    private final DatabaseAddress address;
    private final RunState run;
    private final Connection connection;
    private final Interruption interruption;
    private LiquibaseSession liquibase;
    private LiquibaseSession sourceLiquibase;
    private boolean ended;

    private RunTransaction(DatabaseAddress address, RunState run, Connection connection, Interruption interruption) {
        this.address = address;
        this.run = run;
        this.connection = connection;
        this.interruption = interruption;
    }

    /** Runs the work in one transaction on a new connection to the address; the interruption learns where it stands. */
    static <T> T run(DatabaseAddress address, RunState run, Duration lockTimeout, Interruption interruption, Work<T> work) {
        try (Connection c = Connections.open(address)) {
            return new RunTransaction(address, run, c, interruption).execute(lockTimeout, work);
        } catch (SQLException e) {
            throw new RunFailure(RunFailure.Kind.CONNECTION, Messages.connectionFailed(address, detail(e)), e);
        } finally {
            interruption.rolledBack();
        }
    }

    private <T> T execute(Duration lockTimeout, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        interruption.entered(connection);
        try {
            lock(lockTimeout);
            T result = work.run(this);
            if (!ended) {
                throw new IllegalStateException("the run's work returned without ending its transaction");
            }
            return result;
        } catch (RunFailure e) {
            rollbackQuietly();
            recordAfterRollback(outcome(e.kind()), e.getMessage());
            throw e;
        } catch (SQLException e) {
            rollbackQuietly();
            RunFailure failure = new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.statementFailed(detail(e)), e);
            recordAfterRollback(RunHistory.Outcome.ROLLED_BACK, failure.getMessage());
            throw failure;
        } catch (Exception e) {
            rollbackQuietly();
            recordAfterRollback(RunHistory.Outcome.INTERNAL_ERROR, String.valueOf(e.getMessage()));
            throw new IllegalStateException(String.valueOf(e.getMessage()), e);
        } finally {
            if (liquibase != null) {
                liquibase.close();
            }
        }
    }

    Connection connection() {
        return connection;
    }

    DatabaseAddress address() {
        return address;
    }

    RunState state() {
        return run;
    }

    /**
     * Liquibase on this transaction's connection, made on first use (which settles Liquibase's own lock row: see
     * {@link LiquibaseSession}).
     */
    LiquibaseSession liquibase() throws SQLException {
        if (liquibase == null) {
            liquibase = new LiquibaseSession(connection);
        }
        return liquibase;
    }

    /** Liquibase for the source changelog on this transaction's connection (this database's own source catalog). */
    LiquibaseSession sourceLiquibase() throws SQLException {
        if (sourceLiquibase == null) {
            sourceLiquibase = liquibase().forSourceChangelog();
        }
        return sourceLiquibase;
    }

    /**
     * Keeps what the runner itself wrote since Liquibase's last "commit" (Liquibase opens each command with a
     * defensive rollback to its last savepoint). Call after writing outside Liquibase.
     */
    void checkpoint() throws Exception {
        liquibase().checkpoint();
    }

    /**
     * Creates the tool's schema (unless it exists: CREATE SCHEMA IF NOT EXISTS would still ask for CREATE on the
     * database) and its run history table, in this transaction.
     */
    void prepareToolSchema() throws SQLException {
        ToolSchema.prepare(connection);
    }

    /** Runs Liquibase; a failure names the step that was running and says the run was rolled back. */
    void runSteps(StepTimer timer, CatalogVersion current, Steps steps) {
        try {
            steps.run();
        } catch (Exception e) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.stepFailed(timer.failedStep().orElse(null),
                    Connections.rootMessage(e), current), e);
        }
    }

    /** The catalog is already at the target: ends with ROLLBACK and records the run as such. */
    void endNothingToDo(String message) throws SQLException {
        connection.rollback();
        interruption.rolledBack();
        ended = true;
        recordAfterRollback(RunHistory.Outcome.NOTHING_TO_DO, message);
    }

    /**
     * The only real end of a run that did its work: COMMIT, or for a dry run ROLLBACK. A committed run records
     * itself inside the transaction; a rehearsal after its ROLLBACK. A COMMIT that fails because the connection
     * broke leaves its outcome unknown to us (the server may have committed), and the message says so.
     */
    void commit(CatalogVersion from, CatalogVersion to) throws SQLException {
        commit((from == null ? "created" : from + " → ") + to, detail -> Messages.commitOutcomeUnknown(address, detail, from, to));
    }

    /**
     * The same end for a run that moves only a source catalog (a database without a metadata catalog): {@code summary}
     * is what the run history says it did, {@code unknownOutcome} the message for a COMMIT whose outcome is unknown.
     */
    void commit(String summary, java.util.function.UnaryOperator<String> unknownOutcome) throws SQLException {
        if (run.dryRun) {
            connection.rollback();
            interruption.rolledBack();
            ended = true;
            recordAfterRollback(RunHistory.Outcome.REHEARSED, "dry run: would succeed");
            return;
        }
        RunHistory.record(connection, run.entry(RunHistory.Outcome.COMMITTED, summary));
        if (!interruption.mayCommit()) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.statementFailed("interrupted before COMMIT"));
        }
        try {
            connection.commit();
            interruption.committed();
            ended = true;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (!state.startsWith("08") && !state.equals("57P01")) {
                throw e;
            }
            ended = true;
            throw new RunFailure(RunFailure.Kind.CONNECTION, unknownOutcome.apply(detail(e)), e);
        }
    }

    private void lock(Duration lockTimeout) throws SQLException {
        if (!AdvisoryLock.tryAcquire(connection)) {
            throw new RunFailure(RunFailure.Kind.LOCKED, Messages.locked(address));
        }
        Connections.setLockTimeout(connection, lockTimeout);
    }

    private static RunHistory.Outcome outcome(RunFailure.Kind kind) {
        return switch (kind) {
            case USAGE -> RunHistory.Outcome.USAGE;
            case REFUSED -> RunHistory.Outcome.REFUSED;
            case LOCKED -> RunHistory.Outcome.LOCKED;
            case ROLLED_BACK -> RunHistory.Outcome.ROLLED_BACK;
            case CONNECTION -> RunHistory.Outcome.CONNECTION;
        };
    }

    /**
     * Records a run that did not commit, in its own short transaction, if the history table exists and the tool's
     * schema passes the ownership rule (a foreign trigger on run_history would otherwise fire as this user). Best effort.
     */
    private void recordAfterRollback(RunHistory.Outcome outcome, String message) {
        try {
            if (interruption.interrupted() || connection.isClosed() || !connection.isValid(2) || !RunHistory.tableExists(connection)
                    || !PrivilegeCheck.untrustedToolObjects(connection, ToolSchema.NAME).isEmpty()) {
                connection.rollback();
                return;
            }
            RunHistory.record(connection, run.entry(outcome, message));
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
        }
    }

    private void rollbackQuietly() {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is gone: PostgreSQL has rolled the transaction back itself.
        }
        interruption.rolledBack();
        ended = true;
    }

    private static String detail(SQLException e) {
        return Printable.firstLine(e.getMessage());
    }
}
