package io.github.catalogrollback.safety;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Reads definitions the same way whatever the session is set to. PostgreSQL prints a default, a view or an
 * index relative to the session: a function or table reachable through {@code search_path} loses its schema
 * ({@code gen_hasura_uuid()} instead of {@code hdb_catalog.gen_hasura_uuid()} in a database with
 * {@code search_path = hdb_catalog, public}), {@code quote_all_identifiers} quotes every name, and DateStyle,
 * IntervalStyle, TimeZone, extra_float_digits and bytea_output change how constants are printed. The reading
 * runs with all of them pinned, and the session is left exactly as it was: inside a transaction the settings are
 * made under a savepoint that is rolled back; outside one, in a short transaction of its own.
 */
public final class PinnedReading {

    /**
     * The pinned settings. With only pg_catalog on the search path, everything outside pg_catalog is printed
     * with its schema.
     */
    static final String SETTINGS = "SELECT set_config('search_path', 'pg_catalog', true), set_config('quote_all_identifiers', 'off', true),"
            + " set_config('DateStyle', 'ISO, MDY', true), set_config('IntervalStyle', 'postgres', true),"
            + " set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '1', true),"
            + " set_config('bytea_output', 'hex', true), set_config('standard_conforming_strings', 'on', true)";

    /** What is read under the pinned settings. */
    @FunctionalInterface
    public interface Reading<T> {
        T read(Connection c) throws SQLException;
    }

    private PinnedReading() {
    }

    public static <T> T read(Connection c, Reading<T> reading) throws SQLException {
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
            try {
                pin(c);
                return reading.read(c);
            } finally {
                try {
                    c.rollback();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            pin(c);
            return reading.read(c);
        } finally {
            c.rollback(savepoint);
            c.releaseSavepoint(savepoint);
        }
    }

    private static void pin(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(SETTINGS);
        }
    }
}
