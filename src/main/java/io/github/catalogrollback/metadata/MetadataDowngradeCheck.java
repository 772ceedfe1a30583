package io.github.catalogrollback.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the metadata document of a v2 catalog ({@code hdb_catalog.hdb_metadata}, row id 1) means for the step
 * 43 → 42 (v2 → v1): the reasons it cannot be taken at all, what v1 holds in another form and what it cannot hold
 * (item by item, from {@link MetadataAccount}), the rows the step deletes, and the Hasura CLI migrations it adds to
 * {@code schema_migrations}. Reads on the given connection and changes nothing.
 */
public final class MetadataDowngradeCheck {

    /** One kind of content v1 cannot hold and how many items of it the document has, e.g. "2 × inherited_roles". */
    public record Loss(String what, long count) {
        @Override
        public String toString() {
            return count + " × " + what;
        }
    }

    /**
     * @param blockers             why the step refuses whatever the flags, naming what is involved: a document that is
     *                             not v2 metadata, more than one source, a source that is not Postgres, role-based
     *                             allow-list entries (empty: the step can run)
     * @param converted            what v1 holds in another form (nothing of it is lost), with its path
     * @param lost                 what v1 cannot hold, with its path: the step refuses it without --accept-metadata-loss
     * @param orphanCronEvents     cron events whose cron trigger is not in the metadata: the step deletes them (and,
     *                             by cascade, their invocation logs) before it adds the foreign key to hdb_cron_triggers
     * @param orphanCronTriggers   the trigger names of those events, sorted
     * @param orphanInvocationLogs event invocation logs whose event no longer exists: the step deletes them before it
     *                             adds the foreign key to event_log
     * @param cliMigrations        versions the Hasura CLI recorded in hdb_version.cli_state for database "default" that
     *                             hdb_catalog.schema_migrations lacks: the step adds them there (0 when that table does
     *                             not exist), so that a v1 CLI does not apply them again
     */
    public record Result(List<String> blockers, List<MetadataAccount.Item> converted, List<MetadataAccount.Item> lost,
                         long orphanCronEvents, List<String> orphanCronTriggers, long orphanInvocationLogs, long cliMigrations) {

        public Result {
            blockers = List.copyOf(blockers);
            converted = List.copyOf(converted);
            lost = List.copyOf(lost);
            orphanCronTriggers = List.copyOf(orphanCronTriggers);
        }

        /** The cron events (row alias {@code alias}) that step 43 → 42 deletes: their trigger is not in the metadata. */
        public String orphanCronEvent(String alias) {
            if (orphanCronTriggers.isEmpty()) {
                return "false";
            }
            return alias + ".trigger_name IN (" + orphanCronTriggers.stream().map(MetadataDowngradeCheck::literal)
                    .collect(Collectors.joining(", ")) + ")";
        }

        public boolean blocked() {
            return !blockers.isEmpty();
        }

        /** True when the step would drop metadata or delete rows. */
        public boolean losesData() {
            return !lost.isEmpty() || orphanCronEvents > 0 || orphanInvocationLogs > 0;
        }

        /** The lost items counted by rule, in document order. */
        public List<Loss> cannotKeep() {
            return MetadataAccount.Result.countByRule(lost).entrySet().stream()
                    .map(e -> new Loss(e.getKey(), e.getValue())).toList();
        }

        /** The lost items as one line, e.g. "2 × inherited_roles, 3 × rest_endpoints"; empty when there are none. */
        public String cannotKeepSummary() {
            return cannotKeep().stream().map(Loss::toString).collect(Collectors.joining(", "));
        }

        /** The converted items counted by rule, in document order. */
        public Map<String, Integer> convertedByRule() {
            return MetadataAccount.Result.countByRule(converted);
        }
    }

    /**
     * The CLI's versions of database "default" in hdb_version.cli_state, as (version text, dirty) rows: what
     * {@code step-43-to-42-6-cli-migrations.sql} adds to schema_migrations where that table lacks them.
     */
    static final String CLI_VERSIONS = "SELECT m.key AS version, jsonb_typeof(m.value) = 'boolean' AND m.value = 'true'::jsonb AS dirty"
            + " FROM hdb_catalog.hdb_version AS v, jsonb_each(CASE WHEN jsonb_typeof(v.cli_state::jsonb -> 'migrations' -> 'default')"
            + " = 'object' THEN v.cli_state::jsonb -> 'migrations' -> 'default' ELSE '{}'::jsonb END) AS m"
            + " WHERE m.key ~ '^[0-9]{1,18}$'";

    private MetadataDowngradeCheck() {
    }

    /** The event invocation logs (row alias {@code alias}) whose event no longer exists: step 43 → 42 deletes them. */
    public static String orphanInvocationLog(String alias) {
        return alias + ".event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hdb_catalog.event_log AS ev WHERE ev.id = " + alias + ".event_id)";
    }

    /** Checks the metadata of the catalog on {@code connection} (which must be at catalog 43 or above). */
    public static Result check(Connection connection) throws SQLException {
        return check(connection, MetadataDocument.read(connection));
    }

    /** Checks {@code document}, read from the catalog on {@code connection} (at catalog 43 or above) in this transaction. */
    public static Result check(Connection connection, MetadataDocument document) throws SQLException {
        if (!document.table()) {
            return new Result(List.of("there is no table hdb_catalog.hdb_metadata"), List.of(), List.of(), 0, List.of(), 0, 0);
        }
        if (!document.row()) {
            return new Result(List.of("hdb_catalog.hdb_metadata has no metadata row (id 1)"), List.of(), List.of(), 0, List.of(), 0, 0);
        }
        MetadataAccount.Result account = document.account();
        long orphanEvents = 0;
        List<String> orphanTriggers = new ArrayList<>();
        if (exists(connection, "SELECT 1 WHERE to_regclass('hdb_catalog.hdb_cron_events') IS NOT NULL")) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT trigger_name, count(*) FROM hdb_catalog.hdb_cron_events"
                    + " GROUP BY trigger_name ORDER BY trigger_name COLLATE \"C\""); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!account.cronTriggers().contains(rs.getString(1))) {
                        orphanTriggers.add(rs.getString(1));
                        orphanEvents += rs.getLong(2);
                    }
                }
            }
        }
        return new Result(account.blockers(), account.converted(), account.lost(), orphanEvents, orphanTriggers,
                orphanInvocationLogs(connection), cliMigrations(connection));
    }

    /** A SQL string literal, whatever standard_conforming_strings says. */
    private static String literal(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static long orphanInvocationLogs(Connection c) throws SQLException {
        if (!exists(c, "SELECT 1 WHERE to_regclass('hdb_catalog.event_invocation_logs') IS NOT NULL"
                + " AND to_regclass('hdb_catalog.event_log') IS NOT NULL")) {
            return 0;
        }
        return count(c, "SELECT count(*) FROM hdb_catalog.event_invocation_logs AS il WHERE " + orphanInvocationLog("il"));
    }

    private static long cliMigrations(Connection c) throws SQLException {
        if (!exists(c, "SELECT 1 WHERE to_regclass('hdb_catalog.schema_migrations') IS NOT NULL")) {
            return 0;
        }
        return count(c, "SELECT count(*) FROM (" + CLI_VERSIONS + ") AS cli"
                + " WHERE NOT EXISTS (SELECT 1 FROM hdb_catalog.schema_migrations AS s WHERE s.version = cli.version::bigint)");
    }

    // --- JDBC -----------------------------------------------------------------------------------------------------

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
