package io.github.catalogrollback.runner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/** Opens the one connection a run uses, and turns driver errors into one-line messages without secrets. */
public final class Connections {

    private Connections() {
    }

    /** Connections being opened ahead of the run that will take them ({@link #openAhead}). */
    private static final Map<DatabaseAddress, CompletableFuture<Connection>> AHEAD = new ConcurrentHashMap<>();

    /**
     * A connection to the address: the one {@link #openAhead} started for it, if any (its failure, e.g. a wrong
     * password, is reported here as if it happened here), else a new one.
     */
    static Connection open(DatabaseAddress address) {
        CompletableFuture<Connection> ahead = AHEAD.remove(address);
        if (ahead == null) {
            return connect(address);
        }
        try {
            return ahead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** What {@link #openAhead} returns: closing it closes the connection if no {@link #open} took it. */
    public interface Ahead extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts opening a connection to the address on a second thread, so that the login (the driver's start, TCP,
     * SCRAM) overlaps the CLI's own start-up; the next {@link #open} of the same address takes it. Closing the handle
     * closes the connection if no open took it (the command failed before it connected, or named another address),
     * so none outlives its command. {@code Main} calls this with the address the command line names.
     */
    public static Ahead openAhead(DatabaseAddress address) {
        CompletableFuture<Connection> future = new CompletableFuture<>();
        if (AHEAD.putIfAbsent(address, future) != null) {
            return () -> { };
        }
        Thread thread = new Thread(() -> {
            try {
                future.complete(connect(address));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "connect-ahead");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            if (AHEAD.remove(address, future)) {
                future.thenAccept(Connections::closeQuietly);
            }
        };
    }

    private static Connection connect(DatabaseAddress address) {
        try {
            return DriverManager.getConnection(address.jdbcUrl(), address.properties());
        } catch (SQLException e) {
            throw new RunFailure(RunFailure.Kind.CONNECTION, describe(address, e), e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // it was never used; the server ends the session when the socket closes
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
            reason = "cannot connect to " + where + " (" + Printable.firstLine(e.getMessage()) + ")";
        } else {
            reason = "cannot connect to " + address.describe() + ": " + Printable.firstLine(e.getMessage());
        }
        return reason + "; nothing changed. Check --database-url and that the server accepts this client.";
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
        String line = Printable.firstLine(message);
        return line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
    }
}
