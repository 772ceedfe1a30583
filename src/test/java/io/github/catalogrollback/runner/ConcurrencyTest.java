package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.ChildRun;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Two runs on one database: the second fails fast with its own exit code while the first is still working,
 * and the first then completes. The first run is a real catalog-rollback process (a child JVM); it is held
 * mid-path by a session that reads hdb_version, as a running Hasura would (hence its --force).
 */
class ConcurrencyTest {

    @Test
    void secondRunFailsFastWhileTheFirstHoldsTheLock() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            try (Connection blocker = db.connect(); ChildRun first = startBlocked(db, blocker)) {
                CliRun second = CliRun.on(db, "--to-version", "46");

                assertEquals(5, second.exitCode(), "locked by another run\n" + second.printed());
                assertTrue(second.err().contains("another catalog-rollback run holds the lock"), second.printed());
                assertTrue(second.err().contains("nothing changed"), second.printed());
                assertTrue(first.isAlive(), "the first run was still working when the second gave up");
                blocker.commit();
                assertEquals(0, first.await(), first.output());
            }
            assertEquals("47", Catalogs.version(db), "the first run's target");
        }
    }

    private static ChildRun startBlocked(TestDatabase db, Connection blocker) throws Exception {
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
            st.execute("LOCK TABLE hdb_catalog.hdb_version IN ACCESS SHARE MODE");
        }
        ChildRun first = ChildRun.start(db, "--to-version", "47", "--force", "--lock-timeout", "120");
        first.awaitBlockedOnLock(db);
        return first;
    }
}
