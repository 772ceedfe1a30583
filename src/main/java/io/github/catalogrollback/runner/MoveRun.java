package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
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
 * what was there before, then commit.
 */
final class MoveRun {

    private final ChangelogIndex index;
    private final Interruption interruption;

    MoveRun(ChangelogIndex index, Interruption interruption) {
        this.index = index;
        this.interruption = interruption;
    }

    RunResult run(CatalogRunner.MoveRequest request) {
        RunState run = new RunState(request.direction() == Direction.DOWN ? RunState.Kind.ROLLBACK : RunState.Kind.UPGRADE,
                request.dryRun(), request.target().version());
        return RunTransaction.run(request.address(), run, request.lockTimeout(), interruption, tx -> move(tx, request));
    }

    private RunResult move(RunTransaction tx, CatalogRunner.MoveRequest request) throws Exception {
        Connection c = tx.connection();
        DatabaseAddress address = tx.address();
        RunState run = tx.state();
        CatalogVersion target = request.target().version();
        PreRunChecks.requireTrustedToolSchema(c, address);
        PreRunChecks.requireReadable(c, address, run.kind.label(), List.of("hdb_catalog"));
        CatalogVersion current = CatalogReader.readVersion(c, address, index);
        run.from = current;
        if (current.equals(target)) {
            tx.endNothingToDo("already at " + target);
            return new RunResult(run.id, run.kind.label(), address.describe(), Optional.of(current), target, List.of(),
                    RunResult.Outcome.NOTHING_TO_DO, run.elapsed(), List.of(), Optional.empty(), 0, List.of(), List.of());
        }
        if ((target.isBelow(current) ? Direction.DOWN : Direction.UP) != request.direction()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.wrongDirection(current, target, request.direction()));
        }
        Path path = index.path(current, target);
        DriftCheck.Classification shape = PreRunChecks.refuseUnsafe(c, address, current, path, request.overrides());
        ForeignObjects.Definitions foreign = ForeignObjects.define(c, shape.of(DriftCheck.ShapeClass.FOREIGN_DESTROYED));
        if (!foreign.unsupported().isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.foreignObjectsUnsupported(foreign.unsupported()));
        }
        Optional<String> restoreFrom = request.restoreFrom();
        if (restoreFrom.isPresent() && !Backup.exists(c, restoreFrom.get())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.noSuchBackup(restoreFrom.get(), Backup.tableName(restoreFrom.get())));
        }
        tx.prepareToolSchema();
        List<String> notes = new ArrayList<>();
        LiquibaseSession liquibase = tx.liquibase();
        notes.addAll(liquibase.notes());
        new ChangelogHistory(index).reconcile(c, liquibase, current).ifPresent(notes::add);
        List<DataLoss> losses = new ArrayList<>(DataLossReport.of(c, path));
        losses.addAll(PreRunChecks.toV1(c, path, request.overrides()));
        if (losses.stream().anyMatch(loss -> loss.count() > 0) && !request.overrides().noBackup()) {
            Backup.save(c, run.id, losses);
            run.backupTable = Backup.tableName(run.id);
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
        StepTimer timer = new StepTimer(index, path.direction() == Direction.DOWN);
        tx.runSteps(timer, current, () -> {
            if (path.direction() == Direction.DOWN) {
                liquibase.rollbackToTag(target.tag(), timer);
            } else {
                liquibase.updateToTag(target.tag(), timer);
            }
        });
        long restored = 0;
        if (restoreFrom.isPresent()) {
            Backup.Restored r = Backup.restore(c, restoreFrom.get(), Backup.liveColumns(c));
            restored = r.rows();
            r.skipped().forEach(s -> notes.add("not restored: " + s));
        }
        TargetCheck.require(c, address, index, current, target, true, new TargetCheck.Before(shape, request.overrides().ignoreDrift()));
        RunResult result = new RunResult(run.id, run.kind.label(), address.describe(), Optional.of(current), target,
                timer.results(), run.dryRun ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED, run.elapsed(), losses,
                Optional.ofNullable(run.backupTable), restored, notes, run.dryRun ? liquibase.writtenSql() : List.of());
        tx.commit(current, target);
        return result;
    }
}
