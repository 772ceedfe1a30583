package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-check of step 43 → 42 against metadata documents written by hand into a real hdb_metadata. */
class MetadataDowngradeCheckTest {

    private static final String DEFAULT_SOURCE = """
            {"name": "default", "kind": "postgres",
             "tables": [{"table": {"schema": "public", "name": "authors"},
                         "select_permissions": [{"role": "user", "permission": {"columns": ["id"], "filter": {}}}]}],
             "configuration": {"connection_info": {"database_url": {"from_env": "HASURA_GRAPHQL_DATABASE_URL"}}}}""";

    private TestDatabase db;

    @BeforeEach
    void catalogAt43() {
        db = TestDatabase.fresh();
        db.execute("CREATE SCHEMA hdb_catalog",
                "CREATE TABLE hdb_catalog.hdb_metadata (id integer PRIMARY KEY, metadata json NOT NULL)",
                "CREATE TABLE hdb_catalog.hdb_cron_events (id text PRIMARY KEY, trigger_name text NOT NULL)");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private MetadataDowngradeCheck.Result check(String metadata) throws SQLException {
        db.execute("INSERT INTO hdb_catalog.hdb_metadata VALUES (1, '" + metadata.replace("'", "''") + "')");
        try (Connection c = db.connect()) {
            return MetadataDowngradeCheck.check(c);
        }
    }

    @Test
    void metadataThatV1CanHoldPasses() throws SQLException {
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3, "sources": [%s],
                 "allowlist": [{"collection": "a"}],
                 "cron_triggers": [{"name": "nightly", "webhook": "https://x", "schedule": "0 3 * * *", "include_in_metadata": true}]}
                """.formatted(DEFAULT_SOURCE));
        assertEquals(List.of(), r.blockers());
        assertEquals(List.of(), r.lost());
        assertFalse(r.losesData());
        assertEquals("", r.cannotKeepSummary());
        assertEquals(List.of("version", "sources.default.name", "sources.default.kind",
                "sources.default.configuration.connection_info.database_url.from_env"),
                r.converted().stream().map(MetadataAccount.Item::path).toList(), "the source and its connection are converted");
    }

    @Test
    void emptyMetadataPasses() throws SQLException {
        MetadataDowngradeCheck.Result r = check("{\"version\": 3, \"sources\": []}");
        assertEquals(List.of("version"), r.converted().stream().map(MetadataAccount.Item::path).toList());
        assertEquals(new MetadataDowngradeCheck.Result(List.of(), r.converted(), List.of(), 0, List.of(), 0, 0), r);
    }

    @Test
    void aDocumentThatIsNotV2MetadataIsABlocker() throws SQLException {
        assertEquals(List.of("the metadata document is a string, not a JSON object"), check("\"hello\"").blockers());
    }

    @Test
    void lostItemsAreCountedByRule() throws SQLException {
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3, "sources": [],
                 "inherited_roles": [{"role_name": "staff", "role_set": ["user"]}, {"role_name": "lead", "role_set": ["staff"]}],
                 "rest_endpoints": [{"name": "a"}]}""");
        assertEquals("2 × inherited_roles, 1 × rest_endpoints", r.cannotKeepSummary());
        assertEquals(List.of("inherited_roles.staff", "inherited_roles.lead", "rest_endpoints.a"),
                r.lost().stream().map(MetadataAccount.Item::path).toList());
        assertTrue(r.losesData());
    }

    @Test
    void cronEventsOfTriggersMissingFromTheMetadataAreCounted() throws SQLException {
        db.execute("INSERT INTO hdb_catalog.hdb_cron_events VALUES ('1', 'nightly'), ('2', 'nightly'), ('3', 'gone'), ('4', 'gone'),"
                + " ('5', 'also_gone')");
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3, "sources": [],
                 "cron_triggers": [{"name": "nightly", "webhook": "https://x", "schedule": "0 3 * * *", "include_in_metadata": true}]}""");
        assertEquals(3, r.orphanCronEvents());
        assertEquals(List.of("also_gone", "gone"), r.orphanCronTriggers(), "by trigger name");
        assertEquals(0, r.orphanInvocationLogs());
        assertTrue(r.losesData());
        assertFalse(r.blocked());
    }

    @Test
    void invocationLogsWithoutTheirEventAreCountedWhenTheSourceObjectsExist() throws SQLException {
        db.execute("CREATE TABLE hdb_catalog.event_log (id text PRIMARY KEY)",
                "CREATE TABLE hdb_catalog.event_invocation_logs (id text PRIMARY KEY, event_id text)",
                "INSERT INTO hdb_catalog.event_log VALUES ('e1')",
                "INSERT INTO hdb_catalog.event_invocation_logs VALUES ('l1', 'e1'), ('l2', 'cleaned-up'), ('l3', NULL)");
        assertEquals(1, check("{\"version\": 3, \"sources\": []}").orphanInvocationLogs());
    }

    @Test
    void aMissingMetadataRowIsABlocker() throws SQLException {
        try (Connection c = db.connect()) {
            assertEquals(List.of("hdb_catalog.hdb_metadata has no metadata row (id 1)"), MetadataDowngradeCheck.check(c).blockers());
        }
        db.execute("DROP TABLE hdb_catalog.hdb_metadata");
        try (Connection c = db.connect()) {
            assertEquals(List.of("there is no table hdb_catalog.hdb_metadata"), MetadataDowngradeCheck.check(c).blockers());
        }
    }
}
