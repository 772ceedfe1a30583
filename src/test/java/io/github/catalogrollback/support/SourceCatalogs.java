package io.github.catalogrollback.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.safety.CatalogShape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Arranges source catalogs the way Hasura servers leave them, with the product itself wherever it can: a v1-born
 * metadata database that is also the default source, a source-only database at a given source catalog version, event
 * triggers with events, and the metadata entries that name other source databases.
 */
public final class SourceCatalogs {

    /** The release whose source catalog version a source-only database is brought to by the tool. */
    private static final Map<Integer, String> RELEASE_OF = Map.of(1, "v2.0.0-alpha.10", 2, "v2.11.3", 3, "v2.36.0", 4, "v2.46.0");

    private SourceCatalogs() {
    }

    /**
     * A v1-born metadata database at 48 that is also its default source, at source catalog 3: the v1 metadata of
     * V1V2MoveTest's fixture (two event triggers, events, invocation logs) brought up by `upgrade --to-version 48`, then
     * what a v2.13+ server writes: a clean-up schedule, trigger_name on the logs, and a log whose event a clean-up
     * deleted (an orphan, which the foreign key of source catalog 2 cannot hold).
     */
    public static void v1BornAt48(TestDatabase db) {
        Catalogs.init(db, 42);
        db.execute(resource("fixtures/v1-metadata-at-42.sql"));
        CliRun up = CliRun.on(db, "upgrade", "--to-version", "48");
        assertEquals(0, up.exitCode(), "upgrade 42 → 48\n" + up.printed());
        assertEquals("3", version(db), "step 42 → 43 and the source steps leave source catalog 3 at 48");
        addVersion3Rows(db);
    }

    /** Rows only source catalog 3 can hold: clean-ups, trigger_name on every log, and one orphan log. */
    public static void addVersion3Rows(TestDatabase db) {
        db.execute("INSERT INTO hdb_catalog.hdb_event_log_cleanups (id, trigger_name, scheduled_at, status, deleted_event_logs)"
                        + " VALUES ('c1', 'order_created', '2026-01-01 03:00', 'completed', 4), ('c2', 'order_created', '2026-01-02 03:00', 'scheduled', NULL)",
                "UPDATE hdb_catalog.event_invocation_logs AS l SET trigger_name = e.trigger_name FROM hdb_catalog.event_log AS e WHERE e.id = l.event_id",
                "INSERT INTO hdb_catalog.event_invocation_logs (id, trigger_name, event_id, status, request, response)"
                        + " VALUES ('orphan-1', 'order_created', 'deleted-by-cleanup', 200, '{}', '{}')");
    }

    /**
     * A database that holds only a source catalog, at {@code version}: what a v1.4.0-alpha.1 server creates (the test
     * fixture), then brought to {@code version} by the tool itself (`upgrade --to-release` of a release that ships it),
     * with one event trigger on public.orders and two events.
     */
    public static void sourceOnly(TestDatabase db, int version) {
        db.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto", "CREATE SCHEMA hdb_catalog", resource("changelogs/sql/gen_hasura_uuid.sql"),
                resource("fixtures/source-catalog-v1.sql"), resource("changelogs/sql/insert_event_log@37.sql"));
        addEventTrigger(db, "order_created");
        if (version > 1) {
            CliRun up = CliRun.on(db, "upgrade", "--to-release", RELEASE_OF.get(version));
            assertEquals(0, up.exitCode(), "upgrade of the source catalog to " + version + "\n" + up.printed());
        }
        assertEquals(Integer.toString(version), version(db), "source catalog version");
    }

    /** An event trigger as graphql-engine makes one (a notify_hasura_* function in hdb_catalog), and two events from it. */
    public static void addEventTrigger(TestDatabase db, String trigger) {
        db.execute("CREATE TABLE IF NOT EXISTS public.orders (id serial PRIMARY KEY, total numeric)",
                "CREATE FUNCTION hdb_catalog.\"notify_hasura_" + trigger + "_INSERT\"() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN PERFORM hdb_catalog.insert_event_log(CAST(TG_TABLE_SCHEMA AS text), CAST(TG_TABLE_NAME AS text),"
                        + " CAST('" + trigger + "' AS text), CAST(TG_OP AS text), json_build_object('old', NULL, 'new', row_to_json(NEW)));"
                        + " RETURN NULL; END $$",
                "CREATE TRIGGER \"notify_hasura_" + trigger + "_INSERT\" AFTER INSERT ON public.orders FOR EACH ROW EXECUTE PROCEDURE"
                        + " hdb_catalog.\"notify_hasura_" + trigger + "_INSERT\"()",
                "INSERT INTO public.orders (total) VALUES (10), (20)");
    }

    /**
     * Adds a Postgres source to the metadata of {@code metadata}, its URL from environment variable {@code env}, with
     * one tracked table and {@code eventTriggers} event triggers on it.
     */
    public static void listSource(TestDatabase metadata, String name, String env, int eventTriggers) {
        StringBuilder triggers = new StringBuilder();
        for (int i = 0; i < eventTriggers; i++) {
            triggers.append(i == 0 ? "" : ",").append("{\"name\":\"").append(name).append("_trigger_").append(i)
                    .append("\",\"definition\":{\"insert\":{\"columns\":\"*\"}},\"webhook\":\"https://example.test/hook\"}");
        }
        String source = "{\"name\":\"" + name + "\",\"kind\":\"postgres\",\"tables\":[{\"table\":{\"schema\":\"public\",\"name\":\"orders\"},"
                + "\"event_triggers\":[" + triggers + "]}],\"configuration\":{\"connection_info\":{\"database_url\":{\"from_env\":\"" + env
                + "\"}}}}";
        metadata.execute("UPDATE hdb_catalog.hdb_metadata SET metadata = jsonb_set(metadata::jsonb, '{sources}',"
                + " coalesce(metadata::jsonb -> 'sources', '[]') || '[" + source + "]'::jsonb)::json WHERE id = 1");
    }

    /** A unique environment variable name, so that tests never depend on the machine's environment. */
    public static String envName(String what) {
        return "HASURA_TEST_" + what.toUpperCase(java.util.Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    public static String version(TestDatabase db) {
        return db.queryText("SELECT string_agg(version, ',') FROM hdb_catalog.hdb_source_catalog_version");
    }

    /** Every event and invocation log, as sorted text (ids, trigger, payload, state), to prove that rows survive. */
    public static String eventRows(TestDatabase db) {
        return db.queryText("SELECT coalesce(string_agg(r, E'\\n' ORDER BY r), '') FROM ("
                + " SELECT 'event ' || id || ' ' || trigger_name || ' ' || payload::text || ' ' || delivered || ' ' || tries || ' '"
                + " || (locked IS NOT NULL) || ' ' || archived AS r FROM hdb_catalog.event_log"
                + " UNION ALL SELECT 'log ' || id || ' ' || coalesce(event_id, '-') || ' ' || coalesce(status, 0) FROM hdb_catalog.event_invocation_logs) x");
    }

    /** The ids of every event, then of every invocation log, sorted: what survives whatever the column types. */
    public static String eventIds(TestDatabase db) {
        return db.queryText("SELECT (SELECT string_agg(id, ',' ORDER BY id) FROM hdb_catalog.event_log) || ' | '"
                + " || (SELECT string_agg(id, ',' ORDER BY id) FROM hdb_catalog.event_invocation_logs)");
    }

    /** The names of event_log's indexes, sorted. */
    public static List<String> eventLogIndexes(TestDatabase db) {
        String names = db.queryText("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                + " WHERE schemaname = 'hdb_catalog' AND tablename = 'event_log'");
        return List.of(names.split(","));
    }

    /** The foreign keys of event_invocation_logs, as "name: definition". */
    public static String invocationForeignKeys(TestDatabase db) {
        return db.queryText("SELECT coalesce(string_agg(conname || ': ' || pg_get_constraintdef(oid), '; '), '') FROM pg_constraint"
                + " WHERE conrelid = 'hdb_catalog.event_invocation_logs'::regclass AND contype = 'f'");
    }

    public static CatalogShape shape(TestDatabase db) {
        return Fingerprint.shape(db);
    }

    /** A text resource of the test classpath (the changelogs are on it too). */
    public static String resource(String name) {
        try (InputStream in = SourceCatalogs.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
