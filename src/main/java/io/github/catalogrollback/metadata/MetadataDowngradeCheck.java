package io.github.catalogrollback.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the metadata document of a v2 catalog ({@code hdb_catalog.hdb_metadata}, row id 1) means for the step
 * 43 → 42 (v2 → v1): the reasons it cannot be taken at all, the v2-only content a v1 catalog cannot keep, and
 * the rows the step deletes. Reads with SQL (jsonb functions) on the given connection and changes nothing.
 */
public final class MetadataDowngradeCheck {

    /** One kind of v2-only content and how much of it the metadata holds, e.g. "2 inherited roles". */
    public record Loss(String what, long count) {
        @Override
        public String toString() {
            return count + " " + what;
        }
    }

    /**
     * @param blockers             why the step refuses, naming what is involved: more than one source, a source that
     *                             is not Postgres, role-based allow-list entries (empty: the step can run)
     * @param cannotKeep           v2-only content the step drops, only the kinds present, in a fixed order
     * @param orphanCronEvents     cron events whose cron trigger is not in the metadata: the step deletes them (and,
     *                             by cascade, their invocation logs) before it adds the foreign key to hdb_cron_triggers
     * @param orphanInvocationLogs event invocation logs whose event no longer exists: the step deletes them before it
     *                             adds the foreign key to event_log
     */
    public record Result(List<String> blockers, List<Loss> cannotKeep, long orphanCronEvents, long orphanInvocationLogs) {

        public Result {
            blockers = List.copyOf(blockers);
            cannotKeep = List.copyOf(cannotKeep);
        }

        public boolean blocked() {
            return !blockers.isEmpty();
        }

        /** True when the step would drop metadata or delete rows. */
        public boolean losesData() {
            return !cannotKeep.isEmpty() || orphanCronEvents > 0 || orphanInvocationLogs > 0;
        }

        /** The v2-only content as one line, e.g. "2 inherited roles, 3 REST endpoints"; empty when there is none. */
        public String cannotKeepSummary() {
            return cannotKeep.stream().map(Loss::toString).collect(Collectors.joining(", "));
        }
    }

    /** A kind of v2-only content: its name for one and for several, and a SQL expression counting it. */
    private record Probe(String one, String many, String count) {
    }

    private static final String TOP_LEVEL_KEYS = "'version', 'sources', 'remote_schemas', 'query_collections', 'allowlist',"
            + " 'actions', 'custom_types', 'cron_triggers', 'inherited_roles', 'rest_endpoints', 'api_limits', 'metrics_config',"
            + " 'opentelemetry', 'network', 'backend_configs', 'graphql_schema_introspection'";
    private static final String SOURCE_KEYS = "'name', 'kind', 'tables', 'functions', 'configuration', 'customization',"
            + " 'query_tags', 'health_check', 'logical_models', 'native_queries', 'stored_procedures'";

    /** Every part of the v2 metadata format that has no place in a v1 catalog. */
    private static final List<Probe> PROBES = List.of(
            new Probe("inherited role", "inherited roles", length("d -> 'inherited_roles'")),
            new Probe("REST endpoint", "REST endpoints", length("d -> 'rest_endpoints'")),
            new Probe("API limit", "API limits",
                    "(SELECT count(*) FROM jsonb_object_keys(" + object("d -> 'api_limits'") + ") AS k WHERE k <> 'disabled')"),
            new Probe("metrics config setting", "metrics config settings", keys("d -> 'metrics_config'")),
            new Probe("OpenTelemetry setting", "OpenTelemetry settings", keys("d -> 'opentelemetry'")),
            new Probe("network setting", "network settings", keys("d -> 'network'")),
            new Probe("backend config", "backend configs", keys("d -> 'backend_configs'")),
            new Probe("role with introspection disabled", "roles with introspection disabled",
                    length("d -> 'graphql_schema_introspection' -> 'disabled_for_roles'")),
            new Probe("remote schema permission", "remote schema permissions",
                    "(SELECT coalesce(sum(" + length("r -> 'permissions'") + "), 0) FROM remote_schema)"),
            new Probe("remote schema relationship", "remote schema relationships",
                    "(SELECT coalesce(sum(" + length("r -> 'remote_relationships'") + "), 0) FROM remote_schema)"),
            new Probe("remote schema customization", "remote schema customizations",
                    "(SELECT count(*) FROM remote_schema WHERE " + keys("r -> 'definition' -> 'customization'") + " > 0)"),
            new Probe("other top-level metadata key", "other top-level metadata keys",
                    "(SELECT count(*) FROM jsonb_object_keys(" + object("d") + ") AS k WHERE k NOT IN (" + TOP_LEVEL_KEYS + "))"),
            new Probe("source customization", "source customizations",
                    "(SELECT count(*) FROM source WHERE " + keys("s -> 'customization'") + " > 0)"),
            new Probe("query tags setting", "query tags settings",
                    "(SELECT count(*) FROM source WHERE " + keys("s -> 'query_tags'") + " > 0)"),
            new Probe("source health check", "source health checks",
                    "(SELECT count(*) FROM source WHERE " + keys("s -> 'health_check'") + " > 0)"),
            new Probe("logical model", "logical models", "(SELECT coalesce(sum(" + length("s -> 'logical_models'") + "), 0) FROM source)"),
            new Probe("native query", "native queries", "(SELECT coalesce(sum(" + length("s -> 'native_queries'") + "), 0) FROM source)"),
            new Probe("stored procedure", "stored procedures",
                    "(SELECT coalesce(sum(" + length("s -> 'stored_procedures'") + "), 0) FROM source)"),
            new Probe("other source metadata key", "other source metadata keys",
                    "(SELECT count(*) FROM source, jsonb_object_keys(" + object("s") + ") AS k WHERE k NOT IN (" + SOURCE_KEYS + "))"),
            new Probe("function permission", "function permissions",
                    "(SELECT coalesce(sum(" + length("f -> 'permissions'") + "), 0) FROM tracked_function)"),
            new Probe("remote relationship to a database", "remote relationships to a database",
                    "(SELECT count(*) FROM tracked_table, " + elements("t -> 'remote_relationships'") + " AS rr (e)"
                            + " WHERE e -> 'definition' -> 'to_source' IS NOT NULL)"),
            new Probe("Apollo Federation setting", "Apollo Federation settings",
                    "(SELECT count(*) FROM tracked_table WHERE t -> 'apollo_federation_config' IS NOT NULL)"));

    private static final String DOCUMENT = """
            WITH doc AS (SELECT m.metadata::jsonb AS d FROM hdb_catalog.hdb_metadata AS m WHERE m.id = 1),
                 source AS (SELECT s, n FROM doc, %s WITH ORDINALITY AS e (s, n)),
                 tracked_table AS (SELECT t FROM source, %s AS e (t)),
                 tracked_function AS (SELECT f FROM source, %s AS e (f)),
                 remote_schema AS (SELECT r FROM doc, %s AS e (r))
            """.formatted(elements("d -> 'sources'"), elements("s -> 'tables'"), elements("s -> 'functions'"),
            elements("d -> 'remote_schemas'"));

    private MetadataDowngradeCheck() {
    }

    /**
     * The cron events (row alias {@code alias}) whose cron trigger is not in the metadata document: step 43 → 42
     * deletes them (and, by cascade, their invocation logs) so that the foreign key to hdb_cron_triggers holds.
     */
    public static String orphanCronEvent(String alias) {
        return "NOT EXISTS (SELECT 1 FROM hdb_catalog.hdb_metadata AS m, " + elements("m.metadata::jsonb -> 'cron_triggers'")
                + " AS listed (ct) WHERE m.id = 1 AND ct ->> 'name' = " + alias + ".trigger_name)";
    }

    /** The event invocation logs (row alias {@code alias}) whose event no longer exists: step 43 → 42 deletes them. */
    public static String orphanInvocationLog(String alias) {
        return alias + ".event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hdb_catalog.event_log AS ev WHERE ev.id = " + alias + ".event_id)";
    }

    /** Checks the metadata of the catalog on {@code connection} (which must be at catalog 43 or above). */
    public static Result check(Connection connection) throws SQLException {
        if (!exists(connection, "SELECT 1 WHERE to_regclass('hdb_catalog.hdb_metadata') IS NOT NULL")) {
            return new Result(List.of("there is no table hdb_catalog.hdb_metadata"), List.of(), 0, 0);
        }
        if (!exists(connection, "SELECT 1 FROM hdb_catalog.hdb_metadata WHERE id = 1")) {
            return new Result(List.of("hdb_catalog.hdb_metadata has no metadata row (id 1)"), List.of(), 0, 0);
        }
        return new Result(blockers(connection), cannotKeep(connection), orphanCronEvents(connection), orphanInvocationLogs(connection));
    }

    private static List<String> blockers(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        String sources = text(c, DOCUMENT + "SELECT CASE WHEN count(*) > 1 THEN count(*) || ' sources ('"
                + " || string_agg(coalesce(s ->> 'name', '?'), ', ' ORDER BY n) || ')' END FROM source");
        if (sources != null) {
            out.add("the metadata has " + sources + "; a v1 catalog holds exactly one Postgres database");
        }
        String foreign = text(c, DOCUMENT + "SELECT string_agg(coalesce(s ->> 'name', '?') || ' (kind ' || coalesce(s ->> 'kind', 'none') || ')', ', ' ORDER BY n)"
                + " FROM source WHERE coalesce(s ->> 'kind', '') <> 'postgres'");
        if (foreign != null) {
            out.add("source " + foreign + " is not a Postgres source; v1 only serves Postgres");
        }
        String roleBased = text(c, DOCUMENT + "SELECT string_agg(coalesce(a ->> 'collection', '?'), ', ')"
                + " FROM doc, " + elements("d -> 'allowlist'") + " AS e (a)"
                + " WHERE jsonb_typeof(a -> 'scope') = 'object' AND coalesce(a -> 'scope' ->> 'global', 'true') <> 'true'");
        if (roleBased != null) {
            out.add("the allow-list entries for " + roleBased + " are role-based; the v1 allow-list is global only");
        }
        return out;
    }

    private static List<Loss> cannotKeep(Connection c) throws SQLException {
        String sql = DOCUMENT + "SELECT " + PROBES.stream().map(Probe::count).collect(Collectors.joining(",\n       ")) + " FROM doc";
        List<Loss> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                for (int i = 0; i < PROBES.size(); i++) {
                    long n = rs.getLong(i + 1);
                    if (n > 0) {
                        Probe p = PROBES.get(i);
                        out.add(new Loss(n == 1 ? p.one() : p.many(), n));
                    }
                }
            }
        }
        return out;
    }

    private static long orphanCronEvents(Connection c) throws SQLException {
        if (!exists(c, "SELECT 1 WHERE to_regclass('hdb_catalog.hdb_cron_events') IS NOT NULL")) {
            return 0;
        }
        return count(c, DOCUMENT + "SELECT count(*) FROM hdb_catalog.hdb_cron_events AS ev WHERE NOT EXISTS ("
                + "SELECT 1 FROM doc, " + elements("d -> 'cron_triggers'") + " AS e (ct) WHERE ct ->> 'name' = ev.trigger_name)");
    }

    private static long orphanInvocationLogs(Connection c) throws SQLException {
        if (!exists(c, "SELECT 1 WHERE to_regclass('hdb_catalog.event_invocation_logs') IS NOT NULL"
                + " AND to_regclass('hdb_catalog.event_log') IS NOT NULL")) {
            return 0;
        }
        return count(c, "SELECT count(*) FROM hdb_catalog.event_invocation_logs AS il WHERE il.event_id IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM hdb_catalog.event_log AS ev WHERE ev.id = il.event_id)");
    }

    // --- SQL building blocks: JSON that is not of the expected type counts as empty ------------------------------

    private static String elements(String json) {
        return "jsonb_array_elements(CASE jsonb_typeof(" + json + ") WHEN 'array' THEN " + json + " ELSE '[]'::jsonb END)";
    }

    private static String object(String json) {
        return "CASE jsonb_typeof(" + json + ") WHEN 'object' THEN " + json + " ELSE '{}'::jsonb END";
    }

    private static String length(String json) {
        return "CASE jsonb_typeof(" + json + ") WHEN 'array' THEN jsonb_array_length(" + json + ") ELSE 0 END";
    }

    private static String keys(String json) {
        return "(SELECT count(*) FROM jsonb_object_keys(" + object(json) + "))";
    }

    // --- JDBC -----------------------------------------------------------------------------------------------------

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
