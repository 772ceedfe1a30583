package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.SourceTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a rollback or upgrade did: to the metadata catalog ({@code catalog}; absent for a database that holds only a
 * source catalog) and to every source catalog ({@code sources}: the metadata database's own, moved in its
 * transaction, and each other source database, moved in its own transaction before it). {@code sourceTarget} is what
 * the target needs of a source catalog.
 */
public record MoveResult(Optional<RunResult> catalog, String runId, String command, String database, SourceTarget sourceTarget,
                         List<SourceReport> sources, RunResult.Outcome outcome, Duration elapsed, Optional<String> backupTable,
                         List<String> notes, List<String> sql) {

    public MoveResult {
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
        sql = List.copyOf(sql);
    }

    /** A run on a metadata database: its outcome, time and backup are the metadata run's. */
    static MoveResult of(RunResult catalog, SourceTarget sourceTarget, List<SourceReport> sources) {
        return new MoveResult(Optional.of(catalog), catalog.runId(), catalog.command(), catalog.database(), sourceTarget, sources,
                catalog.outcome(), catalog.elapsed(), catalog.backupTable(), catalog.notes(), catalog.sql());
    }
}
