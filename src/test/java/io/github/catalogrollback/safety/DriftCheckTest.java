package io.github.catalogrollback.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Genuine variants of one catalog version pass; anything else is a finding. */
class DriftCheckTest {

    private static CatalogShape shape(CatalogShape.Item... items) {
        return new CatalogShape(new TreeSet<>(Set.of(items)));
    }

    private static final CatalogShape.Item TABLE = new CatalogShape.Item("table", "hdb_catalog.hdb_version", "hdb_catalog.hdb_version", "");
    private static final CatalogShape.Item COLUMN = new CatalogShape.Item("column", "hdb_catalog.hdb_version", "version", "text not null");
    private static final CatalogShape.Item PKEY = new CatalogShape.Item("constraint", "hdb_catalog.hdb_version", "hdb_version_pkey",
            "PRIMARY KEY (hasura_uuid)");

    @Test
    void primaryKeyNamedByAnOldUpgradeIsNotDrift() {
        CatalogShape upgradedThrough8To9 = shape(TABLE, COLUMN, new CatalogShape.Item("constraint", "hdb_catalog.hdb_version",
                "hasura_uuid_pkey", "PRIMARY KEY (hasura_uuid)"));
        assertEquals(List.of(), DriftCheck.compare(shape(TABLE, COLUMN, PKEY), upgradedThrough8To9, CatalogVersion.of(47)));
    }

    @Test
    void sourceCatalogObjectsOfAV1BornCatalogAreNotDriftFrom43On() {
        CatalogShape v1Born = shape(TABLE, COLUMN, PKEY,
                new CatalogShape.Item("table", "hdb_catalog.event_log", "hdb_catalog.event_log", ""),
                new CatalogShape.Item("column", "hdb_catalog.event_log", "locked", "timestamp with time zone"),
                new CatalogShape.Item("function", "hdb_catalog", "insert_event_log(schema_name text, table_name text)", "returns text"));
        assertEquals(List.of(), DriftCheck.compare(shape(TABLE, COLUMN, PKEY), v1Born, CatalogVersion.of(45)));
        assertEquals(3, DriftCheck.compare(shape(TABLE, COLUMN, PKEY), v1Born, CatalogVersion.of(40)).size(),
                "below 43 they are part of the expected shape, so extras are findings");
    }

    @Test
    void aChangedColumnIsMissingPlusUnexpected() {
        CatalogShape altered = shape(TABLE, PKEY, new CatalogShape.Item("column", "hdb_catalog.hdb_version", "version", "text"));
        List<DriftCheck.Finding> findings = DriftCheck.compare(shape(TABLE, COLUMN, PKEY), altered, CatalogVersion.of(48));
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).toString().startsWith("missing column hdb_catalog.hdb_version version: text not null"), findings.toString());
        assertTrue(findings.get(1).toString().startsWith("unexpected column hdb_catalog.hdb_version version: text"), findings.toString());
    }

    @Test
    void bodiesAreNotComparedByDefinition() {
        CatalogShape.Item body = new CatalogShape.Item("function-body", "hdb_catalog", "gen_hasura_uuid()", "aaaa");
        CatalogShape.Item otherBody = new CatalogShape.Item("function-body", "hdb_catalog", "gen_hasura_uuid()", "bbbb");
        assertEquals(List.of(), DriftCheck.compare(shape(TABLE, body), shape(TABLE, otherBody), CatalogVersion.of(48)));
    }
}
