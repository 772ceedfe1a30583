package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.safety.CatalogShape;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.ExpectedShapes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs one rollback, upgrade or init against one database, in ONE transaction: lock, read the real version,
 * reconcile Liquibase's history to it, run the path, check the result, and only then COMMIT (or, for a dry
 * run, ROLLBACK). Anything that goes wrong before the commit leaves the database exactly as it was.
 * This class holds the only real COMMIT and ROLLBACK of the tool.
 */
public final class CatalogRunner {

    private final ChangelogIndex index;
    private final ReleaseMap releases;

    public CatalogRunner(ChangelogIndex index, ReleaseMap releases) {
        this.index = index;
        this.releases = releases;
    }

    /** A rollback or upgrade. */
    public record MoveRequest(DatabaseAddress address, Direction direction, Target target, boolean dryRun, Duration lockTimeout) {
    }

    /** Creating a catalog in a database that has none. {@code checkShape} is off only when shapes are being generated. */
    public record InitRequest(DatabaseAddress address, Target target, boolean dryRun, Duration lockTimeout, boolean checkShape) {
    }

    public ChangelogIndex index() {
        return index;
    }

    public ReleaseMap releases() {
        return releases;
    }

    public RunResult move(MoveRequest request) {
        long started = System.nanoTime();
        DatabaseAddress address = request.address();
        CatalogVersion target = request.target().version();
        try (Connection c = Connections.open(address)) {
            return inTransaction(c, address, () -> {
                lock(c, address, request.lockTimeout());
                CatalogVersion current = CatalogReader.readVersion(c, address, index);
                if (current.equals(target)) {
                    c.rollback();
                    return new RunResult(request.direction().verb(), address.describe(), Optional.of(current), target, List.of(),
                            RunResult.Outcome.NOTHING_TO_DO, since(started), List.of(), List.of());
                }
                Direction needed = target.isBelow(current) ? Direction.DOWN : Direction.UP;
                if (needed != request.direction()) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, "the catalog is at " + current + " and catalog " + target + " is "
                            + (needed == Direction.UP ? "newer" : "older") + ", so " + request.direction().verb()
                            + " cannot reach it; nothing changed. Use `catalog-rollback " + (needed == Direction.UP ? "upgrade " : "")
                            + "--to-version " + target + "`.");
                }
                Path path = index.path(current, target);
                createHistorySchema(c);
                List<String> notes = new ArrayList<>();
                try (LiquibaseSession liquibase = new LiquibaseSession(c)) {
                    new History(index).reconcile(c, liquibase, current).ifPresent(notes::add);
                    StepTimer timer = new StepTimer(index, path.direction() == Direction.DOWN);
                    runSteps(timer, current, () -> {
                        if (path.direction() == Direction.DOWN) {
                            liquibase.rollbackToTag(target.tag(), timer);
                        } else {
                            liquibase.updateToTag(target.tag(), timer);
                        }
                    });
                    checkOutcome(c, address, current, target, true);
                    finish(liquibase, request.dryRun(), address, current, target);
                    return new RunResult(request.direction().verb(), address.describe(), Optional.of(current), target,
                            timer.results(), request.dryRun() ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED,
                            since(started), notes, request.dryRun() ? liquibase.writtenSql() : List.of());
                }
            });
        } catch (SQLException e) {
            throw new RunFailure(RunFailure.Kind.CONNECTION, "the connection to " + address.describe() + " failed: "
                    + Connections.firstLine(address.redact(e.getMessage())) + "; PostgreSQL rolled back anything unfinished.", e);
        }
    }

    public RunResult init(InitRequest request) {
        long started = System.nanoTime();
        DatabaseAddress address = request.address();
        CatalogVersion target = request.target().version();
        try (Connection c = Connections.open(address)) {
            return inTransaction(c, address, () -> {
                lock(c, address, request.lockTimeout());
                if (CatalogReader.tableExists(c, "hdb_catalog", "hdb_version")) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, address.describe() + " already holds a Hasura catalog"
                            + " (hdb_catalog.hdb_version exists); nothing changed. Use `catalog-rollback status` to see it.");
                }
                if (CatalogReader.schemaExists(c, "hdb_catalog") && CatalogReader.objectCount(c, "hdb_catalog") > 0) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, "schema hdb_catalog in " + address.describe()
                            + " is not empty but has no hdb_version table; nothing changed. Init only creates a catalog in an"
                            + " empty database.");
                }
                createHistorySchema(c);
                List<String> notes = new ArrayList<>();
                if (!new History(index).recordedIds(c).isEmpty()) {
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("DELETE FROM " + LiquibaseSession.SCHEMA + ".databasechangelog");
                    }
                    notes.add("cleared a stale history: it recorded a catalog that no longer exists");
                }
                try (LiquibaseSession liquibase = new LiquibaseSession(c)) {
                    StepTimer timer = new StepTimer(index, false);
                    runSteps(timer, null, () -> liquibase.updateToTag(target.tag(), timer));
                    checkOutcome(c, address, null, target, request.checkShape());
                    finish(liquibase, request.dryRun(), address, null, target);
                    return new RunResult("init", address.describe(), Optional.empty(), target, timer.results(),
                            request.dryRun() ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED, since(started),
                            notes, request.dryRun() ? liquibase.writtenSql() : List.of());
                }
            });
        } catch (SQLException e) {
            throw new RunFailure(RunFailure.Kind.CONNECTION, "the connection to " + address.describe() + " failed: "
                    + Connections.firstLine(address.redact(e.getMessage())) + "; PostgreSQL rolled back anything unfinished.", e);
        }
    }

    /** Reads the catalog's version and history; changes nothing and takes no lock. */
    public StatusResult status(DatabaseAddress address) {
        try (Connection c = Connections.open(address)) {
            c.setReadOnly(true);
            CatalogVersion version = CatalogReader.readVersion(c, address, index);
            HistoryState history = new History(index).state(c, version);
            List<CatalogVersion> down = index.versions().stream().filter(v -> v.isBelow(version)).toList();
            List<CatalogVersion> up = index.versions().stream().filter(v -> v.isAbove(version)).toList();
            return new StatusResult(address.describe(), version, down, up, history);
        } catch (SQLException e) {
            throw new RunFailure(RunFailure.Kind.CONNECTION, "reading the catalog of " + address.describe() + " failed: "
                    + Connections.firstLine(address.redact(e.getMessage())) + "; nothing changed.", e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    private interface Steps {
        void run() throws Exception;
    }

    /** Runs the work with autocommit off; on any failure, rolls the whole transaction back and rethrows. */
    private <T> T inTransaction(Connection c, DatabaseAddress address, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            return work.run();
        } catch (RunFailure e) {
            rollbackQuietly(c);
            throw e;
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Connections.firstLine(address.redact(e.getMessage()))
                    + "; the whole run was rolled back, nothing changed.", e);
        } catch (Exception e) {
            rollbackQuietly(c);
            throw new IllegalStateException(address.redact(String.valueOf(e.getMessage())), e);
        }
    }

    private void lock(Connection c, DatabaseAddress address, Duration lockTimeout) throws SQLException {
        if (!AdvisoryLock.tryAcquire(c)) {
            throw new RunFailure(RunFailure.Kind.LOCKED, "another catalog-rollback run holds the lock on " + address.describe()
                    + "; nothing changed. Wait for it to finish, then retry.");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            ps.setString(1, lockTimeout.toMillis() + "ms");
            ps.execute();
        }
    }

    private static void createHistorySchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + LiquibaseSession.SCHEMA);
        }
    }

    /** Runs Liquibase; a failure names the step that was running and says the run was rolled back. */
    private void runSteps(StepTimer timer, CatalogVersion current, Steps steps) {
        try {
            steps.run();
        } catch (Exception e) {
            String step = timer.failedStep().map(s -> "step " + s + " failed: ").orElse("Liquibase failed: ");
            String still = current == null ? "nothing was created" : "the catalog is still " + current;
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, step + rootMessage(e) + "; the whole run was rolled back, "
                    + still + ".", e);
        }
    }

    /**
     * The checks before the only real COMMIT: the transaction is healthy (pgjdbc would turn a COMMIT of an
     * aborted transaction silently into a rollback), hdb_version says the target, the history records exactly
     * the target's changesets, and the catalog has the target's shape.
     */
    private void checkOutcome(Connection c, DatabaseAddress address, CatalogVersion current, CatalogVersion target,
                              boolean checkShape) throws SQLException {
        String still = current == null ? "nothing was created" : "the catalog is still " + current;
        if (c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, "a statement failed inside the run's transaction; the whole run"
                    + " was rolled back, " + still + ".");
        }
        CatalogVersion after = CatalogReader.readVersion(c, address, index);
        if (!after.equals(target)) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, "after the steps hdb_version says " + after + " instead of "
                    + target + "; the whole run was rolled back, " + still + ".");
        }
        if (!new LinkedHashSet<>(new History(index).recordedIds(c)).equals(index.changesetIdsUpTo(target))) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, "after the steps Liquibase's history does not record catalog "
                    + target + "; the whole run was rolled back, " + still + ".");
        }
        if (checkShape) {
            CatalogShape expected = ExpectedShapes.of(target).orElseThrow(() -> new IllegalStateException(
                    "this build has no expected shape for catalog " + target + " (" + ExpectedShapes.resource(target) + ")"));
            List<DriftCheck.Finding> findings = DriftCheck.compare(expected, CatalogShape.read(c), target);
            if (!findings.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.ROLLED_BACK, "after the steps the catalog does not have the shape of catalog "
                        + target + " (" + findings.size() + " difference" + (findings.size() == 1 ? "" : "s") + ", first: "
                        + findings.get(0) + "); the whole run was rolled back, " + still + ".");
            }
        }
    }

    /**
     * The only real end of the transaction. A COMMIT that fails because the connection broke leaves its outcome
     * unknown to us (the server may have committed), and the message says so instead of guessing.
     */
    private static void finish(LiquibaseSession liquibase, boolean dryRun, DatabaseAddress address, CatalogVersion from,
                               CatalogVersion to) throws SQLException {
        if (dryRun) {
            liquibase.connection().rollbackForReal();
            return;
        }
        try {
            liquibase.connection().commitForReal();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (!state.startsWith("08") && !state.equals("57P01")) {
                throw e;
            }
            throw new RunFailure(RunFailure.Kind.CONNECTION, "the connection to " + address.describe() + " broke during COMMIT ("
                    + Connections.firstLine(address.redact(e.getMessage())) + "), so whether the catalog is now " + to + " or still "
                    + (from == null ? "absent" : from) + " is unknown; run `catalog-rollback status` to see.", e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is gone: PostgreSQL has rolled the transaction back itself.
        }
    }

    /** The innermost message of an exception chain, on one line: usually PostgreSQL's own words. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t != null) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            if (t instanceof SQLException) {
                break;
            }
            t = t.getCause();
        }
        String line = Connections.firstLine(message);
        return line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
