package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what the database says about its Hasura catalog: the truth is {@code hdb_catalog.hdb_version}. */
final class CatalogReader {

    private CatalogReader() {
    }

    static boolean schemaExists(Connection c, String schema) throws SQLException {
        return queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", schema);
    }

    static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        return queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                + " WHERE n.nspname = ? AND k.relname = ? AND k.relkind IN ('r', 'p'))", schema, table);
    }

    /** Tables, views and functions in a schema: used to tell an empty schema from a foreign one. */
    static int objectCount(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                + " WHERE n.nspname = ?) + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?)")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The catalog version, checked against what this build knows.
     *
     * @throws RunFailure REFUSED when there is no catalog, the version is garbage, or it is outside the known range
     */
    static CatalogVersion readVersion(Connection c, DatabaseAddress address, ChangelogIndex index) throws SQLException {
        if (!schemaExists(c, "hdb_catalog")) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.noCatalog(address));
        }
        if (!tableExists(c, "hdb_catalog", "hdb_version")) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.noVersionTable(address));
        }
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM hdb_catalog.hdb_version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        if (rows.size() != 1) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.versionRows(rows.size()));
        }
        CatalogVersion version;
        try {
            version = CatalogVersion.parse(rows.get(0));
        } catch (IllegalArgumentException e) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.notAVersion(printable(rows.get(0))));
        }
        requireKnown(version, index, "catalog version");
        return version;
    }

    /**
     * The source catalog in this database, in words: the version in hdb_source_catalog_version when a v2 server
     * used it as a data source, v1's unversioned event_log objects, or none (a v2 metadata-only database).
     */
    static String sourceCatalog(Connection c) throws SQLException {
        if (tableExists(c, "hdb_catalog", "hdb_source_catalog_version")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT string_agg(version, ', ') FROM hdb_catalog.hdb_source_catalog_version");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return "version " + rs.getString(1) + " (this metadata database is also a data source)";
            }
        }
        if (tableExists(c, "hdb_catalog", "event_log")) {
            return "v1 event_log objects, unversioned (a v1 catalog, or one a v2 server has not used as a source yet)";
        }
        return "none (metadata only)";
    }

    /** Refuses a version outside the changelogs, naming which side it is on. */
    static void requireKnown(CatalogVersion version, ChangelogIndex index, String what) {
        if (version.isAbove(index.highest())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.newerThanKnown(what, version, index.range()));
        }
        if (version.isBelow(index.lowest())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.olderThanHandled(what, version, index.range()));
        }
    }

    private static String printable(String s) {
        String t = s == null ? "NULL" : Printable.escape(s);
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    private static boolean queryBoolean(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
