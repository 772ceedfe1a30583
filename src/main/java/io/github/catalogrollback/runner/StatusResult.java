package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.DriftCheck;
import java.util.List;

/**
 * What `status` reports: the catalog version, where it can go, the history's state, the source catalog that a
 * metadata database keeps when it is also a data source (event_log and friends; "none" for a metadata-only one),
 * and the catalog's differences from its version's shape, classified for every path ({@code shape}).
 */
public record StatusResult(String database, CatalogVersion version, List<CatalogVersion> rollbackTargets,
                           List<CatalogVersion> upgradeTargets, ChangelogHistoryState history, String sourceCatalog,
                           List<DriftCheck.Finding> shape) {

    public StatusResult {
        rollbackTargets = List.copyOf(rollbackTargets);
        upgradeTargets = List.copyOf(upgradeTargets);
        shape = List.copyOf(shape);
    }
}
