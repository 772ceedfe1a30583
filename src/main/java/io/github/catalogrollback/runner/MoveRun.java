package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceReleases;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.metadata.MetadataDocument;
import io.github.catalogrollback.safety.Backup;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DataLossReport;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.ForeignObjects;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollback or an upgrade, inside one {@link RunTransaction}: read the real version, refuse what is unsafe,
 * reconcile Liquibase's history, back up what the path destroys (and, with --drop-foreign-objects, back up and
 * drop the foreign objects it would destroy), run the path, put a backup back if asked, check the result against
 * what was there before, then commit. Every source catalog moves with it ({@link SourceMoves}): each other source
 * database in its own transaction, committed before the metadata steps run; the metadata database's own source
 * catalog in this transaction. A database that holds only a source catalog (no hdb_version) moves just that.
 */
final class MoveRun {

    private final ChangelogIndex index;
    private final Interruption interruption;
    private final SourceChangelog sourceChangelog;
    private final SourceReleases sourceReleases;

    MoveRun(ChangelogIndex index, Interruption interruption, SourceChangelog sourceChangelog, SourceReleases sourceReleases) {
        this.index = index;
        this.interruption = interruption;
        this.sourceChangelog = sourceChangelog;
        this.sourceReleases = sourceReleases;
    }

    MoveResult run(CatalogRunner.MoveRequest request, SourceSelection selection, SourceTarget sourceTarget, Progress progress) {
        RunState run = new RunState(request.direction() == Direction.DOWN ? RunState.Kind.ROLLBACK : RunState.Kind.UPGRADE,
                request.dryRun(), request.target().version());
        try (SourceMoves sources = new SourceMoves(sourceChangelog, sourceReleases, Optional.of(sourceTarget), request.direction(),
                selection, SourceMoves.Mode.RUN, request.lockTimeout())) {
            sources.reportTo(progress);
            try {
                return RunTransaction.run(request.address(), run, request.lockTimeout(), interruption,
                        tx -> move(tx, request, sources, sourceTarget, progress));
            } catch (RunFailure e) {
                throw sources.afterFailure(e);
            }
        }
    }

    private MoveResult move(RunTransaction tx, CatalogRunner.MoveRequest request, SourceMoves sources, SourceTarget sourceTarget,
                            Progress progress) throws Exception {
        Connection c = tx.connection();
        DatabaseAddress address = tx.address();
        RunState run = tx.state();
        if (SourceOnlyRun.applies(c)) {
            return new SourceOnlyRun(sources).move(tx, request, sourceTarget);
        }
        CatalogVersion target = request.target().version();
        PreRunChecks.requireTrustedToolSchema(c, address);
        PreRunChecks.requireReadable(c, address, run.kind.label(), List.of("hdb_catalog"));
        CatalogVersion current = CatalogReader.readVersion(c, address, index);
        run.from = current;
        if (!current.equals(target) && (target.isBelow(current) ? Direction.DOWN : Direction.UP) != request.direction()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.wrongDirection(current, target, request.direction()));
        }
        Path path = index.path(current, target);
        // read once: the sources' databases and step 43 → 42's check both come from this text (tens of MB at most)
        MetadataDocument document = MetadataDocument.read(c);
        if (path.crossesToV1()) {
            document.startAccount(); // step 43 → 42's check walks it; meanwhile the checks below go on
        }
        sources.survey(c, document, address, path);
        if (current.equals(target) && sources.nothingToDo()) {
            tx.endNothingToDo("already at " + target);
            return MoveResult.of(new RunResult(run.id, run.kind.label(), address.describe(), Optional.of(current), target, List.of(),
                    RunResult.Outcome.NOTHING_TO_DO, run.elapsed(), List.of(), Optional.empty(), 0, List.of(), List.of()),
                    sourceTarget, sources.reports());
        }
        DriftCheck.Classification shape = PreRunChecks.refuseUnsafe(c, address, current, path, request.overrides());
        ForeignObjects.Definitions foreign = ForeignObjects.define(c, shape.of(DriftCheck.ShapeClass.FOREIGN_DESTROYED));
        if (!foreign.unsupported().isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.foreignObjectsUnsupported(foreign.unsupported()));
        }
        Optional<String> restoreFrom = request.restoreFrom();
        if (restoreFrom.isPresent() && !Backup.exists(c, restoreFrom.get()) && !sources.holdsBackup(restoreFrom.get())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.noSuchBackup(restoreFrom.get(), Backup.tableName(restoreFrom.get())));
        }
        tx.prepareToolSchema();
        List<String> notes = new ArrayList<>();
        LiquibaseSession liquibase = tx.liquibase();
        notes.addAll(liquibase.notes());
        new ChangelogHistory(index).reconcile(c, liquibase, current).ifPresent(notes::add);
        List<DataLoss> losses = new ArrayList<>(DataLossReport.of(c, path));
        losses.addAll(PreRunChecks.toV1(c, document, path, request.overrides()));
        document = null; // not needed by the steps
        sources.refuseUnsafe(request.overrides());
        List<DataLoss> backedUp = new ArrayList<>(losses);
        backedUp.addAll(sources.metadataDatabaseLosses(losses));
        if (backedUp.stream().anyMatch(loss -> loss.count() > 0) && !request.overrides().noBackup()) {
            Backup.save(c, run.id, backedUp);
            run.backupTable = Backup.tableName(run.id);
            run.keptBackup().ifPresent(sources::metadataDatabaseBackedUp);
            tx.checkpoint();
        }
        if (!foreign.definitions().isEmpty()) {
            // Only with --drop-foreign-objects (refused before otherwise): backed up whatever --no-backup says, then
            // dropped one by one, never by CASCADE, before the step that would destroy them.
            Backup.saveForeignObjects(c, run.id, foreign.definitions());
            run.backupTable = Backup.tableName(run.id);
            ForeignObjects.drop(c, foreign.definitions());
            tx.checkpoint();
            foreign.definitions().forEach(d -> notes.add(Messages.foreignObjectDropped(d.object(), d.step())));
        }
        sources.moveOthers(run, request.overrides().noBackup(), restoreFrom);
        sources.beforeMetadataSteps(tx);
        StepTimer timer = new StepTimer(index, path.direction() == Direction.DOWN, progress);
        if (!path.steps().isEmpty()) {
            tx.runSteps(timer, current, () -> {
                if (path.direction() == Direction.DOWN) {
                    liquibase.rollbackToTag(target.tag(), timer);
                } else {
                    liquibase.updateToTag(target.tag(), timer);
                }
            });
        }
        sources.afterMetadataSteps(tx, request.overrides().noBackup());
        long restored = 0;
        if (restoreFrom.isPresent() && Backup.exists(c, restoreFrom.get())) {
            Backup.Restored r = Backup.restore(c, restoreFrom.get(), Backup.liveColumns(c));
            restored = r.rows();
            r.skipped().forEach(s -> notes.add("not restored: " + s));
        }
        TargetCheck.require(c, address, index, current, target, true, new TargetCheck.Before(shape, request.overrides().ignoreDrift()));
        sources.checkMetadataDatabase(c);
        RunResult result = new RunResult(run.id, run.kind.label(), address.describe(), Optional.of(current), target,
                timer.results(), run.dryRun ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED, run.elapsed(), losses,
                run.keptBackup(), restored, notes, run.dryRun ? liquibase.writtenSql() : List.of());
        tx.commit(current, target);
        sources.metadataCommitted(run.dryRun);
        return MoveResult.of(result, sourceTarget, sources.reports());
    }
}
