package io.github.catalogrollback.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the database user lacks, found before anything is read or changed, and whether the tool's own schema can be
 * trusted:
 * <ul>
 *   <li>to read (every command): USAGE on hdb_catalog and SELECT on its tables, and the same on the tool's schema;</li>
 *   <li>to run: ownership of the catalog's tables, sequences, views and functions (ALTER and DROP need it) and the
 *       right to create the tool's schema, or to write in it;</li>
 *   <li>the ownership rule: the tool's schema and everything in it must belong to the running user, to a role it is a
 *       member of, or to a superuser, and no trigger or rule may sit on its tables. Anyone else who owns them could
 *       make the next run execute code as the running user (a trigger on run_history fires as a superuser, say).</li>
 * </ul>
 */
public final class PrivilegeCheck {

    /**
     * The roles whose objects the running user may use without handing them its identity: itself, every role it is
     * a member of (directly or through others; pg_has_role would also say yes for every role to a superuser) and the
     * superusers (who can already act as anyone).
     */
    private static final String TRUSTED_ROLES = """
            WITH RECURSIVE mine(role) AS (
                SELECT oid FROM pg_roles WHERE rolname = current_user
                UNION SELECT m.roleid FROM pg_auth_members m JOIN mine ON m.member = mine.role)
            , trusted(role) AS (SELECT role FROM mine UNION SELECT oid FROM pg_roles WHERE rolsuper)
            """;

    private PrivilegeCheck() {
    }

    /** Each privilege missing to read these schemas (those that exist), in words; empty when the user can read them. */
    public static List<String> missingToRead(Connection c, List<String> schemas) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String schema : schemas) {
            try (PreparedStatement ps = c.prepareStatement("SELECT has_schema_privilege(n.oid, 'USAGE'),"
                    + " (SELECT count(*) FROM pg_class k WHERE k.relnamespace = n.oid AND k.relkind IN ('r', 'p', 'v', 'm')"
                    + "    AND NOT has_table_privilege(k.oid, 'SELECT')),"
                    + " (SELECT min(k.relname) FROM pg_class k WHERE k.relnamespace = n.oid AND k.relkind IN ('r', 'p', 'v', 'm')"
                    + "    AND NOT has_table_privilege(k.oid, 'SELECT'))"
                    + " FROM pg_namespace n WHERE n.nspname = ?")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    if (!rs.getBoolean(1)) {
                        missing.add("USAGE on schema " + schema);
                    } else if (rs.getLong(2) > 0) {
                        missing.add("SELECT on " + rs.getLong(2) + (rs.getLong(2) == 1 ? " table" : " tables") + " of " + schema
                                + " (e.g. " + schema + "." + rs.getString(3) + ")");
                    }
                }
            }
        }
        return missing;
    }

    /**
     * Each privilege missing for a run beyond reading hdb_catalog (which every verb checks first), in words; empty when
     * the user can run.
     */
    public static List<String> missing(Connection c, String toolSchema) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT kind, name, pg_get_userbyid(owner) FROM (
                    SELECT CASE k.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END AS kind,
                           k.relname::text AS name, k.relowner AS owner
                    FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                    WHERE n.nspname = 'hdb_catalog' AND k.relkind IN ('r', 'p', 'v', 'm', 'S')
                    UNION ALL
                    SELECT 'function', p.proname::text, p.proowner
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'hdb_catalog') o
                WHERE NOT pg_has_role(current_user, owner, 'USAGE')
                ORDER BY kind DESC, name""");
             ResultSet rs = ps.executeQuery()) {
            List<String> notOwned = new ArrayList<>();
            String example = null;
            while (rs.next()) {
                notOwned.add(rs.getString(2));
                if (example == null) {
                    example = rs.getString(1) + " hdb_catalog." + rs.getString(2) + ", owned by " + rs.getString(3);
                }
            }
            if (!notOwned.isEmpty()) {
                missing.add("owner of " + notOwned.size() + " hdb_catalog objects (e.g. " + example + ")");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?),"
                + " has_database_privilege(current_database(), 'CREATE'),"
                + " CASE WHEN to_regnamespace(?) IS NULL THEN false"
                + "      ELSE has_schema_privilege(?, 'CREATE') AND has_schema_privilege(?, 'USAGE') END")) {
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, toolSchema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean exists = rs.getBoolean(1);
                if (!exists && !rs.getBoolean(2)) {
                    missing.add("CREATE on the database (to create schema " + toolSchema + "; or create it beforehand, owned by this user)");
                } else if (exists && !rs.getBoolean(3)) {
                    missing.add("CREATE and USAGE on schema " + toolSchema);
                }
            }
        }
        return missing;
    }

    /**
     * What breaks the ownership rule in the tool's schema: the schema, a table, sequence, view, function, type or
     * operator in it owned by a role the running user does not trust, and any trigger or rule on its tables (the tool
     * creates none). Each finding names the object and its owner; empty when the schema does not exist or is sound.
     */
    public static List<String> untrustedToolObjects(Connection c, String toolSchema) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TRUSTED_ROLES + """
                SELECT what, pg_get_userbyid(owner), rank FROM (
                    SELECT 0 AS rank, 'schema ' || n.nspname AS what, n.nspowner AS owner FROM pg_namespace n WHERE n.nspname = ?
                    UNION ALL
                    SELECT 2, CASE k.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view '
                                  WHEN 'f' THEN 'foreign table ' WHEN 'c' THEN 'type ' ELSE 'table ' END || n.nspname || '.' || k.relname,
                           k.relowner
                    FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                    WHERE n.nspname = ? AND k.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
                    UNION ALL
                    SELECT 3, 'function ' || n.nspname || '.' || p.proname, p.proowner
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?
                    UNION ALL
                    SELECT 4, 'type ' || n.nspname || '.' || t.typname, t.typowner
                    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    WHERE n.nspname = ? AND t.typrelid = 0 AND t.typcategory <> 'A'
                    UNION ALL
                    SELECT 5, 'operator ' || n.nspname || '.' || o.oprname, o.oprowner
                    FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = ?) x
                WHERE owner NOT IN (SELECT role FROM trusted)
                ORDER BY rank, what""")) {
            for (int i = 1; i <= 5; i++) {
                ps.setString(i, toolSchema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + " is owned by " + rs.getString(2));
                }
            }
        }
        // Triggers and rules come right after the schema's owner: they are what runs code.
        int at = !found.isEmpty() && found.get(0).startsWith("schema ") ? 1 : 0;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 'trigger ' || t.tgname || ' on ' || n.nspname || '.' || k.relname
                FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ? AND NOT t.tgisinternal
                UNION ALL
                SELECT 'rule ' || r.rulename || ' on ' || n.nspname || '.' || k.relname
                FROM pg_rewrite r JOIN pg_class k ON k.oid = r.ev_class JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ? AND r.rulename <> '_RETURN'
                ORDER BY 1""")) {
            ps.setString(1, toolSchema);
            ps.setString(2, toolSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(at++, rs.getString(1) + " exists (catalog-rollback creates none)");
                }
            }
        }
        return found;
    }

    /**
     * What would make reading the tool's tables run somebody else's code (for the read-only commands, whose user need
     * not own them): one of the tables it reads is not a plain table (a view), has row-level security, or has rules.
     */
    public static List<String> unsafeToRead(Connection c, String toolSchema, List<String> tables) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname || '.' || k.relname, k.relkind, k.relrowsecurity,
                       EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = k.oid AND r.rulename <> '_RETURN'), pg_get_userbyid(k.relowner)
                FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ? AND k.relname = ANY (?)
                ORDER BY 1""")) {
            ps.setString(1, toolSchema);
            ps.setArray(2, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String what = rs.getString(1) + " (owned by " + rs.getString(5) + ")";
                    if (!"r".equals(rs.getString(2))) {
                        found.add(what + " is not a plain table");
                    } else if (rs.getBoolean(3)) {
                        found.add(what + " has row-level security");
                    } else if (rs.getBoolean(4)) {
                        found.add(what + " has rules");
                    }
                }
            }
        }
        return found;
    }
}
