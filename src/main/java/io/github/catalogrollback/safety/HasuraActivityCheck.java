package io.github.catalogrollback.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for signs that graphql-engine (or anything else) is using the metadata database. A downgrade under a
 * running Hasura either queues behind its locks or pulls the catalog out from under it, so rollback and upgrade
 * refuse while any of these is seen, unless --force:
 * <ul>
 *   <li>any other client session connected to this database (pg_stat_activity), named as Hasura when its
 *       application_name says graphql-engine/hasura or its last query touches hdb_catalog or LISTENs;</li>
 *   <li>a schema notification written in the last {@value #RECENT_SECONDS} seconds (v2 servers write
 *       hdb_schema_notifications whenever metadata changes).</li>
 * </ul>
 * Sessions of other catalog-rollback runs are left to the advisory lock.
 */
public final class HasuraActivityCheck {

    static final int RECENT_SECONDS = 60;

    /** One thing seen: what, and why it looks like Hasura or another client. */
    public record Sign(String description) {

        /** True for a session that looks like graphql-engine, not just another client (source databases have those). */
        public boolean looksLikeHasura() {
            return description.contains("looks like graphql-engine") || description.contains("graphql-engine instance");
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private HasuraActivityCheck() {
    }

    public static List<Sign> look(Connection c) throws SQLException {
        List<Sign> signs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pid, usename, coalesce(application_name, ''), coalesce(host(client_addr), 'local socket'), coalesce(state, ''),
                       (application_name ~* '(graphql-engine|hasura)') AS named_hasura,
                       (query ~* 'hdb_catalog|LISTEN') AS touches_catalog
                FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                  AND coalesce(application_name, '') <> 'catalog-rollback'
                ORDER BY pid""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String why = rs.getBoolean(6) ? "looks like graphql-engine (application_name)"
                        : rs.getBoolean(7) ? "looks like graphql-engine (its last query uses hdb_catalog)" : "another client";
                signs.add(new Sign("session " + rs.getInt(1) + " of " + rs.getString(2) + " from " + rs.getString(4)
                        + (rs.getString(3).isEmpty() ? "" : " (" + rs.getString(3) + ")") + ", " + rs.getString(5) + ": " + why));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                               WHERE n.nspname = 'hdb_catalog' AND k.relname = 'hdb_schema_notifications')""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                try (PreparedStatement recent = c.prepareStatement("SELECT count(*) FROM hdb_catalog.hdb_schema_notifications"
                        + " WHERE updated_at > now() - make_interval(secs => " + RECENT_SECONDS + ")");
                     ResultSet r = recent.executeQuery()) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        signs.add(new Sign("hdb_schema_notifications was written less than " + RECENT_SECONDS
                                + " s ago: a graphql-engine instance changed metadata just now"));
                    }
                }
            }
        }
        return signs;
    }
}
