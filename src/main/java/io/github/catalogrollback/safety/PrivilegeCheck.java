package io.github.catalogrollback.safety;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the database user lacks for a run, found before anything changes: ownership of the catalog's objects
 * (ALTER and DROP need it) and the right to create the tool's schema, or to write in it.
 */
public final class PrivilegeCheck {

    private PrivilegeCheck() {
    }

    /** Each missing privilege, in words; empty when the user can run. */
    public static List<String> missing(Connection c, String toolSchema) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT k.relname, pg_get_userbyid(k.relowner)
                     FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                     WHERE n.nspname = 'hdb_catalog' AND k.relkind IN ('r', 'p', 'v', 'm', 'S')
                       AND NOT pg_has_role(current_user, k.relowner, 'USAGE')
                     ORDER BY k.relname""")) {
            List<String> notOwned = new ArrayList<>();
            String owner = null;
            while (rs.next()) {
                notOwned.add(rs.getString(1));
                owner = rs.getString(2);
            }
            if (!notOwned.isEmpty()) {
                missing.add("owner of " + notOwned.size() + " hdb_catalog objects (e.g. hdb_catalog." + notOwned.get(0)
                        + ", owned by " + owner + ")");
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + toolSchema + "'),"
                     + " has_database_privilege(current_database(), 'CREATE'),"
                     + " CASE WHEN to_regnamespace('" + toolSchema + "') IS NULL THEN false"
                     + "      ELSE has_schema_privilege('" + toolSchema + "', 'CREATE') AND has_schema_privilege('" + toolSchema + "', 'USAGE') END")) {
            rs.next();
            boolean exists = rs.getBoolean(1);
            if (!exists && !rs.getBoolean(2)) {
                missing.add("CREATE on the database (to create schema " + toolSchema + "; or create it beforehand and grant CREATE, USAGE on it)");
            } else if (exists && !rs.getBoolean(3)) {
                missing.add("CREATE and USAGE on schema " + toolSchema);
            }
        }
        return missing;
    }
}
