package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceShape;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Reads what a database holds of a Hasura source catalog: its version row, the facts of its shape, its event triggers. */
final class SourceCatalogReader {

    /**
     * A database's source catalog as read. {@code versionText} is the version row (several rows joined by commas),
     * empty when there is no version table; {@code liveEventTriggers} counts the notify_hasura_* functions by trigger.
     */
    record State(Optional<String> versionText, SourceShape shape, long liveEventTriggers) {

        /** A versioned source catalog (hdb_source_catalog_version exists). */
        boolean versioned() {
            return shape.versionTable();
        }

        /** Event objects without a version table: a v1 catalog's, or one a v2 server has not versioned yet ("0"). */
        boolean unversioned() {
            return !shape.versionTable() && shape.eventLog();
        }

        /** "3", "4 (4b: …)", "none", or "unversioned event_log objects". */
        String describe() {
            if (unversioned()) {
                return "unversioned event_log objects (a v2 server versions them at start-up)";
            }
            if (!versioned()) {
                return "none";
            }
            String variant = shape.variant();
            return versionText.orElse("") + (variant.isEmpty() ? "" : " (" + SourceShape.describeVariant(variant) + ")");
        }
    }

    private SourceCatalogReader() {
    }

    static State read(Connection c) throws SQLException {
        SourceShape shape;
        long triggers;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT to_regclass('hdb_catalog.event_log') IS NOT NULL,
                       to_regclass('hdb_catalog.hdb_source_catalog_version') IS NOT NULL,
                       coalesce((SELECT array_agg(i.relname::text) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                                 WHERE x.indrelid = to_regclass('hdb_catalog.event_log')), '{}'),
                       coalesce((SELECT array_agg(o.conname::text ORDER BY o.conname) FROM pg_constraint o
                                 WHERE o.contype = 'f' AND o.conrelid = to_regclass('hdb_catalog.event_invocation_logs')
                                   AND o.confrelid = to_regclass('hdb_catalog.event_log')), '{}'),
                       to_regclass('hdb_catalog.hdb_event_log_cleanups') IS NOT NULL,
                       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = to_regclass('hdb_catalog.event_invocation_logs')
                                 AND a.attname = 'trigger_name' AND NOT a.attisdropped),
                       EXISTS (SELECT 1 FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                                WHERE d.adrelid IN (to_regclass('hdb_catalog.event_log'), to_regclass('hdb_catalog.event_invocation_logs'))
                                  AND a.attname = 'created_at' AND pg_get_expr(d.adbin, d.adrelid) ILIKE '%time zone%'),
                       EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                                WHERE n.nspname = 'hdb_catalog' AND p.proname = 'insert_event_log' AND p.prosrc ILIKE '%nullif%'),
                       (SELECT count(DISTINCT regexp_replace(p.proname, '_(INSERT|UPDATE|DELETE)$', ''))
                          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname = 'hdb_catalog' AND p.proname LIKE 'notify\\_hasura\\_%')""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            shape = new SourceShape(rs.getBoolean(1), rs.getBoolean(2), new HashSet<>(strings(rs.getArray(3))), strings(rs.getArray(4)),
                    rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8));
            triggers = rs.getLong(9);
        }
        Optional<String> version = Optional.empty();
        if (shape.versionTable()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT string_agg(version, ',') FROM hdb_catalog.hdb_source_catalog_version");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = Optional.of(rs.getString(1) == null ? "" : rs.getString(1));
            }
        }
        return new State(version, shape, triggers);
    }

    /**
     * The version of a versioned source catalog, checked against the source changelog.
     *
     * @throws RunFailure REFUSED naming the source when the row is not one version this build knows
     */
    static SourceCatalogVersion version(State state, SourceChangelog chain, String source) {
        String text = state.versionText().orElse("");
        SourceCatalogVersion v;
        try {
            v = SourceCatalogVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceNotAVersion(source, printable(text)));
        }
        if (v.isAbove(chain.highest())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceNewerThanKnown(source, v, chain.range()));
        }
        if (v.isBelow(chain.lowest())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceNotAVersion(source, printable(text)));
        }
        return v;
    }

    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
