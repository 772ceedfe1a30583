package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.SourceTarget;
import java.util.List;
import java.util.Optional;

/**
 * What `plan` reports: the metadata catalog's path ({@code catalog}; absent for a database that holds only a source
 * catalog), what the target needs of a source catalog, and what happens to every source catalog.
 */
public record PlanReport(Optional<PlanResult> catalog, String database, SourceTarget sourceTarget, List<SourceReport> sources) {

    public PlanReport {
        sources = List.copyOf(sources);
    }

    /** True when neither the metadata catalog nor any source catalog would move. */
    public boolean nothingToDo() {
        return catalog.map(p -> p.path().steps().isEmpty()).orElse(true) && sources.stream().noneMatch(SourceReport::moves);
    }
}
