package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.util.List;

/** What `status` reports: the catalog version, its releases, where it can go, and the history's state. */
public record StatusResult(String database, CatalogVersion version, List<CatalogVersion> rollbackTargets,
                           List<CatalogVersion> upgradeTargets, HistoryState history) {

    public StatusResult {
        rollbackTargets = List.copyOf(rollbackTargets);
        upgradeTargets = List.copyOf(upgradeTargets);
    }
}
