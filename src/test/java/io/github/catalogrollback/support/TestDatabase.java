package io.github.catalogrollback.support;

import io.github.catalogrollback.runner.DatabaseAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: one server per test run, a fresh database per test.
 * <ul>
 *   <li>{@code CATALOG_ROLLBACK_TEST_SERVER} set (postgres://user:password@host:port): that server is used
 *       ({@code scripts/test} starts the local PostgreSQL 15 and sets it where Docker does not run);</li>
 *   <li>otherwise a Testcontainers PostgreSQL 15 container, which needs Docker.</li>
 * </ul>
 */
public final class TestDatabase implements AutoCloseable {

    public static final String SERVER_ENV = "CATALOG_ROLLBACK_TEST_SERVER";

    private static Server server;

    /** The server's admin address, without a database. */
    private record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "postgres://" + user + ":" + password + "@" + host + ":" + port + "/" + database;
        }
    }

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** A new, empty database on the test server. Close it to drop it. */
    public static TestDatabase fresh() {
        return create("");
    }

    /** A new database that starts as an exact copy of another one (PostgreSQL's CREATE DATABASE … TEMPLATE). */
    public static TestDatabase copyOf(TestDatabase template) {
        return create(" TEMPLATE " + template.name);
    }

    private static TestDatabase create(String template) {
        String name = "cr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = adminConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
        }
        return new TestDatabase(name);
    }

    private static synchronized Server server() {
        if (server == null) {
            String configured = System.getenv(SERVER_ENV);
            if (configured != null && !configured.isBlank()) {
                DatabaseAddress a = DatabaseAddress.parse(configured, null);
                server = new Server(a.host(), a.port(), a.user(), a.password());
            } else {
                server = Containers.start();
            }
        }
        return server;
    }

    /** Starts PostgreSQL 15 in Docker through Testcontainers, once per test run. */
    private static final class Containers {
        @SuppressWarnings("resource")
        static Server start() {
            if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("no test PostgreSQL: set " + SERVER_ENV + "=postgres://user:password@host:port"
                        + " (scripts/test does this with a local server) or make Docker available for Testcontainers");
            }
            var container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:15");
            container.start();
            return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(), container.getPassword());
        }
    }

    private static Connection adminConnection() throws SQLException {
        Server s = server();
        return DriverManager.getConnection("jdbc:postgresql://" + s.host() + ":" + s.port() + "/postgres", s.user(), s.password());
    }

    public String name() {
        return name;
    }

    /** Hasura's form of the URL, with the password: what an operator passes as --database-url. */
    public String url() {
        return server().url(name);
    }

    /** The same URL with another password. */
    public String urlWithPassword(String password) {
        Server s = server();
        return "postgres://" + s.user() + ":" + password + "@" + s.host() + ":" + s.port() + "/" + name;
    }

    /** The URL as another user. */
    public String urlAs(String user, String password) {
        Server s = server();
        return "postgres://" + user + ":" + password + "@" + s.host() + ":" + s.port() + "/" + name;
    }

    /** Runs SQL on the server's postgres database (roles are cluster-wide). */
    public static void executeOnServer(String... sql) {
        try (Connection admin = adminConnection(); Statement st = admin.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public String password() {
        return server().password();
    }

    public String user() {
        return server().user();
    }

    public String jdbcUrl() {
        Server s = server();
        return "jdbc:postgresql://" + s.host() + ":" + s.port() + "/" + name;
    }

    /**
     * A connection to this database. Closing it waits until its server session has really ended: PostgreSQL ends a
     * backend a moment after the client hangs up, and a run that starts in that moment would (rightly) see another
     * client on the database and refuse.
     */
    public Connection connect() throws SQLException {
        Server s = server();
        return connectAs(s.user(), s.password());
    }

    /** A connection to this database as another role; closing it waits for its session to end, as {@link #connect()}. */
    public Connection connectAs(String user, String password) throws SQLException {
        Connection raw = DriverManager.getConnection(jdbcUrl(), user, password);
        int pid;
        try (Statement st = raw.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(raw, args);
                        if (method.getName().equals("close")) {
                            awaitSessionEnd(pid);
                        }
                        return result;
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Connection watcher;

    private static synchronized void awaitSessionEnd(int pid) throws SQLException, InterruptedException {
        if (watcher == null || watcher.isClosed()) {
            watcher = adminConnection();
        }
        for (int i = 0; i < 500; i++) {
            try (var ps = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
                ps.setInt(1, pid);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
    }

    /** Runs SQL statements (autocommit) on this database. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as text (null when there is no row). */
    public String queryText(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection admin = adminConnection(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
