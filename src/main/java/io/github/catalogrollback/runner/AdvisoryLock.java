package io.github.catalogrollback.runner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The lock that keeps two runs apart. A transaction-scoped advisory lock: it is taken before Liquibase
 * starts, fails fast instead of queueing, and disappears with the transaction, so a killed run never
 * leaves a stale lock behind.
 */
final class AdvisoryLock {

    /** The key, readable in pg_locks as classid/objid of this hash. */
    static final String KEY_SQL = "hashtext('catalog-rollback')";

    private AdvisoryLock() {
    }

    /** True if this transaction now holds the lock; false if another session holds it. */
    static boolean tryAcquire(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + KEY_SQL + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
