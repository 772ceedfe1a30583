package io.github.catalogrollback.runner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens the one connection a run uses, and turns driver errors into one-line messages without secrets. */
final class Connections {

    private Connections() {
    }

    static Connection open(DatabaseAddress address) {
        try {
            return DriverManager.getConnection(address.jdbcUrl(), address.properties());
        } catch (SQLException e) {
            throw new RunFailure(RunFailure.Kind.CONNECTION, describe(address, e), e);
        }
    }

    private static String describe(DatabaseAddress address, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = address.host() + ":" + address.port();
        String reason;
        if (state.equals("28P01") || state.equals("28000")) {
            reason = "cannot log in to " + address.describe() + " (wrong user or password?)";
        } else if (state.equals("3D000")) {
            reason = "database " + address.database() + " does not exist on " + where;
        } else if (state.startsWith("08")) {
            reason = "cannot connect to " + where + " (" + firstLine(e.getMessage()) + ")";
        } else {
            reason = "cannot connect to " + address.describe() + ": " + firstLine(e.getMessage());
        }
        return reason + "; nothing changed. Check --database-url and that the server accepts this client.";
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    /** How long a statement of a transaction may wait for a lock before it fails. */
    static void setLockTimeout(Connection connection, java.time.Duration lockTimeout) throws SQLException {
        setLockTimeout(connection, lockTimeout, true);
    }

    /**
     * How long a statement may wait for a lock before it fails: for the open transaction ({@code local}), or for the
     * session (a connection in autocommit, whose every statement is its own transaction).
     */
    static void setLockTimeout(Connection connection, java.time.Duration lockTimeout, boolean local) throws SQLException {
        try (java.sql.PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, ?)")) {
            ps.setString(1, lockTimeout.toMillis() + "ms");
            ps.setBoolean(2, local);
            ps.execute();
        }
    }

    /** The innermost message of an exception chain, on one line: usually PostgreSQL's own words. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t != null) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            if (t instanceof SQLException) {
                break;
            }
            t = t.getCause();
        }
        String line = firstLine(message);
        return line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
    }
}
