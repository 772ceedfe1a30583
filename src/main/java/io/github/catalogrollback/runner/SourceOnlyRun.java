package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.safety.Backup;
import io.github.catalogrollback.safety.DataLoss;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollback or upgrade pointed at a database that holds only a source catalog (hdb_source_catalog_version, no
 * hdb_version): a source database of some Hasura project, reached directly. The run moves just that source catalog,
 * in the run's one transaction, with the same checks, backup and restore as anywhere else.
 */
final class SourceOnlyRun {

    private final SourceMoves sources;

    SourceOnlyRun(SourceMoves sources) {
        this.sources = sources;
    }

    /** True for a database with a versioned source catalog and no metadata catalog. */
    static boolean applies(Connection c) throws SQLException {
        return !CatalogReader.tableExists(c, "hdb_catalog", "hdb_version")
                && CatalogReader.tableExists(c, "hdb_catalog", "hdb_source_catalog_version");
    }

    MoveResult move(RunTransaction tx, CatalogRunner.MoveRequest request, SourceTarget sourceTarget) throws Exception {
        Connection c = tx.connection();
        DatabaseAddress address = tx.address();
        RunState run = tx.state();
        run.to = null;
        sources.surveyOwn(c);
        if (sources.nothingToDo()) {
            tx.endNothingToDo("source catalog already where " + sourceTarget.basis());
            return result(run, address, sourceTarget, RunResult.Outcome.NOTHING_TO_DO, List.of(), List.of());
        }
        PreRunChecks.requirePrivileges(c, address);
        sources.refuseUnsafe(request.overrides());
        sources.refuseHasuraOnOwn(c, request.overrides());
        Optional<String> restoreFrom = request.restoreFrom();
        if (restoreFrom.isPresent() && !Backup.exists(c, restoreFrom.get())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.noSuchBackup(restoreFrom.get(), Backup.tableName(restoreFrom.get())));
        }
        tx.prepareToolSchema();
        List<DataLoss> losses = sources.metadataDatabaseLosses(List.of());
        if (losses.stream().anyMatch(loss -> loss.count() > 0) && !request.overrides().noBackup()) {
            Backup.save(c, run.id, losses);
            run.backupTable = Backup.tableName(run.id);
            run.keptBackup().ifPresent(sources::metadataDatabaseBackedUp);
        }
        tx.checkpoint();
        sources.beforeMetadataSteps(tx);
        sources.afterMetadataSteps(tx, request.overrides().noBackup());
        List<String> notes = new ArrayList<>();
        if (restoreFrom.isPresent()) {
            Backup.Restored r = Backup.restore(c, restoreFrom.get(), Backup.liveColumns(c));
            notes.add("restored " + Messages.count(r.rows(), "row") + " from " + Backup.tableName(restoreFrom.get()));
            r.skipped().forEach(s -> notes.add("not restored: " + s));
        }
        sources.checkMetadataDatabase(c);
        String move = sources.ownMoveWords();
        List<String> sql = run.dryRun ? tx.sourceLiquibase().writtenSql() : List.of();
        tx.commit(move, detail -> SourceMessages.sourceCommitOutcomeUnknown(address, detail, move));
        sources.metadataCommitted(run.dryRun);
        return result(run, address, sourceTarget, run.dryRun ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED, notes, sql);
    }

    private MoveResult result(RunState run, DatabaseAddress address, SourceTarget sourceTarget, RunResult.Outcome outcome,
                              List<String> notes, List<String> sql) {
        return new MoveResult(Optional.empty(), run.id, run.kind.label(), address.describe(), sourceTarget, sources.reports(), outcome,
                run.elapsed(), run.keptBackup(), notes, sql);
    }
}
