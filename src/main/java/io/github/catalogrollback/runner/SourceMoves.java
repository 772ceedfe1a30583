package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceReleases;
import io.github.catalogrollback.catalog.SourceStep;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.safety.Backup;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import io.github.catalogrollback.safety.PrivilegeCheck;
import io.github.catalogrollback.safety.RunHistory;
import io.github.catalogrollback.safety.SourceDataLoss;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The source catalogs of one run (or one status or plan): the metadata database's own, when it is also a source, and
 * every other source database the metadata lists. A run goes through them in this order:
 * <ol>
 *   <li>{@link #survey}: this database's own source catalog, the sources the metadata lists, and every other source
 *       database (connected in its own transaction, holding the run's lock there): what each is and what happens to
 *       it;</li>
 *   <li>{@link #refuseUnsafe}: every source must be reachable (or skipped), lockable, writable by the user, of the
 *       shape its version says, and free of a running Hasura: all are checked before any is changed;</li>
 *   <li>{@link #moveOthers}: each other source database moves and commits in its own transaction, before the
 *       metadata database; a failure stops there, naming what moved;</li>
 *   <li>{@link #beforeMetadataSteps} / {@link #afterMetadataSteps}: the metadata database's own source catalog moves
 *       in the metadata transaction: before the metadata steps on the way down (so that 43 → 42 finds the v1 shape),
 *       after them on the way up (42 → 43 creates it at 3), and {@link #checkMetadataDatabase} before its COMMIT.</li>
 * </ol>
 * A source catalog only moves down on a rollback (to what the target starts with) and only up on an upgrade.
 */
final class SourceMoves implements AutoCloseable {

    /** What the run is for: a real run (transactions and locks), or a look (read-only). */
    enum Mode { RUN, LOOK }

    /** One source catalog and what happens to it. */
    private static final class Item {
        String name;
        String origin;
        String database = "";
        SourceReport.Reach reach;
        String problem = "";
        long eventTriggers = -1;
        SourceDatabase db;
        SourceCatalogReader.State state;
        Optional<SourceCatalogVersion> from = Optional.empty();
        Optional<SourceCatalogVersion> to = Optional.empty();
        boolean createdByRun;
        boolean removedByRun;
        List<SourceStep> steps = List.of();
        List<DataLoss> losses = List.of();
        SourceReport.Outcome outcome = SourceReport.Outcome.NOT_RUN;
        List<StepResult> ran = List.of();
        Optional<String> backupTable = Optional.empty();
        final List<String> notes = new ArrayList<>();
        List<String> sql = List.of();

        String label() {
            return name + " (" + (database.isEmpty() ? "" : database + ", ") + origin + ")";
        }

        String moveWords() {
            return name + " " + from.map(Object::toString).orElse("?") + " → " + to.map(Object::toString).orElse("?");
        }

        SourceReport report() {
            return new SourceReport(name, origin, database, reach, problem, state == null ? "unknown" : state.describe(), from, to,
                    eventTriggers, steps, losses, outcome, ran, backupTable, notes, sql);
        }
    }

    static final String METADATA_DATABASE = "the metadata database";
    private static final String UNLISTED = "(this database)";

    private final SourceChangelog chain;
    private final SourceReleases releases;
    private final Optional<SourceTarget> target;
    private final Direction direction;
    private final SourceSelection selection;
    private final Mode mode;
    private final Duration lockTimeout;
    private final List<Item> items = new ArrayList<>();
    private final List<Item> moved = new ArrayList<>();
    private Item metadataItem;
    private Progress progress = Progress.NONE;
    /** The metadata catalog's version before the run, for messages of a failure inside its transaction. */
    private CatalogVersion metadataCurrent;
    private boolean failureNamesMoves;

    /** Makes the read-only SourceMoves of status and plan, with what the runner knows. */
    record Factory(SourceChangelog chain, SourceReleases releases, SourceSelection selection) {
        SourceMoves look(Optional<SourceTarget> target, Direction direction) {
            return new SourceMoves(chain, releases, target, direction, selection, Mode.LOOK, Duration.ofSeconds(10));
        }
    }

    SourceMoves(SourceChangelog chain, SourceReleases releases, Optional<SourceTarget> target, Direction direction,
                SourceSelection selection, Mode mode, Duration lockTimeout) {
        this.chain = chain;
        this.releases = releases;
        this.target = target;
        this.direction = direction;
        this.selection = selection;
        this.mode = mode;
        this.lockTimeout = lockTimeout;
    }

    // --- 1. what each source catalog is and what happens to it -------------------------------------------------

    /**
     * Reads the metadata database's own source catalog and the sources its metadata lists; connects to every other
     * source database (for a run: in its own transaction, holding the run's lock there) and reads its source catalog;
     * decides what happens to each on {@code path} (for status: the empty path at the current version). Nothing
     * changes yet.
     */
    void survey(Connection metadata, DatabaseAddress metadataAddress, Path path) throws SQLException {
        SourceCatalogReader.State own = SourceCatalogReader.read(metadata);
        metadataCurrent = path.from();
        boolean crossesToV1 = path.crossesToV1();
        boolean crossesToV2 = path.from().isBelow(CatalogVersion.FIRST_V2) && !path.to().isBelow(CatalogVersion.FIRST_V2);
        boolean v1Target = target.map(SourceTarget::none).orElse(false);
        SourceDatabase.Session metadataSession = SourceDatabase.Session.of(metadata);
        for (SourceLocator.Located l : SourceLocator.locate(metadata, selection, own.versioned() || own.unversioned())) {
            Item item = new Item();
            item.name = l.name();
            item.origin = l.origin();
            item.eventTriggers = l.eventTriggers();
            items.add(item);
            Optional<DatabaseAddress> address = l.address();
            if (!l.postgres()) {
                item.reach = SourceReport.Reach.NOT_POSTGRES;
                item.notes.add("kind " + l.kind() + ": not a Postgres source, so it has no Postgres source catalog");
            } else if (l.skipped()) {
                item.reach = SourceReport.Reach.SKIPPED;
                item.notes.add(Messages.sourceSkippedNote(target.flatMap(SourceTarget::highest)));
            } else if (l.metadataDatabase() || address.map(a -> sameAddress(a, metadataAddress)).orElse(false)) {
                attachToMetadataDatabase(item);
            } else if (address.isEmpty()) {
                item.reach = SourceReport.Reach.UNRESOLVED;
                item.problem = l.problem();
            } else if (v1Target) {
                item.reach = SourceReport.Reach.SEPARATE_DATABASE;
                item.database = address.get().describe();
                item.outcome = SourceReport.Outcome.UNCHANGED;
                item.notes.add(Messages.sourceUnusedByV1Note());
            } else {
                reach(item, address.get(), metadataSession);
            }
        }
        boolean v1Catalog = path.from().isBelow(CatalogVersion.FIRST_V2);
        if (metadataItem == null && (own.versioned() || own.unversioned() && !v1Catalog || crossesToV2)) {
            Item item = new Item();
            item.name = crossesToV2 ? "default" : UNLISTED;
            item.origin = crossesToV2 ? "from_env " + SourceLocator.DATABASE_URL_ENV + ", as step 42 → 43 writes it into the metadata"
                    : "no source of the metadata names it";
            item.eventTriggers = crossesToV2 ? -1 : own.liveEventTriggers();
            items.add(0, item);
            attachToMetadataDatabase(item);
        }
        if (metadataItem != null) {
            metadataItem.state = own;
            decideMetadataDatabase(metadata, crossesToV1, crossesToV2);
        }
    }

    /**
     * A database that holds only a source catalog (no metadata catalog): that source catalog is the one the run
     * moves, in the run's transaction, as the metadata database's own would.
     */
    void surveyOwn(Connection c) throws SQLException {
        if (selection.namesSources()) {
            throw new RunFailure(RunFailure.Kind.USAGE, Messages.sourceOnlyNamesSources());
        }
        Item item = new Item();
        item.name = UNLISTED;
        item.origin = "--database-url";
        items.add(item);
        attachToMetadataDatabase(item);
        item.database = "this database, which holds only a source catalog";
        item.state = SourceCatalogReader.read(c);
        item.eventTriggers = item.state.liveEventTriggers();
        decideMetadataDatabase(c, false, false);
    }

    /** Refuses a source-only database with a running Hasura (unless --force): sessions that look like graphql-engine. */
    void refuseHasuraOnOwn(Connection c, CatalogRunner.Overrides overrides) throws SQLException {
        if (metadataItem != null && !overrides.force()) {
            List<HasuraActivityCheck.Sign> signs = HasuraActivityCheck.look(c).stream().filter(HasuraActivityCheck.Sign::looksLikeHasura).toList();
            if (!signs.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, Messages.sourceHasuraRunning(metadataItem.label(), signs));
            }
        }
    }

    /** "3 → 2" of the run's own source catalog, for the run history of a source-only database. */
    String ownMoveWords() {
        return metadataItem == null ? "" : "source catalog " + metadataItem.moveWords().substring(metadataItem.name.length() + 1);
    }

    /** Connects to a separate source database and reads it, unless it turns out to be a database seen already. */
    private void reach(Item item, DatabaseAddress address, SourceDatabase.Session metadataSession) throws SQLException {
        item.reach = SourceReport.Reach.SEPARATE_DATABASE;
        item.database = address.describe();
        try {
            item.db = SourceDatabase.open(address, mode == Mode.RUN, lockTimeout);
        } catch (RunFailure e) {
            item.reach = SourceReport.Reach.UNREACHABLE;
            item.problem = Messages.phrase(e.getMessage());
            return;
        }
        Connection c = item.db.connection();
        if (metadataSession.sameDatabaseAs(c)) {
            item.db.close();
            item.db = null;
            attachToMetadataDatabase(item);
            return;
        }
        for (Item other : items) {
            if (other.db != null && other != item && other.db.session().sameDatabaseAs(c)) {
                item.db.close();
                item.db = null;
                item.outcome = SourceReport.Outcome.UNCHANGED;
                item.notes.add("the same database as source " + other.name + ", which moves it");
                return;
            }
        }
        item.state = SourceCatalogReader.read(c);
        if (item.eventTriggers < 0) {
            item.eventTriggers = item.state.liveEventTriggers();
        }
        if (target.isEmpty()) {
            describeForStatus(item);
            return;
        }
        if (!item.state.versioned()) {
            item.outcome = SourceReport.Outcome.UNCHANGED;
            return;
        }
        SourceCatalogVersion v = versionOrProblem(item);
        if (v != null) {
            decide(item, v, target.get());
            if (direction == Direction.DOWN) {
                item.losses = SourceDataLoss.of(c, item.steps);
            }
        }
    }

    private static boolean sameAddress(DatabaseAddress a, DatabaseAddress b) {
        return a.host().equalsIgnoreCase(b.host()) && a.port() == b.port() && a.database().equals(b.database());
    }

    private void attachToMetadataDatabase(Item item) {
        item.reach = SourceReport.Reach.METADATA_DATABASE;
        item.database = METADATA_DATABASE;
        if (metadataItem == null) {
            metadataItem = item;
            return;
        }
        item.outcome = SourceReport.Outcome.UNCHANGED;
        item.notes.add("the same database as source " + metadataItem.name + ", which moves it");
    }

    private void decideMetadataDatabase(Connection metadata, boolean crossesToV1, boolean crossesToV2) throws SQLException {
        Item item = metadataItem;
        SourceCatalogReader.State own = item.state;
        if (target.isEmpty()) {
            describeForStatus(item);
            return;
        }
        SourceTarget t = target.get();
        if (own.unversioned() && crossesToV2) {
            SourceCatalogVersion created = SourceCatalogVersion.of(3);
            item.createdByRun = true;
            item.to = Optional.of(t.after(created, Direction.UP, true));
            item.steps = chain.steps(created, item.to.get());
            item.notes.add(Messages.sourceCreatedNote(created));
            return;
        }
        if (!own.versioned()) {
            item.outcome = SourceReport.Outcome.UNCHANGED;
            return;
        }
        SourceCatalogVersion v = versionOrProblem(item);
        if (v == null) {
            return;
        }
        if (t.none()) {
            if (crossesToV1) {
                item.removedByRun = true;
                item.to = Optional.of(chain.lowest());
                item.steps = chain.steps(v, chain.lowest());
                item.notes.add(Messages.sourceRemovedNote());
            } else {
                item.outcome = SourceReport.Outcome.UNCHANGED;
            }
        } else {
            decide(item, v, t);
        }
        if (direction == Direction.DOWN || item.removedByRun) {
            item.losses = SourceDataLoss.of(metadata, item.steps);
        }
    }

    private void decide(Item item, SourceCatalogVersion v, SourceTarget t) {
        item.to = Optional.of(t.after(v, direction, false));
        item.steps = chain.steps(v, item.to.get());
        if (item.steps.isEmpty()) {
            item.outcome = SourceReport.Outcome.UNCHANGED;
        }
    }

    private SourceCatalogVersion versionOrProblem(Item item) {
        try {
            SourceCatalogVersion v = SourceCatalogReader.version(item.state, chain, item.label());
            item.from = Optional.of(v);
            return v;
        } catch (RunFailure e) {
            item.problem = Messages.phrase(e.getMessage());
            return null;
        }
    }

    /** Status: the version, the releases that ship it, and whether the shape agrees with it. */
    private void describeForStatus(Item item) {
        if (item.state == null || !item.state.versioned()) {
            return;
        }
        SourceCatalogVersion v = versionOrProblem(item);
        if (v != null) {
            item.notes.add("source catalog " + v + " is what " + releases.describe(v) + " ship");
            List<String> drift = item.state.shape().mismatches(v);
            if (!drift.isEmpty()) {
                item.notes.add("its shape differs from source catalog " + v + ": " + String.join("; ", drift));
            }
        }
    }

    // --- 3. before anything changes ----------------------------------------------------------------------------

    /** True when no source catalog moves. */
    boolean nothingToDo() {
        return items.stream().noneMatch(i -> !i.steps.isEmpty() || i.removedByRun || i.createdByRun);
    }

    /**
     * Refuses, changing nothing, a source that cannot be reached or resolved, is locked by another run, lacks
     * privileges, differs from the shape of its version (unless --ignore-drift), or has a running Hasura (unless
     * --force).
     */
    void refuseUnsafe(CatalogRunner.Overrides overrides) throws SQLException {
        for (Item item : items) {
            if (!item.problem.isEmpty() && item.reach == SourceReport.Reach.UNREACHABLE) {
                throw new RunFailure(RunFailure.Kind.CONNECTION, Messages.sourceUnreachable(item.label(), item.problem));
            }
            if (!item.problem.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, Messages.sourceRefused(item.label(), item.problem));
            }
            if (item.steps.isEmpty() || item.createdByRun) {
                continue;
            }
            if (!overrides.ignoreDrift()) {
                List<String> mismatches = item.state.shape().mismatches(item.from.get());
                if (!mismatches.isEmpty()) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, Messages.sourceDrift(item.label(), item.from.get(), mismatches));
                }
            }
            if (item.db == null) {
                continue;
            }
            if (!item.db.locked()) {
                throw new RunFailure(RunFailure.Kind.LOCKED, Messages.sourceLocked(item.label()));
            }
            List<String> missing = PrivilegeCheck.missing(item.db.connection(), Backup.SCHEMA);
            if (!missing.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, Messages.sourceLacksPrivileges(item.label(), item.db.address().user(), missing));
            }
            if (!overrides.force()) {
                List<HasuraActivityCheck.Sign> signs = HasuraActivityCheck.look(item.db.connection()).stream()
                        .filter(HasuraActivityCheck.Sign::looksLikeHasura).toList();
                if (!signs.isEmpty()) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, Messages.sourceHasuraRunning(item.label(), signs));
                }
            }
        }
    }

    /** True when a separate source database holds the backup of run {@code runId}. */
    boolean holdsBackup(String runId) throws SQLException {
        for (Item item : items) {
            if (item.db != null && Backup.exists(item.db.connection(), runId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the metadata database's own source steps destroy, for the metadata run's backup. Invocation logs the
     * metadata path deletes already (43 → 42 deletes them too) are left to that path's own loss.
     */
    List<DataLoss> metadataDatabaseLosses(List<DataLoss> metadataLosses) {
        if (metadataItem == null) {
            return List.of();
        }
        return metadataItem.losses.stream().filter(l -> l.filter().isEmpty() || metadataLosses.stream()
                .noneMatch(m -> m.table().equals(l.table()) && m.wholeRows() && !m.filter().isEmpty())).toList();
    }

    /** The metadata run saved the metadata database's source losses in its backup table too. */
    void metadataDatabaseBackedUp(String table) {
        if (metadataItem != null && metadataItem.losses.stream().anyMatch(l -> l.count() > 0)) {
            metadataItem.backupTable = Optional.of(table);
        }
    }

    // --- 4. the other source databases move --------------------------------------------------------------------

    /**
     * Moves every other source database that needs it, each in its own transaction, and commits each (a dry run
     * rolls each back). Stops at the first failure, naming what moved.
     */
    void moveOthers(RunState run, boolean noBackup, Optional<String> restoreFrom) {
        for (Item item : items) {
            if (item.db == null || item.steps.isEmpty()) {
                continue;
            }
            Connection c = item.db.connection();
            SourceStepTimer timer = new SourceStepTimer(chain, item.steps, progress, item.name);
            try {
                LiquibaseSession liquibase = item.db.liquibase();
                RunTransaction.prepareToolSchema(c);
                liquibase.checkpoint();
                new SourceHistory(chain).reconcile(c, liquibase, item.from.get(), item.label());
                if (!noBackup && item.losses.stream().anyMatch(l -> l.count() > 0)) {
                    Backup.save(c, run.id, item.losses);
                    item.backupTable = Optional.of(Backup.tableName(run.id));
                    liquibase.checkpoint();
                }
                run(liquibase, item, timer);
                if (restoreFrom.isPresent() && Backup.exists(c, restoreFrom.get())) {
                    Backup.Restored r = Backup.restore(c, restoreFrom.get(), Backup.liveColumns(c));
                    item.notes.add("restored " + Messages.count(r.rows(), "row") + " from " + Backup.tableName(restoreFrom.get()));
                    r.skipped().forEach(s -> item.notes.add("not restored: " + s));
                }
                check(c, item, item.to.get(), null);
                item.ran = timer.results();
                if (run.dryRun) {
                    item.sql = liquibase.writtenSql();
                    item.db.rollback();
                    item.backupTable = Optional.empty(); // rolled back with the rest: nothing to restore from
                    item.outcome = SourceReport.Outcome.REHEARSED;
                    continue;
                }
                RunHistory.record(c, new RunHistory.Entry(run.id, run.started, Instant.now(), "", System.getProperty("user.name"),
                        run.kind.label(), Optional.empty(), Optional.empty(), false, Optional.of(RunHistory.Outcome.COMMITTED),
                        run.elapsed().toMillis(), item.backupTable, "source " + item.moveWords() + " (source catalog)"));
                item.db.commit();
                item.outcome = SourceReport.Outcome.COMMITTED;
                moved.add(item);
            } catch (Exception e) {
                item.db.rollback();
                failureNamesMoves = true;
                String step = timer.failedStep().map(Object::toString).orElse(null);
                throw new RunFailure(e instanceof RunFailure f ? f.kind() : RunFailure.Kind.ROLLED_BACK,
                        Messages.sourceFailed(item.label(), step, e instanceof RunFailure ? e.getMessage() : RunTransaction.rootMessage(e),
                                item.from.get(), movedWords()), e);
            }
        }
    }

    private void run(LiquibaseSession liquibase, Item item, SourceStepTimer timer) throws Exception {
        if (item.to.get().isBelow(item.from.get())) {
            liquibase.rollbackToTag(item.to.get().tag(), timer);
        } else {
            liquibase.updateToTag(item.to.get().tag(), timer);
        }
        timer.done();
    }

    /** Where the source steps report as they end (the metadata run's progress). */
    void reportTo(Progress progress) {
        this.progress = progress;
    }

    /** The source catalog on {@code c} is now what {@code expected} says: version row, shape and history. */
    private void check(Connection c, Item item, SourceCatalogVersion expected, CatalogVersion current) throws SQLException {
        if (c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.sourceAfterSteps(item.name, expected,
                    List.of("a statement failed inside its transaction"), current));
        }
        SourceCatalogReader.State after = SourceCatalogReader.read(c);
        List<String> problems = new ArrayList<>(after.shape().mismatches(expected));
        if (!after.versionText().orElse("").equals(expected.toString())) {
            problems.add(0, "hdb_source_catalog_version says " + after.versionText().orElse("nothing") + " instead of " + expected);
        }
        if (!new SourceHistory(chain).records(c, expected)) {
            problems.add("Liquibase's source history does not record source catalog " + expected);
        }
        if (!problems.isEmpty()) {
            String what = Messages.sourceAfterSteps(item.name, expected, problems, current);
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, item == metadataItem && current == null ? Messages.sourceOnlyAfterSteps(what) : what);
        }
    }

    // --- 5. the metadata database's own source catalog, in the metadata transaction ----------------------------

    /** On the way down: the metadata database's own source catalog moves before the metadata steps. */
    void beforeMetadataSteps(RunTransaction tx) throws Exception {
        Item item = metadataItem;
        if (item != null && !item.createdByRun && !item.steps.isEmpty() && item.to.get().isBelow(item.from.get())) {
            moveMetadataDatabase(tx, item);
        }
    }

    /**
     * After the metadata steps: on the way up the metadata database's own source catalog moves (one that step
     * 42 → 43 just created goes from 3 to what the target starts with); after 43 → 42 its history is cleared.
     */
    void afterMetadataSteps(RunTransaction tx, boolean noBackup) throws Exception {
        Item item = metadataItem;
        if (item == null) {
            return;
        }
        Connection c = tx.connection();
        if (item.removedByRun) {
            new SourceHistory(chain).clear(c, tx.sourceLiquibase());
        } else if (item.createdByRun) {
            item.state = SourceCatalogReader.read(c);
            item.from = Optional.of(SourceCatalogReader.version(item.state, chain, item.label()));
            item.steps = chain.steps(item.from.get(), item.to.get());
            item.losses = SourceDataLoss.of(c, item.steps);
            if (!noBackup && item.losses.stream().anyMatch(l -> l.count() > 0)) {
                throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.sourceCreatedWithData(item.losses.stream()
                        .filter(l -> l.count() > 0).findFirst().orElseThrow().describe(), metadataCurrent));
            }
            if (item.steps.isEmpty()) {
                new SourceHistory(chain).reconcile(c, tx.sourceLiquibase(), item.from.get(), item.label());
            } else {
                moveMetadataDatabase(tx, item);
            }
        } else if (!item.steps.isEmpty() && item.to.get().isAbove(item.from.get())) {
            moveMetadataDatabase(tx, item);
        }
    }

    private void moveMetadataDatabase(RunTransaction tx, Item item) throws Exception {
        LiquibaseSession liquibase = tx.sourceLiquibase();
        SourceStepTimer timer = new SourceStepTimer(chain, item.steps, progress, item.name);
        try {
            new SourceHistory(chain).reconcile(tx.connection(), liquibase, item.from.get(), item.label());
            run(liquibase, item, timer);
        } catch (RunFailure e) {
            throw e;
        } catch (Exception e) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.sourceStepFailed(item.label(),
                    timer.failedStep().map(Object::toString).orElse(null), RunTransaction.rootMessage(e), metadataCurrent), e);
        }
        item.ran = timer.results();
    }

    /** Before the metadata COMMIT: the metadata database's own source catalog is what the run meant it to be. */
    void checkMetadataDatabase(Connection c) throws SQLException {
        Item item = metadataItem;
        if (item == null || item.steps.isEmpty() && !item.createdByRun && !item.removedByRun) {
            return;
        }
        if (item.removedByRun) {
            SourceCatalogReader.State after = SourceCatalogReader.read(c);
            if (after.versioned() || !new SourceHistory(chain).recordedIds(c).isEmpty()) {
                throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.sourceAfterSteps(item.name, null,
                        List.of("the source catalog version or its history is still there after 43 → 42"), metadataCurrent));
            }
            return;
        }
        check(c, item, item.to.get(), metadataCurrent);
    }

    /** After the metadata COMMIT (or its rehearsal): the metadata database's own source catalog moved with it. */
    void metadataCommitted(boolean dryRun) {
        if (metadataItem != null && (!metadataItem.steps.isEmpty() || metadataItem.removedByRun)) {
            metadataItem.outcome = dryRun ? SourceReport.Outcome.REHEARSED : SourceReport.Outcome.COMMITTED;
        }
    }

    // --- results -----------------------------------------------------------------------------------------------

    /** The other source databases that moved and committed, "warehouse 3 → 2, archive 3 → 2"; empty when none did. */
    String movedWords() {
        return String.join(", ", moved.stream().map(Item::moveWords).toList());
    }

    /**
     * A failure of the metadata transaction, once other source databases have committed: the message then says which
     * moved (a failure of a source itself says so already).
     */
    RunFailure afterFailure(RunFailure failure) {
        if (moved.isEmpty() || failureNamesMoves) {
            return failure;
        }
        return new RunFailure(failure.kind(), Messages.afterSourcesMoved(failure.getMessage(), movedWords()), failure);
    }

    List<SourceReport> reports() {
        for (Item item : items) {
            if (item.outcome == SourceReport.Outcome.NOT_RUN && mode == Mode.RUN && !item.steps.isEmpty()) {
                item.outcome = SourceReport.Outcome.NOT_REACHED;
            }
        }
        return items.stream().map(Item::report).toList();
    }

    @Override
    public void close() {
        for (Item item : items) {
            if (item.db != null) {
                item.db.close();
            }
        }
    }

}
