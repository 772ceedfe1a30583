package io.github.catalogrollback.runner;

import java.util.List;
import java.util.Optional;

/**
 * What `status` reports: the metadata catalog ({@code catalog}; absent for a database that holds only a source
 * catalog) and every source catalog: the metadata database's own and those of the sources its metadata lists.
 */
public record StatusReport(Optional<StatusResult> catalog, String database, List<SourceReport> sources) {

    public StatusReport {
        sources = List.copyOf(sources);
    }
}
