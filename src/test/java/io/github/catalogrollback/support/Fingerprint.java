package io.github.catalogrollback.support;

import io.github.catalogrollback.safety.CatalogShape;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a test compares to prove what a run did or did not change: the exact catalog shape (names and
 * bodies included), a checksum of every row of every table in hdb_catalog, and Liquibase's history.
 */
public record Fingerprint(CatalogShape shape, Map<String, String> rowChecksums, List<String> history) {

    public static Fingerprint of(TestDatabase db) {
        try (Connection c = db.connect()) {
            return new Fingerprint(CatalogShape.read(c), rowChecksums(c), history(c));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static CatalogShape shape(TestDatabase db) {
        try (Connection c = db.connect()) {
            return CatalogShape.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** md5 over the sorted text of every row, per table of hdb_catalog. */
    static Map<String, String> rowChecksums(Connection c) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables"
                     + " WHERE schemaname = 'hdb_catalog'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String t : tables) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '')"
                         + " FROM " + t + " r")) {
                rs.next();
                sums.put(t, rs.getString(1));
            }
        }
        return sums;
    }

    static List<String> history(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet exists = st.executeQuery("SELECT to_regclass('hdb_catalog_rollback.databasechangelog') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return rows;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, tag, orderexecuted, md5sum FROM hdb_catalog_rollback.databasechangelog"
                     + " ORDER BY orderexecuted")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4));
            }
        }
        return rows;
    }
}
