package io.github.catalogrollback.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * The connection to a source database other than the metadata database. For a run it holds its own transaction
 * and the run's advisory lock in that database (a second run there fails fast), from the checks to its COMMIT; for
 * status and plan it only reads.
 */
final class SourceDatabase implements AutoCloseable {

    /** A server session, to tell whether two connections reach the same database (pid and start time). */
    record Session(int pid, Timestamp started) {

        static Session of(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Session(rs.getInt(1), rs.getTimestamp(2));
            }
        }

        /** True when this session is connected to the database {@code other} is connected to. */
        boolean sameDatabaseAs(Connection other) throws SQLException {
            try (PreparedStatement ps = other.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?"
                    + " AND backend_start = ? AND datname = current_database())")) {
                ps.setInt(1, pid);
                ps.setTimestamp(2, started);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
    }

    private final DatabaseAddress address;
    private final Connection connection;
    private final boolean locked;
    private final Session session;
    private LiquibaseSession liquibase;
    private boolean ended;

    private SourceDatabase(DatabaseAddress address, Connection connection, boolean locked) throws SQLException {
        this.address = address;
        this.connection = connection;
        this.locked = locked;
        this.session = Session.of(connection);
    }

    /**
     * Connects. For a run ({@code forRun}), begins the transaction and tries the run's advisory lock; otherwise the
     * connection is read-only.
     *
     * @throws RunFailure CONNECTION when the database cannot be reached (its message never holds the password)
     */
    static SourceDatabase open(DatabaseAddress address, boolean forRun, Duration lockTimeout) {
        Connection c = Connections.open(address);
        try {
            if (!forRun) {
                c.setReadOnly(true);
                return new SourceDatabase(address, c, false);
            }
            c.setAutoCommit(false);
            boolean locked = AdvisoryLock.tryAcquire(c);
            if (locked) {
                Connections.setLockTimeout(c, lockTimeout);
            }
            return new SourceDatabase(address, c, locked);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new RunFailure(RunFailure.Kind.CONNECTION, Printable.firstLine(e.getMessage()), e);
        }
    }

    DatabaseAddress address() {
        return address;
    }

    Connection connection() {
        return connection;
    }

    Session session() {
        return session;
    }

    /** True when this connection holds the run's advisory lock in its database. */
    boolean locked() {
        return locked;
    }

    /** Liquibase for the source changelog on this connection's transaction, made on first use. */
    LiquibaseSession liquibase() throws SQLException {
        if (liquibase == null) {
            liquibase = new LiquibaseSession(connection).forSourceChangelog();
        }
        return liquibase;
    }

    void commit() throws SQLException {
        connection.commit();
        ended = true;
    }

    /** Rolls the transaction back (a dry run, or a failure); never throws. */
    void rollback() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is gone: PostgreSQL has rolled the transaction back itself.
        }
        ended = true;
    }

    /** Rolls back whatever did not commit, and disconnects. */
    @Override
    public void close() {
        if (!ended) {
            rollback();
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing a broken connection: nothing is left to release.
        }
    }
}
