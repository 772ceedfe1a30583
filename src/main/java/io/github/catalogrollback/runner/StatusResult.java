package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.util.List;

/**
 * What `status` reports: the catalog version, where it can go, the history's state, and the source catalog that a
 * metadata database keeps when it is also a data source (event_log and friends; "none" for a metadata-only one).
 */
public record StatusResult(String database, CatalogVersion version, List<CatalogVersion> rollbackTargets,
                           List<CatalogVersion> upgradeTargets, ChangelogHistoryState history, String sourceCatalog) {

    public StatusResult {
        rollbackTargets = List.copyOf(rollbackTargets);
        upgradeTargets = List.copyOf(upgradeTargets);
    }
}
