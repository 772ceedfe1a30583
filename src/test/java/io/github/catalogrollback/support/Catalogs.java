package io.github.catalogrollback.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.safety.CatalogShape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Arranges catalogs with the product itself, the way an operator would. */
public final class Catalogs {

    private static final Map<Integer, CatalogShape> FRESH = new ConcurrentHashMap<>();

    private Catalogs() {
    }

    /** `catalog-rollback init --to-version N` on the database; fails the test if it does not succeed. */
    public static void init(TestDatabase db, int version) {
        CliRun run = CliRun.on(db, "init", "--to-version", Integer.toString(version));
        assertEquals(0, run.exitCode(), "init --to-version " + version + " succeeds\n" + run.printed());
    }

    /** The exact shape of a catalog built fresh at N (built once per test run). */
    public static CatalogShape freshShape(int version) {
        return FRESH.computeIfAbsent(version, v -> {
            try (TestDatabase db = TestDatabase.fresh()) {
                init(db, v);
                return Fingerprint.shape(db);
            }
        });
    }

    /**
     * A failure no pre-check can foresee: a DBA's DDL event trigger that forbids dropping one object (a table, or a
     * column as {@code schema.table.column}); the step that drops it fails inside the run. {@link #allowDropping}
     * removes the rule.
     */
    public static void forbidDropping(TestDatabase db, String objectIdentity) {
        db.execute("CREATE FUNCTION public.forbid_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN IF EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects() WHERE object_identity = '"
                        + objectIdentity + "') THEN RAISE EXCEPTION 'a DBA rule forbids dropping " + objectIdentity + "'; END IF; END $$",
                "CREATE EVENT TRIGGER forbid_drop ON sql_drop EXECUTE FUNCTION public.forbid_drop()");
    }

    public static void allowDropping(TestDatabase db) {
        db.execute("DROP EVENT TRIGGER forbid_drop", "DROP FUNCTION public.forbid_drop()");
    }

    public static String version(TestDatabase db) {
        return db.queryText("SELECT version FROM hdb_catalog.hdb_version");
    }

    /** Rows a running Hasura v2 would have written into a catalog at 45 or later. */
    public static void addHasuraRows(TestDatabase db) {
        db.execute(
                "UPDATE hdb_catalog.hdb_metadata SET metadata = '{\"version\":3,\"sources\":[{\"name\":\"default\",\"kind\":\"postgres\","
                        + "\"tables\":[{\"table\":{\"schema\":\"public\",\"name\":\"orders\"}}],\"configuration\":{\"connection_info\":"
                        + "{\"database_url\":{\"from_env\":\"HASURA_GRAPHQL_DATABASE_URL\"}}}}]}' WHERE id = 1",
                "INSERT INTO hdb_catalog.hdb_schema_notifications (id, notification, instance_id, updated_at)"
                        + " VALUES (1, '{\"metadata\":false}', '6f1b5c1e-4a55-4b8e-9a51-0c6f0c1d2e3f', '2026-01-01 00:00+00')",
                "INSERT INTO hdb_catalog.hdb_cron_events (id, trigger_name, scheduled_time, status, created_at)"
                        + " VALUES ('c1', 'nightly', '2026-01-01 00:00+00', 'delivered', '2025-12-31 00:00+00'),"
                        + " ('c2', 'nightly', '2026-01-02 00:00+00', 'scheduled', '2025-12-31 00:00+00')",
                "INSERT INTO hdb_catalog.hdb_cron_event_invocation_logs (id, event_id, status, request, response, created_at)"
                        + " VALUES ('ci1', 'c1', 200, '{\"payload\":{}}', '{\"body\":\"ok\"}', '2026-01-01 00:00:01+00')",
                "INSERT INTO hdb_catalog.hdb_scheduled_events (id, webhook_conf, scheduled_time, payload, status, comment, created_at)"
                        + " VALUES ('s1', '\"https://example.test/hook\"', '2026-03-01 12:00+00', '{\"a\":1}', 'scheduled', 'one-off',"
                        + " '2026-02-01 00:00+00')",
                "INSERT INTO hdb_catalog.hdb_scheduled_event_invocation_logs (id, event_id, status, request, response, created_at)"
                        + " VALUES ('si1', 's1', 500, '{}', '{\"error\":\"timeout\"}', '2026-03-01 12:00:05+00')",
                "INSERT INTO hdb_catalog.hdb_action_log (id, action_name, input_payload, request_headers, session_variables, status, created_at)"
                        + " VALUES ('0b7f2b52-2c7a-4c36-8f43-0c3c7d1e9a10', 'checkout', '{\"cart\":7}', '{}', '{\"x-hasura-role\":\"user\"}',"
                        + " 'completed', '2026-01-05 10:00+00')",
                "UPDATE hdb_catalog.hdb_version SET cli_state = '{\"migrations\":1}', console_state = '{\"telemetry\":false}'");
    }
}
