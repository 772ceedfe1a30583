package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceReleases;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.safety.Backup;
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
 * A source catalog only moves down on a rollback (to what the target starts with) and only up on an upgrade. What each
 * source catalog is and what happens to it: {@link SourcePlan}; the survey and the refusals: {@link SourceSurvey}; this
 * class moves them and says what moved.
 */
final class SourceMoves extends SourceSurvey {

    private final List<Item> moved = new ArrayList<>();
    private Progress progress = Progress.NONE;
    private boolean failureNamesMoves;

    /** Makes the read-only SourceMoves of status and plan, with what the runner knows. */
    record Factory(SourceChangelog chain, SourceReleases releases, SourceSelection selection) {
        SourceMoves look(Optional<SourceTarget> target, Direction direction) {
            return new SourceMoves(chain, releases, target, direction, selection, Mode.LOOK, Duration.ofSeconds(10));
        }
    }

    SourceMoves(SourceChangelog chain, SourceReleases releases, Optional<SourceTarget> target, Direction direction,
                SourceSelection selection, Mode mode, Duration lockTimeout) {
        super(chain, releases, target, direction, selection, mode, lockTimeout);
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
                ToolSchema.prepare(c);
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
                        SourceMessages.sourceFailed(item.label(), step, e instanceof RunFailure ? e.getMessage() : Connections.rootMessage(e),
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
    }

    /** Where the source steps report as they end (the metadata run's progress). */
    void reportTo(Progress progress) {
        this.progress = progress;
    }

    /** The source catalog on {@code c} is now what {@code expected} says: version row, shape and history. */
    private void check(Connection c, Item item, SourceCatalogVersion expected, CatalogVersion current) throws SQLException {
        if (c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, SourceMessages.sourceAfterSteps(item.name, expected,
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
            String what = SourceMessages.sourceAfterSteps(item.name, expected, problems, current);
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, item == metadataItem && current == null ? SourceMessages.sourceOnlyAfterSteps(what) : what);
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
                throw new RunFailure(RunFailure.Kind.ROLLED_BACK, SourceMessages.sourceCreatedWithData(item.losses.stream()
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
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, SourceMessages.sourceStepFailed(item.label(),
                    timer.failedStep().map(Object::toString).orElse(null), Connections.rootMessage(e), metadataCurrent), e);
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
                throw new RunFailure(RunFailure.Kind.ROLLED_BACK, SourceMessages.sourceAfterSteps(item.name, null,
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
        return new RunFailure(failure.kind(), SourceMessages.afterSourcesMoved(failure.getMessage(), movedWords()), failure);
    }
}
