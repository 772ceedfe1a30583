package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.metadata.MetadataDowngradeCheck;
import io.github.catalogrollback.safety.AuditLog;
import io.github.catalogrollback.safety.Backup;
import io.github.catalogrollback.safety.CatalogShape;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DataLossReport;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.ExpectedShapes;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import io.github.catalogrollback.safety.PrivilegeCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs one rollback, upgrade or init against one database, in ONE transaction: lock, read the real version,
 * refuse a drifted catalog or a running Hasura, reconcile Liquibase's history, back up what the path destroys,
 * run the path, check the result, record the run, and only then COMMIT (or, for a dry run, ROLLBACK). Anything
 * that goes wrong before the commit leaves the database exactly as it was. This class holds the only real
 * COMMIT and ROLLBACK of the tool. Also answers the read-only questions: status, plan, verify, history.
 */
public final class CatalogRunner {

    /** What a Hasura v2 server's first start creates: the fresh catalog at 43. */
    static final String FRESH_V2 = "changelogs/fresh/catalog-43.sql";

    private final ChangelogIndex index;
    private final ReleaseMap releases;

    public CatalogRunner(ChangelogIndex index, ReleaseMap releases) {
        this.index = index;
        this.releases = releases;
    }

    /** What a rollback or upgrade may do beyond the default safe behaviour. */
    public record Overrides(boolean force, boolean ignoreDrift, boolean noBackup, boolean acceptMetadataLoss) {
        public static final Overrides NONE = new Overrides(false, false, false, false);
    }

    /** A rollback or upgrade. {@code restoreFrom} names a backup to put back after an upgrade. */
    public record MoveRequest(DatabaseAddress address, Direction direction, Target target, boolean dryRun, Duration lockTimeout,
                              Overrides overrides, Optional<String> restoreFrom) {
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
        DatabaseAddress address = request.address();
        CatalogVersion target = request.target().version();
        RunLog run = new RunLog(request.direction().verb(), request.dryRun(), target);
        try (Connection c = Connections.open(address)) {
            return inTransaction(c, address, run, () -> {
                lock(c, address, request.lockTimeout());
                CatalogVersion current = CatalogReader.readVersion(c, address, index);
                run.from = current;
                if (current.equals(target)) {
                    c.rollback();
                    recordSeparately(c, run, "nothing-to-do", "already at " + target);
                    return new RunResult(run.id, run.command, address.describe(), Optional.of(current), target, List.of(),
                            RunResult.Outcome.NOTHING_TO_DO, run.elapsed(), List.of(), Optional.empty(), 0, List.of(), List.of());
                }
                Direction needed = target.isBelow(current) ? Direction.DOWN : Direction.UP;
                if (needed != request.direction()) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, "the catalog is at " + current + " and catalog " + target + " is "
                            + (needed == Direction.UP ? "newer" : "older") + ", so " + request.direction().verb()
                            + " cannot reach it; nothing changed. Use `catalog-rollback " + (needed == Direction.UP ? "upgrade " : "")
                            + "--to-version " + target + "`.");
                }
                refuseUnsafe(c, address, current, request.overrides());
                if (request.restoreFrom().isPresent() && !Backup.exists(c, request.restoreFrom().get())) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, "there is no backup of run '" + request.restoreFrom().get() + "' ("
                            + Backup.tableName(request.restoreFrom().get()) + " does not exist); nothing changed. `catalog-rollback"
                            + " history` lists the runs and their backups.");
                }
                Path path = index.path(current, target);
                createToolSchema(c);
                List<String> notes = new ArrayList<>();
                try (LiquibaseSession liquibase = new LiquibaseSession(c)) {
                    new History(index).reconcile(c, liquibase, current).ifPresent(notes::add);
                    List<DataLoss> losses = new ArrayList<>(DataLossReport.of(c, path));
                    losses.addAll(toV1Losses(c, path, request.overrides()));
                    if (losses.stream().anyMatch(loss -> loss.count() > 0) && !request.overrides().noBackup()) {
                        Backup.save(c, run.id, losses);
                        run.backupTable = Backup.tableName(run.id);
                        liquibase.checkpoint();
                    }
                    StepTimer timer = new StepTimer(index, path.direction() == Direction.DOWN);
                    runSteps(timer, current, () -> {
                        if (path.direction() == Direction.DOWN) {
                            liquibase.rollbackToTag(target.tag(), timer);
                        } else {
                            liquibase.updateToTag(target.tag(), timer);
                        }
                    });
                    long restored = 0;
                    if (request.restoreFrom().isPresent()) {
                        Backup.Restored r = Backup.restore(c, request.restoreFrom().get(), Backup.liveColumns(c));
                        restored = r.rows();
                        r.skipped().forEach(s -> notes.add("not restored: " + s));
                    }
                    checkOutcome(c, address, current, target, true);
                    RunResult result = new RunResult(run.id, run.command, address.describe(), Optional.of(current), target,
                            timer.results(), request.dryRun() ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED,
                            run.elapsed(), losses, Optional.ofNullable(run.backupTable), restored, notes,
                            request.dryRun() ? liquibase.writtenSql() : List.of());
                    finish(c, liquibase, run, address, current, target);
                    return result;
                }
            });
        } catch (SQLException e) {
            throw connectionFailed(address, e);
        }
    }

    public RunResult init(InitRequest request) {
        DatabaseAddress address = request.address();
        CatalogVersion target = request.target().version();
        RunLog run = new RunLog("init", request.dryRun(), target);
        try (Connection c = Connections.open(address)) {
            return inTransaction(c, address, run, () -> {
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
                refuseWithoutPrivileges(c, address);
                createToolSchema(c);
                List<String> notes = new ArrayList<>();
                if (!new History(index).recordedIds(c).isEmpty()) {
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("DELETE FROM " + LiquibaseSession.SCHEMA + ".databasechangelog");
                    }
                    notes.add("cleared a stale history: it recorded a catalog that no longer exists");
                }
                try (LiquibaseSession liquibase = new LiquibaseSession(c)) {
                    StepTimer timer = new StepTimer(index, false);
                    if (!target.isBelow(CatalogVersion.FIRST_V2) && index.lowest().isBelow(CatalogVersion.FIRST_V2)) {
                        createFreshV2(c, liquibase, timer);
                    }
                    runSteps(timer, null, () -> liquibase.updateToTag(target.tag(), timer));
                    checkOutcome(c, address, null, target, request.checkShape());
                    RunResult result = new RunResult(run.id, "init", address.describe(), Optional.empty(), target, timer.results(),
                            request.dryRun() ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED, run.elapsed(), List.of(),
                            Optional.empty(), 0, notes, request.dryRun() ? liquibase.writtenSql() : List.of());
                    finish(c, liquibase, run, address, null, target);
                    return result;
                }
            });
        } catch (SQLException e) {
            throw connectionFailed(address, e);
        }
    }

    /**
     * A v2 catalog is born at 43 from Hasura's first start, not from v1 (it then has no event_log): run the fresh
     * v2 catalog's SQL and record the changelog as run up to catalog-43, so that later steps and rollbacks below 43
     * treat it like any other catalog at 43.
     */
    private static void createFreshV2(Connection c, LiquibaseSession liquibase, StepTimer timer) throws Exception {
        long started = System.nanoTime();
        try (java.io.InputStream in = CatalogRunner.class.getClassLoader().getResourceAsStream(FRESH_V2);
             Statement st = c.createStatement()) {
            if (in == null) {
                throw new IllegalStateException(FRESH_V2 + " is missing from this build");
            }
            String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            st.execute(sql);
            liquibase.recordWrittenSql(sql);
        }
        liquibase.checkpoint();
        liquibase.syncToTag(CatalogVersion.FIRST_V2.tag());
        timer.recordBefore(new StepResult("fresh v2 " + CatalogVersion.FIRST_V2, Duration.ofNanos(System.nanoTime() - started), false,
                "creates the catalog at 43 as a Hasura v2 server's first start does (" + FRESH_V2 + ")"));
    }

    /** Reads the catalog's version and history; changes nothing and takes no lock. */
    public StatusResult status(DatabaseAddress address) {
        return readOnly(address, c -> {
            CatalogVersion version = CatalogReader.readVersion(c, address, index);
            HistoryState history = new History(index).state(c, version);
            List<CatalogVersion> down = index.versions().stream().filter(v -> v.isBelow(version)).toList();
            List<CatalogVersion> up = index.versions().stream().filter(v -> v.isAbove(version)).toList();
            return new StatusResult(address.describe(), version, down, up, history, CatalogReader.sourceCatalog(c));
        });
    }

    /** What a move to the target would do and what would stop it; changes nothing. */
    public PlanResult plan(DatabaseAddress address, Target target) {
        return readOnly(address, c -> {
            CatalogVersion current = CatalogReader.readVersion(c, address, index);
            Path path = index.path(current, target.version());
            List<DataLoss> losses = new ArrayList<>(DataLossReport.of(c, path));
            Optional<MetadataDowngradeCheck.Result> toV1 = Optional.empty();
            if (crossesToV1(path)) {
                MetadataDowngradeCheck.Result result = MetadataDowngradeCheck.check(c);
                losses.addAll(orphanLosses(c, result));
                toV1 = Optional.of(result);
            }
            return new PlanResult(address.describe(), path, losses, drift(c, current), HasuraActivityCheck.look(c), toV1);
        });
    }

    /** The live catalog against the shape of its version; changes nothing. */
    public VerifyResult verify(DatabaseAddress address) {
        return readOnly(address, c -> {
            CatalogVersion current = CatalogReader.readVersion(c, address, index);
            return new VerifyResult(address.describe(), current, drift(c, current));
        });
    }

    /** The runs recorded in the database, newest first; changes nothing. */
    public List<AuditLog.Entry> history(DatabaseAddress address, int limit) {
        return readOnly(address, c -> AuditLog.list(c, limit));
    }

    /** The connection of a run broke outside a step (e.g. while closing): PostgreSQL rolls back what was open. */
    private static RunFailure connectionFailed(DatabaseAddress address, SQLException e) {
        return new RunFailure(RunFailure.Kind.CONNECTION, "the connection to " + address.describe() + " failed: "
                + Connections.firstLine(address.redact(e.getMessage())) + "; PostgreSQL rolled back anything unfinished.", e);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Steps {
        void run() throws Exception;
    }

    private <T> T readOnly(DatabaseAddress address, Reading<T> reading) {
        try (Connection c = Connections.open(address)) {
            c.setReadOnly(true);
            return reading.read(c);
        } catch (SQLException e) {
            throw new RunFailure(RunFailure.Kind.CONNECTION, "reading the catalog of " + address.describe() + " failed: "
                    + Connections.firstLine(address.redact(e.getMessage())) + "; nothing changed.", e);
        }
    }

    /**
     * Runs the work with autocommit off; on any failure, rolls the whole transaction back, records the failed run
     * where the tool's audit table already exists, and rethrows.
     */
    private <T> T inTransaction(Connection c, DatabaseAddress address, RunLog run, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            return work.run();
        } catch (RunFailure e) {
            rollbackQuietly(c);
            recordSeparately(c, run, e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
            throw e;
        } catch (SQLException e) {
            rollbackQuietly(c);
            RunFailure failure = new RunFailure(RunFailure.Kind.ROLLED_BACK, Connections.firstLine(address.redact(e.getMessage()))
                    + "; the whole run was rolled back, nothing changed.", e);
            recordSeparately(c, run, "rolled-back", failure.getMessage());
            throw failure;
        } catch (Exception e) {
            rollbackQuietly(c);
            recordSeparately(c, run, "internal-error", String.valueOf(e.getMessage()));
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

    /** Refuses a user who could not finish the run, a drifted catalog and signs of a running Hasura (the last two unless overridden). */
    private void refuseUnsafe(Connection c, DatabaseAddress address, CatalogVersion current, Overrides overrides) throws SQLException {
        refuseWithoutPrivileges(c, address);
        if (!overrides.ignoreDrift()) {
            List<DriftCheck.Finding> findings = drift(c, current);
            if (!findings.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, "the catalog differs from the shape of catalog " + current + " ("
                        + findings.size() + (findings.size() == 1 ? " difference" : " differences") + ", first: " + findings.get(0)
                        + "); nothing changed. Run `catalog-rollback verify` to see them, repair the catalog, or pass --ignore-drift.");
            }
        }
        if (!overrides.force()) {
            List<HasuraActivityCheck.Sign> signs = HasuraActivityCheck.look(c);
            if (!signs.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, "Hasura may be running on " + address.describe() + ": "
                        + String.join("; ", signs.stream().map(Object::toString).toList())
                        + "; nothing changed. Stop every graphql-engine instance and other clients first, or pass --force.");
            }
        }
    }

    private static boolean crossesToV1(Path path) {
        return path.steps().stream().anyMatch(step -> step.isDown() && step.from().equals(CatalogVersion.FIRST_V2));
    }

    /**
     * For a path that crosses 43 → 42: refuses metadata a v1 catalog cannot take at all, and v2-only metadata it
     * cannot keep unless the operator accepts losing it; returns the rows the step deletes, for the backup.
     */
    private static List<DataLoss> toV1Losses(Connection c, Path path, Overrides overrides) throws SQLException {
        if (!crossesToV1(path)) {
            return List.of();
        }
        MetadataDowngradeCheck.Result result = MetadataDowngradeCheck.check(c);
        if (result.blocked()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, "43 → 42 cannot move this metadata into a v1 catalog: "
                    + String.join("; ", result.blockers()) + "; nothing changed.");
        }
        if (!result.cannotKeep().isEmpty() && !overrides.acceptMetadataLoss()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, "43 → 42 cannot keep " + result.cannotKeepSummary()
                    + " (v2-only metadata); nothing changed. Pass --accept-metadata-loss to drop them (the whole metadata"
                    + " document is backed up first).");
        }
        return orphanLosses(c, result);
    }

    /** The rows 43 → 42 deletes so that v1's foreign keys hold, as data losses the backup can keep. */
    private static List<DataLoss> orphanLosses(Connection c, MetadataDowngradeCheck.Result result) throws SQLException {
        List<DataLoss> out = new ArrayList<>();
        String step = CatalogVersion.FIRST_V2 + " → " + CatalogVersion.FIRST_V2.previous();
        if (result.orphanCronEvents() > 0) {
            out.add(new DataLoss(step, "hdb_catalog.hdb_cron_events", List.of(), result.orphanCronEvents(),
                    MetadataDowngradeCheck.orphanCronEvent("t"), "their cron trigger is not in the metadata"));
            String logs = "t.event_id IN (SELECT e.id FROM hdb_catalog.hdb_cron_events AS e WHERE "
                    + MetadataDowngradeCheck.orphanCronEvent("e") + ")";
            long count = DataLossReport.count(c, "hdb_catalog.hdb_cron_event_invocation_logs", logs);
            if (count > 0) {
                out.add(new DataLoss(step, "hdb_catalog.hdb_cron_event_invocation_logs", List.of(), count, logs,
                        "invocation logs of those cron events"));
            }
        }
        if (result.orphanInvocationLogs() > 0) {
            out.add(new DataLoss(step, "hdb_catalog.event_invocation_logs", List.of(), result.orphanInvocationLogs(),
                    MetadataDowngradeCheck.orphanInvocationLog("t"), "their event no longer exists"));
        }
        return out;
    }

    private static void refuseWithoutPrivileges(Connection c, DatabaseAddress address) throws SQLException {
        List<String> missing = PrivilegeCheck.missing(c, LiquibaseSession.SCHEMA);
        if (!missing.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, "user " + address.user() + " lacks what the run needs: "
                    + String.join("; ", missing) + "; nothing changed. Connect as the catalog's owner (README.md, Privileges).");
        }
    }

    private static List<DriftCheck.Finding> drift(Connection c, CatalogVersion version) throws SQLException {
        return DriftCheck.compare(ExpectedShapes.require(version), CatalogShape.read(c), version);
    }

    private static void createToolSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + LiquibaseSession.SCHEMA);
        }
        AuditLog.createTable(c);
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
            List<DriftCheck.Finding> findings = drift(c, target);
            if (!findings.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.ROLLED_BACK, "after the steps the catalog does not have the shape of catalog "
                        + target + " (" + findings.size() + " difference" + (findings.size() == 1 ? "" : "s") + ", first: "
                        + findings.get(0) + "); the whole run was rolled back, " + still + ".");
            }
        }
    }

    /**
     * The only real end of the transaction. A committed run records itself inside the transaction; a rehearsal
     * records itself after its ROLLBACK (where the audit table already exists). A COMMIT that fails because the
     * connection broke leaves its outcome unknown to us (the server may have committed), and the message says so.
     */
    private static void finish(Connection c, LiquibaseSession liquibase, RunLog run, DatabaseAddress address, CatalogVersion from,
                               CatalogVersion to) throws SQLException {
        if (run.dryRun) {
            liquibase.connection().rollbackForReal();
            recordSeparately(c, run, "rehearsed", "dry run: would succeed");
            return;
        }
        AuditLog.record(c, run.entry("committed", (from == null ? "created" : from + " → ") + to));
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

    /** Records a run that did not commit, in its own short transaction, if the audit table exists. Best effort. */
    private static void recordSeparately(Connection c, RunLog run, String outcome, String message) {
        try {
            if (c.isClosed() || !c.isValid(2) || !AuditLog.tableExists(c)) {
                c.rollback();
                return;
            }
            AuditLog.record(c, run.entry(outcome, message));
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
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
}
