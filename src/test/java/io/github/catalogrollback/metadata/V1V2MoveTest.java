package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The v1 ↔ v2 boundary (42 ↔ 43): the metadata moves into one JSON document and back, and what v1 cannot hold is refused. */
class V1V2MoveTest {

    /**
     * Every non-system metadata row of the v1 tables, as sorted text per table. JSON is compared as jsonb: 43 → 42
     * writes the v1 json columns from jsonb (same values, jsonb's key order and spacing).
     */
    private static final Map<String, String> V1_ROWS = new LinkedHashMap<>();

    static {
        V1_ROWS.put("hdb_table", "SELECT table_schema, table_name, is_enum, configuration FROM hdb_catalog.hdb_table WHERE NOT is_system_defined");
        V1_ROWS.put("hdb_relationship", "SELECT table_schema, table_name, rel_name, rel_type, rel_def, comment FROM hdb_catalog.hdb_relationship WHERE NOT is_system_defined");
        V1_ROWS.put("hdb_permission", "SELECT table_schema, table_name, role_name, perm_type, perm_def, comment FROM hdb_catalog.hdb_permission WHERE NOT is_system_defined");
        V1_ROWS.put("event_triggers", "SELECT name, type, schema_name, table_name, configuration::jsonb FROM hdb_catalog.event_triggers");
        V1_ROWS.put("hdb_computed_field", "SELECT * FROM hdb_catalog.hdb_computed_field");
        V1_ROWS.put("hdb_remote_relationship", "SELECT * FROM hdb_catalog.hdb_remote_relationship");
        V1_ROWS.put("hdb_function", "SELECT function_schema, function_name, configuration FROM hdb_catalog.hdb_function WHERE NOT is_system_defined");
        // ids of remote schemas are renumbered in name order by 43 → 42 (v2 has no ids); the rest must be equal
        V1_ROWS.put("remote_schemas", "SELECT name, definition::jsonb, comment FROM hdb_catalog.remote_schemas");
        V1_ROWS.put("hdb_query_collection", "SELECT * FROM hdb_catalog.hdb_query_collection WHERE NOT is_system_defined");
        V1_ROWS.put("hdb_allowlist", "SELECT * FROM hdb_catalog.hdb_allowlist");
        V1_ROWS.put("hdb_custom_types", "SELECT * FROM hdb_catalog.hdb_custom_types");
        V1_ROWS.put("hdb_action", "SELECT * FROM hdb_catalog.hdb_action WHERE NOT is_system_defined");
        V1_ROWS.put("hdb_action_permission", "SELECT * FROM hdb_catalog.hdb_action_permission");
        // cron triggers outside the metadata (include_in_metadata false) cross to v2 too, with their flag
        V1_ROWS.put("hdb_cron_triggers", "SELECT name, webhook_conf::jsonb, cron_schedule, payload::jsonb, retry_conf::jsonb, header_conf::jsonb,"
                + " include_in_metadata, comment FROM hdb_catalog.hdb_cron_triggers");
        V1_ROWS.put("event_log", "SELECT id, trigger_name, payload, delivered, error, tries, locked IS NOT NULL, archived FROM hdb_catalog.event_log");
        V1_ROWS.put("event_invocation_logs", "SELECT id, event_id, status FROM hdb_catalog.event_invocation_logs");
        V1_ROWS.put("hdb_cron_events", "SELECT id, trigger_name, status FROM hdb_catalog.hdb_cron_events");
    }

    private static Map<String, String> v1Rows(TestDatabase db) {
        Map<String, String> out = new LinkedHashMap<>();
        V1_ROWS.forEach((table, query) -> out.put(table, db.queryText("SELECT count(*) || E'\\n' || coalesce(string_agg(r::text, E'\\n'"
                + " ORDER BY r::text), '') FROM (" + query + ") r")));
        return out;
    }

    private static String fixture() throws IOException {
        try (InputStream in = V1V2MoveTest.class.getClassLoader().getResourceAsStream("fixtures/v1-metadata-at-42.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String length(TestDatabase db, String path) {
        return db.queryText("SELECT jsonb_array_length(metadata::jsonb " + path + ") FROM hdb_catalog.hdb_metadata WHERE id = 1");
    }

    private static String json(TestDatabase db, String path) {
        return db.queryText("SELECT metadata::jsonb " + path + " FROM hdb_catalog.hdb_metadata WHERE id = 1");
    }

    @Test
    void realisticV1MetadataGoesTo43AndComesBackAsItWas() throws IOException {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 42);
            db.execute(fixture());
            Map<String, String> before = v1Rows(db);
            assertTrue(before.get("hdb_permission").startsWith("14\n"), "the fixture holds 14 permissions");

            CliRun up = CliRun.on(db, "upgrade", "--to-version", "43");
            assertEquals(0, up.exitCode(), up.printed());

            assertEquals("1", db.queryText("SELECT count(*) FROM hdb_catalog.hdb_metadata"), "one metadata row");
            assertEquals("3", json(db, "->> 'version'"), "metadata version 3");
            assertEquals("1", length(db, "-> 'sources'"), "one source");
            assertEquals("default", json(db, "-> 'sources' -> 0 ->> 'name'"));
            assertEquals("postgres", json(db, "-> 'sources' -> 0 ->> 'kind'"));
            assertEquals("{\"from_env\": \"HASURA_GRAPHQL_DATABASE_URL\"}",
                    json(db, "-> 'sources' -> 0 -> 'configuration' -> 'connection_info' -> 'database_url'"));
            assertEquals("12", length(db, "-> 'sources' -> 0 -> 'tables'"), "the 12 tracked tables");
            String articles = db.queryText("SELECT t FROM hdb_catalog.hdb_metadata, jsonb_array_elements(metadata::jsonb -> 'sources' -> 0 -> 'tables') t"
                    + " WHERE t -> 'table' ->> 'name' = 'articles'");
            assertTrue(articles.contains("\"object_relationships\"") && articles.contains("\"array_relationships\"")
                    && articles.contains("\"insert_permissions\"") && articles.contains("\"select_permissions\"")
                    && articles.contains("\"update_permissions\"") && articles.contains("\"delete_permissions\"")
                    && articles.contains("\"event_triggers\""), "a table carries its relationships, permissions and triggers: " + articles);
            assertEquals("2", length(db, "-> 'remote_schemas'"));
            assertEquals("2", length(db, "-> 'actions'"));
            assertEquals("3", length(db, "-> 'cron_triggers'"), "every cron trigger, also those outside the exported metadata");
            assertEquals("false", db.queryText("SELECT c ->> 'include_in_metadata' FROM hdb_catalog.hdb_metadata,"
                    + " json_array_elements(metadata -> 'cron_triggers') c WHERE c ->> 'name' = 'adhoc_ping'"), "with its flag");
            assertEquals("2", length(db, "-> 'query_collections'"));
            assertEquals("[{\"collection\": \"allowed-queries\"}]", json(db, "-> 'allowlist'"));
            assertEquals("1", db.queryText("SELECT version FROM hdb_catalog.hdb_source_catalog_version"),
                    "42 → 43 makes source catalog 3, and the source steps take it to 1, all v1.4.0-alpha.1 (catalog 43) accepts");
            assertTrue(CliRun.on(db, "status").out().contains("source catalog:   version 1"), "status names the source catalog");

            CliRun plan = CliRun.on(db, "plan", "--to-version", "42");
            assertTrue(plan.out().contains("43 → 42 cannot keep: nothing"), plan.printed());
            CliRun down = CliRun.on(db, "--to-version", "42");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals(before, v1Rows(db), "every metadata row, event and cron event is back as it was");
            assertEquals("2", db.queryText("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = 'hdb_views' AND p.proname LIKE 'notify_hasura_%'"), "event trigger functions are back in hdb_views");
            assertEquals("timestamp with time zone", db.queryText("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'hdb_catalog.event_log'::regclass AND attname = 'locked'"), "at 42 locked is a timestamp (boolean from 40 down)");
            assertEquals(0, CliRun.on(db, "verify").exitCode(), "the catalog at 42 has the shape of 42");
        }
    }

    @Test
    void cronEventsWithoutTheirTriggerAreBackedUpWhenGoingTo42() throws IOException {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 42);
            db.execute(fixture());
            assertEquals(0, CliRun.on(db, "upgrade", "--to-version", "43").exitCode());
            // a v2 server dropped the cron trigger adhoc_ping from the metadata and left its events
            db.execute("UPDATE hdb_catalog.hdb_metadata SET metadata = jsonb_set(metadata::jsonb, '{cron_triggers}',"
                    + " (SELECT jsonb_agg(c) FROM jsonb_array_elements(metadata::jsonb -> 'cron_triggers') c WHERE c ->> 'name' <> 'adhoc_ping'))::json");
            CliRun down = CliRun.on(db, "--to-version", "42");
            assertEquals(0, down.exitCode(), down.printed());
            assertTrue(down.out().contains("deletes 2 rows of hdb_catalog.hdb_cron_events (their cron trigger is not in the metadata), backed up"),
                    down.printed());
            assertTrue(down.out().contains("drops table hdb_catalog.hdb_metadata (1 row), backed up"), "the whole v2 document is kept\n" + down.printed());
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog.hdb_cron_events WHERE trigger_name = 'adhoc_ping'"));
            String backup = db.queryText("SELECT tablename FROM pg_tables WHERE schemaname = 'hdb_catalog_rollback' AND tablename LIKE 'backup_%'");
            assertEquals("2", db.queryText("SELECT count(*) FROM hdb_catalog_rollback." + backup + " WHERE source = 'hdb_catalog.hdb_cron_events'"
                    + " AND data ->> 'trigger_name' = 'adhoc_ping'"), "both adhoc_ping events are in the backup");
        }
    }

    private static final String TWO_SOURCES = "{\"version\":3,\"sources\":[{\"name\":\"default\",\"kind\":\"postgres\",\"tables\":[],"
            + "\"configuration\":{\"connection_info\":{\"database_url\":{\"from_env\":\"HASURA_GRAPHQL_DATABASE_URL\"}}}},"
            + "{\"name\":\"warehouse\",\"kind\":\"postgres\",\"tables\":[],\"configuration\":{\"connection_info\":{\"database_url\":\"postgres://w\"}}}]}";
    private static final String ROLE_BASED_ALLOWLIST = "{\"version\":3,\"sources\":[],\"query_collections\":[{\"name\":\"q\",\"definition\":"
            + "{\"queries\":[]}}],\"allowlist\":[{\"collection\":\"q\",\"scope\":{\"global\":false,\"roles\":[\"user\"]}}]}";
    private static final String INHERITED_ROLES = "{\"version\":3,\"sources\":[],\"inherited_roles\":[{\"role_name\":\"manager\","
            + "\"role_set\":[\"user\",\"editor\"]}],\"rest_endpoints\":[{\"name\":\"a\",\"url\":\"a\",\"methods\":[\"GET\"],"
            + "\"definition\":{\"query\":{\"query_name\":\"q\",\"collection_name\":\"c\"}}}]}";

    private static CliRun downWith(TestDatabase db, String metadata, String... extra) {
        Catalogs.init(db, 46);
        db.execute("UPDATE hdb_catalog.hdb_metadata SET metadata = '" + metadata.replace("'", "''") + "'");
        String[] args = new String[2 + extra.length];
        args[0] = "--to-version";
        args[1] = "42";
        System.arraycopy(extra, 0, args, 2, extra.length);
        Fingerprint before = Fingerprint.of(db);
        CliRun run = CliRun.on(db, args);
        if (run.exitCode() != 0) {
            assertEquals(before, Fingerprint.of(db), "nothing changed");
        }
        return run;
    }

    @Test
    void twoSourcesAreRefused() {
        try (TestDatabase db = TestDatabase.fresh()) {
            CliRun run = downWith(db, TWO_SOURCES);
            assertEquals(4, run.exitCode(), run.printed());
            assertTrue(run.err().contains("the metadata has 2 sources (default, warehouse)"), run.printed());
        }
    }

    @Test
    void roleBasedAllowlistIsRefused() {
        try (TestDatabase db = TestDatabase.fresh()) {
            CliRun run = downWith(db, ROLE_BASED_ALLOWLIST);
            assertEquals(4, run.exitCode(), run.printed());
            assertTrue(run.err().contains("allow-list entries for q are role-based"), run.printed());
        }
    }

    @Test
    void v2OnlyMetadataNeedsExplicitConsent() {
        try (TestDatabase db = TestDatabase.fresh()) {
            CliRun refused = downWith(db, INHERITED_ROLES);
            assertEquals(4, refused.exitCode(), refused.printed());
            assertTrue(refused.err().contains("43 → 42 cannot keep 2 metadata items that v1 cannot hold (inherited_roles.manager,"
                    + " rest_endpoints.a); nothing changed. `catalog-rollback plan --to-version 42` lists them all"), refused.printed());
            CliRun plan = CliRun.on(db, "plan", "--to-version", "42");
            assertTrue(plan.out().contains("cannot keep: 2 metadata items v1 cannot hold")
                    && plan.out().contains("       inherited_roles.manager (v1 has no role inheritance)")
                    && plan.out().contains("       rest_endpoints.a (v1 has no place for it)"), plan.printed());
            CliRun accepted = CliRun.on(db, "--to-version", "42", "--accept-metadata-loss");
            assertEquals(0, accepted.exitCode(), accepted.printed());
            assertEquals("42", Catalogs.version(db));
        }
    }

    @Test
    void lockedEventsComeBackAsBooleanAt40() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 40);
            db.execute("INSERT INTO hdb_catalog.event_log (id, schema_name, table_name, trigger_name, payload, locked) VALUES"
                    + " ('e1', 'public', 't', 'tr', '{}', true), ('e2', 'public', 't', 'tr', '{}', false), ('e3', 'public', 't', 'tr', '{}', false)");
            assertEquals(0, CliRun.on(db, "upgrade", "--to-version", "48").exitCode());
            assertEquals("timestamp with time zone", db.queryText("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'hdb_catalog.event_log'::regclass AND attname = 'locked'"));
            db.execute("UPDATE hdb_catalog.event_log SET locked = now() WHERE id = 'e3'");

            CliRun down = CliRun.on(db, "--to-release", "v1.3.3");
            assertEquals(0, down.exitCode(), down.printed());
            assertTrue(down.out().contains("→ 40 (v1.3.3 … v1.3.4)"), down.printed());
            assertEquals("boolean not null default false", db.queryText("SELECT format_type(a.atttypid, a.atttypmod)"
                    + " || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                    + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attrelid = 'hdb_catalog.event_log'::regclass AND a.attname = 'locked'"));
            assertEquals("e1:true,e2:false,e3:true", db.queryText("SELECT string_agg(id || ':' || locked, ',' ORDER BY id) FROM hdb_catalog.event_log"));
        }
    }
}
