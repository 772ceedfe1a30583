package io.github.catalogrollback.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The JVM floor of scripts/bench: a JVM that only connects with pgjdbc (the driver in the tool's shaded jar)
 * and runs one query. Nothing a JVM-based catalog-rollback does can start faster than this.
 * Arguments: JDBC URL, user, password. Prints the catalog version.
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM hdb_catalog.hdb_version")) {
            rs.next();
            System.out.println(rs.getString(1));
        }
    }
}
