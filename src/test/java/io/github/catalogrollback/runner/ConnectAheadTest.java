package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The connection Main opens ahead (on a second thread, while the CLI starts) is the one the run then uses, a login
 * failure is reported as before, and a command that ends before it connects leaves no session behind on the server.
 * (Main's choice of address: ConnectionOptionsTest.)
 */
class ConnectAheadTest {

    /** The tool's sessions on this test's own database (every test has a fresh one). */
    private static int sessionsOf(TestDatabase db) {
        return Integer.parseInt(db.queryText("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'catalog-rollback' AND pid <> pg_backend_pid()"));
    }

    /** No session of the tool is left once a login (well under a second here) has had time to end: a leak would show. */
    private static void noSessionLeft(TestDatabase db, String what) throws InterruptedException {
        Thread.sleep(2000);
        assertEquals(0, sessionsOf(db), what);
    }

    private static boolean becomes(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private static DatabaseAddress address(TestDatabase db, String password) {
        return DatabaseAddress.parse(db.urlWithPassword(password), null);
    }

    @Test
    void theRunTakesTheConnectionOpenedAhead() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            DatabaseAddress address = address(db, db.password());
            try (Connections.Ahead ahead = Connections.openAhead(address)) {
                assertTrue(becomes(() -> sessionsOf(db) == 1), "connected before anyone asked");
                try (Connection c = Connections.open(address); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT current_setting('application_name')")) {
                    rs.next();
                    assertEquals("catalog-rollback", rs.getString(1));
                    assertEquals(1, sessionsOf(db), "the same session, not a second one");
                }
            }
            assertTrue(becomes(() -> sessionsOf(db) == 0), "closed by the run that took it");
        }
    }

    @Test
    void aConnectionNoRunTookIsClosedWithTheHandle() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            DatabaseAddress address = address(db, db.password());
            Connections.openAhead(address).close();
            noSessionLeft(db, "the connection no run took is closed once it has connected");
            try (Connection c = Connections.open(address)) {
                assertFalse(c.isClosed(), "a later open makes its own connection, not the discarded one");
            }
        }
    }

    @Test
    void aWrongPasswordFailsWhereTheRunConnectsWithTheUsualLineAndNoPassword() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            DatabaseAddress address = address(db, "Wr0ng-pa55");
            try (Connections.Ahead ahead = Connections.openAhead(address)) {
                RunFailure e = assertThrows(RunFailure.class, () -> Connections.open(address));
                assertEquals(RunFailure.Kind.CONNECTION, e.kind());
                assertTrue(e.getMessage().startsWith("cannot log in to database " + db.name()), e.getMessage());
                assertFalse(e.getMessage().contains("Wr0ng-pa55"), e.getMessage());
            }
        }
    }
}
