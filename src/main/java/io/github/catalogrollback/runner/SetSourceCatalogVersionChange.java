package io.github.catalogrollback.runner;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;

/** {@code - setSourceCatalogVersion: {version: '3'}}: hdb_catalog.hdb_source_catalog_version says 3. */
@DatabaseChange(name = "setSourceCatalogVersion",
        description = "Sets the Hasura source catalog version in hdb_catalog.hdb_source_catalog_version",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public final class SetSourceCatalogVersionChange extends VersionRowChange {

    @Override
    protected String table() {
        return "hdb_catalog.hdb_source_catalog_version";
    }
}
