package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the tool leaves is what Hasura's own SQL leaves. */
class HasuraEquivalenceTest {

    /** The manual 48 → 47 downgrade from Hasura's docs: drop both EE columns, upsert version 47. */
    private static final String[] DOCS_MANUAL_48_TO_47 = {
        "ALTER TABLE hdb_catalog.hdb_version DROP COLUMN IF EXISTS ee_client_id, DROP COLUMN IF EXISTS ee_client_secret",
        "INSERT INTO hdb_catalog.hdb_version (version, upgraded_on) VALUES ('47', now())"
                + " ON CONFLICT ((version IS NOT NULL)) DO UPDATE SET version = '47', upgraded_on = now()"};

    @Test
    void rollback48To47LeavesWhatTheDocsManualSqlLeaves() {
        try (TestDatabase manual = TestDatabase.fresh()) {
            Catalogs.init(manual, 48);
            Catalogs.addHasuraRows(manual);
            manual.execute("UPDATE hdb_catalog.hdb_version SET ee_client_id = 'id-1', ee_client_secret = 'secret-1'");
            try (TestDatabase tool = TestDatabase.copyOf(manual)) {
                manual.execute(DOCS_MANUAL_48_TO_47);
                CliRun run = CliRun.on(tool, "--to-version", "47");
                assertEquals(0, run.exitCode(), run.printed());

                Fingerprint expected = Fingerprint.of(manual);
                Fingerprint actual = Fingerprint.of(tool);
                assertEquals(List.of(), actual.shape().minus(expected.shape()), "objects the manual SQL does not leave");
                assertEquals(List.of(), expected.shape().minus(actual.shape()), "objects the manual SQL leaves that the tool does not");
                assertEquals("47", Catalogs.version(tool));
                for (String table : List.of("hdb_catalog.hdb_metadata", "hdb_catalog.hdb_cron_events", "hdb_catalog.hdb_action_log",
                        "hdb_catalog.hdb_scheduled_events", "hdb_catalog.hdb_schema_notifications")) {
                    assertEquals(expected.rowChecksums().get(table), actual.rowChecksums().get(table), "rows of " + table);
                }
                String row = "SELECT hasura_uuid || ' ' || version || ' ' || cli_state::text || ' ' || console_state::text"
                        + " FROM hdb_catalog.hdb_version";
                assertEquals(manual.queryText(row), tool.queryText(row),
                        "hdb_version keeps the same uuid and CLI/console state, and says 47 (only upgraded_on may differ)");
                assertEquals("{\"migrations\": 1}", tool.queryText("SELECT cli_state::text FROM hdb_catalog.hdb_version"));
            }
        }
    }

    /**
     * A catalog at 48 built with Hasura's own DDL (initialise.sql of v2.23+, transcribed into
     * src/test/resources/hasura-reference/catalog-48.sql) has the shape the tool's fresh catalog 48 has.
     */
    @Test
    void freshCatalog48HasTheShapeHasurasInitialiseSqlCreates() throws IOException {
        try (TestDatabase hasura = TestDatabase.fresh()) {
            hasura.execute(resource("hasura-reference/catalog-48.sql"));
            List<DriftCheck.Finding> findings = DriftCheck.compare(Catalogs.freshShape(48), Fingerprint.shape(hasura),
                    CatalogVersion.of(48));
            assertEquals(List.of(), findings, "differences between Hasura's catalog 48 and the tool's");
            assertEquals(List.of(), Fingerprint.shape(hasura).minus(Catalogs.freshShape(48)).stream()
                    .filter(i -> !i.isBody()).toList(), "same names of constraints and indexes too");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HasuraEquivalenceTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
