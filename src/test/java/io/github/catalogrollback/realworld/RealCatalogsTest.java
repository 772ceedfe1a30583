package io.github.catalogrollback.realworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.RealCatalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real catalogs, restored from the pg_dump files Hasura users published (../shared/real-catalogs, or
 * $CATALOG_ROLLBACK_REAL_CATALOGS), moved as an operator would, with no override flag: a v1 catalog up to 48 and
 * back to its own version with every user metadata row of the v1 tables unchanged; a v2 catalog down to 42 and
 * back with the same metadata document (lists compared as multisets, the source's name and connection excepted),
 * or, where its metadata holds what v1 cannot, refused with exit 4 and nothing changed, then moved with
 * --accept-metadata-loss. Foreign objects (the CLI's migration tables, a DBA's index) come through unchanged. Then
 * synthetic cases for each kind of difference. The corpus missing is a failure, never a skip.
 */
class RealCatalogsTest {

    /** The v1 metadata tables, and which of their rows are the user's (not system-defined; cron triggers in the metadata). */
    private static final Map<String, String> V1_TABLES = v1Tables();

    /** v2-only metadata a v1 catalog cannot hold: what --accept-metadata-loss drops, left out of the comparison then. */
    private static final List<String> V2_ONLY_KEYS = List.of("inherited_roles", "rest_endpoints", "api_limits", "metrics_config",
            "opentelemetry", "network", "backend_configs", "graphql_schema_introspection", "cleanup_config");

    static Stream<String> dumps() {
        return RealCatalogs.dumps().stream().map(p -> p.getFileName().toString());
    }

    @Test
    void theCorpusIsThere() {
        assertTrue(RealCatalogs.dumps().size() >= 1, "the real-catalog corpus holds dumps: " + RealCatalogs.corpus());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dumps")
    void movesWithNoOverrideFlagAndKeepsWhatThePathDoesNotTouch(String name) throws SQLException {
        Path dump = RealCatalogs.corpus().resolve(name);
        try (TestDatabase db = TestDatabase.fresh()) {
            int errors = RealCatalogs.restore(dump, db);
            int own = Integer.parseInt(Catalogs.version(db));
            CliRun verify = CliRun.on(db, "verify");
            assertEquals(0, verify.exitCode(), name + " (restored with " + errors + " psql errors) has no real drift\n" + verify.printed());
            List<String> foreign = foreignKept(verify);
            if (own < CatalogVersion.FIRST_V2.number()) {
                v1RoundTrip(db, name, own, foreign);
            } else {
                v2RoundTrip(db, name, own, foreign);
            }
        }
    }

    private static void v1RoundTrip(TestDatabase db, String name, int own, List<String> foreign) throws SQLException {
        Map<String, List<String>> rows = userMetadataRows(db);
        Map<String, String> foreignRows = foreignTableRows(db);
        move(db, name, "upgrade", "--to-version", "48");
        assertEquals(foreign, foreignKept(CliRun.on(db, "verify")), name + ": foreign objects unchanged at 48");
        move(db, name, "--to-version", Integer.toString(own));
        CliRun verify = CliRun.on(db, "verify");
        assertEquals(0, verify.exitCode(), name + " back at " + own + "\n" + verify.printed());
        assertEquals(foreign, foreignKept(verify), name + ": foreign objects unchanged back at " + own);
        assertEquals(rows, userMetadataRows(db), name + ": every user metadata row of the v1 tables, after " + own + " → 48 → " + own);
        assertEquals(foreignRows, foreignTableRows(db), name + ": the rows of tables Hasura never made (the CLI's migration state)");
    }

    private static void v2RoundTrip(TestDatabase db, String name, int own, List<String> foreign) throws SQLException {
        String before = canonicalMetadata(db, List.of());
        Fingerprint untouched = Fingerprint.of(db);
        CliRun down = CliRun.on(db, "--to-version", "42");
        boolean lossy = down.exitCode() == 4;
        if (lossy) {
            assertTrue(down.err().contains("43 → 42 cannot keep") && down.err().contains("--accept-metadata-loss"),
                    name + ": refused for metadata v1 cannot hold\n" + down.printed());
            assertEquals(untouched, Fingerprint.of(db), name + ": the refusal changed nothing");
            move(db, name, "--to-version", "42", "--accept-metadata-loss");
        } else {
            assertEquals(0, down.exitCode(), name + " → 42\n" + down.printed());
        }
        CliRun at42 = CliRun.on(db, "verify");
        assertEquals(0, at42.exitCode(), name + " at 42\n" + at42.printed());
        move(db, name, "upgrade", "--to-version", Integer.toString(own));
        CliRun verify = CliRun.on(db, "verify");
        assertEquals(0, verify.exitCode(), name + " back at " + own + "\n" + verify.printed());
        assertEquals(foreign, foreignKept(verify), name + ": foreign objects unchanged back at " + own);
        List<String> dropped = lossy ? V2_ONLY_KEYS : List.of();
        assertEquals(lossy ? canonicalMetadata(before, dropped, db) : before, canonicalMetadata(db, dropped),
                name + ": the metadata document after " + own + " → 42 → " + own + (lossy ? " (less what v1 cannot hold)" : ""));
    }

    // --- synthetic cases: one kind of difference each, on catalogs built by the tool -----------------------------

    @Test
    void theClisMigrationTablesWithRowsComeThroughEveryStep() throws SQLException {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 40);
            db.execute("CREATE TABLE hdb_catalog.schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)",
                    "INSERT INTO hdb_catalog.schema_migrations VALUES (1600000000000, false), (1600000000001, false)",
                    "CREATE TABLE hdb_catalog.migration_settings (setting text PRIMARY KEY, value text NOT NULL)",
                    "INSERT INTO hdb_catalog.migration_settings VALUES ('migration_mode', 'true')");
            CliRun verify = CliRun.on(db, "verify");
            assertEquals(0, verify.exitCode(), verify.printed());
            assertTrue(verify.out().contains("foreign, kept: table hdb_catalog.schema_migrations — the Hasura CLI's migration state"),
                    verify.printed());
            Map<String, String> rows = foreignTableRows(db);
            List<String> foreign = foreignKept(verify);
            move(db, "CLI tables", "upgrade", "--to-version", "48");
            assertEquals(rows, foreignTableRows(db), "the CLI's rows at 48");
            move(db, "CLI tables", "--to-version", "40");
            assertEquals(rows, foreignTableRows(db), "the CLI's rows back at 40");
            assertEquals(foreign, foreignKept(CliRun.on(db, "verify")));
        }
    }

    @Test
    void aDbasIndexOnEventLogComesThroughAndNamesNoDrift() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 40);
            db.execute("CREATE INDEX dba_event_log_by_trigger_and_time ON hdb_catalog.event_log (trigger_name, created_at)");
            List<String> foreign = foreignKept(CliRun.on(db, "verify"));
            assertEquals(List.of("foreign, kept: index hdb_catalog.event_log dba_event_log_by_trigger_and_time: CREATE INDEX ON"
                    + " hdb_catalog.event_log USING btree (trigger_name, created_at)"), foreign);
            move(db, "DBA index", "upgrade", "--to-version", "48");
            assertEquals(foreign, foreignKept(CliRun.on(db, "verify")), "at 48");
            move(db, "DBA index", "--to-version", "40");
            assertEquals(foreign, foreignKept(CliRun.on(db, "verify")), "back at 40");
        }
    }

    @Test
    void aSearchPathSetOnTheDatabaseChangesNothing() {
        try (TestDatabase db = TestDatabase.fresh()) {
            TestDatabase.executeOnServer("ALTER DATABASE " + db.name() + " SET search_path = hdb_catalog, public");
            Catalogs.init(db, 48);
            CliRun verify = CliRun.on(db, "verify");
            assertEquals(0, verify.exitCode(), verify.printed());
            assertTrue(verify.out().contains("has the shape of catalog 48 (no drift)\n"), "nothing at all differs\n" + verify.printed());
            move(db, "search_path", "--to-version", "40");
            move(db, "search_path", "upgrade", "--to-version", "48");
            assertEquals("hdb_catalog, public", db.queryText("SHOW search_path"), "the database's setting is as it was");
        }
    }

    @Test
    void aUserTableInHdbViewsIsRefusedNamedAndOnlyDroppedWithTheFlagAfterABackup() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 40);
            db.execute("CREATE TABLE hdb_views.notes (id serial PRIMARY KEY, note text NOT NULL)",
                    "INSERT INTO hdb_views.notes (note) VALUES ('keep me'), ('and me')",
                    "CREATE VIEW public.note_texts AS SELECT note FROM hdb_views.notes");
            Fingerprint before = Fingerprint.of(db);
            for (String[] args : List.of(new String[] {"upgrade", "--to-version", "48"},
                    new String[] {"upgrade", "--to-version", "48", "--ignore-drift"})) {
                CliRun refused = CliRun.on(db, args);
                assertEquals(4, refused.exitCode(), refused.printed());
                assertTrue(refused.err().contains("table hdb_views.notes (by step 42 → 43)")
                        && refused.err().contains("view public.note_texts (by step 42 → 43)")
                        && refused.err().contains("--drop-foreign-objects"), refused.printed());
                assertEquals(before, Fingerprint.of(db), "refused: nothing changed");
            }
            CliRun plan = CliRun.on(db, "plan", "--to-version", "48");
            assertTrue(plan.out().contains("foreign, destroyed: table hdb_views.notes; destroyed by 42 → 43"), plan.printed());

            CliRun run = CliRun.on(db, "upgrade", "--to-version", "48", "--drop-foreign-objects");
            assertEquals(0, run.exitCode(), run.printed());
            String backup = db.queryText("SELECT backup_table FROM hdb_catalog_rollback.run_history WHERE outcome = 'committed'"
                    + " AND command = 'upgrade'");
            assertTrue(db.queryText("SELECT data->>'ddl' FROM " + backup + " WHERE source = 'object: table hdb_views.notes'")
                    .contains("CREATE TABLE hdb_views.notes (id integer DEFAULT nextval('hdb_views.notes_id_seq'::regclass) NOT NULL,"
                            + " note text NOT NULL)"), "the table's definition is backed up");
            assertEquals("[{\"id\": 1, \"note\": \"keep me\"}, {\"id\": 2, \"note\": \"and me\"}]", db.queryText(
                    "SELECT jsonb_agg(data ORDER BY data->>'id')::text FROM " + backup + " WHERE source = 'hdb_views.notes'"), "and its rows");
            assertTrue(db.queryText("SELECT data->>'ddl' FROM " + backup + " WHERE source = 'object: view public.note_texts'")
                    .startsWith("CREATE VIEW public.note_texts AS"), "the view on it too");
        }
    }

    @Test
    void aUserViewOnAColumnAStepDropsIsRefusedNamed() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            db.execute("CREATE VIEW public.ee_clients AS SELECT hasura_uuid, ee_client_id FROM hdb_catalog.hdb_version");
            Fingerprint before = Fingerprint.of(db);
            CliRun refused = CliRun.on(db, "--to-version", "47");
            assertEquals(4, refused.exitCode(), refused.printed());
            assertTrue(refused.err().contains("view public.ee_clients (by step 48 → 47)"), refused.printed());
            assertEquals(before, Fingerprint.of(db), "nothing changed");
            CliRun run = CliRun.on(db, "--to-version", "47", "--drop-foreign-objects");
            assertEquals(0, run.exitCode(), run.printed());
            assertEquals(null, db.queryText("SELECT to_regclass('public.ee_clients')"), "dropped, after its backup");
            String runId = db.queryText("SELECT run_id FROM hdb_catalog_rollback.run_history WHERE outcome = 'committed'"
                    + " AND command = 'rollback'");
            CliRun back = CliRun.on(db, "upgrade", "--to-version", "48", "--restore-from", runId);
            assertEquals(0, back.exitCode(), back.printed());
            assertTrue(back.out().contains("not restored: view public.ee_clients (a foreign object: re-create it by hand"),
                    "the restore names what it leaves to the operator\n" + back.printed());
        }
    }

    @Test
    void aForeignKeyIntoAV1TableIsRefusedNamed() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 40);
            db.execute("CREATE TABLE public.tracked (s text, t text)",
                    "ALTER TABLE public.tracked ADD CONSTRAINT tracked_fk FOREIGN KEY (s, t) REFERENCES hdb_catalog.hdb_table (table_schema, table_name)");
            CliRun refused = CliRun.on(db, "upgrade", "--to-version", "48");
            assertEquals(4, refused.exitCode(), refused.printed());
            assertTrue(refused.err().contains("constraint public.tracked tracked_fk (by step 42 → 43)"), refused.printed());
            assertEquals(0, CliRun.on(db, "--to-version", "30").exitCode(), "the way down keeps hdb_table (28 → 29 only retypes it)");
        }
    }

    @Test
    void aStableGenHasuraUuidAndAdditionalPayloadAreGenuineAndMoveBothWays() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            db.execute("ALTER FUNCTION hdb_catalog.gen_hasura_uuid() STABLE",
                    "ALTER TABLE hdb_catalog.hdb_cron_events ADD COLUMN additional_payload json",
                    "ALTER TABLE hdb_catalog.hdb_version RENAME CONSTRAINT hdb_version_pkey TO hasura_uuid_pkey");
            CliRun verify = CliRun.on(db, "verify");
            assertEquals(0, verify.exitCode(), verify.printed());
            assertTrue(verify.out().contains("2 genuine variants"), verify.printed());
            move(db, "variants", "--to-version", "40");
            move(db, "variants", "upgrade", "--to-version", "47");
        }
    }

    @Test
    void pgcryptoDefaultsAndANullableConfigurationAreGenuineAndMoveBothWays() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 40);
            db.execute("ALTER TABLE hdb_catalog.hdb_table ALTER COLUMN configuration DROP NOT NULL, ALTER COLUMN configuration DROP DEFAULT",
                    "ALTER TABLE hdb_catalog.event_log ALTER COLUMN id SET DEFAULT public.gen_random_uuid()",
                    "ALTER TABLE hdb_catalog.hdb_version ALTER COLUMN hasura_uuid SET DEFAULT public.gen_random_uuid()");
            CliRun verify = CliRun.on(db, "verify");
            assertEquals(0, verify.exitCode(), verify.printed());
            assertTrue(verify.out().contains("3 genuine variants"), verify.printed());
            move(db, "variants", "upgrade", "--to-version", "48");
            move(db, "variants", "--to-version", "40");
        }
    }

    @Test
    void aV1ServersInsertViewsAreGenuineAndGoWith33To34() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 28);
            // What a v1.0 server made for an insert permission: a view in hdb_views named by role, schema and table (or,
            // from v1.0.0, by the 56-character hex hash of that name), its trigger function and INSTEAD OF trigger.
            String hash = "0123456789abcdef0123456789abcdef0123456789abcdef01234567";
            db.execute("CREATE TABLE public.orders (id serial PRIMARY KEY, amount int)");
            for (String view : List.of("user__insert__public__orders", hash)) {
                db.execute("CREATE VIEW hdb_views.\"" + view + "\" AS SELECT * FROM public.orders",
                        "CREATE FUNCTION hdb_views.\"" + view + "\"() RETURNS trigger LANGUAGE plpgsql AS $$"
                                + " DECLARE r public.orders%ROWTYPE; BEGIN IF (NEW.amount > 0) THEN INSERT INTO public.orders VALUES (NEW.*)"
                                + " RETURNING * INTO r; RETURN r; ELSE RAISE check_violation; END IF; END $$",
                        "CREATE TRIGGER \"" + view + "\" INSTEAD OF INSERT ON hdb_views.\"" + view + "\" FOR EACH ROW"
                                + " EXECUTE PROCEDURE hdb_views.\"" + view + "\"()");
            }
            CliRun verify = CliRun.on(db, "verify");
            assertEquals(0, verify.exitCode(), verify.printed());
            assertEquals(4, verify.out().lines().filter(l -> l.contains("genuine variant: ") && l.contains("insert view")).count(),
                    "two views and two trigger functions, each a genuine variant\n" + verify.printed());
            move(db, "insert views", "--to-version", "27");
            assertEquals("2", db.queryText("SELECT count(*) FROM pg_views WHERE schemaname = 'hdb_views'"), "kept below 34");
            move(db, "insert views", "upgrade", "--to-version", "48");
            assertEquals("f", db.queryText("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'hdb_views')"),
                    "33 → 34 dropped the views, 42 → 43 the schema with their functions, as Hasura's own steps do");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static void move(TestDatabase db, String name, String... args) {
        CliRun run = CliRun.on(db, args);
        assertEquals(0, run.exitCode(), name + ": " + String.join(" ", args) + " with no override flag\n" + run.printed());
    }

    /** The "foreign, kept" lines of verify: every foreign object with its definition. */
    private static List<String> foreignKept(CliRun verify) {
        return verify.out().lines().map(String::strip).filter(l -> l.startsWith("- foreign, kept: ")).map(l -> l.substring(2)).toList();
    }

    /** Every user metadata row of the v1 tables the catalog has, per table, as sorted JSON (column order aside). */
    private static Map<String, List<String>> userMetadataRows(TestDatabase db) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> table : V1_TABLES.entrySet()) {
                try (ResultSet exists = st.executeQuery("SELECT to_regclass('hdb_catalog." + table.getKey() + "') IS NOT NULL")) {
                    exists.next();
                    if (!exists.getBoolean(1)) {
                        continue;
                    }
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT (to_jsonb(r) - 'id')::text FROM hdb_catalog." + table.getKey() + " r WHERE "
                        + table.getValue() + " ORDER BY 1")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                out.put(table.getKey(), rows);
            }
        }
        return out;
    }

    /** md5 of the rows of every hdb_catalog table that is not Hasura's (the CLI's schema_migrations and migration_settings). */
    private static Map<String, String> foreignTableRows(TestDatabase db) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : List.of("schema_migrations", "migration_settings")) {
            boolean exists = db.queryText("SELECT to_regclass('hdb_catalog." + table + "')") != null;
            out.put(table, !exists ? "absent" : db.queryText("SELECT count(*) || ':' || coalesce(md5(string_agg(to_jsonb(r)::text, '|'"
                    + " ORDER BY to_jsonb(r)::text)), '') FROM hdb_catalog." + table + " r"));
        }
        return out;
    }

    private static final String CANONICAL = """
            CREATE FUNCTION pg_temp.canonical(j jsonb, dropped text[]) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN
              RETURN CASE jsonb_typeof(j)
                WHEN 'object' THEN (SELECT coalesce(jsonb_object_agg(k, pg_temp.canonical(v, dropped)), '{}')
                                    FROM jsonb_each(j) AS e(k, v) WHERE k <> ALL (dropped))
                WHEN 'array' THEN (SELECT coalesce(jsonb_agg(x ORDER BY x::text), '[]')
                                   FROM (SELECT pg_temp.canonical(v, dropped) AS x FROM jsonb_array_elements(j) AS a(v)) s)
                ELSE j END;
            END $$""";

    /**
     * The metadata document with lists sorted (compared as multisets), the source's name and connection left out
     * (v1 has neither), and the given keys left out wherever they are.
     */
    private static String canonicalMetadata(TestDatabase db, List<String> dropped) throws SQLException {
        return canonicalMetadata(db.queryText("SELECT metadata::text FROM hdb_catalog.hdb_metadata WHERE id = 1"), dropped, db);
    }

    private static String canonicalMetadata(String document, List<String> dropped, TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(CANONICAL);
            String array = "ARRAY[" + String.join(", ", dropped.stream().map(k -> "'" + k + "'").toList()) + "]::text[]";
            try (var ps = c.prepareStatement("SELECT pg_temp.canonical(jsonb_set(d, '{sources,0}', (d #> '{sources,0}') - 'name'"
                    + " - 'configuration'), " + array + ")::text FROM (SELECT ?::jsonb AS d) x")) {
                ps.setString(1, document);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
    }

    private static Map<String, String> v1Tables() {
        Map<String, String> t = new LinkedHashMap<>();
        String user = "NOT coalesce((to_jsonb(r) ->> 'is_system_defined')::boolean, false)";
        for (String table : List.of("hdb_table", "hdb_relationship", "hdb_permission", "event_triggers", "hdb_function",
                "remote_schemas", "hdb_query_collection", "hdb_allowlist", "hdb_computed_field", "hdb_remote_relationship",
                "hdb_action", "hdb_action_permission", "hdb_custom_types")) {
            t.put(table, user);
        }
        t.put("hdb_cron_triggers", "include_in_metadata");
        return t;
    }
}
