package io.github.catalogrollback.runner;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;

/** {@code - setCatalogVersion: {version: '48'}}: hdb_catalog.hdb_version says 48. */
@DatabaseChange(name = "setCatalogVersion", description = "Sets the Hasura catalog version in hdb_catalog.hdb_version",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public final class SetCatalogVersionChange extends VersionRowChange {

    @Override
    protected String table() {
        return "hdb_catalog.hdb_version";
    }
}
