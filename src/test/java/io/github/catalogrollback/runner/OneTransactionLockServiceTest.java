package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.lockservice.StandardLockService;
import org.junit.jupiter.api.Test;

/**
 * Liquibase's lock on a run's connection: taken once inside the run's transaction, never waited for (stock Liquibase
 * polls for five minutes), and nothing printed on stdout (stock Liquibase opens a console for "Waiting for changelog
 * lock"). Other connections keep Liquibase's own service.
 */
class OneTransactionLockServiceTest {

    @Test
    void aTakenLockFailsAtOnceAndPrintsNothing() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            PrintStream stdout = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            for (int session = 1; session <= 2; session++) {
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    c.createStatement().execute("SELECT pg_advisory_xact_lock(hashtext('catalog-rollback'))");
                    try (LiquibaseSession liquibase = new LiquibaseSession(c)) {
                        c.createStatement().execute("UPDATE hdb_catalog_rollback.databasechangeloglock SET locked = TRUE WHERE id = 1");
                        liquibase.checkpoint();
                        LockService service = LockServiceFactory.getInstance().getLockService(liquibase.database());
                        assertInstanceOf(OneTransactionLockService.class, service, "session " + session + " gets the one-transaction"
                                + " service (Liquibase's factory forgets registrations when a session resets it)");
                        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
                        try {
                            assertThrows(LockException.class, service::waitForLock, "a taken lock fails at once");
                        } finally {
                            System.setOut(stdout);
                            c.rollback();
                        }
                    }
                }
            }
            assertEquals("", printed.toString(StandardCharsets.UTF_8), "nothing reaches stdout");
            try (Connection c = db.connect()) {
                Database plain = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                assertInstanceOf(StandardLockService.class, LockServiceFactory.getInstance().getLockService(plain));
                assertEquals(false, LockServiceFactory.getInstance().getLockService(plain) instanceof OneTransactionLockService,
                        "stock Liquibase in the same JVM keeps its own service");
                LockServiceFactory.getInstance().resetAll();
            }
        }
    }
}
